// Native notifications for final fax results, and the in-flight count for the dock/taskbar
// badge. Listens to the outbox; knows nothing of Electron (the host adapter shows things).
// A broadcast gives one notification when its last recipient is final, not one per recipient.

import { FINAL_JOB_STATES } from '../../shared/domain.ts';
import { formatFaxNumber } from '../../shared/fax-number.ts';
import type { HostAdapter } from '../core/host.ts';
import type { OutboxEvents } from '../outbox/types.ts';
import type { BroadcastProgress } from '../store/broadcasts-repo.ts';
import type { JobView } from '../store/jobs-repo.ts';
import { jobStatus } from './job-status.ts';

export interface ResultNotifierDeps {
  outbox: { on(event: 'job-changed', cb: (job: OutboxEvents['job-changed']) => void): () => void };
  host: Pick<HostAdapter, 'notify' | 'setBadgeCount'>;
  /** The notifyOnResult setting, read at the moment of each result (changes apply at once). */
  notificationsEnabled: () => boolean;
  /** Jobs queued, uploading or awaiting a result. */
  countInFlight: () => number;
  broadcastProgress: (broadcastId: number) => BroadcastProgress;
  /**
   * The broadcast's name (outbox-query.ts broadcastLabel): a merge's recipients each have a
   * document of their own, so the last job's would name one person. Without it: that document's.
   */
  broadcastName?: (broadcastId: number) => string | undefined;
  /** Also told the in-flight count (the tray tooltip). */
  onInFlight?: (count: number) => void;
  now?: () => number;
  /** Badge updates are coalesced over this many ms (a broadcast changes many jobs at once). Default 100. */
  coalesceMs?: number;
  /** Results older than this when first seen are history (a start-up catch-up), not news. Default 10 minutes. */
  freshMs?: number;
}

/** Words for one final job; undefined for results that need no notification (a cancel the person made). */
function resultNotification(job: JobView): { title: string; body: string } | undefined {
  if (!FINAL_JOB_STATES.includes(job.state) || job.state === 'canceled') return undefined;
  const who = job.contactName || job.toHeader;
  const number = formatFaxNumber(job.faxNumber, job.numberRaw);
  const to = who ? `${who} (${number})` : number;
  const doc = job.documentName ? `${job.documentName}, ` : '';
  const pages = `${job.pages} page${job.pages === 1 ? '' : 's'}`;
  if (job.state === 'delivered') return { title: 'Fax delivered', body: `To ${to}: ${doc}${pages}.` };
  const s = jobStatus(job);
  const why = [s.detail, s.code ? `(${s.code})` : ''].filter(Boolean).join(' ');
  return { title: 'Fax failed', body: `To ${to}: ${why || s.label}.${s.action ? ` ${s.action}` : ''}` };
}

function broadcastNotification(name: string, p: BroadcastProgress): { title: string; body: string } {
  const parts = [`${p.delivered} delivered`];
  if (p.failed) parts.push(`${p.failed} failed`);
  if (p.canceled) parts.push(`${p.canceled} canceled`);
  return {
    title: p.failed ? 'Broadcast finished with failures' : 'Broadcast delivered',
    body: `${name ? `${name}: ` : ''}${parts.join(', ')} of ${p.total}.`,
  };
}

/** Starts listening; returns the disposer. Sets the badge once at start. */
export function startResultNotifier(deps: ResultNotifierDeps): () => void {
  const now = deps.now ?? Date.now;
  const startedAt = now();
  const freshMs = deps.freshMs ?? 10 * 60_000;
  const notifiedJobs = new Set<number>();
  const notifiedBroadcasts = new Set<number>();
  let badgeTimer: ReturnType<typeof setTimeout> | undefined;
  let lastCount = -1;

  const updateBadge = () => {
    badgeTimer = undefined;
    const n = deps.countInFlight();
    if (n === lastCount) return;
    lastCount = n;
    deps.host.setBadgeCount(n);
    deps.onInFlight?.(n);
  };
  const scheduleBadge = () => {
    if (badgeTimer) return;
    badgeTimer = setTimeout(updateBadge, deps.coalesceMs ?? 100);
    badgeTimer.unref?.();
  };

  const fresh = (job: JobView) => (job.finalAt ?? job.updatedAt) >= startedAt - freshMs;

  const onJob = (job: JobView) => {
    scheduleBadge();
    if (!FINAL_JOB_STATES.includes(job.state) || notifiedJobs.has(job.id) || !fresh(job)) return;
    notifiedJobs.add(job.id);
    if (notifiedJobs.size > 10_000) notifiedJobs.delete(notifiedJobs.values().next().value as number);
    if (!deps.notificationsEnabled()) return;
    if (job.broadcastId != null) {
      if (notifiedBroadcasts.has(job.broadcastId)) return;
      const p = deps.broadcastProgress(job.broadcastId);
      if (p.total === 0 || p.done < p.total) return;
      notifiedBroadcasts.add(job.broadcastId);
      if (p.delivered + p.failed === 0) return;
      const n = broadcastNotification(deps.broadcastName?.(job.broadcastId) ?? job.documentName, p);
      deps.host.notify(n.title, n.body);
      return;
    }
    const n = resultNotification(job);
    if (n) deps.host.notify(n.title, n.body);
  };

  const off = deps.outbox.on('job-changed', onJob);
  updateBadge();
  return () => {
    off();
    if (badgeTimer) clearTimeout(badgeTimer);
    badgeTimer = undefined;
  };
}
