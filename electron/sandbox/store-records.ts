// The sandbox's records as stored: a fax, its attempt rows and accounts, and how SQLite rows
// map onto them.

export interface FaxRecord {
  outTransId: number;
  accountId: string;
  faxNumber: string;
  toHeader: string;
  fromHeader: string;
  /** The from-header field names the request carried ("frHeader", "fromHeader"), in the order the sandbox reads them. */
  fromHeaderFields: string[];
  paperSize: number;
  resolution: number;
  priority: string;
  pages: number;
  /** False when the PDF cannot be rendered: the fax will end in CurrentState 10. */
  renderable: boolean;
  pdfSha256: string;
  pdfBytes: number;
  submittedMs: number;
  /** "YYYY-MM-DD HH:MM:SS", UTC. */
  submitDate: string;
  state: number;
  renderStatus: number;
  /** Calls placed so far. */
  attempts: number;
  lastStatus: number;
  cost: number;
  /** When the current state ends (ms since epoch); null once final. */
  nextAt: number | null;
  final: boolean;
  /** HistoryOutboundFaxID of the current (latest) attempt row. */
  rowId: number;
  rowCount: number;
  /** 0 none owed, 1 postback owed, 2 done. */
  webhook: number;
  /** The fax image drawn from the PDF (fax-images.ts); absent when it could not be drawn. */
  image?: FaxImageRecord;
}

export interface FaxImageRecord {
  /** The unguessable name the image is served under, one for each fax. */
  token: string;
  /** Its file in the sandbox's image folder (shared by faxes of the same document, paper and resolution). */
  file: string;
  sha256: string;
  pages: number;
  bytes: number;
}

export interface AttemptRecord {
  historyId: number;
  outTransId: number;
  retryCount: number;
  currentState: number;
  lastStatus: number;
  pagesSent: number;
  callDuration: number;
  realCost: number;
}

export interface AccountRecord {
  accountId: string;
  apiKey: string;
  credit: number;
  active: boolean;
}

export interface ReportFilter {
  accountId: string;
  fromDate: string;
  toDate: string;
  summary: boolean;
  afterHistoryId: number;
  limit: number;
}

export type NewFax = Omit<FaxRecord, 'outTransId' | 'rowId' | 'rowCount' | 'image'>;

/** Money kept to 6 decimals so repeated charges do not drift (0.07 * 3 = 0.21, not 0.21000000000000002). */
export function roundMoney(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

export type Row = Record<string, unknown>;

export function toFax(r: Row): FaxRecord {
  return {
    outTransId: Number(r.out_trans_id),
    accountId: String(r.account_id),
    faxNumber: String(r.fax_number),
    toHeader: String(r.to_header),
    fromHeader: String(r.from_header),
    fromHeaderFields: String(r.from_header_fields ?? '')
      .split(',')
      .filter(Boolean),
    paperSize: Number(r.paper_size),
    resolution: Number(r.resolution),
    priority: String(r.priority),
    pages: Number(r.pages),
    renderable: r.renderable === 1,
    pdfSha256: String(r.pdf_sha256),
    pdfBytes: Number(r.pdf_bytes),
    submittedMs: Number(r.submitted_ms),
    submitDate: String(r.submit_date),
    state: Number(r.state),
    renderStatus: Number(r.render_status),
    attempts: Number(r.attempts),
    lastStatus: Number(r.last_status),
    cost: Number(r.cost),
    nextAt: r.next_at == null ? null : Number(r.next_at),
    final: r.final === 1,
    rowId: Number(r.row_id),
    rowCount: Number(r.row_count),
    webhook: Number(r.webhook),
    ...(typeof r.image_token === 'string'
      ? {
          image: {
            token: r.image_token,
            file: String(r.image_file),
            sha256: String(r.image_sha256),
            pages: Number(r.image_pages),
            bytes: Number(r.image_bytes),
          },
        }
      : {}),
  };
}

export function toAttempt(r: Row): AttemptRecord {
  return {
    historyId: Number(r.history_id),
    outTransId: Number(r.out_trans_id),
    retryCount: Number(r.retry_count),
    currentState: Number(r.current_state),
    lastStatus: Number(r.last_status),
    pagesSent: Number(r.pages_sent),
    callDuration: Number(r.call_duration),
    realCost: Number(r.real_cost),
  };
}
