// Report rows as the vendor sends them: numbers that may arrive as text, field names whose
// case we do not rely on, fields the page never documented (kept in `raw`). A row never throws.

import type { ReportRow } from './types.ts';

type Fields = Map<string, unknown>;

function num(f: Fields, name: string): number | undefined {
  const v = f.get(name.toLowerCase());
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v.trim());
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

function text(f: Fields, name: string): string | undefined {
  const v = f.get(name.toLowerCase());
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

// The documented table is cut off; rows may carry a submit or attempt time under some name.
function dateField(raw: Record<string, unknown>): string | undefined {
  for (const [k, v] of Object.entries(raw)) {
    if (/date|time/i.test(k) && (typeof v === 'string' || typeof v === 'number') && String(v).trim() !== '') return String(v);
  }
  return undefined;
}

/** One row, or undefined when it lacks the ids that make it usable (HistoryOutboundFaxID, OutTransID). */
function parseReportRow(value: unknown): ReportRow | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const raw = value as Record<string, unknown>;
  const f: Fields = new Map(Object.entries(raw).map(([k, v]) => [k.toLowerCase(), v]));
  const historyId = num(f, 'HistoryOutboundFaxID');
  const outTransId = text(f, 'OutTransID')?.trim();
  if (historyId === undefined || !outTransId) return undefined;
  const row: ReportRow = {
    historyId,
    outTransId,
    accountId: text(f, 'AccountID') ?? '',
    faxNumber: text(f, 'FaxNumber') ?? '',
    currentState: num(f, 'CurrentState') ?? -1,
    raw,
  };
  const optional: Array<[keyof ReportRow, unknown]> = [
    ['callerId', text(f, 'CallerID')],
    ['maxAttempts', num(f, 'MaxAttempts')],
    ['retryCount', num(f, 'RetryCount')],
    ['toHeader', text(f, 'ToHeader')],
    ['fromHeader', text(f, 'FromHeader')],
    ['faxResolution', num(f, 'FaxResolution')],
    ['renderStatus', num(f, 'RenderStatus')],
    ['faxDocUrl', text(f, 'FaxDocURL')],
    ['pageCount', num(f, 'PageCount')],
    ['paperSize', num(f, 'PaperSize')],
    ['lastStatus', num(f, 'LastStatus')],
    ['pagesSent', num(f, 'PagesSent')],
    ['callDuration', num(f, 'CallDuration')],
    ['realCost', num(f, 'RealCost')],
    ['date', dateField(raw)],
  ];
  for (const [key, v] of optional) if (v !== undefined) (row as unknown as Record<string, unknown>)[key] = v;
  return row;
}

/** The usable rows of a page, in the order received. */
export function parseReportRows(values: readonly unknown[]): ReportRow[] {
  const rows: ReportRow[] = [];
  for (const v of values) {
    const row = parseReportRow(v);
    if (row) rows.push(row);
  }
  return rows;
}
