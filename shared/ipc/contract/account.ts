// Channels of the account feature. Declared here once; contract.ts joins every feature.

import type { z } from 'zod';
import type { MethodSpec } from '../define.ts';

export const accountMethods = {} satisfies Record<string, MethodSpec>;

export const accountEvents = {} satisfies Record<string, z.ZodType>;
