import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clampLimit, createOpenfaxClient, type OpenfaxClient } from '../../../electron/openfax/client.ts';
import { type FakeOpenfax, json, startFakeOpenfax } from './fake-openfax.ts';

process.env.OPENFAX_QUIET = '1';
let server: FakeOpenfax;
let client: OpenfaxClient;
const Q = { fromDate: '2024-05-27', toDate: '2024-05-31', detail: true };

function row(id: number) {
  return {
    HistoryOutboundFaxID: String(id),
    OutTransID: 700000 + Math.floor(id / 3),
    AccountID: '123456789',
    FaxNumber: 12025551212,
    CurrentState: '8',
    RetryCount: id % 3,
    LastStatus: '0',
    RealCost: '0.21',
  };
}

/** A report endpoint over `count` rows that honours LastHistoryID and Limit as documented. */
function pagedRows(count: number, firstId = 900001) {
  const all = Array.from({ length: count }, (_, i) => row(firstId + i));
  return (fields: Record<string, string>) => {
    const after = fields.LastHistoryID ? Number(fields.LastHistoryID) : 0;
    const limit = Number(fields.Limit);
    return json(all.filter((r) => Number(r.HistoryOutboundFaxID) > after).slice(0, limit));
  };
}

beforeAll(async () => {
  server = await startFakeOpenfax();
  client = createOpenfaxClient({ accountId: '123456789', apiKey: 'report-key-1234', baseUrl: server.url });
});
afterEach(() => {
  server.requests.length = 0;
});
afterAll(() => server.close());

describe('getReportPage', () => {
  it('sends the documented fields and parses rows whose numbers arrive as text', async () => {
    server.handle(() =>
      json([
        {
          HistoryOutboundFaxID: '921363',
          OutTransID: '779029',
          AccountID: 123456789,
          FaxNumber: '12025551212',
          CurrentState: '9',
          CallerID: 17205721703,
          MaxAttempts: '3',
          RetryCount: '2',
          ToHeader: 'Jones Smith',
          FromHeader: 'Mike T.',
          FaxResolution: '0',
          RenderStatus: 1,
          FaxDocURL: 'file.tif',
          PageCount: '2',
          PaperSize: 0,
          LastStatus: '2',
          PagesSent: '0',
          CallDuration: '35',
          RealCost: '0.07',
          DateTime: '2024-05-28 10:11:12',
          NewVendorField: { nested: true },
        },
      ]),
    );
    const result = await client.getReportPage({ ...Q, lastHistoryId: 936600, limit: 5 });
    expect(server.requests[0].path).toBe('/outboundDetailsbyDate.php');
    expect(server.requests[0].order).toEqual(['AccountID', 'APIKey', 'FromDate', 'ToDate', 'DetailType', 'LastHistoryID', 'Limit']);
    expect(server.requests[0].fields).toMatchObject({
      FromDate: '2024-05-27',
      ToDate: '2024-05-31',
      DetailType: '1',
      LastHistoryID: '936600',
      Limit: '5',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [r] = result.value;
    expect(r).toMatchObject({
      historyId: 921363,
      outTransId: '779029',
      accountId: '123456789',
      faxNumber: '12025551212',
      currentState: 9,
      callerId: '17205721703',
      maxAttempts: 3,
      retryCount: 2,
      toHeader: 'Jones Smith',
      fromHeader: 'Mike T.',
      faxResolution: 0,
      renderStatus: 1,
      faxDocUrl: 'file.tif',
      pageCount: 2,
      paperSize: 0,
      lastStatus: 2,
      pagesSent: 0,
      callDuration: 35,
      realCost: 0.07,
      date: '2024-05-28 10:11:12',
    });
    expect(r.raw.NewVendorField).toEqual({ nested: true });
  });

  it('never throws on missing optional fields, and skips rows without ids', async () => {
    server.handle(() => json([{ HistoryOutboundFaxID: 5, OutTransID: 6 }, { OutTransID: 7 }, 'junk', null]));
    const result = await client.getReportPage({ ...Q, detail: false });
    expect(server.requests[0].fields.DetailType).toBe('0');
    expect(server.requests[0].order).not.toContain('LastHistoryID');
    expect(result).toEqual({
      ok: true,
      value: [
        { historyId: 5, outTransId: '6', accountId: '', faxNumber: '', currentState: -1, raw: { HistoryOutboundFaxID: 5, OutTransID: 6 } },
      ],
    });
  });

  it('keeps fax numbers longer than a safe integer digit for digit', async () => {
    server.handle(() => ({ body: '[{"HistoryOutboundFaxID":1,"OutTransID":2,"FaxNumber":12345678901234567890}]' }));
    const result = await client.getReportPage(Q);
    expect(result).toMatchObject({ ok: true, value: [{ faxNumber: '12345678901234567890' }] });
  });

  it('reads PHP’s other shapes: an object keyed by index, and null for no rows', async () => {
    server.handle(() => json({ 0: row(1), 1: row(2) }));
    expect(await client.getReportPage(Q)).toMatchObject({ ok: true, value: [{ historyId: 1 }, { historyId: 2 }] });
    server.handle(() => ({ body: 'null' }));
    expect(await client.getReportPage(Q)).toEqual({ ok: true, value: [] });
    server.handle(() => json([]));
    expect(await client.getReportPage(Q)).toEqual({ ok: true, value: [] });
  });

  it('maps error answers and unreadable reports', async () => {
    server.handle(() => json({ Response: 'invalidauthentication' }));
    expect(await client.getReportPage(Q)).toMatchObject({ ok: false, error: { kind: 'auth', retryable: false } });
    server.handle(() => json({ rows: 'none' }));
    expect(await client.getReportPage(Q)).toMatchObject({ ok: false, error: { kind: 'unknown-response', raw: '{"rows":"none"}' } });
  });

  it('rejects malformed dates without sending', async () => {
    expect(await client.getReportPage({ ...Q, fromDate: '27/05/2024' })).toMatchObject({
      ok: false,
      error: { kind: 'validation', field: 'fromDate' },
    });
    expect(await client.getReportPage({ ...Q, toDate: '2024-02-30' })).toMatchObject({ ok: false, error: { field: 'toDate' } });
    expect(await client.getReportPage({ ...Q, fromDate: '2024-06-01' })).toMatchObject({ ok: false, error: { field: 'fromDate' } });
    expect(server.requests).toHaveLength(0);
  });

  it('clamps Limit to 1..1000', async () => {
    expect([clampLimit(undefined), clampLimit(5000), clampLimit(0), clampLimit(-3), clampLimit(12.7)]).toEqual([1000, 1000, 1, 1, 12]);
    server.handle(() => json([]));
    await client.getReportPage({ ...Q, limit: 5000 });
    expect(server.requests[0].fields.Limit).toBe('1000');
  });
});

describe('getReport', () => {
  it('pages across 2500 rows by the highest HistoryOutboundFaxID seen, stopping at a short page', async () => {
    server.handle((req) => pagedRows(2500)(req.fields));
    const result = await client.getReport(Q);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toHaveLength(2500);
    expect(new Set(result.value.map((r) => r.historyId)).size).toBe(2500);
    expect(server.requests.map((r) => r.fields.LastHistoryID)).toEqual([undefined, '901000', '902000']);
    expect(server.requests.every((r) => r.fields.Limit === '1000')).toBe(true);
  });

  it('asks once more after an exactly full last page, and starts after the caller’s LastHistoryID', async () => {
    server.handle((req) => pagedRows(40, 1)(req.fields));
    const result = await client.getReport({ ...Q, limit: 10, lastHistoryId: 20 });
    expect(result).toMatchObject({ ok: true });
    if (result.ok) expect(result.value.map((r) => r.historyId)).toEqual(Array.from({ length: 20 }, (_, i) => 21 + i));
    expect(server.requests.map((r) => r.fields.LastHistoryID)).toEqual(['20', '30', '40']);
  });

  it('stops with an error when the server ignores LastHistoryID rather than looping', async () => {
    server.handle(() => json(Array.from({ length: 10 }, (_, i) => row(i + 1))));
    const result = await client.getReport({ ...Q, limit: 10 });
    expect(result).toMatchObject({ ok: false, error: { kind: 'unknown-response' } });
    expect(server.requests).toHaveLength(2);
  });

  it('returns the first failing page’s error', async () => {
    let n = 0;
    server.handle((req) => (++n === 2 ? { status: 503, body: '' } : pagedRows(1500)(req.fields)));
    expect(await client.getReport(Q)).toMatchObject({ ok: false, error: { kind: 'http', code: '503', retryable: true } });
  });
});
