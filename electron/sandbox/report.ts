// outboundDetailsbyDate.php: the parameters it reads and the rows it answers with. Dates are
// matched against the submission time in UTC. Rows are updated in place while a fax is in
// flight, so a poller that pages by LastHistoryID must start again from just below its oldest
// unfinished row to see that row's final state.

import { MAX_ATTEMPTS } from '../../shared/vendor-codes.ts';
import { REPORT_MAX_ROWS, SANDBOX_CALLER_ID } from './defaults.ts';
import { faxImagePath } from './fax-images.ts';
import { RENDER_STATUS } from './fax-machine.ts';
import type { AttemptRecord, FaxRecord, ReportFilter } from './store-records.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function intOr(v: string | undefined, fallback: number): number {
  return v !== undefined && /^\s*-?\d+\s*$/.test(v) ? Number.parseInt(v, 10) : fallback;
}

/**
 * Reads the report parameters the way the page documents them; undefined when the dates are
 * missing or not YYYY-MM-DD (the endpoint then answers an empty list, as a query on bad dates would).
 * DetailType 1 = every attempt row; anything else = summary (final row of each finished fax).
 * Limit: default and maximum 1000.
 */
export function parseReportFilter(get: (name: string) => string | undefined, accountId: string): ReportFilter | undefined {
  const fromDate = get('FromDate');
  const toDate = get('ToDate');
  if (!fromDate || !toDate || !DATE.test(fromDate) || !DATE.test(toDate)) return undefined;
  const limit = intOr(get('Limit'), REPORT_MAX_ROWS);
  return {
    accountId,
    fromDate,
    toDate,
    summary: get('DetailType')?.trim() !== '1',
    afterHistoryId: Math.max(0, intOr(get('LastHistoryID'), 0)),
    limit: limit < 1 || limit > REPORT_MAX_ROWS ? REPORT_MAX_ROWS : limit,
  };
}

/** Digits-only ids go out as JSON numbers (the page types them Int/BigInt); anything else as text. */
function idValue(v: string): number | string {
  return /^[0-9]{1,15}$/.test(v) ? Number(v) : v;
}

/**
 * One report row, keys in the order of the page's table, then the attempt result and SubmitDate.
 * FaxDocURL is where `origin` (the sandbox's own address) serves the fax's image, once drawn.
 */
export function reportRow(fax: FaxRecord, row: AttemptRecord, origin: string): Record<string, unknown> {
  const rendered = fax.renderStatus === RENDER_STATUS.complete;
  return {
    HistoryOutboundFaxID: row.historyId,
    OutTransID: fax.outTransId,
    AccountID: idValue(fax.accountId),
    FaxNumber: idValue(fax.faxNumber),
    CurrentState: row.currentState,
    CallerID: Number(SANDBOX_CALLER_ID),
    MaxAttempts: MAX_ATTEMPTS,
    RetryCount: row.retryCount,
    ToHeader: fax.toHeader,
    FromHeader: fax.fromHeader,
    FaxResolution: fax.resolution,
    RenderStatus: fax.renderStatus,
    FaxDocURL: rendered && fax.image ? `${origin}${faxImagePath(fax.image.token)}` : '',
    PageCount: rendered ? fax.pages : 0,
    PaperSize: fax.paperSize,
    LastStatus: row.lastStatus,
    PagesSent: row.pagesSent,
    CallDuration: row.callDuration,
    RealCost: row.realCost,
    SubmitDate: fax.submitDate,
  };
}
