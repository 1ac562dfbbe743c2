// Channels of the jobs feature. Declared here once; contract.ts joins every feature.

import type { z } from 'zod';
import type { MethodSpec } from '../define.ts';

export const jobsMethods = {} satisfies Record<string, MethodSpec>;

export const jobsEvents = {} satisfies Record<string, z.ZodType>;
