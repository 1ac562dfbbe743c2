// What the hot folder reports. Payloads are plain data so main can forward them over IPC.

import type { PaperGuess } from '../pdf/paper-size.ts';
import type { PdfProblemCode } from '../pdf/pdf-errors.ts';
import type { RouteResult } from './routing.ts';

export interface HotFolderDocument {
  /** Where the document now lives (ours); the hot folder no longer has it. */
  spoolPath: string;
  /** Where the routing sidecar was moved, if there was one. */
  sidecarPath?: string;
  originalName: string;
  pages: number;
  paperSize: PaperGuess;
  paperSizeMismatch: boolean;
  sha256: string;
  size: number;
  /** Set when identical content (same SHA-256 and size) was claimed before: its hash. */
  duplicateOf?: string;
  route: RouteResult;
  /** ms since epoch: when the file was seen complete and moved. */
  claimedAt: number;
  /** The file was a link to this one: its content was taken, the file itself left in place. */
  linkTarget?: string;
  /**
   * Taken up again after a crash that came while it was being handed to the outbox (ms since
   * epoch, when that began): the outbox may already have it, so ask before sending it again.
   */
  handOffSince?: number;
}

export interface HotFolderRejected {
  originalName: string;
  rejectedPath: string;
  reasonPath: string;
  reason: { code: PdfProblemCode; message: string; action: string };
}

export interface HotFolderError {
  message: string;
  path?: string;
  cause?: unknown;
}

export type HotFolderStatus = 'starting' | 'watching' | 'paused' | 'folder-missing' | 'stopped';

/** Something in the folder a person should know about, said once (a folder named like a PDF). */
export interface HotFolderNotice {
  message: string;
  path: string;
}

export interface HotFolderState {
  status: HotFolderStatus;
  folder: string;
  /** Plain words for the settings screen (why the folder is missing, …). */
  detail?: string;
}

export interface HotFolderEvents {
  document: HotFolderDocument;
  rejected: HotFolderRejected;
  error: HotFolderError;
  notice: HotFolderNotice;
  state: HotFolderState;
}

export type Listener<T> = (payload: T) => void;

/** A tiny typed emitter: `on` returns its own unsubscribe; a throwing listener cannot stop the others. */
export function createEmitter<M extends object>(onListenerError: (error: unknown) => void) {
  const listeners = new Map<keyof M, Set<Listener<never>>>();
  return {
    on<K extends keyof M>(event: K, listener: Listener<M[K]>): () => void {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as Listener<never>);
      return () => {
        set.delete(listener as Listener<never>);
      };
    },
    emit<K extends keyof M>(event: K, payload: M[K]): void {
      for (const listener of [...(listeners.get(event) ?? [])]) {
        try {
          (listener as Listener<M[K]>)(payload);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
    clear(): void {
      listeners.clear();
    },
  };
}
