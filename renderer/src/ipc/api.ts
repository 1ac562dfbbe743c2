// The renderer's only door to main: `window.openfax` in Electron, the WebSocket bridge in a
// browser. Calls resolve to the value or throw an IpcError carrying the contract's code.
// Only the store imports this module (its actions are what components call); a test keeps it so.

import type { EventName, EventPayload, MethodRequest, MethodResponse, OpenfaxBridge } from '../../../shared/ipc/contract.ts';
import { type Capabilities, type IpcErrorPayload, subscriptionName } from '../../../shared/ipc/define.ts';
import { PATH_NOT_GRANTED, type PageMethodName } from '../../../shared/ipc/names.ts';
import { createWsBridge } from './ws-bridge.ts';

declare global {
  interface Window {
    openfax?: OpenfaxBridge;
  }
}

class IpcError extends Error {
  readonly code: IpcErrorPayload['code'];
  readonly issues: IpcErrorPayload['issues'];
  /** The request field the person must fix, when main named one. */
  readonly field: string | undefined;
  constructor(payload: IpcErrorPayload) {
    super(payload.message);
    this.name = 'IpcError';
    this.code = payload.code;
    this.issues = payload.issues;
    this.field = payload.field;
  }
}

let wsBridge: OpenfaxBridge | undefined;

function createBrowserBridge(): OpenfaxBridge {
  const token = new URLSearchParams(location.search).get('token') ?? sessionStorage.getItem('openfax-token') ?? '';
  sessionStorage.setItem('openfax-token', token);
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return createWsBridge(`${proto}//${location.host}/ipc?token=${encodeURIComponent(token)}`);
}

// Looked up on each use, not at import: the WebSocket opens only when the preload gave no
// bridge, and a test can hand the store a fake `window.openfax`.
function bridge(): OpenfaxBridge {
  if (window.openfax) return window.openfax;
  wsBridge ??= createBrowserBridge();
  return wsBridge;
}

export async function call<K extends PageMethodName>(
  name: K,
  ...args: MethodRequest<K> extends void ? [] : [MethodRequest<K>]
): Promise<MethodResponse<K>> {
  const fn = bridge()[name] as unknown as (
    req: unknown,
  ) => Promise<{ ok: true; value: MethodResponse<K> } | { ok: false; error: IpcErrorPayload }>;
  const result = await fn(args[0]);
  if (!result.ok) throw new IpcError(result.error);
  return result.value;
}

export function subscribe<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void {
  const fn = (bridge() as unknown as Record<string, (l: (p: unknown) => void) => () => void>)[subscriptionName(name)];
  if (!fn) throw new Error(`No subscription for ${name}`);
  return fn(listener as (p: unknown) => void);
}

/** What the host can do (native dialogs, file paths): the only way to tell Electron and the browser apart. */
export function hostCapabilities(): Capabilities {
  return bridge().capabilities;
}

/**
 * Electron: adds dropped Files by path, without copying their bytes over IPC (the preload reads
 * the paths; the page never sees one). Throws the IpcError `path-not-granted` where the host has
 * no paths or a File has none (not from a drop).
 */
export async function addDroppedFiles(files: File[]): Promise<MethodResponse<'addComposePaths'>> {
  const add = bridge().addDroppedFiles;
  if (!add) throw new IpcError({ code: PATH_NOT_GRANTED.code, message: PATH_NOT_GRANTED.message });
  const result = await add(files);
  if (!result.ok) throw new IpcError(result.error);
  return result.value;
}
