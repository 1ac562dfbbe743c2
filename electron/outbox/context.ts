// What the outbox's parts share: the database, time, logging, the account, events.

import type { Logger } from '../core/logger.ts';
import { type JobSide, unsetAccountKey } from '../../shared/outbox-filters.ts';
import { accountKeyOf } from '../store/account-state-repo.ts';
import type { Db } from '../store/sql.ts';
import type { Emitter } from './emitter.ts';
import type { OutboxAccount, OutboxEvents, OutboxTiming } from './types.ts';

export type ResolvedTiming = Required<Omit<OutboxTiming, 'pollIntervalMs'>> & { pollIntervalMs?: number };

export interface EngineContext {
  db: Db;
  dataDir: string;
  spoolDir: string;
  now: () => number;
  random: () => number;
  log: Logger;
  getAccount: () => OutboxAccount | undefined;
  /** The side in use (sandbox or live), known even when that side has no account set up. */
  getSide?: () => JobSide;
  timing: ResolvedTiming;
  events: Emitter<OutboxEvents>;
  /** Emits job-changed for each id (and broadcast-progress for their broadcasts). */
  jobsChanged: (ids: readonly number[]) => void;
}

export const DEFAULT_TIMING: ResolvedTiming = {
  pollMaxBackoffMs: 5 * 60_000,
  retryBaseMs: 5_000,
  retryMaxMs: 10 * 60_000,
  maxSubmitTries: 5,
  reconcileGraceMs: 10 * 60_000,
  attentionAfterPollFailures: 3,
  leaseHeartbeatMs: 5_000,
  leaseStaleMs: 30_000,
  dbWatchMs: 1_000,
  stopGraceMs: 10_000,
  sweepEveryMs: 6 * 3600_000,
};

export function accountKey(a: OutboxAccount): string {
  return accountKeyOf(a.endpoint, a.accountId);
}

/**
 * The account key a job queued now carries, so that only that account sends it: the account in
 * use, or, when its side has none set up, that side's unset key (shared/outbox-filters.ts).
 * Null only without an account and without a known side (engine tests): any account sends it.
 */
export function queueAccountKey(ctx: EngineContext): string | null {
  const account = ctx.getAccount();
  if (account) return accountKey(account);
  const side = ctx.getSide?.();
  return side ? unsetAccountKey(side) : null;
}
