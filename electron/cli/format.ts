// How jobs and progress read in a terminal.

import { formatFaxNumber } from '../../shared/fax-number.ts';
import type { JobView } from '../store/jobs-repo.ts';
import { broadcastCounts, broadcastCountsText } from '../../shared/broadcast-counts.ts';
import type { BroadcastProgress } from '../store/broadcasts-repo.ts';

const STATE_WORDS: Record<string, string> = {
  draft: 'draft',
  queued: 'waiting to upload',
  submitting: 'uploading',
  submitted: 'with Openfax',
  delivered: 'delivered',
  failed: 'failed',
  canceled: 'canceled',
  rejected: 'refused',
  'needs-attention': 'needs attention',
  'auth-failed': 'account refused',
  'no-credit': 'no credit',
};

function stateWords(job: Pick<JobView, 'state'>): string {
  return STATE_WORDS[job.state] ?? job.state;
}

function money(n: number | null): string {
  return n === null ? '-' : n.toFixed(2);
}

/** One line per job, aligned: id, number, state, OutTransID, calls, cost, document; the reason under a problem. */
export function jobTable(jobs: readonly JobView[]): string {
  const head = ['JOB', 'NUMBER', 'STATE', 'OUTTRANSID', 'CALLS', 'COST', 'DOCUMENT'];
  const rows = jobs.map((j) => [
    String(j.id),
    formatFaxNumber(j.faxNumber, j.numberRaw),
    stateWords(j),
    j.outTransId ?? '-',
    String(j.attempts),
    money(j.cost),
    j.documentName,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const out = [line(head)];
  jobs.forEach((j, i) => {
    out.push(line(rows[i]));
    if (j.error && j.state !== 'delivered' && j.state !== 'submitted') {
      out.push(`      ${j.error.message}${j.error.action ? ` ${j.error.action}` : ''}`);
    }
  });
  return `${out.join('\n')}\n`;
}

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** "Broadcast 3: 7 recipients: …": the Outbox row's words (shared/broadcast-counts.ts). */
export function broadcastLine(p: BroadcastProgress): string {
  return `Broadcast ${p.broadcastId}: ${broadcastCountsText(broadcastCounts(p.byState, p.unmade))}`;
}

/** A JSON-friendly job for --json output. */
export function jobJson(j: JobView): Record<string, unknown> {
  return {
    id: j.id,
    state: j.state,
    number: j.faxNumber,
    numberAsEntered: j.numberRaw,
    outTransId: j.outTransId,
    attempts: j.attempts,
    cost: j.cost,
    pages: j.pages,
    document: j.documentName,
    broadcastId: j.broadcastId,
    currentState: j.currentState,
    lastStatus: j.lastStatus,
    error: j.error,
    createdAt: new Date(j.createdAt).toISOString(),
    finalAt: j.finalAt ? new Date(j.finalAt).toISOString() : null,
  };
}
