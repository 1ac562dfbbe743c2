// Attack: a hostile renderer names paths for Compose to read (addComposePaths), to get a file's
// bytes back through the preview (getComposeDocumentBytes) or to learn from the refusals what
// is on the disk. Main reads only paths it was handed (a drop, the dialog, "Open with", the hot
// folder), and answers every other path alike, without looking at it.

import { mkdirSync, readdirSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stagingDir } from '../../../electron/compose/staging.ts';
import { PATH_NOT_GRANTED } from '../../../shared/ipc/names.ts';
import { makePdf } from '../../fixtures/pdf/make-pdf.ts';
import { type HandlersHarness, startHandlers } from '../app/handlers-harness.ts';

let h: HandlersHarness;
let pdf: string;
let folder: string;

beforeAll(async () => {
  h = await startHandlers({ dispatched: new Set(), transport: 'electron' });
  pdf = join(h.dataDir, 'Payroll.pdf');
  writeFileSync(pdf, await makePdf({ pages: ['salaries'] }));
  folder = join(h.dataDir, 'Private');
  mkdirSync(folder);
});
afterAll(() => h.close());

const staged = () => readdirSync(stagingDir(h.dataDir)).sort();
const documents = async () => (await h.value('getCompose', undefined)).draft.documents;
/** The answer without the name the caller gave (echoed back so a person can tell files apart). */
const unnamed = (refused: Array<{ name: string }>) => refused.map(({ name: _n, ...rest }) => rest);

describe('Compose reads no path it was not handed', () => {
  it('answers an existing file, a missing one, a folder and /etc/passwd alike, and reads none', async () => {
    const probes = [
      pdf,
      join(h.dataDir, 'missing.pdf'),
      folder,
      '/etc/passwd',
      'Payroll.pdf',
      join(folder, '..', 'Payroll.pdf'),
      '/dev/zero',
    ];
    const before = { staged: staged(), documents: await documents() };
    const answers = [];
    for (const path of probes) {
      const r = await h.value('addComposePaths', { paths: [path] });
      expect(r.added, path).toEqual([]);
      expect(
        r.refused.map((x) => x.name),
        path,
      ).toEqual([basename(path)]);
      answers.push(unnamed(r.refused));
    }
    for (const answer of answers) expect(answer).toEqual([PATH_NOT_GRANTED]);
    // All at once: one answer each, in order.
    const all = await h.value('addComposePaths', { paths: probes });
    expect(unnamed(all.refused)).toEqual(probes.map(() => PATH_NOT_GRANTED));
    // Nothing was staged, so the preview has no bytes to hand back.
    expect(staged()).toEqual(before.staged);
    expect(await documents()).toEqual(before.documents);
  });

  it('answers the browser transport with the same words, whatever the path', async () => {
    for (const path of [pdf, '/etc/passwd', join(h.dataDir, 'missing.pdf')]) {
      expect(await h.refusal('addComposePaths', { paths: [path] }, 'web')).toEqual({
        code: PATH_NOT_GRANTED.code,
        message: PATH_NOT_GRANTED.message,
        field: 'paths',
      });
    }
  });

  it('gives a grant that is gone, or no longer the file granted, the same answer', async () => {
    const before = staged();
    // Dropped, then removed, or a folder: nothing to read as granted.
    const gone = join(h.dataDir, 'gone.pdf');
    writeFileSync(gone, await makePdf());
    await h.value('grantDroppedPaths', { paths: [gone, folder] });
    renameSync(gone, join(h.dataDir, 'moved.pdf'));
    // Dropped, then swapped for a link to another file: the other file is not read.
    const swapped = join(h.dataDir, 'Swapped.pdf');
    writeFileSync(swapped, await makePdf({ pages: ['what was dropped'] }));
    // Main answers the grant once it has pinned the file.
    await h.value('grantDroppedPaths', { paths: [swapped] });
    renameSync(swapped, join(h.dataDir, 'Swapped.old'));
    symlinkSync('/etc/passwd', swapped);
    const r = await h.value('addComposePaths', { paths: [gone, folder, swapped] });
    expect(r.added).toEqual([]);
    expect(unnamed(r.refused)).toEqual([PATH_NOT_GRANTED, PATH_NOT_GRANTED, PATH_NOT_GRANTED]);
    expect(staged()).toEqual(before);
  });

  it('tells a person why a file they dropped cannot be faxed', async () => {
    const notes = join(h.dataDir, 'notes.pdf');
    writeFileSync(notes, 'Just some text, named .pdf');
    await h.value('grantDroppedPaths', { paths: [notes, pdf] });
    const r = await h.value('addComposePaths', { paths: [notes, pdf] });
    expect(r.refused).toMatchObject([{ name: 'notes.pdf', code: 'not-pdf', message: expect.stringMatching(/^The file is not a PDF/) }]);
    expect(r.added).toMatchObject([{ name: 'Payroll.pdf', pages: 1, source: 'drop' }]);
    // Its grant was used: naming it again is refused.
    expect(unnamed((await h.value('addComposePaths', { paths: [pdf] })).refused)).toEqual([PATH_NOT_GRANTED]);
  });
});
