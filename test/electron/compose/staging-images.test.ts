// Compose stages an image as the PDF made of it, on the paper the draft uses, and says how far a
// long TIFF is; a Word file comes back refused with its own words and leaves nothing behind.

import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { imagePaperFor, stageDocument, stagedPath } from '../../../electron/compose/staging.ts';
import { bilevelTiff, imageFixture } from '../../fixtures/images/make-images.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'openfax-stage-images-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('staging images', () => {
  it('stages a fax TIFF as a PDF of its pages on the paper asked, telling how far it is', async () => {
    const progress: Array<{ name: string; done: number; total: number }> = [];
    const tiff = bilevelTiff(25, { width: 216, height: 280, xDpi: 25, yDpi: 25 });
    const r = await stageDocument(
      { kind: 'bytes', bytes: tiff, name: 'scan.tif', source: 'drop' },
      dir,
      () => 'a4',
      (p) => progress.push(p),
    );
    if (!r.ok) throw new Error(r.refused.message);
    expect(r.document).toMatchObject({ name: 'scan.tif', pages: 25, paperSize: 'a4' });
    const staged = await readFile(stagedPath(dir, r.document.id));
    expect(staged.subarray(0, 5).toString()).toBe('%PDF-');
    expect(progress).toEqual([
      { name: 'scan.tif', done: 10, total: 25 },
      { name: 'scan.tif', done: 20, total: 25 },
      { name: 'scan.tif', done: 25, total: 25 },
    ]);
  });

  it('refuses a Word file with the Word message, leaving no copy', async () => {
    const r = await stageDocument({ kind: 'bytes', bytes: imageFixture('letter.docx'), name: 'letter.docx', source: 'drop' }, dir);
    expect(r).toMatchObject({ ok: false, refused: { name: 'letter.docx', code: 'office-document' } });
    expect(r.ok ? '' : r.refused.message).toMatch(/^This is a Word document/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('makes images on the draft’s paper: its choice, else its documents’ size, else the default', () => {
    expect(imagePaperFor({ paperSize: 'legal', documents: [] }, 'letter')).toBe('legal');
    expect(imagePaperFor({ paperSize: null, documents: [{ pagePaper: ['a4', 'a4'] }] as never }, 'letter')).toBe('a4');
    expect(imagePaperFor({ paperSize: null, documents: [] }, 'letter')).toBe('letter');
  });
});
