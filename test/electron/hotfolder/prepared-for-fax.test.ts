// A printed PDF with only an owner password, or with a filled form, is faxed as every other
// entry faxes it: the hot folder's spool copy is decrypted and flattened before it is routed,
// and the same file always gives the same hash (the ledger still knows it again).

import { copyFile, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryLedger } from '../../../electron/hotfolder/ledger.ts';
import { createLock, processClaimed } from '../../../electron/hotfolder/process-claimed.ts';
import { extractText } from '../../../electron/pdf/extract-text.ts';
import { inspectPdf } from '../../../electron/pdf/inspect.ts';
import { LETTER, makePdf, qpdfEncrypt } from '../../fixtures/pdf/make-pdf.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'openfax-prepared-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function filledForm(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage(LETTER);
  const field = doc.getForm().createTextField('name');
  field.addToPage(page, { x: 72, y: 600, width: 300, height: 24 });
  field.setText('Jane Q. Sender');
  return doc.save();
}

async function process(spoolPath: string) {
  const deps = { ledger: createMemoryLedger(), ledgerLock: createLock(), inHand: new Set<string>(), textMaxPages: 5 };
  const outcome = await processClaimed({ spoolPath, originalName: 'scan.pdf', folder: dir, claimedAt: Date.now() }, deps);
  if (outcome.kind !== 'document') throw new Error(`rejected: ${JSON.stringify(outcome.rejected.reason)}`);
  return outcome.document;
}

describe('hot-folder documents are prepared for faxing in the spool', () => {
  it('decrypts an owner-password PDF: it is taken, not refused, and the copy is no longer encrypted', async () => {
    const plain = join(dir, 'statement-plain.pdf');
    await writeFile(plain, await makePdf({ pages: ['Bank statement 2026-11'] }));
    const spool = join(dir, 'statement.pdf');
    await qpdfEncrypt(plain, spool, '');
    expect((await inspectPdf(spool)).encrypted).toBe(true);
    const doc = await process(spool);
    const after = await inspectPdf(spool);
    expect(after).toMatchObject({ encrypted: false, pages: 1 });
    expect(doc.sha256).toBe(after.sha256);
    expect(await extractText(spool)).toContain('Bank statement 2026-11');
  });

  it('flattens a filled form, the same way every time, and leaves no spare file behind', async () => {
    const bytes = await filledForm();
    const a = join(dir, 'form-a.pdf');
    const b = join(dir, 'form-b.pdf');
    await writeFile(a, bytes);
    await copyFile(a, b);
    const [docA, docB] = [await process(a), await process(b)];
    expect((await inspectPdf(a)).hasForm).toBe(false);
    expect(await extractText(a)).toContain('Jane Q. Sender');
    expect(docA.sha256).toBe(docB.sha256);
    expect((await readdir(dir)).filter((n) => n.endsWith('.preparing'))).toEqual([]);
  });
});
