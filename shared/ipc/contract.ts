// The one IPC contract. Each feature declares its channels in contract/<feature>.ts; this
// file joins them. Add a feature by spreading its tables here; nothing else is kept in step.

import type { z } from 'zod';
import { accountEvents, accountMethods } from './contract/account.ts';
import { appEvents, appMethods } from './contract/app.ts';
import { composeEvents, composeMethods } from './contract/compose.ts';
import { contactsEvents, contactsMethods } from './contract/contacts.ts';
import { jobsEvents, jobsMethods } from './contract/jobs.ts';
import { printerEvents, printerMethods } from './contract/printer.ts';
import type { Capabilities, IpcResult, RequestOf, ResponseOf, SubscriptionName } from './define.ts';

export const methods = {
  ...appMethods,
  ...accountMethods,
  ...composeMethods,
  ...contactsMethods,
  ...jobsMethods,
  ...printerMethods,
};

export const events = {
  ...appEvents,
  ...accountEvents,
  ...composeEvents,
  ...contactsEvents,
  ...jobsEvents,
  ...printerEvents,
};

export type Methods = typeof methods;
export type Events = typeof events;
export type MethodName = keyof Methods & string;
export type EventName = keyof Events & string;
export type MethodRequest<K extends MethodName> = RequestOf<Methods[K]>;
export type MethodResponse<K extends MethodName> = ResponseOf<Methods[K]>;
export type EventPayload<K extends EventName> = z.output<Events[K]>;

/**
 * The object the preload (or the browser bridge) exposes as `window.openfax`. Methods answer
 * with the envelope: a thrown error would lose its code crossing the context bridge.
 */
export type OpenfaxBridge = {
  readonly [K in MethodName]: (request: MethodRequest<K>) => Promise<IpcResult<MethodResponse<K>>>;
} & {
  readonly [K in EventName as SubscriptionName<K>]: (listener: (payload: EventPayload<K>) => void) => () => void;
} & {
  readonly capabilities: Capabilities;
  /** Electron only: the absolute path of a dropped or picked File (webUtils.getPathForFile). */
  readonly pathForFile?: (file: File) => string;
};

/** Bridge members that are not channels. */
export const HOST_MEMBERS = ['capabilities', 'pathForFile'] as const;

export const METHOD_NAMES = Object.keys(methods) as MethodName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];
