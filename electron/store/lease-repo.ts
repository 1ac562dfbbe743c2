// One engine per data folder sends faxes: the app, the browser host and the CLI may all
// open the database, but only the holder of this lease uploads and polls. The others queue
// jobs and watch. A lease is free when its holder's process is gone or its heartbeat is stale.

import { hostname } from 'node:os';
import { type Db, get, run, transaction } from './sql.ts';

export interface Lease {
  owner: string;
  pid: number;
  host: string;
  heartbeatAt: number;
}

export interface LeaseCandidate extends Lease {
  /** A lease whose heartbeat is older than this is taken over. */
  staleAfterMs: number;
  /** Whether a process of this host is still running (pid reuse aside). */
  isAlive: (pid: number) => boolean;
}

export function getLease(db: Db): Lease | undefined {
  const r = get<{ owner: string; pid: number; host: string; heartbeat_at: number }>(db, 'SELECT * FROM engine_lease WHERE id = 1');
  return r && { owner: r.owner, pid: r.pid, host: r.host, heartbeatAt: r.heartbeat_at };
}

/** Takes the lease if it is free, ours already, or abandoned. Returns whether we hold it. */
export function tryAcquireLease(db: Db, me: LeaseCandidate): boolean {
  return transaction(db, () => {
    const cur = getLease(db);
    const free =
      !cur ||
      cur.owner === me.owner ||
      me.heartbeatAt - cur.heartbeatAt > me.staleAfterMs ||
      (cur.host === me.host && !me.isAlive(cur.pid));
    if (!free) return false;
    run(
      db,
      `INSERT INTO engine_lease(id, owner, pid, host, heartbeat_at) VALUES (1, :owner, :pid, :host, :heartbeatAt)
       ON CONFLICT(id) DO UPDATE SET owner = excluded.owner, pid = excluded.pid, host = excluded.host, heartbeat_at = excluded.heartbeat_at`,
      { owner: me.owner, pid: me.pid, host: me.host, heartbeatAt: me.heartbeatAt },
    );
    return true;
  });
}

/** Refreshes our heartbeat; false when someone else took the lease. */
export function renewLease(db: Db, owner: string, now: number): boolean {
  return run(db, 'UPDATE engine_lease SET heartbeat_at = :now WHERE id = 1 AND owner = :owner', { owner, now }).changes > 0;
}

export function releaseLease(db: Db, owner: string): void {
  run(db, 'DELETE FROM engine_lease WHERE id = 1 AND owner = :owner', { owner });
}

/** The lease holder in words ("process 4242 on this computer, active 3 s ago"), or undefined when free. */
export function describeLeaseHolder(db: Db, now: number, host: string = hostname()): string | undefined {
  const lease = getLease(db);
  if (!lease) return undefined;
  const where = lease.host === host ? 'on this computer' : `on ${lease.host}`;
  const ago = Math.max(0, Math.round((now - lease.heartbeatAt) / 1000));
  return `process ${lease.pid} ${where}, active ${ago} s ago`;
}
