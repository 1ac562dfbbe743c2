// Broadcasts: one document to many recipients, as one job per recipient.

import type { UnmadeRecipients } from '../../shared/broadcast-counts.ts';
import type { JobState } from '../../shared/domain.ts';
import { isMergeBroadcast, unmadeRowsOfBroadcast } from './merges-repo.ts';
import { all, type Db, get, run } from './sql.ts';

export interface Broadcast {
  id: number;
  documentId: string;
  name: string;
  recipients: number;
  creditAtStart: number | null;
  estimatedCost: number | null;
  createdAt: number;
}

/** Counts of a broadcast's jobs, grouped the way the UI shows them. */
export interface BroadcastProgress {
  broadcastId: number;
  total: number;
  waiting: number;
  sending: number;
  submitted: number;
  delivered: number;
  failed: number;
  canceled: number;
  needsAttention: number;
  /** Jobs in a final state. */
  done: number;
  cost: number;
  /** Jobs per state: what shared/broadcast-counts.ts words the broadcast from. */
  byState: Partial<Record<JobState, number>>;
  /**
   * A mail merge's broadcast: its recipients with no job (their document still being made, not
   * made, or canceled before it was), counted above too (waiting, failed, canceled). Absent for
   * a broadcast that is no merge's.
   */
  unmade?: UnmadeRecipients;
}

/** A `broadcasts` row as SQLite returns it. */
export interface BroadcastDbRow {
  id: number;
  document_id: string;
  name: string;
  recipients: number;
  credit_at_start: number | null;
  estimated_cost: number | null;
  created_at: number;
}

export function toBroadcast(r: BroadcastDbRow): Broadcast {
  return {
    id: r.id,
    documentId: r.document_id,
    name: r.name,
    recipients: r.recipients,
    creditAtStart: r.credit_at_start,
    estimatedCost: r.estimated_cost,
    createdAt: r.created_at,
  };
}

export function insertBroadcast(db: Db, b: Omit<Broadcast, 'id'>): number {
  return run(
    db,
    `INSERT INTO broadcasts(document_id, name, recipients, credit_at_start, estimated_cost, created_at)
     VALUES (:documentId, :name, :recipients, :creditAtStart, :estimatedCost, :createdAt)`,
    { ...b },
  ).lastInsertRowid;
}

export function getBroadcast(db: Db, id: number): Broadcast | undefined {
  const r = get<BroadcastDbRow>(db, 'SELECT * FROM broadcasts WHERE id = :id', { id });
  return r && toBroadcast(r);
}

export function broadcastProgress(db: Db, broadcastId: number): BroadcastProgress {
  const rows = all<{ state: string; n: number; cost: number | null }>(
    db,
    // A refusal that came after Openfax accepted the fax (a credit hold, CurrentState 11) was
    // sent: it counts as failed, not among those refused before any call.
    `SELECT CASE WHEN state IN ('no-credit', 'rejected', 'auth-failed') AND out_trans_id IS NOT NULL THEN 'failed' ELSE state END AS state,
            count(*) AS n, sum(cost) AS cost
       FROM jobs WHERE broadcast_id = :broadcastId GROUP BY 1`,
    { broadcastId },
  );
  const p: BroadcastProgress = {
    broadcastId,
    total: 0,
    waiting: 0,
    sending: 0,
    submitted: 0,
    delivered: 0,
    failed: 0,
    canceled: 0,
    needsAttention: 0,
    done: 0,
    cost: 0,
    byState: {},
  };
  for (const r of rows) {
    p.byState[r.state as JobState] = r.n;
    p.total += r.n;
    p.cost += r.cost ?? 0;
    switch (r.state) {
      case 'draft':
      case 'queued':
        p.waiting += r.n;
        break;
      case 'submitting':
        p.sending += r.n;
        break;
      case 'submitted':
        p.submitted += r.n;
        break;
      case 'delivered':
        p.delivered += r.n;
        p.done += r.n;
        break;
      case 'canceled':
        p.canceled += r.n;
        p.done += r.n;
        break;
      case 'needs-attention':
        p.needsAttention += r.n;
        break;
      default:
        p.failed += r.n;
        p.done += r.n;
    }
  }
  p.cost = Math.round(p.cost * 1e6) / 1e6;
  if (isMergeBroadcast(db, broadcastId)) {
    const u = unmadeRowsOfBroadcast(db, broadcastId);
    p.unmade = u;
    p.total += u.preparing + u.notMade + u.canceled;
    p.waiting += u.preparing;
    p.failed += u.notMade;
    p.canceled += u.canceled;
    p.done += u.notMade + u.canceled;
  }
  return p;
}
