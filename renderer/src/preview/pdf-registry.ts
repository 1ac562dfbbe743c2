// Open PDFs of the preview, by key (a draft document id, a local file still uploading, the
// cover page). Bytes come from the file the user dropped when we have it (no round trip), or
// from main by document id. Releasing a key destroys its pdf.js document (worker memory).

import { openPdfBytes, type PDFDocumentProxy } from './pdfjs.ts';

interface Entry {
  bytes?: Uint8Array;
  fetch?: () => Promise<Uint8Array>;
  doc?: Promise<PDFDocumentProxy>;
}

const entries = new Map<string, Entry>();

/** Bytes we already hold (a dropped file, a cover preview). */
export function provideBytes(key: string, bytes: Uint8Array): void {
  const e = entries.get(key) ?? {};
  e.bytes = bytes;
  entries.set(key, e);
}

/** Where to get the bytes when they are first needed. */
export function provideFetcher(key: string, fetch: () => Promise<Uint8Array>): void {
  const e = entries.get(key) ?? {};
  e.fetch ??= fetch;
  entries.set(key, e);
}

export function openPdf(key: string): Promise<PDFDocumentProxy> {
  const e = entries.get(key);
  if (!e) return Promise.reject(new Error(`No document ${key} in the preview`));
  if (!e.doc) {
    const bytes = e.bytes ? Promise.resolve(e.bytes) : e.fetch ? e.fetch() : Promise.reject(new Error(`No bytes for ${key}`));
    e.doc = bytes.then(async (b) => {
      const doc = await openPdfBytes(b);
      // pdf.js holds its own copy now; a 50 MB file should not stay twice in the JS heap.
      e.bytes = undefined;
      return doc;
    });
    e.doc.catch(() => {
      if (entries.get(key) === e) e.doc = undefined;
    });
  }
  return e.doc;
}

const shown = new Map<string, () => void>();
const shownKeys = new Set<string>();

/** The preview drew a page of `key` (the large view): whoever waits for it may go on. */
export function markShown(key: string): void {
  shownKeys.add(key);
  shown.get(key)?.();
  shown.delete(key);
}

/** Resolves once a page of `key` is on screen, or after `timeoutMs` (the screen may be elsewhere). */
export function whenShown(key: string, timeoutMs: number): Promise<void> {
  if (shownKeys.has(key)) return Promise.resolve();
  return new Promise((resolve) => {
    const t = setTimeout(() => {
      shown.delete(key);
      resolve();
    }, timeoutMs);
    shown.set(key, () => {
      clearTimeout(t);
      resolve();
    });
  });
}

export function releasePdf(key: string): void {
  shownKeys.delete(key);
  const e = entries.get(key);
  if (!e) return;
  entries.delete(key);
  void e.doc?.then((d) => d.destroy()).catch(() => undefined);
}
