import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type RoutedSend, type SendOutcome, startHeadlessWatch, type WatchReport } from '../../../electron/hotfolder/headless-watch.ts';
import { createMemoryLedger } from '../../../electron/hotfolder/ledger.ts';
import { makePdf } from '../../fixtures/pdf/make-pdf.ts';

const roots: string[] = [];
afterEach(async () => {
  await Promise.all(roots.splice(0).map((r) => rm(r, { recursive: true, force: true })));
});

async function waitFor(predicate: () => boolean, what: string, timeoutMs = 15_000) {
  await vi.waitFor(
    () => {
      if (!predicate()) throw new Error(`timed out waiting for ${what}`);
    },
    { timeout: timeoutMs, interval: 10 },
  );
}

describe('headless watch', () => {
  it('sends routed documents and moves the rest to Needs review/ with a reason', async () => {
    const root = await mkdtemp(join(tmpdir(), 'watch-'));
    roots.push(root);
    const folder = join(root, 'shared');
    const sent: RoutedSend[] = [];
    const copies: Buffer[] = [];
    const reports: WatchReport[] = [];
    let failNext = false;
    const send = async (r: RoutedSend): Promise<SendOutcome> => {
      copies.push(await readFile(r.pdfPath));
      sent.push(r);
      if (failNext) return { ok: false, message: 'No credit left.', action: 'Add credit in your Openfax account.' };
      return { ok: true, jobIds: r.recipients.map((_, i) => 100 + sent.length * 10 + i) };
    };
    const watch = startHeadlessWatch({
      folder,
      spoolDir: join(root, 'spool'),
      ledger: createMemoryLedger(),
      send,
      onReport: (r) => reports.push(r),
    });
    await watch.hotFolder.whenReady();

    const routed = await makePdf({ pages: ['{{fax: 212 555 0100}} {{fax: 212 555 0101}} {{from: Front desk}} {{subject: Lab}}'] });
    await writeFile(join(folder, 'results.pdf'), routed);
    await writeFile(join(folder, '12125550102 - invoice.pdf'), await makePdf({ pages: ['invoice'] }));
    await waitFor(() => reports.filter((r) => r.kind === 'sent').length === 2, 'two sends');
    const byName = Object.fromEntries(sent.map((s) => [s.originalName, s]));
    expect(byName['results.pdf']).toMatchObject({ pages: 1, subject: 'Lab', options: { fromHeader: 'Front desk' } });
    expect(byName['results.pdf']?.recipients.map((r) => r.number)).toEqual(['12125550100', '12125550101']);
    expect(byName['12125550102 - invoice.pdf']?.recipients.map((r) => r.number)).toEqual(['12125550102']);
    expect(copies[sent.findIndex((s) => s.originalName === 'results.pdf')]?.equals(Buffer.from(routed))).toBe(true);
    for (const s of sent) expect(existsSync(s.pdfPath)).toBe(false);

    await writeFile(join(folder, 'letter.pdf'), await makePdf({ pages: ['Dear Sir'] }));
    await writeFile(join(folder, 'typo.pdf'), await makePdf({ pages: ['{{fax: 555-CALL}}'] }));
    await writeFile(join(folder, 'again.pdf'), routed);
    await waitFor(() => reports.filter((r) => r.kind === 'review').length === 3, 'three reviews');
    failNext = true;
    await writeFile(join(folder, '12125550103 - late.pdf'), await makePdf({ pages: ['late'] }));
    await waitFor(() => reports.filter((r) => r.kind === 'review').length === 4, 'a failed send reviewed');

    const review = join(folder, 'Needs review');
    expect((await readdir(review)).sort()).toEqual(
      ['12125550103 - late.pdf', 'again.pdf', 'letter.pdf', 'typo.pdf'].flatMap((n) => [n, `${n}.reason.txt`]).sort(),
    );
    expect(await readFile(join(review, 'letter.pdf.reason.txt'), 'utf8')).toMatch(/does not say where it goes/);
    expect(await readFile(join(review, 'typo.pdf.reason.txt'), 'utf8')).toMatch(/555-CALL.*not a usable fax number/);
    expect(await readFile(join(review, 'again.pdf.reason.txt'), 'utf8')).toMatch(/already sent from this folder/);
    expect(await readFile(join(review, '12125550103 - late.pdf.reason.txt'), 'utf8')).toMatch(/No credit left\.[\s\S]*Add credit/);
    await watch.dispose();
    expect(reports.at(-1)).toMatchObject({ kind: 'state', status: 'stopped' });
  });
});
