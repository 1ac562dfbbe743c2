// A broadcast's numbers, computed once: the Outbox row, the broadcast panel, its progress bar and
// the CLI all read them from here, so "6 sent" on the row is the same 6 as in the panel and the
// sum of its recipients' rows. Every recipient is in exactly one of five groups:
//   refused before sending + waiting to send + needing attention + canceled + sent = recipients
// and what was sent (handed to Openfax) is split by its outcome:
//   delivered + failed + in progress = sent
// A mail merge's broadcast also counts the recipients whose document is not made yet: they are
// waiting (`preparing` says how many of the waiting), and those whose document could not be
// made were refused before sending, or canceled with the merge.

import type { JobState } from './domain.ts';
import type { BroadcastCounts } from './ipc/contract/jobs.ts';

/** The group each job state counts in. */
const GROUP: Record<JobState, Exclude<keyof BroadcastCounts, 'total' | 'sent' | 'preparing'>> = {
  draft: 'waiting',
  queued: 'waiting',
  submitting: 'waiting',
  submitted: 'inProgress',
  delivered: 'delivered',
  failed: 'failed',
  canceled: 'canceled',
  // Openfax (or our own check) refused them: nothing was dialled.
  rejected: 'refused',
  'auth-failed': 'refused',
  'no-credit': 'refused',
  'needs-attention': 'needsAttention',
};

/** A merge broadcast's recipients with no job: document still being made, not made (refused at our end), canceled before it was made. */
export interface UnmadeRecipients {
  preparing: number;
  notMade: number;
  canceled: number;
}

/** The counts of a broadcast whose jobs are in these states (state → how many), and of its recipients not made yet. */
export function broadcastCounts(byState: Partial<Record<JobState, number>>, unmade?: UnmadeRecipients): BroadcastCounts {
  const c: BroadcastCounts = {
    total: 0,
    refused: 0,
    waiting: 0,
    preparing: 0,
    needsAttention: 0,
    canceled: 0,
    sent: 0,
    delivered: 0,
    failed: 0,
    inProgress: 0,
  };
  for (const [state, n] of Object.entries(byState) as Array<[JobState, number | undefined]>) {
    if (!n) continue;
    c.total += n;
    c[GROUP[state]] += n;
  }
  if (unmade) {
    c.total += unmade.preparing + unmade.notMade + unmade.canceled;
    c.waiting += unmade.preparing;
    c.preparing = unmade.preparing;
    c.refused += unmade.notMade;
    c.canceled += unmade.canceled;
  }
  c.sent = c.delivered + c.failed + c.inProgress;
  return c;
}

/** Counts of a list of recipients' rows (what a panel has loaded). */
export function countsOfStates(states: Iterable<JobState>): BroadcastCounts {
  const byState: Partial<Record<JobState, number>> = {};
  for (const s of states) byState[s] = (byState[s] ?? 0) + 1;
  return broadcastCounts(byState);
}

/** Recipients with a final result (what the progress bar fills). */
export function finishedCount(c: BroadcastCounts): number {
  return c.refused + c.canceled + c.delivered + c.failed;
}

/** The parts of the sentence, zeros left out: "1 refused before sending", "6 sent", "2 delivered"… */
export function broadcastCountParts(c: BroadcastCounts): string[] {
  const parts: Array<[number, string]> = [
    [c.refused, 'refused before sending'],
    [c.canceled, 'canceled'],
    [c.preparing, 'being prepared'],
    [c.waiting - c.preparing, 'waiting to send'],
    [c.needsAttention, c.needsAttention === 1 ? 'needs attention' : 'need attention'],
    [c.sent, 'sent'],
    [c.delivered, 'delivered'],
    [c.failed, 'failed'],
    [c.inProgress, 'in progress'],
  ];
  return parts.filter(([n]) => n > 0).map(([n, words]) => `${n} ${words}`);
}

/** "7 recipients: 1 refused before sending · 6 sent · 2 delivered · 1 failed · 3 in progress". */
export function broadcastCountsText(c: BroadcastCounts): string {
  const head = `${c.total} recipient${c.total === 1 ? '' : 's'}`;
  const parts = broadcastCountParts(c);
  return parts.length ? `${head}: ${parts.join(' · ')}` : head;
}
