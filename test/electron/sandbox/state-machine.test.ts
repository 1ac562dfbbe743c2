// Each magic number, driven through the real HTTP API, reaches its documented final state
// with the documented attempts, rows and cost; and a fax passes through the vendor's states
// in the documented order.

import { afterEach, describe, expect, it } from 'vitest';
import { MAGIC_NUMBERS, type Sandbox } from '../../../electron/sandbox/index.ts';
import { DEMO, detailRows, makePdf, manualClock, type Row, sandbox, submit, submitFields } from './helpers.ts';

let sb: Sandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

const PRICE = 0.07;

interface Expected {
  number: string;
  currentState: number;
  lastStatus: number;
  attempts: number;
  rowStatuses: number[];
  rowCosts: number[];
}

// Four pages, standard resolution, 0.07 per page sent.
const CASES: Expected[] = [
  { number: '12025550199', currentState: 8, lastStatus: 0, attempts: 1, rowStatuses: [0], rowCosts: [0.28] },
  { number: '12025550101', currentState: 8, lastStatus: 0, attempts: 3, rowStatuses: [2, 2, 0], rowCosts: [0, 0, 0.28] },
  { number: '13125550102', currentState: 9, lastStatus: 1, attempts: 3, rowStatuses: [1, 1, 1], rowCosts: [0, 0, 0] },
  { number: '12025550103', currentState: 9, lastStatus: 3, attempts: 1, rowStatuses: [3], rowCosts: [0] },
  { number: '12025550104', currentState: 9, lastStatus: 5, attempts: 1, rowStatuses: [5], rowCosts: [0] },
  { number: '12025550106', currentState: 10, lastStatus: 8, attempts: 0, rowStatuses: [8], rowCosts: [0] },
  { number: '12025550107', currentState: 11, lastStatus: 9, attempts: 0, rowStatuses: [9], rowCosts: [0] },
  { number: '12025550108', currentState: 8, lastStatus: 0, attempts: 2, rowStatuses: [6, 0], rowCosts: [0.14, 0.28] },
  { number: '442079460000', currentState: 8, lastStatus: 0, attempts: 1, rowStatuses: [0], rowCosts: [0.28] },
];

describe('magic numbers reach their documented outcome', () => {
  it.each(CASES)('$number → CurrentState $currentState, LastStatus $lastStatus, $attempts attempt(s)', async (c) => {
    sb = await sandbox({ pricePerPage: PRICE });
    const before = sb.getCredit(DEMO.accountId);
    const answer = await submit(sb, submitFields(await makePdf(4), { FaxNumber: c.number }));
    expect(answer.Response).toBe('Success');
    await sb.settle();

    const [fax] = sb.faxes();
    const total = c.rowCosts.reduce((a, b) => a + b, 0);
    expect(fax).toMatchObject({ faxNumber: c.number, currentState: c.currentState, lastStatus: c.lastStatus, attempts: c.attempts });
    expect(fax.cost).toBeCloseTo(total, 6);
    expect(sb.getCredit(DEMO.accountId)).toBeCloseTo(before - total, 6);

    const rows = await detailRows(sb);
    expect(rows.map((r) => r.LastStatus)).toEqual(c.rowStatuses);
    expect(rows.map((r) => r.RetryCount)).toEqual(c.rowStatuses.map((_, i) => i + 1));
    for (const [i, r] of rows.entries()) expect(r.RealCost).toBeCloseTo(c.rowCosts[i], 6);
    expect(rows.every((r) => r.OutTransID === Number(answer.OutTransID) && r.MaxAttempts === 3)).toBe(true);
    const ids = rows.map((r) => r.HistoryOutboundFaxID as number);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    // Earlier attempts stay "waiting for redial"; the last row carries the final state.
    expect(rows.at(-1)?.CurrentState).toBe(c.currentState);
    expect(rows.slice(0, -1).every((r) => r.CurrentState === 7)).toBe(true);
  });

  it('the restricted magic number is refused at submission and creates no fax', async () => {
    sb = await sandbox();
    const answer = await submit(sb, submitFields(await makePdf(1), { FaxNumber: '12025550105' }));
    expect(answer).toEqual({ Response: 'RestrictedFaxNumber' });
    expect(sb.faxes()).toEqual([]);
  });

  it('every documented magic number has a case above (the README table and the tests agree)', () => {
    const tested = new Set([...CASES.map((c) => c.number.slice(-7)), '5550105']);
    for (const m of MAGIC_NUMBERS) {
      expect(tested.has(m.suffix)).toBe(true);
      expect(m.example.endsWith(m.suffix)).toBe(true);
      expect(m.example).toMatch(/^1\d{10}$/);
    }
  });

  it('fine resolution lengthens the call and PagesSent / CallDuration are reported', async () => {
    sb = await sandbox();
    await submit(sb, submitFields(await makePdf(3), { faxResolution: '1' }));
    await submit(sb, submitFields(await makePdf(3), { faxResolution: '0' }));
    await sb.settle();
    const rows = await detailRows(sb);
    expect(rows.map((r) => [r.PagesSent, r.CallDuration, r.FaxResolution])).toEqual([
      [3, 30 + 3 * 40, 1],
      [3, 30 + 3 * 20, 0],
    ]);
  });

  it('a fax whose credit ran out after submission is put on credit hold, not dialled', async () => {
    const clock = manualClock();
    sb = await sandbox({ speed: 1, clock, accounts: [{ accountId: '200000002', apiKey: 'k2', credit: 1 }] });
    const acct = { accountId: '200000002', apiKey: 'k2' };
    const answer = await submit(sb, submitFields(await makePdf(4), { AccountID: acct.accountId, APIKey: acct.apiKey }));
    expect(answer.Response).toBe('Success');
    await sb.imagesDrawn(); // rendering ends once the image is drawn, whatever the clock says
    sb.setCredit(acct.accountId, 0.2);
    clock.advance(60_000);
    expect(sb.faxes()[0]).toMatchObject({ currentState: 11, lastStatus: 9, attempts: 0, cost: 0 });
    expect(sb.getCredit(acct.accountId)).toBe(0.2);
  });
});

describe('the path through CurrentState', () => {
  async function statesSeen(number: string): Promise<{ states: number[]; rows: Row[] }> {
    const clock = manualClock();
    sb = await sandbox({ speed: 1, clock });
    await submit(sb, submitFields(await makePdf(2), { FaxNumber: number }));
    await sb.imagesDrawn();
    const states: number[] = [];
    for (let t = 0; t < 3600 && sb.faxes()[0].currentState < 8; t++) {
      const s = sb.faxes()[0].currentState;
      if (states.at(-1) !== s) states.push(s);
      clock.advance(500);
    }
    states.push(sb.faxes()[0].currentState);
    return { states, rows: await detailRows(sb) };
  }

  it('a delivered fax goes 0 → 1 → 2 → 3 → 4 → 5 → 6 → 8', async () => {
    const { states } = await statesSeen('12025550199');
    expect(states).toEqual([0, 1, 2, 3, 4, 5, 6, 8]);
  });

  it('busy, busy, success waits for redial twice, 4 minutes apart, each redial a new row', async () => {
    const { states, rows } = await statesSeen('12025550101');
    expect(states).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 4, 5, 6, 7, 4, 5, 6, 8]);
    expect(rows).toHaveLength(3);
  });

  it('the redial wait is 4 minutes at speed 1', async () => {
    const clock = manualClock();
    sb = await sandbox({ speed: 1, clock });
    await submit(sb, submitFields(await makePdf(1), { FaxNumber: '12025550102' }));
    await sb.imagesDrawn();
    while (sb.faxes()[0].currentState !== 7) clock.advance(100);
    const enteredWait = clock.now();
    while (sb.faxes()[0].currentState === 7) clock.advance(100);
    expect(clock.now() - enteredWait).toBeGreaterThanOrEqual(239_900);
    expect(clock.now() - enteredWait).toBeLessThanOrEqual(240_100);
  });

  it('in-flight rows show the current state and LastStatus -1 until the call ends', async () => {
    const clock = manualClock();
    sb = await sandbox({ speed: 1, clock });
    await submit(sb, submitFields(await makePdf(2)));
    let rows = await detailRows(sb);
    expect(rows[0]).toMatchObject({ CurrentState: 0, LastStatus: -1, RenderStatus: 0, PageCount: 0, FaxDocURL: '' });
    await sb.imagesDrawn();
    clock.advance(2_500); // past rendering (1 s received + 1 s for two pages), inside the 1 s credit check
    rows = await detailRows(sb);
    expect(rows[0]).toMatchObject({ CurrentState: 2, LastStatus: -1, RenderStatus: 1, PageCount: 2 });
    expect(String(rows[0].FaxDocURL)).toMatch(/\.tif$/);
  });

  it('settle() resolves only once nothing is in flight', async () => {
    sb = await sandbox({ speed: 1_000 }); // about 0.7 s of wall time for three unanswered calls
    await submit(sb, submitFields(await makePdf(1), { FaxNumber: '12025550102' }));
    expect(sb.faxes()[0].currentState).toBeLessThan(8);
    await sb.settle();
    expect(sb.faxes()[0].currentState).toBe(9);
  });
});
