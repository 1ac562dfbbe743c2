// The one rule for encrypted PDFs and the form flattening, judged by what a reader of the
// faxed bytes sees: pdf.js's text, poppler's page count, and no form fields left.

import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PDFBool, PDFCheckBox, PDFDocument, PDFName } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText } from '../../../electron/pdf/extract-text.ts';
import { readFaxDocument } from '../../../electron/pdf/fax-document.ts';
import { mergePdfs } from '../../../electron/pdf/merge.ts';
import { planPaperSize } from '../../../electron/pdf/paper-size.ts';
import { PdfError } from '../../../electron/pdf/pdf-errors.ts';
import { A4, LETTER, makePdf, popplerPageCount, qpdfEncrypt } from '../../fixtures/pdf/make-pdf.ts';

const run = promisify(execFile);
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fax-document-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A one-page form, filled in: two text fields and a box, ticked unless `ticked` is false. */
async function filledForm(opts: { needAppearances: boolean; ticked?: boolean }): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage(LETTER);
  const form = doc.getForm();
  const name = form.createTextField('name');
  name.addToPage(page, { x: 72, y: 600, width: 300, height: 24 });
  name.setText('Jane Q. Sender');
  const account = form.createTextField('account');
  account.addToPage(page, { x: 72, y: 550, width: 300, height: 24 });
  account.setText('ACCT-778899');
  const agree = form.createCheckBox('agree');
  agree.addToPage(page, { x: 72, y: 500, width: 18, height: 18 });
  if (opts.ticked !== false) agree.check();
  const saved = await doc.save();
  if (!opts.needAppearances) return saved;
  // As a viewer that fills fields without drawing them leaves the file: text values without
  // appearances (a box keeps the on and off appearances it was made with).
  const viewer = await PDFDocument.load(saved);
  const vf = viewer.getForm();
  for (const field of vf.getFields()) {
    if (field instanceof PDFCheckBox) continue;
    for (const w of field.acroField.getWidgets()) w.dict.delete(PDFName.of('AP'));
  }
  vf.acroForm.dict.set(PDFName.of('NeedAppearances'), PDFBool.True);
  return viewer.save({ updateFieldAppearances: false });
}

async function fieldCount(bytes: Uint8Array): Promise<number> {
  return (await PDFDocument.load(bytes)).getForm().getFields().length;
}

async function widgetCount(bytes: Uint8Array): Promise<number> {
  const doc = await PDFDocument.load(bytes);
  return doc.getPages().reduce((n, p) => n + (p.node.Annots()?.size() ?? 0), 0);
}

describe('readFaxDocument: encryption, one rule', () => {
  it('refuses a PDF that needs a password, in the inspection and in a merge, naming the fix', async () => {
    const plain = join(dir, 'plain.pdf');
    await writeFile(plain, await makePdf({ pages: ['statement'] }));
    const locked = join(dir, 'locked.pdf');
    await qpdfEncrypt(plain, locked, 'secret');
    const inspected = await readFaxDocument(locked).catch((e: unknown) => e);
    expect(inspected).toBeInstanceOf(PdfError);
    expect(inspected).toMatchObject({ code: 'encrypted', message: expect.stringMatching(/needs a password to open/) });
    expect((inspected as PdfError).action).toMatch(/Openfax printer/);
    const merged = await mergePdfs([plain, locked], join(dir, 'never.pdf')).catch((e: unknown) => e);
    expect(merged).toMatchObject({ code: 'encrypted', message: expect.stringMatching(/^locked\.pdf: /) });
  });

  // qpdf's default object streams make pdf-lib read ciphertext unless the file is decrypted first.
  for (const [name, args] of [
    ['AES-256 (R6)', ['256']],
    ['AES-128 (R4)', ['128', '--use-aes=y']],
    ['RC4 128-bit (R3)', ['128', '--use-aes=n']],
    ['RC4 40-bit (R2)', ['40']],
  ] as const) {
    it(`takes an owner-password-only PDF (${name}): faxed unprotected, merged with its text intact`, async () => {
      const plain = join(dir, `plain-${args[0]}.pdf`);
      await writeFile(plain, await makePdf({ pages: ['Bank statement (March)', 'Balance 1,234.56'], size: A4 }));
      const owner = join(dir, `owner-${args.join('')}.pdf`);
      await run('qpdf', ['--allow-weak-crypto', '--encrypt', '', 'owner-pw', ...args, '--', plain, owner]);
      const doc = await readFaxDocument(owner);
      expect(doc.rewritten).toBe('decrypted');
      expect(doc.info).toMatchObject({ pages: 2, encrypted: false, paperSize: 'a4' });
      expect(await extractText(doc.bytes)).toMatch(/Bank statement \(March\)[\s\S]*Balance 1,234\.56/);
      expect((await PDFDocument.load(doc.bytes)).isEncrypted).toBe(false);

      const other = join(dir, 'cover-note.pdf');
      await writeFile(other, await makePdf({ pages: ['Please find attached'] }));
      const out = join(dir, `merged-${args.join('')}.pdf`);
      const merged = await mergePdfs([other, owner], out);
      expect(merged.pages).toBe(3);
      expect(await popplerPageCount(out)).toBe(3);
      expect(await extractText(out)).toMatch(/Please find attached[\s\S]*Bank statement \(March\)[\s\S]*Balance 1,234\.56/);
    });
  }

  it('leaves a plain PDF as it is', async () => {
    const bytes = await makePdf({ pages: ['as is'] });
    const doc = await readFaxDocument(bytes);
    expect(doc.rewritten).toBeUndefined();
    expect(Buffer.from(doc.bytes).equals(Buffer.from(bytes))).toBe(true);
  });
});

describe('readFaxDocument and mergePdfs: filled forms arrive filled', () => {
  for (const needAppearances of [false, true]) {
    const label = needAppearances ? 'NeedAppearances and no appearance streams' : 'appearance streams';
    it(`draws the values into the page (a form saved with ${label})`, async () => {
      const bytes = await filledForm({ needAppearances });
      // The values are annotations, not page text, before flattening.
      expect(await extractText(bytes)).not.toContain('Jane Q. Sender');
      const doc = await readFaxDocument(bytes);
      expect(doc.rewritten).toBe('form flattened');
      const text = await extractText(doc.bytes);
      expect(text).toContain('Jane Q. Sender');
      expect(text).toContain('ACCT-778899');
      expect(await fieldCount(doc.bytes)).toBe(0);
      expect(await widgetCount(doc.bytes)).toBe(0);

      const form = join(dir, `form-${needAppearances}.pdf`);
      await writeFile(form, bytes);
      const annex = join(dir, 'annex.pdf');
      await writeFile(annex, await makePdf({ pages: ['annex'] }));
      const out = join(dir, `merged-form-${needAppearances}.pdf`);
      await mergePdfs([form, annex], out);
      const merged = await extractText(out);
      expect(merged).toMatch(/Jane Q\. Sender[\s\S]*ACCT-778899[\s\S]*annex/);
      expect(await widgetCount(await readFile(out))).toBe(0);
    });
  }

  it('draws the ticked box as ticked: the printed box is darker than an unticked one', async () => {
    const ink = async (ticked: boolean) => {
      const doc = await readFaxDocument(await filledForm({ needAppearances: true, ticked }));
      const path = join(dir, `box-${ticked}.pdf`);
      await writeFile(path, doc.bytes);
      return darkPixels(path, { x: 72, y: LETTER[1] - 518, size: 18 });
    };
    const [ticked, unticked] = [await ink(true), await ink(false)];
    expect(unticked).toBeGreaterThan(0); // the box's border
    expect(ticked).toBeGreaterThan(unticked + 10);
  });
});

/** Dark pixels of a square of page 1 (points from the top left), rendered at 72 dpi by poppler. */
async function darkPixels(path: string, box: { x: number; y: number; size: number }): Promise<number> {
  const prefix = join(dir, `crop-${Math.random().toString(36).slice(2)}`);
  const geometry = ['-x', String(box.x), '-y', String(box.y), '-W', String(box.size), '-H', String(box.size)];
  await run('pdftoppm', ['-r', '72', '-gray', '-singlefile', '-f', '1', '-l', '1', ...geometry, path, prefix]);
  const pgm = await readFile(`${prefix}.pgm`);
  // P5 header: magic, width, height, maxval, each followed by one whitespace byte.
  const header = pgm
    .subarray(0, 40)
    .toString('latin1')
    .match(/^P5\s+\d+\s+\d+\s+\d+\s/);
  const pixels = pgm.subarray(header?.[0].length ?? 0);
  return pixels.filter((v) => v < 128).length;
}

describe('planPaperSize', () => {
  it('sends what the pages are unless a size was chosen, and names mixed sizes', () => {
    expect(planPaperSize(['a4', 'a4'], undefined, 'letter')).toEqual({ paperSize: 'a4' });
    expect(planPaperSize(['a4', 'a4', 'letter'], undefined, 'letter')).toEqual({
      paperSize: 'a4',
      note: 'Pages 1–2 are A4, page 3 is Letter; it will be sent as A4, other pages scaled to fit.',
    });
    expect(planPaperSize(['a4'], 'letter', 'letter')).toEqual({
      paperSize: 'letter',
      note: 'The pages are A4; it will be sent as Letter, as chosen, scaled to fit.',
    });
    expect(planPaperSize(['other'], undefined, 'legal')).toEqual({
      paperSize: 'legal',
      note: 'The pages are no fax paper size; they will be scaled to Legal.',
    });
  });
});
