// The figures: a slow writer is never taken early (100 runs), a burst of 200 gives
// exactly 200 documents, and 20 prints to one file name 300 ms apart give 20 documents.

import { createHash } from 'node:crypto';
import { open, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makePdf } from '../../fixtures/pdf/make-pdf.ts';
import { spooledDocuments, startHarness } from './harness.ts';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
// The producers' own pace (a slow writer, a print port), not a wait for an outcome.
const writerPause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('hot folder under load', () => {
  it('never takes a 20 MB file written in 100 chunks with 50 ms pauses before it is closed (100 runs)', async () => {
    const bytes = await makePdf({ pages: ['slow writer'], padBytes: 20 * 1024 * 1024 });
    const digest = sha(bytes);
    const chunk = Math.ceil(bytes.byteLength / 100);
    const RUNS = 100;
    const AT_ONCE = 50;

    const oneRun = async (run: number) => {
      const h = await startHarness();
      try {
        const handle = await open(join(h.folder, `print-${run}.pdf`), 'w');
        for (let off = 0; off < bytes.byteLength; off += chunk) {
          await handle.write(bytes.subarray(off, Math.min(off + chunk, bytes.byteLength)));
          await writerPause(50);
        }
        await handle.close();
        const closedAt = performance.now();
        await h.waitFor(() => h.documents.length + h.rejected.length > 0, `run ${run}`, 30_000);
        expect(h.rejected).toEqual([]);
        expect(h.documents).toHaveLength(1);
        const doc = h.documents[0];
        expect(doc.at).toBeGreaterThanOrEqual(closedAt);
        expect(doc.sha256).toBe(digest);
        expect(sha(await readFile(doc.spoolPath))).toBe(digest);
        expect(h.errors).toEqual([]);
        return doc.at - closedAt;
      } finally {
        await h.close();
      }
    };

    const latencies: number[] = [];
    for (let start = 0; start < RUNS; start += AT_ONCE) {
      const batch = Array.from({ length: Math.min(AT_ONCE, RUNS - start) }, (_, i) => oneRun(start + i));
      latencies.push(...(await Promise.all(batch)));
    }
    expect(latencies).toHaveLength(RUNS);
  }, 120_000);

  it('turns a burst of 200 PDFs dropped at once into exactly 200 documents', async () => {
    const h = await startHarness();
    try {
      const files = await Promise.all(Array.from({ length: 200 }, (_, i) => makePdf({ pages: [`burst document ${i}`] })));
      await Promise.all(files.map((b, i) => writeFile(join(h.folder, `burst-${String(i).padStart(3, '0')}.pdf`), b)));
      await h.waitFor(() => h.documents.length >= 200, '200 documents', 60_000);
      // The folder is empty, so nothing more can be claimed; dispose reports all that was.
      expect(await readdir(h.folder)).toEqual([]);
      await h.hot.dispose();
      expect(h.documents).toHaveLength(200);
      expect(h.rejected).toEqual([]);
      expect(h.errors).toEqual([]);
      expect(new Set(h.documents.map((d) => d.sha256))).toEqual(new Set(files.map(sha)));
      expect(new Set(h.documents.map((d) => d.spoolPath)).size).toBe(200);
      expect(h.documents.every((d) => d.duplicateOf === undefined)).toBe(true);
      expect(await spooledDocuments(h.spool)).toHaveLength(200);
    } finally {
      await h.close();
    }
  }, 90_000);

  it('takes 20 prints to the same file name 300 ms apart as 20 documents (a Windows file port)', async () => {
    const h = await startHarness();
    try {
      const prints = await Promise.all(Array.from({ length: 20 }, (_, i) => makePdf({ pages: [`print number ${i}`] })));
      const port = join(h.folder, 'openfax-port.pdf');
      for (const bytes of prints) {
        await writeFile(port, bytes);
        await writerPause(300);
      }
      await h.waitFor(() => h.documents.length >= 20, '20 documents');
      expect(h.documents.map((d) => d.sha256)).toEqual(prints.map(sha));
      expect(h.rejected).toEqual([]);
      expect(h.errors).toEqual([]);
    } finally {
      await h.close();
    }
  }, 30_000);
});
