import { createHash } from 'node:crypto';
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PDF_BYTES } from '../../../shared/domain.ts';
import { inspectPdf } from '../../../electron/pdf/inspect.ts';
import { PdfError, describePdfError } from '../../../electron/pdf/pdf-errors.ts';
import { A4, LEGAL, LETTER, ghostscriptPdf, makePdf, makeZeroPagePdf, popplerPageCount, qpdfEncrypt } from '../../fixtures/pdf/make-pdf.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'inspect-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function failure(input: string | Uint8Array): Promise<PdfError> {
  try {
    await inspectPdf(input);
  } catch (error) {
    expect(error).toBeInstanceOf(PdfError);
    return error as PdfError;
  }
  throw new Error('expected inspectPdf to fail');
}

describe('inspectPdf', () => {
  it('counts pages, measures them and hashes the bytes', async () => {
    const bytes = await makePdf({ pages: ['one', 'two', 'three'], size: LETTER });
    const path = join(dir, 'three.pdf');
    await writeFile(path, bytes);
    const info = await inspectPdf(path);
    expect(info.pages).toBe(3);
    expect(info.pages).toBe(await popplerPageCount(path));
    expect(info.pageSizes).toEqual([
      { width: 612, height: 792 },
      { width: 612, height: 792 },
      { width: 612, height: 792 },
    ]);
    expect(info.paperSize).toBe('letter');
    expect(info.paperSizeMismatch).toBe(false);
    expect(info.encrypted).toBe(false);
    expect(info.size).toBe(bytes.byteLength);
    expect(info.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('detects A4 and Legal, landscape pages, and mixed sizes', async () => {
    expect((await inspectPdf(await makePdf({ size: A4 }))).paperSize).toBe('a4');
    expect((await inspectPdf(await makePdf({ size: LEGAL }))).paperSize).toBe('legal');
    const landscape = await inspectPdf(await makePdf({ size: LETTER, rotate: 90 }));
    expect(landscape.pageSizes[0]).toEqual({ width: 792, height: 612 });
    expect(landscape.paperSize).toBe('letter');
    const mixed = await inspectPdf(await makePdf({ pages: ['a', 'b', 'c'], size: [A4, A4, LETTER] }));
    expect(mixed.paperSize).toBe('a4');
    expect(mixed.paperSizeMismatch).toBe(true);
    const odd = await inspectPdf(await makePdf({ size: [300, 300] }));
    expect(odd.paperSize).toBe('other');
  });

  it('reads a Ghostscript PDF (A4) the same way poppler does', async () => {
    const path = join(dir, 'gs.pdf');
    await ghostscriptPdf(path, ['first', 'second'], 'a4');
    const info = await inspectPdf(path);
    expect(info.pages).toBe(2);
    expect(info.paperSize).toBe('a4');
  });

  it('does not take ownership of bytes the caller passed', async () => {
    const bytes = await makePdf();
    const copy = bytes.slice();
    await inspectPdf(bytes);
    expect(bytes.byteLength).toBe(copy.byteLength);
    expect(Buffer.from(bytes).equals(Buffer.from(copy))).toBe(true);
  });

  it('refuses a PDF that needs a password to open, and takes one with only an owner password', async () => {
    const plain = join(dir, 'plain.pdf');
    await writeFile(plain, await makePdf());
    const locked = join(dir, 'locked.pdf');
    await qpdfEncrypt(plain, locked, 'secret');
    const ownerOnly = join(dir, 'owner-only.pdf');
    await qpdfEncrypt(plain, ownerOnly, '');
    const error = await failure(locked);
    expect(error.code).toBe('encrypted');
    expect(error.message).toMatch(/needs a password to open/);
    expect(error.action).toMatch(/print it to the Openfax printer .* without a password/);
    const allowed = await inspectPdf(ownerOnly);
    expect(allowed).toMatchObject({ encrypted: true, hasForm: false, pages: 1, paperSize: 'letter' });
    expect(allowed.pages).toBe(await popplerPageCount(ownerOnly));
  });

  it('names what is wrong and what to do for each failure', async () => {
    const text = join(dir, 'note.pdf');
    await writeFile(text, 'Dear Sir,\nthis is not a PDF.\n');
    const notPdf = await failure(text);
    expect(notPdf.code).toBe('not-pdf');
    expect(notPdf.message).toMatch(/not a PDF/);
    expect(notPdf.action).toMatch(/export it to PDF/);

    const empty = join(dir, 'empty.pdf');
    await writeFile(empty, '');
    expect((await failure(empty)).code).toBe('empty');

    const whole = await makePdf({ pages: ['a', 'b'] });
    const damaged = await failure(whole.slice(0, Math.floor(whole.byteLength / 3)));
    expect(damaged.code).toBe('damaged');
    expect(damaged.action).toMatch(/print or export it to PDF again/);

    expect((await failure(makeZeroPagePdf())).code).toBe('no-pages');

    const huge = join(dir, 'huge.pdf');
    await writeFile(huge, await makePdf());
    await truncate(huge, MAX_PDF_BYTES + 1);
    const tooLarge = await failure(huge);
    expect(tooLarge.code).toBe('too-large');
    expect(tooLarge.message).toMatch(/50 MB/);

    const missing = await failure(join(dir, 'missing.pdf'));
    expect(missing.code).toBe('unreadable');
    expect(describePdfError(missing)).toMatch(/What to do: /);
  });
});
