// Accounts, faxes and attempt rows in SQLite: a file in dataDir (so an app restart finds its
// in-flight faxes) or ':memory:'. Every accepted submission is committed before its answer is
// written, which makes `faxes()` an exact judge for exactly-once tests, across restarts too.

import { join } from 'node:path';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { privateDirSync } from '../core/private-files.ts';
import { openSqlite } from '../core/sqlite-connection.ts';
import { FIRST_HISTORY_ID, FIRST_OUT_TRANS_ID } from './defaults.ts';
import {
  type AccountRecord,
  type AttemptRecord,
  type FaxImageRecord,
  type FaxRecord,
  type NewFax,
  type ReportFilter,
  type Row,
  roundMoney,
  toAttempt,
  toFax,
} from './store-records.ts';
import type { SandboxAccount } from './types.ts';

export const STORE_FILE = 'openfax-sandbox.sqlite';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS accounts (
  account_id TEXT PRIMARY KEY, api_key TEXT NOT NULL, credit REAL NOT NULL, active INTEGER NOT NULL DEFAULT 1);
CREATE TABLE IF NOT EXISTS faxes (
  out_trans_id INTEGER PRIMARY KEY AUTOINCREMENT, account_id TEXT NOT NULL, fax_number TEXT NOT NULL,
  to_header TEXT NOT NULL, from_header TEXT NOT NULL, paper_size INTEGER NOT NULL, resolution INTEGER NOT NULL,
  priority TEXT NOT NULL, pages INTEGER NOT NULL, renderable INTEGER NOT NULL, pdf_sha256 TEXT NOT NULL,
  pdf_bytes INTEGER NOT NULL, submitted_ms INTEGER NOT NULL, submit_date TEXT NOT NULL, state INTEGER NOT NULL,
  render_status INTEGER NOT NULL, attempts INTEGER NOT NULL, last_status INTEGER NOT NULL, cost REAL NOT NULL,
  next_at INTEGER, final INTEGER NOT NULL, row_id INTEGER NOT NULL, row_count INTEGER NOT NULL, webhook INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS faxes_by_account_date ON faxes (account_id, submit_date);
CREATE INDEX IF NOT EXISTS faxes_in_flight ON faxes (final);
CREATE TABLE IF NOT EXISTS attempts (
  history_id INTEGER PRIMARY KEY AUTOINCREMENT, out_trans_id INTEGER NOT NULL, retry_count INTEGER NOT NULL,
  current_state INTEGER NOT NULL, last_status INTEGER NOT NULL, pages_sent INTEGER NOT NULL,
  call_duration INTEGER NOT NULL, real_cost REAL NOT NULL);
CREATE INDEX IF NOT EXISTS attempts_by_fax ON attempts (out_trans_id);
`;

export interface Store {
  /** Runs `fn` in one transaction: all of it is on disk, or none. */
  transaction<T>(fn: () => T): T;
  ensureAccount(a: SandboxAccount): void;
  account(accountId: string): AccountRecord | undefined;
  setCredit(accountId: string, credit: number): void;
  charge(accountId: string, amount: number): void;
  /** Inserts the fax and its first attempt row (RetryCount 1). */
  insertFax(f: NewFax): FaxRecord;
  updateFax(f: FaxRecord): void;
  insertRow(outTransId: number, retryCount: number, currentState: number): number;
  row(historyId: number): AttemptRecord | undefined;
  updateRow(r: AttemptRecord): void;
  fax(outTransId: number): FaxRecord | undefined;
  /** Records the fax image once it is stored. */
  setImage(outTransId: number, image: FaxImageRecord): void;
  /** The fax whose image is served under `token`. */
  faxByImage(token: string): FaxRecord | undefined;
  /** Forgets the images of all but the newest `keep` faxes that have one; returns the files still in use. */
  keepImages(keep: number): Set<string>;
  faxes(): FaxRecord[];
  inFlight(): FaxRecord[];
  webhooksOwed(): FaxRecord[];
  report(q: ReportFilter): Array<{ fax: FaxRecord; row: AttemptRecord }>;
  close(): void;
}

export function openStore(dataDir: string | undefined): Store {
  if (dataDir) privateDirSync(dataDir);
  // Two processes may run a sandbox on one data folder (`watch --sandbox` and `status --sandbox`):
  // each waits for the other's writes instead of failing with "database is locked".
  const { db } = openSqlite(dataDir ? join(dataDir, STORE_FILE) : ':memory:');
  // WAL + NORMAL: a commit survives the process being killed, which is the crash that matters here.
  if (dataDir) db.exec('PRAGMA synchronous = NORMAL;');
  db.exec(SCHEMA);
  addColumn(db, 'faxes', 'from_header_fields', "TEXT NOT NULL DEFAULT ''");
  addColumn(db, 'faxes', 'image_token', 'TEXT');
  addColumn(db, 'faxes', 'image_file', 'TEXT');
  addColumn(db, 'faxes', 'image_sha256', 'TEXT');
  addColumn(db, 'faxes', 'image_pages', 'INTEGER');
  addColumn(db, 'faxes', 'image_bytes', 'INTEGER');
  db.exec('CREATE UNIQUE INDEX IF NOT EXISTS faxes_by_image ON faxes (image_token)');
  db.prepare('INSERT INTO sqlite_sequence (name, seq) SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = ?)').run(
    'faxes',
    FIRST_OUT_TRANS_ID - 1,
    'faxes',
  );
  db.prepare('INSERT INTO sqlite_sequence (name, seq) SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = ?)').run(
    'attempts',
    FIRST_HISTORY_ID - 1,
    'attempts',
  );

  const cache = new Map<string, StatementSync>();
  const q = (sql: string) => {
    let s = cache.get(sql);
    if (!s) {
      s = db.prepare(sql);
      cache.set(sql, s);
    }
    return s;
  };
  let depth = 0;

  const insertRow = (outTransId: number, retryCount: number, currentState: number) =>
    Number(
      q(
        'INSERT INTO attempts (out_trans_id, retry_count, current_state, last_status, pages_sent, call_duration, real_cost) VALUES (?, ?, ?, -1, 0, 0, 0)',
      ).run(outTransId, retryCount, currentState).lastInsertRowid,
    );

  const store: Store = {
    transaction(fn) {
      if (depth > 0) return fn();
      depth++;
      db.exec('BEGIN IMMEDIATE');
      try {
        const out = fn();
        db.exec('COMMIT');
        return out;
      } catch (e) {
        db.exec('ROLLBACK');
        throw e;
      } finally {
        depth--;
      }
    },
    ensureAccount(a) {
      q('INSERT OR IGNORE INTO accounts (account_id, api_key, credit, active) VALUES (?, ?, ?, ?)').run(
        a.accountId,
        a.apiKey,
        roundMoney(a.credit),
        a.active === false ? 0 : 1,
      );
    },
    account(accountId) {
      const r = q('SELECT * FROM accounts WHERE account_id = ?').get(accountId) as Row | undefined;
      return r && { accountId: String(r.account_id), apiKey: String(r.api_key), credit: Number(r.credit), active: r.active === 1 };
    },
    setCredit(accountId, credit) {
      const res = q('UPDATE accounts SET credit = ? WHERE account_id = ?').run(roundMoney(credit), accountId);
      if (Number(res.changes) === 0) throw new Error(`No sandbox account ${accountId}`);
    },
    charge(accountId, amount) {
      const a = store.account(accountId);
      if (a) q('UPDATE accounts SET credit = ? WHERE account_id = ?').run(roundMoney(a.credit - amount), accountId);
    },
    insertFax(f) {
      return store.transaction(() => {
        const id = Number(
          q(
            `INSERT INTO faxes (account_id, fax_number, to_header, from_header, paper_size, resolution, priority, pages,
              renderable, pdf_sha256, pdf_bytes, submitted_ms, submit_date, state, render_status, attempts, last_status,
              cost, next_at, final, row_id, row_count, webhook, from_header_fields)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 1, ?, ?)`,
          ).run(
            f.accountId,
            f.faxNumber,
            f.toHeader,
            f.fromHeader,
            f.paperSize,
            f.resolution,
            f.priority,
            f.pages,
            f.renderable ? 1 : 0,
            f.pdfSha256,
            f.pdfBytes,
            f.submittedMs,
            f.submitDate,
            f.state,
            f.renderStatus,
            f.attempts,
            f.lastStatus,
            f.cost,
            f.nextAt,
            f.final ? 1 : 0,
            f.webhook,
            f.fromHeaderFields.join(','),
          ).lastInsertRowid,
        );
        const rowId = insertRow(id, 1, f.state);
        q('UPDATE faxes SET row_id = ? WHERE out_trans_id = ?').run(rowId, id);
        return { ...f, outTransId: id, rowId, rowCount: 1 };
      });
    },
    updateFax(f) {
      q(
        `UPDATE faxes SET pages = ?, state = ?, render_status = ?, attempts = ?, last_status = ?, cost = ?, next_at = ?,
          final = ?, row_id = ?, row_count = ?, webhook = ? WHERE out_trans_id = ?`,
      ).run(
        f.pages,
        f.state,
        f.renderStatus,
        f.attempts,
        f.lastStatus,
        f.cost,
        f.nextAt,
        f.final ? 1 : 0,
        f.rowId,
        f.rowCount,
        f.webhook,
        f.outTransId,
      );
    },
    insertRow,
    row(historyId) {
      const r = q('SELECT * FROM attempts WHERE history_id = ?').get(historyId) as Row | undefined;
      return r && toAttempt(r);
    },
    updateRow(r) {
      q(
        'UPDATE attempts SET current_state = ?, last_status = ?, pages_sent = ?, call_duration = ?, real_cost = ? WHERE history_id = ?',
      ).run(r.currentState, r.lastStatus, r.pagesSent, r.callDuration, r.realCost, r.historyId);
    },
    fax(outTransId) {
      const r = q('SELECT * FROM faxes WHERE out_trans_id = ?').get(outTransId) as Row | undefined;
      return r && toFax(r);
    },
    setImage(outTransId, image) {
      q('UPDATE faxes SET image_token = ?, image_file = ?, image_sha256 = ?, image_pages = ?, image_bytes = ? WHERE out_trans_id = ?').run(
        image.token,
        image.file,
        image.sha256,
        image.pages,
        image.bytes,
        outTransId,
      );
    },
    faxByImage(token) {
      const r = q('SELECT * FROM faxes WHERE image_token = ?').get(token) as Row | undefined;
      return r && toFax(r);
    },
    keepImages(keep) {
      q(
        `UPDATE faxes SET image_token = NULL, image_file = NULL, image_sha256 = NULL, image_pages = NULL, image_bytes = NULL
          WHERE image_token IS NOT NULL AND out_trans_id NOT IN
            (SELECT out_trans_id FROM faxes WHERE image_token IS NOT NULL ORDER BY out_trans_id DESC LIMIT ?)`,
      ).run(keep);
      const files = q('SELECT DISTINCT image_file FROM faxes WHERE image_file IS NOT NULL').all() as Array<{ image_file: string }>;
      return new Set(files.map((r) => r.image_file));
    },
    faxes() {
      return (q('SELECT * FROM faxes ORDER BY out_trans_id').all() as Row[]).map(toFax);
    },
    inFlight() {
      return (q('SELECT * FROM faxes WHERE final = 0 ORDER BY out_trans_id').all() as Row[]).map(toFax);
    },
    webhooksOwed() {
      return (q('SELECT * FROM faxes WHERE webhook = 1 ORDER BY out_trans_id').all() as Row[]).map(toFax);
    },
    report(f) {
      const sql = `SELECT a.history_id AS a_history_id, a.out_trans_id AS a_out_trans_id, a.retry_count AS a_retry_count,
          a.current_state AS a_current_state, a.last_status AS a_last_status, a.pages_sent AS a_pages_sent,
          a.call_duration AS a_call_duration, a.real_cost AS a_real_cost, f.*
        FROM attempts a JOIN faxes f ON f.out_trans_id = a.out_trans_id
        WHERE f.account_id = ? AND f.submit_date >= ? AND f.submit_date <= ? AND a.history_id > ?
          ${f.summary ? 'AND f.final = 1 AND a.history_id = f.row_id' : ''}
        ORDER BY a.history_id LIMIT ?`;
      const rows = q(sql).all(f.accountId, `${f.fromDate} 00:00:00`, `${f.toDate} 23:59:59`, f.afterHistoryId, f.limit) as Row[];
      return rows.map((r) => ({
        fax: toFax(r),
        row: toAttempt({
          history_id: r.a_history_id,
          out_trans_id: r.a_out_trans_id,
          retry_count: r.a_retry_count,
          current_state: r.a_current_state,
          last_status: r.a_last_status,
          pages_sent: r.a_pages_sent,
          call_duration: r.a_call_duration,
          real_cost: r.a_real_cost,
        }),
      }));
    },
    close() {
      db.close();
    },
  };
  return store;
}

/** A column added after the first release: sandbox files already on disk get it on open (another process may just have added it). */
function addColumn(db: DatabaseSync, table: string, column: string, type: string): void {
  const has = (db.prepare(`SELECT 1 FROM pragma_table_info('${table}') WHERE name = ?`).get(column) as unknown) !== undefined;
  if (has) return;
  try {
    db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
  } catch (err) {
    if (!/duplicate column/i.test((err as Error).message)) throw err;
  }
}
