// The handler table: one entry per contract channel, assembled from feature modules.
// `satisfies Handlers` makes a missing or undeclared channel a type error.

import type { Handlers } from '../ipc-router.ts';
import type { AppServices } from '../services.ts';
import { accountHandlers } from './account-handlers.ts';
import { appHandlers } from './app-handlers.ts';
import { composeHandlers } from './compose-handlers.ts';
import { contactsHandlers } from './contacts-handlers.ts';
import { jobsHandlers } from './jobs-handlers.ts';
import { mergeHandlers } from './merge-handlers.ts';
import { printerHandlers } from './printer-handlers.ts';
import { reportHandlers } from './report-handlers.ts';
import { sentHandlers } from './sent-handlers.ts';
import { updateHandlers } from './update-handlers.ts';

export function createHandlers(s: AppServices): Handlers {
  return {
    ...appHandlers(s),
    ...accountHandlers(s),
    ...composeHandlers(s),
    ...contactsHandlers(s),
    ...jobsHandlers(s),
    ...mergeHandlers(s),
    ...printerHandlers(s),
    ...reportHandlers(s),
    ...sentHandlers(s),
    ...updateHandlers(s),
  } satisfies Handlers;
}
