// The machinery the contract is declared with. Everything else (the preload's API, the
// browser bridge, main's handler table, the renderer's types) is derived from it.

import type { z } from 'zod';

export interface MethodSpec<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  request: Req;
  response: Res;
}

/** Declares one invoke-style channel: the request schema main validates, and the response type. */
export function method<Req extends z.ZodType, Res extends z.ZodType>(request: Req, response: Res): MethodSpec<Req, Res> {
  return { request, response };
}

export type MethodTable = Record<string, MethodSpec>;

/** What a caller sends (the renderer): defaults may be left out. */
export type RequestOf<M extends MethodSpec> = z.input<M['request']>;
/** What a handler receives: the request after the router parsed it, defaults applied. */
export type ParsedRequestOf<M extends MethodSpec> = z.output<M['request']>;
export type ResponseOf<M extends MethodSpec> = z.output<M['response']>;

/** `jobChanged` → `onJobChanged`. */
export type SubscriptionName<E extends string> = `on${Capitalize<E>}`;

export function subscriptionName(event: string): string {
  return `on${event[0]?.toUpperCase() ?? ''}${event.slice(1)}`;
}

const IPC_PREFIX = 'openfax:';
const IPC_EVENT_PREFIX = 'openfax-event:';

export function methodChannel(name: string): string {
  return `${IPC_PREFIX}${name}`;
}

export function eventChannel(name: string): string {
  return `${IPC_EVENT_PREFIX}${name}`;
}

/** The transport's own failures; `failed` is a refusal that named no code of its own. */
export type IpcTransportErrorCode = 'invalid-payload' | 'unknown-method' | 'forbidden-sender' | 'failed' | 'internal';

/** A transport code, or the kebab-case code of the handler's refusal ('import-expired', 'printer-busy'). */
export type IpcErrorCode = IpcTransportErrorCode | (string & {});

export interface IpcErrorPayload {
  code: IpcErrorCode;
  message: string;
  /** The request field the person must fix, for a handler's refusal ('accountId', 'ids'). */
  field?: string;
  /** Which field was wrong, for invalid payloads. */
  issues?: Array<{ path: string; message: string }>;
}

/** Every invoke returns this envelope, so a typed error survives the trip (Electron flattens thrown errors to strings). */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcErrorPayload };

/** What the renderer may ask the host for; the only way it can tell Electron and the browser apart. */
export interface Capabilities {
  transport: 'electron' | 'web';
  /** Native open/save dialogs and absolute file paths for dropped files. */
  nativeFiles: boolean;
}
