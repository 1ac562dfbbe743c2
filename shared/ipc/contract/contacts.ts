// Channels of the contacts feature. Declared here once; contract.ts joins every feature.

import type { z } from 'zod';
import type { MethodSpec } from '../define.ts';

export const contactsMethods = {} satisfies Record<string, MethodSpec>;

export const contactsEvents = {} satisfies Record<string, z.ZodType>;
