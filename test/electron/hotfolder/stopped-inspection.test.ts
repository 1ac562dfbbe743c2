// A print the PDF check had to stop (too slow, too much memory) is never lost with the check's
// child: the hot folder puts it aside in Rejected/ with the reason, as it does an unreadable PDF,
// and goes on with the next file.

import { readFile, readdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createThreadInspector } from '../../../electron/pdf/thread-inspector.ts';
import { makePdf } from '../../fixtures/pdf/make-pdf.ts';
import { inflatingPdf, slowPdf } from '../pdf/hostile-pdfs.ts';
import { type Harness, spooledDocuments, startHarness } from './harness.ts';

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

async function harnessWithCaps(caps: { timeoutMs: number; memoryMb: number }): Promise<Harness> {
  const pdfInspector = createThreadInspector(caps);
  open.push({ close: () => pdfInspector.dispose() });
  const h = await startHarness({ pdfInspector, settleMs: 30 });
  open.push(h);
  return h;
}

/** Written beside the folder and moved in whole, as a printer's spooler finishes a file. */
async function drop(h: Harness, name: string, bytes: Uint8Array): Promise<void> {
  const staged = join(h.root, name);
  await writeFile(staged, bytes);
  await rename(staged, join(h.folder, name));
}

describe('hot folder: a document the PDF check stopped', () => {
  it('goes to Rejected/ whole, with a reason that names the fix, and the next print is taken', async () => {
    const h = await harnessWithCaps({ timeoutMs: 1000, memoryMb: 256 });
    const slow = slowPdf();
    await drop(h, 'statement.pdf', slow);
    await h.waitFor(() => h.rejected.length === 1, 'the slow PDF set aside');
    const [rejected] = h.rejected;
    expect(rejected.reason).toMatchObject({ code: 'too-complex', message: expect.stringMatching(/took longer than 1 s/) });
    expect(rejected.rejectedPath).toBe(join(h.folder, 'Rejected', 'statement.pdf'));
    expect(new Uint8Array(await readFile(rejected.rejectedPath))).toEqual(slow);
    const reason = await readFile(rejected.reasonPath, 'utf8');
    expect(reason).toMatch(/What is wrong: The PDF is too complex to check/);
    expect(reason).toMatch(/What to do: Open it in a PDF viewer and print it to PDF again/);
    expect(await spooledDocuments(h.spool)).toEqual([]);

    await drop(h, 'letter.pdf', await makePdf({ pages: ['Dear Ann'] }));
    await h.waitFor(() => h.documents.length === 1, 'the next print');
    expect(h.documents[0]).toMatchObject({ originalName: 'letter.pdf', pages: 1 });
    expect(h.errors).toEqual([]);
  });

  it('sets aside a print that needs more memory than the cap (its text is read for routing codes)', async () => {
    const h = await harnessWithCaps({ timeoutMs: 20_000, memoryMb: 256 });
    await drop(h, 'scan.pdf', await inflatingPdf(1024));
    await h.waitFor(() => h.rejected.length === 1, 'the inflating PDF set aside', 25_000);
    expect(h.rejected[0].reason.message).toMatch(/needed more than 256 MB of memory/);
    expect(await readdir(join(h.folder, 'Rejected'))).toEqual(['scan.pdf', 'scan.pdf.reason.txt']);
  });
});
