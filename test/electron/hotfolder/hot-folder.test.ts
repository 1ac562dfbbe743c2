import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemoryLedger } from '../../../electron/hotfolder/ledger.ts';
import { makePdf, qpdfEncrypt } from '../../fixtures/pdf/make-pdf.ts';
import { harnessPerTest, openWatchers } from './harness.ts';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const harness = harnessPerTest();

describe('hot folder: taking documents', () => {
  it('moves a dropped PDF into the spool and reports it with pages, paper size, hash and route', async () => {
    const h = await harness();
    const bytes = await makePdf({ pages: ['Invoice\n{{fax: 212 555 0100}}', 'page two'] });
    await writeFile(join(h.folder, 'invoice.pdf'), bytes);
    await h.waitFor(() => h.documents.length === 1, 'the document');
    const doc = h.documents[0];
    expect(doc).toMatchObject({ originalName: 'invoice.pdf', pages: 2, paperSize: 'letter', sha256: sha(bytes), size: bytes.byteLength });
    expect(doc.duplicateOf).toBeUndefined();
    expect(doc.route).toMatchObject({ source: 'codes', problems: [], recipients: [expect.objectContaining({ number: '12125550100' })] });
    expect(sha(await readFile(doc.spoolPath))).toBe(sha(bytes));
    expect(doc.spoolPath.startsWith(h.spool)).toBe(true);
    expect(await readdir(h.folder)).toEqual([]);
    // Seen is not sent: the ledger hears of it only when its consumer has queued it.
    expect(h.ledger.entries).toHaveLength(0);
    await h.hot.finish(doc, 'sent');
    expect(h.ledger.entries).toMatchObject([{ sha256: sha(bytes), originalName: 'invoice.pdf' }]);
    expect(existsSync(doc.spoolPath)).toBe(false);
    expect(h.errors).toEqual([]);
  });

  it('takes files already in the folder at start-up, and leaves temp, hidden and subfolder files alone', async () => {
    const { mkdtemp } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const base = await mkdtemp(join(tmpdir(), 'startup-'));
    const folder = join(base, 'in');
    await mkdir(join(folder, 'Rejected'), { recursive: true });
    await mkdir(join(folder, 'Needs review'), { recursive: true });
    await mkdir(join(folder, 'other'), { recursive: true });
    const pdf = await makePdf();
    const ignored = ['.hidden.pdf', 'download.pdf.crdownload', 'print.tmp', 'movie.part', '~$report.pdf', 'x.pdf.json'];
    for (const name of ignored) await writeFile(join(folder, name), pdf);
    for (const sub of ['Rejected', 'Needs review', 'other']) await writeFile(join(folder, sub, 'inside.pdf'), pdf);
    await writeFile(join(folder, 'waiting-1.pdf'), await makePdf({ pages: ['one'] }));
    await writeFile(join(folder, 'waiting-2.pdf'), await makePdf({ pages: ['two'] }));
    const h = await harness({ folder });
    await h.waitFor(() => h.documents.length === 2, 'the two waiting files');
    expect(h.documents.map((d) => d.originalName).sort()).toEqual(['waiting-1.pdf', 'waiting-2.pdf']);
    // A browser finishing a download renames it: then it is taken.
    await rename(join(folder, 'download.pdf.crdownload'), join(folder, 'download.pdf'));
    await h.waitFor(() => h.documents.length === 3, 'the finished download');
    // The ignored files were there from the start, like waiting-1 and -2: one wrongly tracked
    // would have settled with them, before the download. Dispose reports everything claimed.
    await h.hot.dispose();
    expect(h.documents).toHaveLength(3);
    expect((await readdir(folder)).sort()).toEqual(
      ['.hidden.pdf', 'Needs review', 'Rejected', 'movie.part', 'other', 'print.tmp', 'x.pdf.json', '~$report.pdf'].sort(),
    );
    for (const sub of ['Rejected', 'Needs review', 'other']) expect(await readdir(join(folder, sub))).toEqual(['inside.pdf']);
    await rm(base, { recursive: true, force: true });
  });

  it('flags the same content as a duplicate while the first is in hand and once it was sent, also after a restart, without losing it', async () => {
    const ledger = createMemoryLedger();
    const bytes = await makePdf({ pages: ['same'] });
    const first = await harness({ ledger });
    await writeFile(join(first.folder, 'a.pdf'), bytes);
    await first.waitFor(() => first.documents.length === 1);
    await writeFile(join(first.folder, 'a.pdf'), bytes);
    await first.waitFor(() => first.documents.length === 2);
    expect(first.documents[0].duplicateOf).toBeUndefined();
    expect(first.documents[1].duplicateOf).toBe(sha(bytes));
    await first.hot.finish(first.documents[0], 'sent');
    await first.hot.dispose();
    const restarted = await harness({ ledger });
    await writeFile(join(restarted.folder, 'again.pdf'), bytes);
    await restarted.waitFor(() => restarted.documents.length === 1);
    expect(restarted.documents[0].duplicateOf).toBe(sha(bytes));
    expect(existsSync(restarted.documents[0].spoolPath)).toBe(true);
    expect(ledger.entries).toHaveLength(1);
  });

  it('does not count a document set aside as sent: the same content put back is taken as new', async () => {
    const h = await harness();
    const bytes = await makePdf({ pages: ['reviewed'] });
    await writeFile(join(h.folder, 'letter.pdf'), bytes);
    await h.waitFor(() => h.documents.length === 1);
    const doc = h.documents[0];
    // What a consumer does for Needs review: moves the file out, then says so.
    await rename(doc.spoolPath, join(h.root, 'reviewed.pdf'));
    await h.hot.finish(doc, 'set-aside');
    expect(h.ledger.entries).toEqual([]);
    await rename(join(h.root, 'reviewed.pdf'), join(h.folder, '12125550100 - letter.pdf'));
    await h.waitFor(() => h.documents.length === 2);
    expect(h.documents[1]).toMatchObject({ sha256: sha(bytes), originalName: '12125550100 - letter.pdf' });
    expect(h.documents[1].duplicateOf).toBeUndefined();
  });

  it('claims the sidecar with its PDF and routes by it', async () => {
    const h = await harness();
    await writeFile(join(h.folder, 'statement.pdf.json'), JSON.stringify({ recipients: ['212 555 0102'], subject: 'Statement' }));
    await writeFile(join(h.folder, 'statement.pdf'), await makePdf());
    await h.waitFor(() => h.documents.length === 1);
    const doc = h.documents[0];
    expect(doc.route).toMatchObject({
      source: 'sidecar',
      subject: 'Statement',
      recipients: [expect.objectContaining({ number: '12125550102' })],
    });
    expect(doc.sidecarPath).toBe(`${doc.spoolPath}.json`);
    expect(JSON.parse(await readFile(doc.sidecarPath as string, 'utf8')).subject).toBe('Statement');
    expect(await readdir(h.folder)).toEqual([]);
  });

  it('claims across volumes by copy, sync, hash check and delete', async () => {
    if (!existsSync('/dev/shm') || (await stat('/dev/shm')).dev === (await stat(process.cwd())).dev) {
      console.warn('skipped: no second volume (/dev/shm) on this machine');
      return;
    }
    const spoolBase = await import('node:fs/promises').then((fs) => fs.mkdtemp('/dev/shm/spool-'));
    const h = await harness({ spoolDir: spoolBase });
    const bytes = await makePdf({ pages: ['across'], padBytes: 2_000_000 });
    await writeFile(join(h.folder, 'big.pdf'), bytes);
    await h.waitFor(() => h.documents.length === 1);
    expect(h.documents[0].spoolPath.startsWith('/dev/shm/')).toBe(true);
    expect(sha(await readFile(h.documents[0].spoolPath))).toBe(sha(bytes));
    expect(await readdir(h.folder)).toEqual([]);
    expect((await readdir(spoolBase)).filter((n) => n.endsWith('.copying'))).toEqual([]);
    await rm(spoolBase, { recursive: true, force: true });
  });
});

describe('hot folder: rejects', () => {
  it('moves what it cannot fax to Rejected/ with a reason file, never replacing an earlier one', async () => {
    const h = await harness({ incompleteTimeoutMs: 800 });
    const good = await makePdf();
    const plainPath = join(h.root, 'plain.pdf');
    await writeFile(plainPath, good);
    await qpdfEncrypt(plainPath, join(h.root, 'locked.pdf'));
    await writeFile(join(h.folder, 'note.pdf'), 'Dear Sir, this is a letter, not a PDF.');
    await writeFile(join(h.folder, 'locked.pdf'), await readFile(join(h.root, 'locked.pdf')));
    await writeFile(join(h.folder, 'broken.pdf'), '%PDF-1.4\nnot really a pdf at all\n%%EOF\n');
    await writeFile(join(h.folder, 'empty.pdf'), '');
    await writeFile(join(h.folder, 'cut-short.pdf'), good.slice(0, good.byteLength - 200));
    await h.waitFor(() => h.rejected.length === 5, 'five rejects');
    const byName = Object.fromEntries(h.rejected.map((r) => [r.originalName, r]));
    expect(byName['note.pdf'].reason.code).toBe('not-pdf');
    expect(byName['locked.pdf'].reason.code).toBe('encrypted');
    expect(byName['broken.pdf'].reason.code).toBe('damaged');
    expect(byName['empty.pdf'].reason.code).toBe('empty');
    expect(byName['cut-short.pdf'].reason.code).toBe('damaged');
    expect(byName['cut-short.pdf'].reason.message).toMatch(/no %%EOF/);
    const reason = await readFile(byName['locked.pdf'].reasonPath, 'utf8');
    expect(reason).toMatch(/What is wrong: The PDF is password-protected/);
    expect(reason).toMatch(/What to do: Open it with its password/);
    expect(byName['locked.pdf'].reasonPath).toBe(join(h.folder, 'Rejected', 'locked.pdf.reason.txt'));
    expect(await readFile(byName['locked.pdf'].rejectedPath)).toEqual(await readFile(join(h.root, 'locked.pdf')));
    expect(h.documents).toEqual([]);

    // The same bad name again, twice: each is kept under its own name.
    await writeFile(join(h.folder, 'note.pdf'), 'second letter');
    await h.waitFor(() => h.rejected.length === 6);
    await writeFile(join(h.folder, 'note.pdf'), 'third letter');
    await h.waitFor(() => h.rejected.length === 7);
    const rejectedDir = (await readdir(join(h.folder, 'Rejected'))).filter((n) => n.startsWith('note'));
    expect(rejectedDir.sort()).toEqual([
      'note (2).pdf',
      'note (2).pdf.reason.txt',
      'note (3).pdf',
      'note (3).pdf.reason.txt',
      'note.pdf',
      'note.pdf.reason.txt',
    ]);
    expect(await readFile(join(h.folder, 'Rejected', 'note.pdf'), 'utf8')).toMatch(/^Dear Sir/);
    expect(await readFile(join(h.folder, 'Rejected', 'note (3).pdf'), 'utf8')).toBe('third letter');
    expect((await readdir(h.folder)).sort()).toEqual(['Rejected']);
  });
});

describe('hot folder: control', () => {
  it('pauses and resumes; files dropped while paused are taken on resume', async () => {
    const h = await harness();
    await h.hot.pause();
    expect(h.hot.state.status).toBe('paused');
    // No watch handle is left open, so nothing can see the file arrive.
    await expect.poll(openWatchers, { timeout: 5_000 }).toBe(0);
    await writeFile(join(h.folder, 'later.pdf'), await makePdf());
    expect(h.documents).toHaveLength(0);
    expect(await readdir(h.folder)).toEqual(['later.pdf']);
    await h.hot.resume();
    await h.hot.whenReady();
    expect(h.hot.state.status).toBe('watching');
    await h.waitFor(() => h.documents.length === 1);
    expect(h.states.map((s) => s.status)).toEqual(['watching', 'paused', 'watching']);
  });

  it('switches folders at runtime', async () => {
    const h = await harness();
    const other = join(h.root, 'Other folder');
    await h.hot.setFolder(other);
    await h.hot.whenReady();
    expect(h.hot.state).toEqual({ status: 'watching', folder: other });
    await writeFile(join(h.folder, 'old.pdf'), await makePdf());
    await writeFile(join(other, 'new.pdf'), await makePdf({ pages: ['new'] }));
    await h.waitFor(() => h.documents.length === 1);
    // A file dropped in the new folder now settles after old.pdf would have: once it is taken,
    // a watcher left on the old folder would have taken old.pdf too.
    await writeFile(join(other, 'after.pdf'), await makePdf({ pages: ['after'] }));
    await h.waitFor(() => h.documents.length === 2);
    await h.hot.dispose();
    expect(h.documents.map((d) => d.originalName)).toEqual(['new.pdf', 'after.pdf']);
    expect(await readdir(h.folder)).toEqual(['old.pdf']);
  });

  it('reports a missing folder and starts watching when it appears', async () => {
    const { mkdtemp } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const base = await mkdtemp(join(tmpdir(), 'missing-'));
    const folder = join(base, 'share', 'Outbox');
    const h = await harness({ folder, createIfMissing: false, missingRetryMs: 100 });
    expect(h.hot.state.status).toBe('folder-missing');
    expect(h.hot.state.detail).toMatch(/does not exist/);
    await mkdir(folder, { recursive: true });
    await h.waitFor(() => h.hot.state.status === 'watching', 'watching');
    await writeFile(join(folder, 'x.pdf'), await makePdf());
    await h.waitFor(() => h.documents.length === 1);
    // Removed while watched: reported, and picked up again when it is back.
    await rm(folder, { recursive: true });
    await h.hot.rescan();
    await h.waitFor(() => h.hot.state.status === 'folder-missing', 'folder-missing');
    await mkdir(folder, { recursive: true });
    await h.waitFor(() => h.hot.state.status === 'watching', 'watching again');
    await writeFile(join(folder, 'y.pdf'), await makePdf({ pages: ['y'] }));
    await h.waitFor(() => h.documents.length === 2);
    await rm(base, { recursive: true, force: true });
  });

  it('creates the default folder when missing, and stops reporting after dispose', async () => {
    const h = await harness();
    expect((await stat(h.folder)).isDirectory()).toBe(true);
    let seen = 0;
    const off = h.hot.on('document', () => seen++);
    await writeFile(join(h.folder, 'a.pdf'), await makePdf());
    await h.waitFor(() => h.documents.length === 1);
    off();
    await writeFile(join(h.folder, 'b.pdf'), await makePdf({ pages: ['b'] }));
    await h.waitFor(() => h.documents.length === 2);
    expect(seen).toBe(1);
    await h.hot.dispose();
    expect(h.hot.state.status).toBe('stopped');
    await expect.poll(openWatchers, { timeout: 5_000 }).toBe(0);
    await writeFile(join(h.folder, 'c.pdf'), await makePdf({ pages: ['c'] }));
    expect(h.documents).toHaveLength(2);
    expect(await readdir(h.folder)).toEqual(['c.pdf']);
  });
});
