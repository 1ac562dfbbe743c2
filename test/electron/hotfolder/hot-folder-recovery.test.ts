// Issue 16, item 2: files claimed by a run that died are taken up at the next start, before
// the folder is watched: sent exactly once (the outbox is asked first about a hand-off that
// was under way), or set aside with a reason. A live run's files are never taken.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type RoutedSend, startHeadlessWatch, type WatchReport } from '../../../electron/hotfolder/headless-watch.ts';
import { createHotFolder } from '../../../electron/hotfolder/hot-folder.ts';
import { createMemoryLedger } from '../../../electron/hotfolder/ledger.ts';
import { makePdf } from '../../fixtures/pdf/make-pdf.ts';
import { spooledDocuments, startHarness } from './harness.ts';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const roots: string[] = [];
afterEach(async () => {
  await Promise.all(roots.splice(0).map((r) => rm(r, { recursive: true, force: true })));
});

async function tempRoot(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'recovery-'));
  roots.push(root);
  return root;
}

/** What a SIGKILL leaves: the spool folders still name their owner, a process that is gone. */
async function ownersDied(spool: string): Promise<void> {
  const { pid } = spawnSync(process.execPath, ['-e', '']);
  for (const dir of await readdir(spool)) {
    const file = join(spool, dir, '.owner.json');
    const owner = JSON.parse(await readFile(file, 'utf8').catch(() => 'null'));
    if (owner) await writeFile(file, JSON.stringify({ ...owner, pid }));
  }
}

async function until(predicate: () => boolean, what: string): Promise<void> {
  await vi.waitFor(
    () => {
      if (!predicate()) throw new Error(`timed out waiting for ${what}`);
    },
    { timeout: 15_000, interval: 10 },
  );
}

describe('hot folder: taking up what a crash left', () => {
  it('sends each claimed but unfinished document once, and does not queue again what the outbox already has', async () => {
    const root = await tempRoot();
    const folder = join(root, 'shared');
    const spool = join(root, 'spool');
    const ledger = createMemoryLedger();
    const a = await makePdf({ pages: ['transfer A'] });
    const b = await makePdf({ pages: ['invoice B'] });
    const c = await makePdf({ pages: ['letter C'] });

    // First life: three documents claimed; the consumer got no further than below, then the process died.
    const first = await startHarness({ folder, spoolDir: spool, ledger });
    await writeFile(join(folder, 'Überweisung.pdf.json'), JSON.stringify({ recipients: ['212 555 0101'] }));
    await writeFile(join(folder, 'Überweisung.pdf'), a);
    await writeFile(join(folder, '12125550102 - b.pdf'), b);
    await writeFile(join(folder, '12125550103 - c.pdf'), c);
    await first.waitFor(() => first.documents.length === 3, 'three documents');
    const byHash = new Map(first.documents.map((d) => [d.sha256, d]));
    // b reached the outbox (job 7) before the crash; c's hand-off began but never arrived.
    const outbox = new Map<string, number[]>([[sha(b), [7]]]);
    await first.hot.beginHandOff(byHash.get(sha(b)) as (typeof first.documents)[number]);
    await first.hot.beginHandOff(byHash.get(sha(c)) as (typeof first.documents)[number]);
    await first.hot.dispose();
    await ownersDied(spool);

    // Second life.
    const sent: RoutedSend[] = [];
    const copies = new Map<string, string>();
    const reports: WatchReport[] = [];
    const watch = startHeadlessWatch({
      folder,
      spoolDir: spool,
      ledger,
      send: async (r) => {
        sent.push(r);
        copies.set(r.originalName, sha(await readFile(r.pdfPath)));
        return { ok: true, jobIds: [100 + sent.length] };
      },
      wasQueued: (q) => outbox.get(q.sha256),
      onReport: (r) => reports.push(r),
    });
    await until(() => reports.filter((r) => r.kind === 'sent').length === 3, 'three documents finished');
    await watch.dispose();

    expect(sent.map((s) => s.originalName).sort()).toEqual(['12125550103 - c.pdf', 'Überweisung.pdf']);
    expect(copies).toEqual(
      new Map([
        ['Überweisung.pdf', sha(a)],
        ['12125550103 - c.pdf', sha(c)],
      ]),
    );
    // The name and the sidecar came back with it.
    expect(sent.find((s) => s.originalName === 'Überweisung.pdf')?.recipients.map((r) => r.number)).toEqual(['12125550101']);
    expect(reports).toContainEqual({ kind: 'sent', name: '12125550102 - b.pdf', jobIds: [7], recipients: 1, recovered: true });
    expect(reports.filter((r) => r.kind === 'error' || r.kind === 'review')).toEqual([]);
    expect(ledger.entries.map((e) => e.sha256).sort()).toEqual([sha(a), sha(b), sha(c)].sort());
    expect(await spooledDocuments(spool)).toEqual([]);
    expect(await readdir(spool)).toEqual([]);
    expect(await readdir(folder)).toEqual([]);
  });

  it('takes up files an older version left loose in the spool', async () => {
    const root = await tempRoot();
    const folder = join(root, 'shared');
    const spool = join(root, 'spool');
    const bytes = await makePdf({ pages: ['stranded'] });
    await mkdir(spool, { recursive: true });
    await writeFile(join(spool, '20250101T120000-1a2b3c4d-12125550104 - old.pdf'), bytes);
    const reports: WatchReport[] = [];
    const sent: RoutedSend[] = [];
    const watch = startHeadlessWatch({
      folder,
      spoolDir: spool,
      ledger: createMemoryLedger(),
      send: async (r) => {
        sent.push(r);
        return { ok: true, jobIds: [1] };
      },
      onReport: (r) => reports.push(r),
    });
    await until(() => reports.some((r) => r.kind === 'sent'), 'the stranded document');
    await watch.dispose();
    expect(sent.map((s) => [s.originalName, s.recipients.map((r) => r.number)])).toEqual([['12125550104 - old.pdf', ['12125550104']]]);
    expect(await readdir(spool)).toEqual([]);
  });

  it('never takes the files of a run that is still alive', async () => {
    const root = await tempRoot();
    const spool = join(root, 'spool');
    const live = await startHarness({ spoolDir: spool });
    await writeFile(join(live.folder, 'in-hand.pdf'), await makePdf({ pages: ['in hand'] }));
    await live.waitFor(() => live.documents.length === 1);

    const other = createHotFolder({ folder: join(root, 'other'), spoolDir: spool, ledger: createMemoryLedger() });
    let taken = 0;
    other.on('document', () => taken++);
    await other.whenReady();
    // Dispose reports everything that was queued: an adopted file would be among it.
    await other.dispose();
    expect(taken).toBe(0);
    expect(await spooledDocuments(spool)).toEqual([live.documents[0].spoolPath]);
    await live.hot.finish(live.documents[0], 'sent');
    await live.close();
  });
});
