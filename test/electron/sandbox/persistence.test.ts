// With a dataDir, a restart finds every accepted fax and resumes the ones in flight: they carry
// on from their state, or have finished if their time passed while the sandbox was down.

import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, STORE_FILE } from '../../../electron/sandbox/index.ts';
import { DEMO, detailRows, makePdf, manualClock, sandbox, submit, submitFields } from './helpers.ts';

let dir: string;
let sb: Sandbox | undefined;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sandbox-persist-'));
});
afterEach(async () => {
  await sb?.close();
  sb = undefined;
  await rm(dir, { recursive: true, force: true });
});

describe('persistence', () => {
  it('a fax in flight carries on after a restart, from the state it was in', async () => {
    const clock = manualClock();
    sb = await sandbox({ dataDir: dir, speed: 1, clock });
    const answer = await submit(sb, submitFields(await makePdf(2), { FaxNumber: '12025550102' })); // no answer ×3
    await sb.imagesDrawn(); // rendering ends once the image is drawn, whatever the clock says
    clock.advance(120_000); // first call over, waiting to redial
    expect(sb.faxes()[0]).toMatchObject({ currentState: 7, attempts: 1 });
    const creditBefore = sb.getCredit(DEMO.accountId);
    await sb.close();
    expect(existsSync(join(dir, STORE_FILE))).toBe(true);

    sb = await sandbox({ dataDir: dir, speed: 1, clock });
    expect(sb.faxes()).toHaveLength(1);
    expect(sb.faxes()[0]).toMatchObject({ outTransId: answer.OutTransID, currentState: 7, attempts: 1 });
    clock.advance(60_000);
    expect(sb.faxes()[0].currentState).toBe(7); // the 4-minute wait is not restarted or skipped
    clock.advance(3_600_000);
    expect(sb.faxes()[0]).toMatchObject({ currentState: 9, lastStatus: 1, attempts: 3 });
    const rows = await detailRows(sb);
    expect(rows.map((r) => r.RetryCount)).toEqual([1, 2, 3]);
    expect(sb.getCredit(DEMO.accountId)).toBe(creditBefore);
  });

  it('a fax whose time passed while the sandbox was down has finished when it comes back', async () => {
    const clock = manualClock();
    sb = await sandbox({ dataDir: dir, speed: 1, clock });
    await submit(sb, submitFields(await makePdf(3), { FaxNumber: '12025550101' })); // busy, busy, success
    await sb.imagesDrawn();
    clock.advance(10_000);
    await sb.close();
    clock.set(clock.now() + 3_600_000); // an hour with the app closed
    sb = await sandbox({ dataDir: dir, speed: 1, clock });
    expect(sb.faxes()[0]).toMatchObject({ currentState: 8, lastStatus: 0, attempts: 3, cost: 0.21 });
    expect(sb.getCredit(DEMO.accountId)).toBeCloseTo(1000 - 0.21, 6);
    const rows = await detailRows(sb);
    expect(rows.map((r) => [r.RetryCount, r.LastStatus])).toEqual([
      [1, 2],
      [2, 2],
      [3, 0],
    ]);
  });

  it('ids keep increasing across restarts and every accepted fax is still listed (real clock)', async () => {
    sb = await sandbox({ dataDir: dir, speed: 1000, accounts: [{ accountId: '500000005', apiKey: 'k5', credit: 5 }] });
    const pdf = await makePdf(1);
    const first = await submit(sb, submitFields(pdf, { FaxNumber: '12025550102' }));
    const second = await submit(sb, submitFields(pdf, { AccountID: '500000005', APIKey: 'k5' }));
    await sb.close(); // both still in flight
    sb = await sandbox({ dataDir: dir, speed: 1000, accounts: [{ accountId: '500000005', apiKey: 'k5', credit: 999 }] });
    const third = await submit(sb, submitFields(pdf));
    await sb.settle();
    const faxes = sb.faxes();
    expect(faxes.map((f) => f.outTransId)).toEqual([first.OutTransID, second.OutTransID, third.OutTransID]);
    expect(Number(third.OutTransID)).toBeGreaterThan(Number(second.OutTransID));
    expect(faxes.map((f) => f.currentState)).toEqual([9, 8, 8]);
    // An account that already exists keeps its stored credit (minus what its fax cost).
    expect(sb.getCredit('500000005')).toBeCloseTo(5 - 0.07, 6);
    const ids = (await detailRows(sb)).map((r) => r.HistoryOutboundFaxID as number);
    expect(ids.every((id, i) => i === 0 || id > ids[i - 1])).toBe(true);
  });

  it('without a dataDir nothing survives a restart', async () => {
    sb = await sandbox();
    await submit(sb, submitFields(await makePdf(1)));
    await sb.close();
    sb = await sandbox();
    expect(sb.faxes()).toEqual([]);
  });
});
