// Wiring only: exposes `window.openfax`, built from the contract, to an isolated, sandboxed
// renderer. The renderer never sees ipcRenderer; each method is one fixed channel. Only the
// names are imported (names.ts, no zod): main validates every payload, the preload just relays.

import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { EVENT_NAMES, METHOD_NAMES } from '../shared/ipc/names.ts';
import { type Capabilities, eventChannel, methodChannel, subscriptionName } from '../shared/ipc/define.ts';

export function buildBridge(): Record<string, unknown> {
  const bridge: Record<string, unknown> = {};
  for (const name of METHOD_NAMES) {
    bridge[name] = (request: unknown) => ipcRenderer.invoke(methodChannel(name), request);
  }
  for (const name of EVENT_NAMES) {
    bridge[subscriptionName(name)] = (listener: (payload: unknown) => void) => {
      if (typeof listener !== 'function') throw new TypeError('listener must be a function');
      const wrapped = (_event: unknown, payload: unknown) => listener(payload);
      ipcRenderer.on(eventChannel(name), wrapped);
      return () => {
        ipcRenderer.removeListener(eventChannel(name), wrapped);
      };
    };
  }
  const capabilities: Capabilities = { transport: 'electron', nativeFiles: true };
  bridge.capabilities = Object.freeze(capabilities);
  // A sandboxed renderer's File has no path; webUtils is the supported way to get it.
  bridge.pathForFile = (file: File) => webUtils.getPathForFile(file);
  return Object.freeze(bridge);
}

contextBridge.exposeInMainWorld('openfax', buildBridge());
