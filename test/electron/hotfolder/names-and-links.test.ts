// Issue 16, items 11 and 12: names at the file system's limit, links, folders named like a
// PDF, and a second watcher on the same folder. Each has a clear outcome, the person's file
// is kept, and nothing false is said.

import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fitName } from '../../../electron/hotfolder/names.ts';
import { type RoutedSend, startHeadlessWatch, type WatchReport } from '../../../electron/hotfolder/headless-watch.ts';
import { createMemoryLedger } from '../../../electron/hotfolder/ledger.ts';
import { makePdf } from '../../fixtures/pdf/make-pdf.ts';
import { type Harness, startHarness } from './harness.ts';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function watchTemp() {
  const root = await mkdtemp(join(tmpdir(), 'names-'));
  cleanup.push(() => rm(root, { recursive: true, force: true }));
  const folder = join(root, 'shared');
  const sent: Array<RoutedSend & { sha256: string }> = [];
  const reports: WatchReport[] = [];
  const watch = startHeadlessWatch({
    folder,
    spoolDir: join(root, 'spool'),
    ledger: createMemoryLedger(),
    send: async (r) => {
      sent.push({ ...r, sha256: sha(await readFile(r.pdfPath)) });
      return { ok: true, jobIds: [sent.length] };
    },
    onReport: (r) => reports.push(r),
  });
  cleanup.push(() => watch.dispose());
  await watch.hotFolder.whenReady();
  const until = (predicate: () => boolean, what: string) =>
    vi.waitFor(
      () => {
        if (!predicate()) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(reports)}`);
      },
      { timeout: 15_000, interval: 10 },
    );
  const of = (kind: WatchReport['kind']) => reports.filter((r) => r.kind === kind);
  return { root, folder, sent, reports, watch, until, of };
}

describe('names at the limit', () => {
  it('sets a 255-byte name aside with a shortened name that keeps its extension, and says so', async () => {
    const t = await watchTemp();
    const long = `Rechnung ${'ü'.repeat(121)}.pdf`;
    const routed = `12125550170 - ${'x'.repeat(237)}.pdf`;
    expect([Buffer.byteLength(long), Buffer.byteLength(routed)]).toEqual([255, 255]);
    const bytes = await makePdf({ pages: ['long name'] });
    await writeFile(join(t.folder, long), bytes);
    await writeFile(join(t.folder, routed), await makePdf({ pages: ['routed long name'] }));
    await t.until(() => t.of('review').length === 1 && t.of('sent').length === 1, 'a review and a send');
    expect(t.of('error')).toEqual([]);
    expect(t.sent.map((s) => s.originalName)).toEqual([routed]);

    const review = join(t.folder, 'Needs review');
    const names = await readdir(review);
    const kept = names.find((n) => n.endsWith('.pdf')) as string;
    expect(names.sort()).toEqual([kept, `${kept}.reason.txt`].sort());
    expect(kept).toBe(fitName(long, 18));
    expect(kept).toMatch(/^Rechnung ü+~[0-9a-f]{8}\.pdf$/);
    expect(Buffer.byteLength(`${kept}.reason.txt`)).toBeLessThanOrEqual(255);
    expect(await readFile(join(review, kept))).toEqual(Buffer.from(bytes));
    const reason = await readFile(join(review, `${kept}.reason.txt`), 'utf8');
    expect(reason).toContain(`Openfax did not send "${long}"`);
    expect(reason).toMatch(/its full name is too long to have a reason file beside it, so it was shortened/);
  });

  it('keeps two long names that start alike apart', () => {
    const a = fitName(`${'a'.repeat(260)}-one.pdf`, 18);
    const b = fitName(`${'a'.repeat(260)}-two.pdf`, 18);
    expect(a).not.toBe(b);
    expect([Buffer.byteLength(a), Buffer.byteLength(b)]).toEqual([237, 237]);
    expect(fitName('short.pdf', 18)).toBe('short.pdf');
  });
});

describe('links', () => {
  it('faxes what a relative link points to, removes only the link, and leaves the file it names in place', async () => {
    const t = await watchTemp();
    const docs = join(t.root, 'docs');
    await mkdir(docs);
    const contract = await makePdf({ pages: ['contract'] });
    const letter = await makePdf({ pages: ['letter without a number'] });
    await writeFile(join(docs, 'contract.pdf'), contract);
    await writeFile(join(docs, 'letter.pdf'), letter);
    await writeFile(join(docs, 'notes.txt'), 'not a pdf');
    await symlink('../docs/contract.pdf', join(t.folder, '12125550171 - contract.pdf'));
    await symlink('../docs/letter.pdf', join(t.folder, 'letter.pdf'));
    await symlink('../docs/notes.txt', join(t.folder, 'notes.pdf'));
    await t.until(() => t.reports.filter((r) => ['sent', 'review', 'rejected'].includes(r.kind)).length === 3, 'three outcomes');

    expect(t.sent.map((s) => [s.originalName, s.sha256])).toEqual([['12125550171 - contract.pdf', sha(contract)]]);
    expect(t.of('error')).toEqual([]);
    // The person's files are untouched; the links are gone from the folder.
    expect(await readFile(join(docs, 'contract.pdf'))).toEqual(Buffer.from(contract));
    expect(await readFile(join(docs, 'letter.pdf'))).toEqual(Buffer.from(letter));
    expect(await readFile(join(docs, 'notes.txt'), 'utf8')).toBe('not a pdf');
    expect((await readdir(t.folder)).sort()).toEqual(['Needs review', 'Rejected']);
    // What was set aside is a copy (no link that would point nowhere), with the link named in its reason.
    const reviewed = join(t.folder, 'Needs review', 'letter.pdf');
    expect((await lstat(reviewed)).isSymbolicLink()).toBe(false);
    expect(await readFile(reviewed)).toEqual(Buffer.from(letter));
    expect(await readFile(`${reviewed}.reason.txt`, 'utf8')).toContain(
      `It was a link to "${join(docs, 'letter.pdf')}": that file was left where it is`,
    );
    const rejected = join(t.folder, 'Rejected', 'notes.pdf');
    expect((await lstat(rejected)).isSymbolicLink()).toBe(false);
    expect(await readFile(rejected, 'utf8')).toBe('not a pdf');
    expect(await readFile(`${rejected}.reason.txt`, 'utf8')).toContain('It was a link to');
  });
});

describe('folders named like a PDF', () => {
  it('says once that a folder is not taken, and again for a new one', async () => {
    const base = await mkdtemp(join(tmpdir(), 'pdf-folder-'));
    cleanup.push(() => rm(base, { recursive: true, force: true }));
    const folder = join(base, 'in');
    await mkdir(join(folder, 'Scans.pdf'), { recursive: true });
    await mkdir(join(folder, 'other'));
    await writeFile(join(folder, 'Scans.pdf', 'inside.pdf'), await makePdf());
    const h = await startHarness({ folder });
    cleanup.push(() => h.close());
    // Said by the time the first scan is reported.
    expect(h.notices).toEqual([
      { path: join(folder, 'Scans.pdf'), message: expect.stringMatching(/"Scans\.pdf" is a folder, not a PDF file, so it was left alone/) },
    ]);
    await h.hot.rescan();
    await mkdir(join(folder, 'More.PDF'));
    await h.hot.rescan();
    expect(h.notices.map((n) => n.path)).toEqual([join(folder, 'Scans.pdf'), join(folder, 'More.PDF')]);
    await h.hot.rescan();
    expect(h.notices).toHaveLength(2);
    expect(h.documents).toEqual([]);
    expect(existsSync(join(folder, 'Scans.pdf', 'inside.pdf'))).toBe(true);
  });
});

describe('two watchers on one folder', () => {
  it('takes each file once and says nothing about the files the other one took', async () => {
    const a = await startHarness();
    const b = await startHarness({ folder: a.folder });
    cleanup.push(async () => {
      await b.close();
      await a.close();
    });
    const files = await Promise.all(Array.from({ length: 40 }, (_, i) => makePdf({ pages: [`shared ${i}`] })));
    await Promise.all(files.map((bytes, i) => writeFile(join(a.folder, `doc-${i}.pdf`), bytes)));
    const all = (hs: Harness[]) => hs.flatMap((h) => h.documents);
    await a.waitFor(() => all([a, b]).length === 40, '40 documents');
    // Dispose waits for every claim attempt in flight: a false "Could not take" would be in by then.
    await a.hot.dispose();
    await b.hot.dispose();
    expect(
      all([a, b])
        .map((d) => d.sha256)
        .sort(),
    ).toEqual(files.map(sha).sort());
    expect([a.errors, b.errors]).toEqual([[], []]);
    expect([...a.rejected, ...b.rejected]).toEqual([]);
  });
});
