// The one IPC contract. Each feature declares its channels in contract/<feature>.ts; this
// file joins them. Add a feature by spreading its tables here; nothing else is kept in step.

import type { z } from 'zod';
import { accountEvents, accountMethods } from './contract/account.ts';
import { appEvents, appMethods } from './contract/app.ts';
import { composeEvents, composeMethods } from './contract/compose.ts';
import { contactsEvents, contactsMethods } from './contract/contacts.ts';
import { jobsEvents, jobsMethods } from './contract/jobs.ts';
import { mergeEvents, mergeMethods } from './contract/merge.ts';
import { printerEvents, printerMethods } from './contract/printer.ts';
import { reportEvents, reportMethods } from './contract/report.ts';
import { sentMethods } from './contract/sent.ts';
import { updateEvents, updateMethods } from './contract/update.ts';
import type { Capabilities, IpcResult, MethodSpec, ParsedRequestOf, RequestOf, ResponseOf, SubscriptionName } from './define.ts';
import type { EventName, MethodName, PageMethodName } from './names.ts';

export { EVENT_NAMES, type EventName, HOST_MEMBERS, METHOD_NAMES, type MethodName } from './names.ts';

export const methods = {
  ...appMethods,
  ...accountMethods,
  ...composeMethods,
  ...contactsMethods,
  ...jobsMethods,
  ...mergeMethods,
  ...printerMethods,
  ...reportMethods,
  ...sentMethods,
  ...updateMethods,
} satisfies Record<MethodName, MethodSpec>;

export const events = {
  ...appEvents,
  ...accountEvents,
  ...composeEvents,
  ...contactsEvents,
  ...jobsEvents,
  ...mergeEvents,
  ...printerEvents,
  ...reportEvents,
  ...updateEvents,
} satisfies Record<EventName, z.ZodType>;

export type Methods = typeof methods;
export type Events = typeof events;

// names.ts (what the zod-free preload reads) and the tables above declare the same channels:
// `satisfies` above fails for a name with no schema, these for a schema with no name.
type Within<All, Some extends All> = Some;
/** @public A compile-time check; nothing reads it. */
export type MethodNamesAgree = [Within<keyof Methods, MethodName>, Within<MethodName, keyof Methods>];
/** @public A compile-time check; nothing reads it. */
export type EventNamesAgree = [Within<keyof Events, EventName>, Within<EventName, keyof Events>];

/** What the renderer sends. */
export type MethodRequest<K extends MethodName> = RequestOf<Methods[K]>;
/** What main's handler receives, parsed (defaults applied). */
export type MethodParsedRequest<K extends MethodName> = ParsedRequestOf<Methods[K]>;
export type MethodResponse<K extends MethodName> = ResponseOf<Methods[K]>;
export type EventPayload<K extends EventName> = z.output<Events[K]>;

/**
 * The object the preload (or the browser bridge) exposes as `window.openfax`. Methods answer
 * with the envelope: a thrown error would lose its code crossing the context bridge.
 */
export type OpenfaxBridge = {
  readonly [K in PageMethodName]: (request: MethodRequest<K>) => Promise<IpcResult<MethodResponse<K>>>;
} & {
  readonly [K in EventName as SubscriptionName<K>]: (listener: (payload: EventPayload<K>) => void) => () => void;
} & {
  readonly capabilities: Capabilities;
  /** Electron only: adds dropped Files by the paths the preload reads (the page never sees one). */
  readonly addDroppedFiles?: (files: File[]) => Promise<IpcResult<MethodResponse<'addComposePaths'>>>;
};
