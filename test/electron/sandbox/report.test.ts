// outboundDetailsbyDate.php: detail vs summary, submission-date filtering (UTC, inclusive),
// LastHistoryID paging, Limit (default and cap 1000), the row's fields, and account isolation.

import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../electron/sandbox/index.ts';
import { DEMO, detailRows, makePdf, manualClock, report, type Row, sandbox, submit, submitFields } from './helpers.ts';

let sb: Sandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

const DAY = 86_400_000;

describe('report rows', () => {
  it('carries every documented field plus the attempt result and SubmitDate (UTC)', async () => {
    const clock = manualClock(Date.UTC(2030, 4, 27, 23, 59, 30));
    sb = await sandbox({ speed: 1, clock });
    await submit(sb, submitFields(await makePdf(2), { paperSize: '1', toHeader: 'To you', frHeader: 'From me' }));
    await sb.imagesDrawn(); // rendering ends once the image is drawn, whatever the clock says
    clock.advance(3_600_000);
    const [row] = await detailRows(sb);
    expect(Object.keys(row)).toEqual([
      'HistoryOutboundFaxID',
      'OutTransID',
      'AccountID',
      'FaxNumber',
      'CurrentState',
      'CallerID',
      'MaxAttempts',
      'RetryCount',
      'ToHeader',
      'FromHeader',
      'FaxResolution',
      'RenderStatus',
      'FaxDocURL',
      'PageCount',
      'PaperSize',
      'LastStatus',
      'PagesSent',
      'CallDuration',
      'RealCost',
      'SubmitDate',
    ]);
    expect(row).toMatchObject({
      AccountID: 100000001,
      FaxNumber: 12025550199,
      CurrentState: 8,
      MaxAttempts: 3,
      RetryCount: 1,
      ToHeader: 'To you',
      FromHeader: 'From me',
      FaxResolution: 0,
      RenderStatus: 1,
      PageCount: 2,
      PaperSize: 1,
      LastStatus: 0,
      PagesSent: 2,
      CallDuration: 70,
      RealCost: 0.14,
      SubmitDate: '2030-05-27 23:59:30',
    });
    expect(typeof row.HistoryOutboundFaxID).toBe('number');
    expect(row.CallerID).toEqual(expect.any(Number));
  });

  it('detail shows in-progress attempts; summary only the last row of finished faxes', async () => {
    const clock = manualClock();
    sb = await sandbox({ speed: 1, clock });
    await submit(sb, submitFields(await makePdf(1), { FaxNumber: '12025550101' })); // busy, busy, success
    await submit(sb, submitFields(await makePdf(1))); // delivered first time
    await sb.imagesDrawn();
    clock.advance(120_000); // first fax is waiting to redial, the second is done
    const detail = await detailRows(sb);
    const summary = (await report(sb, { FromDate: '2000-01-01', ToDate: '2100-01-01', DetailType: '0' })) as Row[];
    expect(detail.map((r) => [r.RetryCount, r.CurrentState, r.LastStatus])).toEqual([
      [1, 7, 2],
      [1, 8, 0],
    ]);
    expect(summary.map((r) => r.OutTransID)).toEqual([detail[1].OutTransID]);
    clock.advance(3_600_000);
    const after = (await report(sb, { FromDate: '2000-01-01', ToDate: '2100-01-01' })) as Row[]; // DetailType omitted = summary
    expect(after.map((r) => [r.OutTransID, r.RetryCount, r.CurrentState])).toEqual([
      [detail[1].OutTransID, 1, 8],
      [detail[0].OutTransID, 3, 8],
    ]);
  });

  it('filters by submission date, both ends inclusive, in UTC', async () => {
    const start = Date.UTC(2030, 0, 1, 0, 0, 0);
    const clock = manualClock(start);
    sb = await sandbox({ speed: 1, clock });
    const pdf = await makePdf(1);
    // Day 1 at 00:00:00, day 2 at 23:59:59, days 3-5 at noon: the edges of a UTC day count.
    const times = [0, 2 * DAY - 1000, 2 * DAY + DAY / 2, 3 * DAY + DAY / 2, 4 * DAY + DAY / 2];
    for (const [d, t] of times.entries()) {
      clock.advance(start + t - clock.now());
      await submit(sb, submitFields(pdf, { toHeader: `day ${d + 1}` }));
    }
    clock.advance(DAY);
    const days = async (from: string, to: string) =>
      ((await report(sb!, { FromDate: from, ToDate: to, DetailType: '1' })) as Row[]).map((r) => r.ToHeader);
    expect(await days('2030-01-01', '2030-01-01')).toEqual(['day 1']);
    expect(await days('2030-01-02', '2030-01-04')).toEqual(['day 2', 'day 3', 'day 4']);
    expect(await days('2030-01-05', '2030-01-05')).toEqual(['day 5']);
    expect(await days('2030-01-06', '2030-12-31')).toEqual([]);
    expect(await days('2030-01-04', '2030-01-02')).toEqual([]);
    expect(await report(sb, { FromDate: '2030/01/01', ToDate: '2030-01-05' })).toEqual([]);
    expect(await report(sb, { ToDate: '2030-01-05' })).toEqual([]);
  });

  it('pages by LastHistoryID with Limit, ordered by id; another account sees none of it', async () => {
    sb = await sandbox({ accounts: [{ accountId: '400000004', apiKey: 'other', credit: 50 }] });
    const pdf = await makePdf(1);
    for (let i = 0; i < 9; i++) await submit(sb, submitFields(pdf, { FaxNumber: i % 3 === 0 ? '12025550101' : '12025550199' }));
    await submit(sb, submitFields(pdf, { AccountID: '400000004', APIKey: 'other' }));
    await sb.settle();
    const all = await detailRows(sb);
    expect(all).toHaveLength(3 * 3 + 6);
    const pages: Row[][] = [];
    let last = 0;
    for (;;) {
      const page = await detailRows(sb, { LastHistoryID: String(last), Limit: '4' });
      pages.push(page);
      if (page.length < 4) break;
      last = page.at(-1)?.HistoryOutboundFaxID as number;
    }
    expect(pages.map((p) => p.length)).toEqual([4, 4, 4, 3]);
    expect(pages.flat()).toEqual(all);
    const ids = all.map((r) => r.HistoryOutboundFaxID as number);
    expect(ids.every((id, i) => i === 0 || id > ids[i - 1])).toBe(true);
    const other = (await report(
      sb,
      { FromDate: '2000-01-01', ToDate: '2100-01-01', DetailType: '1' },
      { accountId: '400000004', apiKey: 'other' },
    )) as Row[];
    expect(other).toHaveLength(1);
    expect(ids).not.toContain(other[0].HistoryOutboundFaxID);
    // History ids are global: the other account's row sits between the demo account's.
    expect(other[0].HistoryOutboundFaxID).toBeGreaterThan(ids[0]);
  });

  it('Limit defaults to 1000 and is capped at 1000; a bad Limit falls back to 1000', async () => {
    sb = await sandbox();
    const pdf = await makePdf(1);
    const fields = submitFields(pdf, { FaxNumber: '12025550101' }); // 3 rows each
    for (let i = 0; i < 334; i += 12) {
      const batch = await Promise.all(Array.from({ length: Math.min(12, 334 - i) }, () => submit(sb!, fields)));
      expect(batch.every((a) => a.Response === 'Success')).toBe(true);
    }
    await sb.settle();
    expect(await detailRows(sb)).toHaveLength(1000);
    expect(await detailRows(sb, { Limit: '5000' })).toHaveLength(1000);
    expect(await detailRows(sb, { Limit: 'lots' })).toHaveLength(1000);
    expect(await detailRows(sb, { Limit: '0' })).toHaveLength(1000);
    const rest = await detailRows(sb, { LastHistoryID: String((await detailRows(sb)).at(-1)?.HistoryOutboundFaxID) });
    expect(rest).toHaveLength(2);
    expect(await detailRows(sb, { Limit: '7' })).toHaveLength(7);
    expect(DEMO.accountId).toBe('100000001');
  }, 60_000);
});
