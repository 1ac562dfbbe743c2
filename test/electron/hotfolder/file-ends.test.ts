// The proof that a PDF on disk is whole, on real files: Ghostscript's, qpdf's linearised ones,
// pdf-lib's cross-reference streams, and the moments in between that a slow writer leaves.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isIgnoredName, isSidecarName } from '../../../electron/hotfolder/names.ts';
import { proveComplete } from '../../../electron/hotfolder/pdf-complete.ts';
import { firstEofEnd, incrementalUpdate, linearizedPdf } from './child-writer.ts';

let dir: string;
let n = 0;
let plain: Uint8Array;
let linear: Uint8Array;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'complete-'));
  ({ plain, linear } = await linearizedPdf(['one', 'two', 'three']));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function judge(bytes: Uint8Array | string) {
  const path = join(dir, `f${n++}.pdf`);
  await writeFile(path, bytes);
  return proveComplete(path);
}
const join2 = (...parts: (Uint8Array | string)[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : p)));

describe('proof that a PDF is complete', () => {
  it('takes whole files from Ghostscript, qpdf (linearised) and pdf-lib (cross-reference stream)', async () => {
    expect((await judge(plain)).verdict).toBe('complete');
    expect((await judge(linear)).verdict).toBe('complete');
    const doc = await PDFDocument.create();
    doc.addPage();
    const streamed = await doc.save({ useObjectStreams: true });
    expect(Buffer.from(streamed).includes('/XRef')).toBe(true);
    expect((await judge(streamed)).verdict).toBe('complete');
    // Padding and a PJL end-of-job after %%EOF, and a PJL job header before %PDF-.
    expect((await judge(join2(plain, '\r\n\0\0\x1a'))).verdict).toBe('complete');
    expect((await judge(join2('\x1b%-12345X@PJL JOB\n', plain, '\x1b%-12345X@PJL EOJ\n\x1b%-12345X'))).verdict).toBe('complete');
  });

  it('refuses a file cut short, or one with %%EOF but no table where startxref points', async () => {
    expect(await judge(plain.subarray(0, plain.byteLength - 40))).toMatchObject({
      verdict: 'incomplete',
      why: expect.stringMatching(/no %%EOF/),
    });
    expect(await judge('%PDF-1.4\nnot really a pdf at all\n%%EOF\n')).toMatchObject({
      verdict: 'incomplete',
      why: expect.stringMatching(/no startxref/),
    });
    const text = Buffer.from(plain).toString('latin1');
    const pointer = Number(/startxref\s+(\d+)/.exec(text.slice(text.lastIndexOf('startxref')))?.[1]);
    const wrong = Buffer.from(
      text.replace(new RegExp(`startxref\\s+${pointer}\\s+%%EOF\\s*$`), `startxref\n${pointer - 30}\n%%EOF\n`),
      'latin1',
    );
    expect(await judge(wrong)).toMatchObject({ verdict: 'incomplete', why: expect.stringMatching(/no cross-reference table/) });
    expect((await judge('')).verdict).toBe('incomplete');
    expect((await judge('Dear Sir, yours truly')).verdict).toBe('not-pdf');
    expect((await judge('\x1b%-12345X@PJL')).verdict).toBe('incomplete');
  });

  it('refuses a linearised file whose first-page trailer is all that is written so far', async () => {
    const firstPage = linear.subarray(0, firstEofEnd(linear));
    expect(firstPage.byteLength).toBeLessThan(linear.byteLength / 2);
    expect(Buffer.from(firstPage).toString('latin1')).toMatch(/startxref\s+0\s+%%EOF\s*$/);
    expect((await judge(firstPage)).verdict).toBe('incomplete');
    // Even when its first-page trailer points at its table, the file is shorter than its /L.
    const firstXref = Buffer.from(linear).indexOf('xref');
    const pointed = Buffer.from(
      Buffer.from(firstPage)
        .toString('latin1')
        .replace(/startxref\s+0\s+%%EOF/, `startxref\n${firstXref}\n%%EOF`),
      'latin1',
    );
    expect(await judge(pointed)).toMatchObject({ verdict: 'incomplete', why: expect.stringMatching(/bytes long/) });
  });

  it('lets the last startxref govern: an update half-appended is not the old revision', async () => {
    const update = incrementalUpdate(plain, 'second save');
    const whole = join2(plain, update);
    expect((await judge(whole)).verdict).toBe('complete');
    // Only its first byte (a line break) would pass: then the writer still holding the file is what waits.
    for (const cut of [2, 20, update.byteLength - 8])
      expect((await judge(join2(plain, update.subarray(0, cut)))).verdict, `cut at ${cut}`).toBe('incomplete');
    // The new trailer pointing at the old table (or nowhere) is not accepted either.
    const misdirected = Buffer.from(whole.toString('latin1').replace(/startxref\s+(\d+)\s+%%EOF\s*$/, 'startxref\n12\n%%EOF\n'), 'latin1');
    expect((await judge(misdirected)).verdict).toBe('incomplete');
  });
});

describe('names', () => {
  it('ignores temporary, hidden and lock files, and sidecars', () => {
    for (const name of [
      '.DS_Store',
      '.x.pdf',
      '~$Report.docx',
      'a.pdf.tmp',
      'b.PART',
      'c.pdf.crdownload',
      'd.download',
      'e.pdf~',
      'Thumbs.db',
      'desktop.ini',
    ]) {
      expect(isIgnoredName(name), name).toBe(true);
    }
    for (const name of ['report.pdf', 'scan 001.PDF', '15555551212 - x.pdf', 'openfax-print.pdf'])
      expect(isIgnoredName(name), name).toBe(false);
    expect(isSidecarName('x.pdf.json')).toBe(true);
    expect(isSidecarName('x.json')).toBe(false);
  });
});
