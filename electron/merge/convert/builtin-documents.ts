// The documents the built-in converter's page may fetch: each under a one-time URL of the page's
// own origin (`/merge-docx/<128 random bits>`), held only while its print runs and answered
// once. A filled document holds one person's details; nothing else on the machine, or a second
// page, can read it by guessing, or again later.

import { randomBytes } from 'node:crypto';
import { DOCX_PRINT_DOC_PREFIX, isDocxPrintDocPath } from '../../../shared/docx-print.ts';

const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The headers a document is answered with, on either host: never cached, never sniffed. */
export const DOCX_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': DOCX_CONTENT_TYPE,
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
};

export interface OfferedDocument {
  /** The path the page fetches (`/merge-docx/<token>`). */
  path: string;
  /** Forgets it, taken or not. */
  withdraw(): void;
}

export interface OneTimeDocuments {
  /** Holds a document under a new unguessable path until it is taken or withdrawn. */
  offer(bytes: Uint8Array): OfferedDocument;
  /** The document at `pathname`, once: afterwards (or for any other path) undefined, a 404. */
  take(pathname: string): Uint8Array | undefined;
  /** Documents offered and not yet taken or withdrawn (tests: nothing is kept). */
  readonly held: number;
}

export function createOneTimeDocuments(): OneTimeDocuments {
  const held = new Map<string, Uint8Array>();
  return {
    offer(bytes) {
      const path = `${DOCX_PRINT_DOC_PREFIX}${randomBytes(16).toString('hex')}`;
      held.set(path, bytes);
      return { path, withdraw: () => held.delete(path) };
    },
    take(pathname) {
      if (!isDocxPrintDocPath(pathname)) return undefined;
      const bytes = held.get(pathname);
      held.delete(pathname);
      return bytes;
    },
    get held() {
      return held.size;
    },
  };
}
