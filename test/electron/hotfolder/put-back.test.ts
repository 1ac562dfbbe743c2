// Issue 16, item 5: "fix it and put it back". A document set aside for review was never sent,
// so the same file, renamed with its number (or after the disk was freed) and moved back, is
// sent; only what was sent before is refused as a duplicate.

import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFileLedger } from '../../../electron/hotfolder/file-ledger.ts';
import {
  type HeadlessWatch,
  type RoutedSend,
  type SendOutcome,
  startHeadlessWatch,
  type WatchReport,
} from '../../../electron/hotfolder/headless-watch.ts';
import { makePdf } from '../../fixtures/pdf/make-pdf.ts';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

const DISK_FULL: SendOutcome = {
  ok: false,
  message: 'The disk is full: the fax could not be saved to the outbox. Nothing was queued.',
  action: 'Free some disk space, then send again.',
};

async function start(answers: SendOutcome[] = []) {
  const root = await mkdtemp(join(tmpdir(), 'put-back-'));
  cleanup.push(() => rm(root, { recursive: true, force: true }));
  const folder = join(root, 'shared');
  const sent: Array<RoutedSend & { sha256: string }> = [];
  const reports: WatchReport[] = [];
  const open = (): HeadlessWatch => {
    const watch = startHeadlessWatch({
      folder,
      spoolDir: join(root, 'spool'),
      // The file ledger, as the CLI and the app have it: what it remembers survives the restart below.
      ledger: createFileLedger(join(root, 'sent.jsonl')),
      send: async (r) => {
        sent.push({ ...r, sha256: sha(await readFile(r.pdfPath)) });
        return answers.shift() ?? { ok: true, jobIds: [sent.length] };
      },
      onReport: (r) => reports.push(r),
    });
    cleanup.push(() => watch.dispose());
    return watch;
  };
  const until = (predicate: () => boolean, what: string) =>
    vi.waitFor(
      () => {
        if (!predicate()) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(reports)}`);
      },
      { timeout: 15_000, interval: 10 },
    );
  const count = (kind: WatchReport['kind']) => reports.filter((r) => r.kind === kind).length;
  return { root, folder, review: join(folder, 'Needs review'), sent, reports, open, until, count };
}

describe('fix it and put it back', () => {
  it('sends a reviewed document renamed with its number and moved back, also after a restart', async () => {
    const t = await start();
    const watch = t.open();
    await watch.hotFolder.whenReady();
    const bytes = await makePdf({ pages: ['Dear Sir'] });
    await writeFile(join(t.folder, 'letter.pdf'), bytes);
    await t.until(() => t.count('review') === 1, 'the review');
    expect(await readFile(join(t.review, 'letter.pdf.reason.txt'), 'utf8')).toMatch(/does not say where it goes/);

    await watch.dispose();
    const again = t.open();
    await again.hotFolder.whenReady();
    await rename(join(t.review, 'letter.pdf'), join(t.folder, '12125550160 - letter.pdf'));
    await t.until(() => t.count('sent') === 1, 'the send');
    expect(t.sent.map((s) => [s.originalName, s.sha256, s.recipients.map((r) => r.number)])).toEqual([
      ['12125550160 - letter.pdf', sha(bytes), ['12125550160']],
    ]);
    expect(t.count('review')).toBe(1);

    // Sent once: the same content put in again is the duplicate now.
    await writeFile(join(t.folder, '12125550160 - letter again.pdf'), bytes);
    await t.until(() => t.count('review') === 2, 'the duplicate');
    expect(await readFile(join(t.review, '12125550160 - letter again.pdf.reason.txt'), 'utf8')).toMatch(/already sent from this folder/);
    expect(t.sent).toHaveLength(1);
  });

  it('sends a document reviewed because the disk was full once it is put back', async () => {
    const t = await start([DISK_FULL]);
    const watch = t.open();
    await watch.hotFolder.whenReady();
    const bytes = await makePdf({ pages: ['Invoice 12'] });
    await writeFile(join(t.folder, '12125550161 - invoice.pdf'), bytes);
    await t.until(() => t.count('review') === 1, 'the review');
    expect(await readFile(join(t.review, '12125550161 - invoice.pdf.reason.txt'), 'utf8')).toMatch(
      /It could not be queued: The disk is full[\s\S]*Free some disk space/,
    );
    await rename(join(t.review, '12125550161 - invoice.pdf'), join(t.folder, '12125550161 - invoice.pdf'));
    await t.until(() => t.count('sent') === 1, 'the send');
    expect(t.sent.map((s) => s.sha256)).toEqual([sha(bytes), sha(bytes)]);
    expect(t.count('review')).toBe(1);
    expect((await readdir(t.folder)).sort()).toEqual(['Needs review']);
  });
});
