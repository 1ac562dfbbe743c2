// Shared test helpers: real PDFs (pdf-lib), real HTTP (fetch) and a manual clock for driving
// the fax state machine step by step.

import { PDFDocument, PDFName } from 'pdf-lib';
import { DEMO_ACCOUNT, type Clock, type Sandbox, type SandboxOptions, startSandbox } from '../../../electron/sandbox/index.ts';

process.env.OPENFAX_QUIET = '1';

export const DEMO = DEMO_ACCOUNT;

/** A real PDF with `pages` pages of the given size (points). */
export async function makePdf(pages: number, size: [number, number] = [612, 792]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage(size).drawText(`Page ${i + 1}`, { x: 50, y: 700 });
  return doc.save();
}

export function b64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

export type Fields = Record<string, string>;
export type Account = { accountId: string; apiKey: string };

/** A valid submission for the demo account; override or delete (value undefined) what a test needs. */
export function submitFields(pdf: Uint8Array, overrides: Record<string, string | undefined> = {}): Fields {
  const base: Record<string, string | undefined> = {
    AccountID: DEMO.accountId,
    APIKey: DEMO.apiKey,
    FaxNumber: '12025550199',
    toHeader: 'Jones Smith',
    frHeader: 'Mike T.',
    paperSize: '0',
    faxResolution: '0',
    Priority: 'Normal',
    PDF_encode: b64(pdf),
    ...overrides,
  };
  return Object.fromEntries(Object.entries(base).filter((e): e is [string, string] => e[1] !== undefined));
}

/** POSTs fields as multipart/form-data, the way PHP's curl sample does (plain fields, no filenames). */
export async function postMultipart(url: string, fields: Fields): Promise<Response> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return fetch(url, { method: 'POST', body: form });
}

export async function postUrlencoded(url: string, fields: Fields): Promise<Response> {
  return fetch(url, { method: 'POST', body: new URLSearchParams(fields) });
}

export async function getQuery(url: string, fields: Fields): Promise<Response> {
  return fetch(`${url}?${new URLSearchParams(fields)}`);
}

export async function submit(sb: Sandbox, fields: Fields): Promise<Record<string, unknown>> {
  const res = await postMultipart(`${sb.url}/faxSendSubmit.php`, fields);
  return JSON.parse(await res.text());
}

export async function report(sb: Sandbox, params: Fields, account: Account = DEMO): Promise<unknown> {
  const res = await postMultipart(`${sb.url}/outboundDetailsbyDate.php`, {
    AccountID: account.accountId,
    APIKey: account.apiKey,
    ...params,
  });
  return JSON.parse(await res.text());
}

export type Row = Record<string, unknown>;

export async function detailRows(sb: Sandbox, extra: Fields = {}): Promise<Row[]> {
  return (await report(sb, { FromDate: '2000-01-01', ToDate: '2100-12-31', DetailType: '1', ...extra })) as Row[];
}

export async function credit(sb: Pick<Sandbox, 'url'>, account: Account = DEMO): Promise<unknown> {
  const res = await postMultipart(`${sb.url}/getAvailableCredit.php`, { AccountID: account.accountId, APIKey: account.apiKey });
  return JSON.parse(await res.text());
}

/** A clock that only moves when told to; fires due timers in time order. */
export interface ManualClock extends Clock {
  advance(ms: number): void;
  set(ms: number): void;
}

export function manualClock(start = Date.UTC(2030, 0, 15, 12, 0, 0)): ManualClock {
  let now = start;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const clock: ManualClock = {
    now: () => now,
    setTimeout(fn, ms) {
      const id = ++seq;
      timers.set(id, { at: now + Math.max(0, ms), fn });
      return id;
    },
    clearTimeout(h) {
      timers.delete(h as number);
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        let next: [number, { at: number; fn: () => void }] | undefined;
        for (const e of timers) if (e[1].at <= end && (!next || e[1].at < next[1].at)) next = e;
        if (!next) break;
        timers.delete(next[0]);
        now = Math.max(now, next[1].at);
        next[1].fn();
      }
      now = end;
    },
    set(ms) {
      now = ms;
    },
  };
  return clock;
}

/** Starts a sandbox for a test; remember to close it (use `afterEach`). */
export function sandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox({ speed: 100_000, ...opts });
}

/** A valid one-page PDF of exactly `total` bytes (a filler stream makes up the size). */
export async function makePdfOfSize(total: number): Promise<Uint8Array> {
  let filler = Math.max(0, total - 1200);
  for (let i = 0; i < 4; i++) {
    const doc = await PDFDocument.create();
    const page = doc.addPage();
    page.node.set(PDFName.of('PieceInfo'), doc.context.register(doc.context.stream(new Uint8Array(filler))));
    const bytes = await doc.save({ useObjectStreams: false });
    if (bytes.length === total) return bytes;
    filler += total - bytes.length;
  }
  throw new Error(`could not build a PDF of exactly ${total} bytes`);
}
