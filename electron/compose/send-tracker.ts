// Follows the jobs of the last send until each is past the upload: byte progress and state
// changes from the outbox become one SendStatus for the Compose screen. Byte progress is
// throttled (the client reports every chunk); state changes go out at once.

import type { JobState } from '../../shared/domain.ts';
import type { SendJobStatus, SendStatus } from '../../shared/ipc/contract/compose.ts';
import type { Outbox, QueueState } from '../outbox/types.ts';
import { getJobViews, type JobView } from '../store/jobs-repo.ts';
import type { Db } from '../store/sql.ts';

const UPLOADING: readonly JobState[] = ['draft', 'queued', 'submitting'];
const ACCEPTED: readonly JobState[] = ['submitted', 'delivered', 'failed'];

export type TrackerOutbox = Pick<Outbox, 'on' | 'queueState'>;

export interface SendTracker {
  /** Starts following `status` (replacing any earlier send). */
  track(status: SendStatus): void;
  current(): SendStatus | null;
  stop(): void;
  dispose(): void;
}

export interface TrackerDeps {
  db: Db;
  outbox: TrackerOutbox;
  /** Every change; `final` when the phase left 'uploading' (the caller persists and tidies up). */
  onChange(status: SendStatus, change: 'progress' | 'state' | 'final'): void;
  throttleMs?: number;
}

export function phaseOf(jobs: readonly SendJobStatus[]): SendStatus['phase'] {
  if (jobs.some((j) => UPLOADING.includes(j.state))) return 'uploading';
  return jobs.every((j) => ACCEPTED.includes(j.state)) ? 'sent' : 'failed';
}

export function jobStatusFrom(view: JobView, prev?: SendJobStatus): SendJobStatus {
  const accepted = ACCEPTED.includes(view.state);
  const total = prev?.totalBytes ?? 0;
  return {
    jobId: view.id,
    number: prev?.number ?? view.faxNumber,
    display: prev?.display ?? view.numberRaw,
    name: prev?.name ?? view.contactName ?? undefined,
    state: view.state,
    sentBytes: accepted ? Math.max(total, prev?.sentBytes ?? 0) : (prev?.sentBytes ?? 0),
    totalBytes: total,
    error:
      view.error && !accepted
        ? { message: view.error.message, action: view.error.action ?? '', code: view.error.code ?? undefined }
        : undefined,
  };
}

function noticeOf(q: QueueState): SendStatus['notice'] {
  if (q.paused) return { message: q.paused.message, action: q.paused.action };
  if (q.noAccount) {
    return {
      message: 'No Openfax account is set up, so the fax is waiting in the outbox.',
      action: 'Set up the account in Settings (or switch to the sandbox).',
    };
  }
  return undefined;
}

export function createSendTracker(deps: TrackerDeps): SendTracker {
  const throttle = deps.throttleMs ?? 100;
  let status: SendStatus | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const flush = () => {
    timer = undefined;
    if (status) deps.onChange(status, 'progress');
  };

  const apply = (views: readonly JobView[]) => {
    if (!status) return;
    const byId = new Map(views.map((v) => [v.id, v]));
    let changed = false;
    const jobs = status.jobs.map((j) => {
      const v = byId.get(j.jobId);
      if (!v || v.state === j.state) return j;
      changed = true;
      return jobStatusFrom(v, j);
    });
    if (!changed) return;
    const phase = phaseOf(jobs);
    status = { ...status, jobs, phase, notice: phase === 'uploading' ? status.notice : undefined };
    const final = phase !== 'uploading';
    deps.onChange(status, final ? 'final' : 'state');
    if (final) stop();
  };

  const offs = [
    deps.outbox.on('job-changed', (view) => apply([view])),
    deps.outbox.on('upload-progress', (p) => {
      if (!status) return;
      const i = status.jobs.findIndex((j) => j.jobId === p.jobId);
      if (i < 0) return;
      const jobs = status.jobs.slice();
      jobs[i] = { ...(jobs[i] as SendJobStatus), sentBytes: p.sentBytes, totalBytes: p.totalBytes };
      status = { ...status, jobs };
      timer ??= setTimeout(flush, throttle);
    }),
    deps.outbox.on('queue-state', (q) => {
      if (status?.phase !== 'uploading') return;
      const notice = noticeOf(q);
      if (JSON.stringify(notice) === JSON.stringify(status.notice)) return;
      status = { ...status, notice };
      deps.onChange(status, 'state');
    }),
  ];

  function stop() {
    status = null;
    if (timer) clearTimeout(timer);
    timer = undefined;
  }

  return {
    track(next) {
      stop();
      status = { ...next, notice: next.phase === 'uploading' ? noticeOf(deps.outbox.queueState()) : undefined };
      // Jobs may have moved between queueing and now (or while the app was closed).
      apply(
        getJobViews(
          deps.db,
          status.jobs.map((j) => j.jobId),
        ),
      );
      if (status?.notice) deps.onChange(status, 'state');
    },
    current: () => status,
    stop,
    dispose() {
      stop();
      for (const off of offs) off();
    },
  };
}
