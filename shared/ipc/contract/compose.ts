// Channels of the compose feature. Declared here once; contract.ts joins every feature.

import type { z } from 'zod';
import type { MethodSpec } from '../define.ts';

export const composeMethods = {} satisfies Record<string, MethodSpec>;

export const composeEvents = {} satisfies Record<string, z.ZodType>;
