import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectPdf } from '../../../electron/pdf/inspect.ts';
import { mergePdfs, type MergeProgress } from '../../../electron/pdf/merge.ts';
import { PdfError } from '../../../electron/pdf/pdf-errors.ts';
import { ghostscriptPdf, makePdf, popplerPageCount, popplerText, qpdfEncrypt } from '../../fixtures/pdf/make-pdf.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'merge-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('mergePdfs', () => {
  it('puts every page of every file in order into one PDF and reports progress', async () => {
    const a = join(dir, 'a.pdf');
    const b = join(dir, 'b.pdf');
    await writeFile(a, await makePdf({ pages: ['alpha one'] }));
    await ghostscriptPdf(b, ['beta one', 'beta two', 'beta three']);
    const out = join(dir, 'out.pdf');
    const progress: MergeProgress[] = [];
    const result = await mergePdfs([a, b], out, (p) => progress.push(p));
    expect(result.pages).toBe(4);
    expect(await popplerPageCount(out)).toBe(4);
    const info = await inspectPdf(out);
    expect(info.sha256).toBe(result.sha256);
    expect(info.size).toBe(result.size);
    const text = await popplerText(out);
    const order = ['alpha one', 'beta one', 'beta two', 'beta three'].map((s) => text.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
    expect(progress).toEqual([
      { done: 1, total: 2, path: a },
      { done: 2, total: 2, path: b },
    ]);
  });

  it('refuses a damaged or encrypted file by name and writes nothing', async () => {
    const good = join(dir, 'good.pdf');
    await writeFile(good, await makePdf());
    const broken = join(dir, 'broken.pdf');
    await writeFile(broken, '%PDF-1.7\nthis is not really a pdf\n');
    const locked = join(dir, 'locked.pdf');
    await qpdfEncrypt(good, locked);
    for (const [bad, code] of [
      [broken, 'damaged'],
      [locked, 'encrypted'],
    ] as const) {
      const out = join(dir, `never-${code}.pdf`);
      const error = await mergePdfs([good, bad], out).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PdfError);
      expect((error as PdfError).code).toBe(code);
      expect((error as PdfError).message).toContain(bad.split('/').pop());
      expect(await readdir(dir)).not.toContain(`never-${code}.pdf`);
    }
  });
});
