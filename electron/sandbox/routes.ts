// The three vendor scripts. Each takes the parsed request and returns the body it prints.
// Answers are the page's JSON exactly; validation order is: authentication, account active,
// fax number, restriction, resolution, paper size, priority, the PDF, then credit for one attempt.

import type { Logger } from '../core/logger.ts';
import { readFile } from 'node:fs/promises';
import { sqlDateTime } from './clock.ts';
import type { FaxImages } from './fax-images.ts';
import { DURATION_S, RENDER_STATUS, STATE } from './fax-machine.ts';
import { scenarioFor } from './magic-numbers.ts';
import { countPdfPages } from './pdf-pages.ts';
import { parseReportFilter, reportRow } from './report.ts';
import type { RequestFields } from './request-fields.ts';
import type { Scheduler } from './scheduler.ts';
import type { Store } from './store.ts';
import { type AccountRecord, roundMoney } from './store-records.ts';
import { checkSubmitFields } from './submit-rules.ts';
import type { Clock } from './types.ts';

export interface RouteContext {
  store: Store;
  scheduler: Scheduler;
  clock: Clock;
  speed: number;
  pricePerPage: number;
  log: Logger;
  images: FaxImages;
}

/** `origin`: where this server answers (http://127.0.0.1:port), for the URLs it hands out. */
export type Route = (ctx: RouteContext, req: RequestFields, origin: string) => Promise<string>;

const PDF_MAGIC = Buffer.from('%PDF-');

const answer = (response: string) => JSON.stringify({ Response: response });

function authenticate(ctx: RouteContext, req: RequestFields): AccountRecord | undefined {
  const account = ctx.store.account(req.get('AccountID') ?? '');
  return account && account.apiKey === req.get('APIKey') ? account : undefined;
}

const submitFax: Route = async (ctx, req) => {
  const account = authenticate(ctx, req);
  if (!account) return answer('InvalidAuthentication');
  if (!account.active) return answer('AccountInactive');
  const checked = checkSubmitFields(req.get);
  if (!checked.ok) return answer(checked.response);
  const pdf = req.pdf;
  if (!pdf || pdf.bytes === 0 || pdf.overLimit || !pdf.head.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) return answer('Failed');
  // A PDF the renderer cannot open is still accepted: the vendor only finds out while rendering.
  const pages = await countPdfPages(pdf.path, pdf.bytes);
  const credit = ctx.store.account(account.accountId)?.credit ?? 0;
  if (credit < roundMoney((pages ?? 1) * ctx.pricePerPage)) return answer('AccountInactive');
  const f = checked.value;
  // The vendor draws the fax image of every document it can open; the bytes are kept for it, as
  // the temp file goes with the request.
  const drawable = pages !== undefined && !scenarioFor(f.faxNumber).conversionFails;
  const bytes = drawable ? new Uint8Array(await readFile(pdf.path)) : undefined;
  const now = ctx.clock.now();
  const fax = ctx.store.insertFax({
    accountId: account.accountId,
    faxNumber: f.faxNumber,
    toHeader: f.toHeader,
    fromHeader: f.fromHeader,
    fromHeaderFields: f.fromHeaderFields,
    paperSize: f.paperSize,
    resolution: f.resolution,
    priority: f.priority,
    pages: pages ?? 0,
    renderable: pages !== undefined,
    pdfSha256: pdf.sha256,
    pdfBytes: pdf.bytes,
    submittedMs: now,
    submitDate: sqlDateTime(now),
    state: STATE.received,
    renderStatus: RENDER_STATUS.pending,
    attempts: 0,
    lastStatus: -1,
    cost: 0,
    nextAt: now + (DURATION_S.received * 1000) / ctx.speed,
    final: false,
    webhook: 0,
  });
  ctx.log.debug('fax accepted', { outTransId: fax.outTransId, pages: fax.pages });
  // Drawn after the answer, as the vendor renders: the fax stays in rendering until it is.
  if (bytes && pages !== undefined) {
    ctx.images.draw(fax.outTransId, bytes, { pdfSha256: pdf.sha256, paperSize: f.paperSize, resolution: f.resolution, pages });
  }
  ctx.scheduler.track(fax);
  return JSON.stringify({ Response: 'Success', OutTransID: String(fax.outTransId) });
};

const availableCredit: Route = async (ctx, req) => {
  const account = authenticate(ctx, req);
  if (!account) return answer('InvalidAuthentication');
  return JSON.stringify([{ AvailableCredit: account.credit }]);
};

const outboundDetails: Route = async (ctx, req, origin) => {
  const account = authenticate(ctx, req);
  if (!account) return answer('InvalidAuthentication');
  const filter = parseReportFilter(req.get, account.accountId);
  if (!filter) return '[]';
  return JSON.stringify(ctx.store.report(filter).map(({ fax, row }) => reportRow(fax, row, origin)));
};

export const ROUTES: Readonly<Record<string, Route>> = {
  '/faxSendSubmit.php': submitFax,
  '/getAvailableCredit.php': availableCredit,
  '/outboundDetailsbyDate.php': outboundDetails,
};
