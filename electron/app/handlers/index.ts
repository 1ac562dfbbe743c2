// The handler table: one entry per contract channel, assembled from feature modules.
// `satisfies Handlers` makes a missing or undeclared channel a type error.

import type { Handlers } from '../ipc-router.ts';
import type { AppServices } from '../services.ts';
import { appHandlers } from './app-handlers.ts';

export function createHandlers(s: AppServices): Handlers {
  return {
    ...appHandlers(s),
  } satisfies Handlers;
}
