// The renderer's only door to main: `window.openfax` in Electron, the WebSocket bridge in a
// browser. Calls resolve to the value or throw an IpcError carrying the contract's code.

import type { EventName, EventPayload, MethodName, MethodRequest, MethodResponse, OpenfaxBridge } from '../../../shared/ipc/contract.ts';
import { type IpcErrorPayload, subscriptionName } from '../../../shared/ipc/define.ts';
import { createWsBridge } from './ws-bridge.ts';

declare global {
  interface Window {
    openfax?: OpenfaxBridge;
  }
}

export class IpcError extends Error {
  readonly code: IpcErrorPayload['code'];
  readonly issues: IpcErrorPayload['issues'];
  constructor(payload: IpcErrorPayload) {
    super(payload.message);
    this.name = 'IpcError';
    this.code = payload.code;
    this.issues = payload.issues;
  }
}

function resolveBridge(): OpenfaxBridge {
  if (window.openfax) return window.openfax;
  const token = new URLSearchParams(location.search).get('token') ?? sessionStorage.getItem('openfax-token') ?? '';
  sessionStorage.setItem('openfax-token', token);
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return createWsBridge(`${proto}//${location.host}/ipc?token=${encodeURIComponent(token)}`);
}

export const bridge: OpenfaxBridge = resolveBridge();

export async function call<K extends MethodName>(
  name: K,
  ...args: MethodRequest<K> extends void ? [] : [MethodRequest<K>]
): Promise<MethodResponse<K>> {
  const fn = bridge[name] as unknown as (
    req: unknown,
  ) => Promise<{ ok: true; value: MethodResponse<K> } | { ok: false; error: IpcErrorPayload }>;
  const result = await fn(args[0]);
  if (!result.ok) throw new IpcError(result.error);
  return result.value;
}

export function subscribe<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void {
  const fn = (bridge as unknown as Record<string, (l: (p: unknown) => void) => () => void>)[subscriptionName(name)];
  if (!fn) throw new Error(`No subscription for ${name}`);
  return fn(listener as (p: unknown) => void);
}

export const capabilities = bridge.capabilities;

/** An error's message for the user, whatever was thrown. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
