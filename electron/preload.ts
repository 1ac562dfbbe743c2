// Wiring only: exposes `window.openfax`, built from the contract, to an isolated, sandboxed
// renderer. The renderer never sees ipcRenderer; each method is one fixed channel. Only the
// names are imported (names.ts, no zod): main validates every payload, the preload just relays.
// Paths never cross to the page: dropped Files become paths here, in the isolated world, and
// the channels that carry them (PRELOAD_ONLY_METHODS) have no method the page could call.

import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { EVENT_NAMES, MAX_DROPPED_PATHS, PAGE_METHOD_NAMES, PATH_NOT_GRANTED } from '../shared/ipc/names.ts';
import { type Capabilities, eventChannel, methodChannel, subscriptionName } from '../shared/ipc/define.ts';

// The path of a File from a drop or a file input; '' for one page script made (Electron's answer),
// or for anything that is no File at all.
function pathOf(file: unknown): string {
  try {
    return webUtils.getPathForFile(file as File);
  } catch {
    return '';
  }
}

/** Dropped Files in, their paths to main; a File without a path gets the one refusal, main is not asked. */
function addDroppedFiles(files: unknown): Promise<unknown> {
  const paths = Array.isArray(files) ? files.map(pathOf) : [];
  if (paths.length === 0 || paths.some((path) => !path)) {
    return Promise.resolve({ ok: false, error: { code: PATH_NOT_GRANTED.code, message: PATH_NOT_GRANTED.message, field: 'files' } });
  }
  return ipcRenderer.invoke(methodChannel('addComposePaths'), { paths });
}

/**
 * A drop on the window grants main its files' paths, before the page's own handler asks to add
 * them: only a trusted event (a person's drop; page script cannot make one) counts.
 */
function grantDrops(target: Pick<Window, 'addEventListener'>): void {
  target.addEventListener(
    'drop',
    (event) => {
      if (!event.isTrusted) return;
      const paths = Array.from(event.dataTransfer?.files ?? [], pathOf)
        .filter(Boolean)
        .slice(0, MAX_DROPPED_PATHS);
      if (paths.length === 0) return;
      ipcRenderer.invoke(methodChannel('grantDroppedPaths'), { paths }).catch(() => undefined);
    },
    true,
  );
}

function buildBridge(): Record<string, unknown> {
  const bridge: Record<string, unknown> = {};
  for (const name of PAGE_METHOD_NAMES) {
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
  bridge.addDroppedFiles = addDroppedFiles;
  return Object.freeze(bridge);
}

grantDrops(window);
contextBridge.exposeInMainWorld('openfax', buildBridge());
