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
export { LOCAL_SANDBOX_ENDPOINT } from '../../shared/outbox-filters.ts';

/** The identity the report cursor and OutTransIDs are scoped to. */
export function accountKeyOf(endpoint: string, accountId: string): string {
  return `${endpoint.replace(/\/+$/, '').toLowerCase()}#${accountId}`;
}

/** How many of an account's latest delivered faxes the learned price is taken from. */
const LEARN_FROM_FAXES = 20;

/**
 * What a page has cost this account lately: its last delivered faxes' cost over the pages
 * sent, with how many faxes that was. Undefined before any delivered fax carried a cost.
 */
export function learnedPricePerPage(db: Db, accountKey: string, sample = LEARN_FROM_FAXES): { perPage: number; faxes: number } | undefined {
  const r = get<{ cost: number | null; pages: number | null; faxes: number }>(
    db,
    `SELECT sum(cost) AS cost, sum(coalesce(pages_sent, pages)) AS pages, count(*) AS faxes FROM
       (SELECT cost, pages_sent, pages FROM jobs
        WHERE account_key = :accountKey AND state = 'delivered' AND cost > 0 AND coalesce(pages_sent, pages) > 0
        ORDER BY coalesce(final_at, updated_at) DESC, id DESC LIMIT :sample)`,
    { accountKey, sample },
  );
  return r?.cost && r.pages ? { perPage: r.cost / r.pages, faxes: r.faxes } : undefined;
}
