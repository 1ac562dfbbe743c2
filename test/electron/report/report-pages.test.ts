// How a report is laid out when there is a lot to say, from a real store: a fax with nine calls
// keeps page 1's two pictures on its first page, clear of the footer, and lists the calls that
// do not fit on a page of their own; a call whose row carries the vendor's own time shows that
// time, unmarked. A broadcast's report draws page 1 once for all its recipients (one document,
// one paper, one resolution) and tells its progress recipient by recipient; made while faxes
// are still out, its summary says it is interim and how many are.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReportMaker } from '../../../electron/report/report-maker.ts';
import { upsertAttempt } from '../../../electron/store/attempts-repo.ts';
import { getJobView, type JobView } from '../../../electron/store/jobs-repo.ts';
import { openStore, type Store } from '../../../electron/store/store.ts';
import { blankRaster } from '../../../shared/fax-raster.ts';
import { ACCOUNT_KEY, seedBroadcast, seedDocument, seedJob } from '../outbox-view/seed-jobs.ts';
import { imagesOnPage, pageTexts, textHeights } from './pdf-text.ts';

let dir: string;
let store: Store;
let renders = 0;
const maker = () =>
  createReportMaker({
    db: store.db,
    timeZone: 'UTC',
    renderFax: async () => {
      renders++;
      return [blankRaster(1728, 1100)];
    },
    asSentFirstPage: async () => ({ raster: blankRaster(1728, 1100) }),
  });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'openfax-report-pages-'));
  store = openStore(dir);
  seedDocument(store.db, 'doc-pages', 'notice.pdf', 1);
});
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a report with many calls', () => {
  it('keeps page 1’s pictures on its first page above the footer, and continues the calls on the next', async () => {
    const id = seedJob(store.db, { documentId: 'doc-pages', state: 'failed', pages: 1 });
    const job = getJobView(store.db, id) as JobView;
    const seen = Date.UTC(2026, 11, 1, 14, 0, 0);
    for (let i = 0; i < 9; i++) {
      upsertAttempt(
        store.db,
        ACCOUNT_KEY,
        {
          historyId: 910_000 + i,
          outTransId: job.outTransId as string,
          currentState: i === 8 ? 9 : 7,
          lastStatus: 1,
          callDuration: 40,
          pagesSent: 0,
          pageCount: 1,
          // The first call's row carries the vendor's own time of the call.
          raw: i === 0 ? { CallDate: '2026-12-01T13:41:07Z' } : {},
        },
        id,
        seen + i * 240_000,
      );
    }
    const bytes = await maker().jobReport(id);
    const pages = await pageTexts(bytes);
    expect(pages).toHaveLength(2);
    const [first, second] = pages as [string, string];
    expect(first).toContain('Calls (9)');
    expect(await imagesOnPage(bytes, 1)).toBe(2);
    expect(first).toContain('Page 1, our fax view');
    expect(first).toContain('Page 1 as sent by Openfax');
    // The pictures' labels sit above the footer's first line.
    const heights = await textHeights(bytes, 1);
    const label = heights.find((t) => t.str === 'Page 1, our fax view')?.y as number;
    const footer = Math.max(...heights.filter((t) => t.str.startsWith('Accepted: when Openfax')).map((t) => t.y));
    expect(label).toBeGreaterThan(footer + 10);
    // Every call is somewhere, once: the vendor's own time unmarked, ours marked as recorded.
    const drawn = first.match(/No answer \(LastStatus 1\)/g)?.length ?? 0;
    expect(drawn).toBeGreaterThan(0);
    expect(first).toContain(`Calls ${drawn + 1} to 9 continue on the next page.`);
    expect(second).toContain(`Fax transmission report, job ${id}, continued`);
    expect(drawn + (second.match(/No answer \(LastStatus 1\)/g)?.length ?? 0)).toBe(9);
    expect(first).toMatch(/1 2026-12-01 13:41:07 \(UTC\+00:00\) No answer/);
    expect(first).toMatch(/2 2026-12-01 14:04:00 \(UTC\+00:00\) \(recorded\) No answer/);
    expect(second).toMatch(/9 2026-12-01 14:32:00 \(UTC\+00:00\) \(recorded\) No answer/);
  });
});

describe('a broadcast’s report', () => {
  it('draws page 1 once for every recipient of one document, and tells its progress', async () => {
    const { broadcastId } = seedBroadcast(store.db, 'doc-pages', ['delivered', 'delivered', 'failed', 'delivered', 'failed']);
    const progress: Array<[number, number]> = [];
    renders = 0;
    const pages = await pageTexts(await maker().broadcastReport(broadcastId, (done, total) => progress.push([done, total])));
    expect(pages.filter((p) => p.startsWith('Fax transmission report'))).toHaveLength(5);
    expect(renders).toBe(1);
    expect(progress).toEqual([
      [0, 5],
      [1, 5],
      [2, 5],
      [3, 5],
      [4, 5],
      [5, 5],
    ]);
    expect(pages[0]).not.toContain('interim');
  });

  it('made while faxes are out, says it is interim and how many have not ended', async () => {
    const { broadcastId } = seedBroadcast(store.db, 'doc-pages', ['delivered', 'submitted', 'queued', 'failed']);
    const [summary, ...reports] = await pageTexts(await maker().broadcastReport(broadcastId));
    expect(summary).toContain('Broadcast transmission report (interim)');
    expect(summary).toContain('Interim: 2 of the 4 faxes have not ended yet, so their reports are not in this file.');
    expect(summary).toContain('each one that Openfax accepted and that has ended has its own report after this summary');
    expect(reports).toHaveLength(2);
  });
});
