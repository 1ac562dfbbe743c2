// Per-account progress through the vendor report (the last HistoryOutboundFaxID seen) and
// the last credit read, keyed by endpoint + account so a sandbox and the real service never mix.

import { type Db, get, run } from './sql.ts';

export interface AccountState {
  accountKey: string;
  lastHistoryId: number;
  credit: number | null;
  creditAt: number | null;
  updatedAt: number;
}

export function getAccountState(db: Db, accountKey: string): AccountState {
  const r = get<{ account_key: string; last_history_id: number; credit: number | null; credit_at: number | null; updated_at: number }>(
    db,
    'SELECT * FROM account_state WHERE account_key = :accountKey',
    { accountKey },
  );
  return r
    ? { accountKey, lastHistoryId: r.last_history_id, credit: r.credit, creditAt: r.credit_at, updatedAt: r.updated_at }
    : { accountKey, lastHistoryId: 0, credit: null, creditAt: null, updatedAt: 0 };
}

/** Moves the report cursor forward (never back). */
export function advanceCursor(db: Db, accountKey: string, historyId: number, now = Date.now()): void {
  run(
    db,
    `INSERT INTO account_state(account_key, last_history_id, updated_at) VALUES (:accountKey, :historyId, :now)
     ON CONFLICT(account_key) DO UPDATE SET last_history_id = max(last_history_id, excluded.last_history_id), updated_at = :now`,
    { accountKey, historyId, now },
  );
}

export function saveCredit(db: Db, accountKey: string, credit: number, now = Date.now()): void {
  run(
    db,
    `INSERT INTO account_state(account_key, credit, credit_at, updated_at) VALUES (:accountKey, :credit, :now, :now)
     ON CONFLICT(account_key) DO UPDATE SET credit = excluded.credit, credit_at = excluded.credit_at, updated_at = :now`,
    { accountKey, credit, now },
  );
}

/**
 * The `endpoint` to use for the local sandbox: its port changes on every start, its faxes
 * (kept in <dataDir>/sandbox) do not, so its identity must not include the port.
 */
export const LOCAL_SANDBOX_ENDPOINT = 'openfax-sandbox:local';

/** The identity the report cursor and OutTransIDs are scoped to. */
export function accountKeyOf(endpoint: string, accountId: string): string {
  return `${endpoint.replace(/\/+$/, '').toLowerCase()}#${accountId}`;
}
