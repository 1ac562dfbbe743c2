// The browser host's transport: the same bridge shape as the preload, over a WebSocket to
// the real main-side handlers. The token comes from the URL the host printed.

import type { OpenfaxBridge } from '../../../shared/ipc/contract.ts';
import { type IpcResult, subscriptionName } from '../../../shared/ipc/define.ts';
import { EVENT_NAMES, PAGE_METHOD_NAMES } from '../../../shared/ipc/names.ts';

type Pending = { resolve: (v: IpcResult<unknown>) => void };

export function createWsBridge(url: string): OpenfaxBridge {
  let socket: WebSocket | undefined;
  let opened: Promise<WebSocket> | undefined;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  const connect = (): Promise<WebSocket> => {
    if (opened) return opened;
    opened = new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.onopen = () => {
        socket = ws;
        resolve(ws);
      };
      ws.onerror = () => reject(new Error('Cannot reach the Openfax host. Is `npm run web` still running?'));
      ws.onclose = () => {
        opened = undefined;
        socket = undefined;
        for (const [, p] of pending) {
          p.resolve({ ok: false, error: { code: 'internal', message: 'Lost the connection to the Openfax host.' } });
        }
        pending.clear();
        // Reconnect so events keep flowing after the host restarts.
        setTimeout(() => void connect().catch(() => {}), 1000);
      };
      ws.onmessage = (msg) => {
        const data = JSON.parse(String(msg.data)) as { id?: number; result?: IpcResult<unknown>; event?: string; payload?: unknown };
        if (data.id !== undefined && data.result) {
          pending.get(data.id)?.resolve(data.result);
          pending.delete(data.id);
        } else if (data.event) {
          for (const l of listeners.get(data.event) ?? []) l(data.payload);
        }
      };
    });
    return opened;
  };

  const bridge: Record<string, unknown> = {};
  // Paths are Electron's alone (the preload's): the browser's bridge has no channel that takes one.
  for (const name of PAGE_METHOD_NAMES) {
    bridge[name] = async (request: unknown) => {
      const ws = socket ?? (await connect());
      const id = nextId++;
      return new Promise<IpcResult<unknown>>((resolve) => {
        pending.set(id, { resolve });
        ws.send(JSON.stringify({ id, method: name, payload: request }));
      });
    };
  }
  for (const name of EVENT_NAMES) {
    bridge[subscriptionName(name)] = (listener: (payload: unknown) => void) => {
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      set.add(listener);
      void connect().catch(() => {});
      return () => set.delete(listener);
    };
  }
  bridge.capabilities = Object.freeze({ transport: 'web', nativeFiles: false });
  return Object.freeze(bridge) as unknown as OpenfaxBridge;
}
