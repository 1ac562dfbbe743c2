// The Outbox's filter chips, declared once: the IPC contract, the store's queries and counts,
// the renderer's chips and live updates, and the CLI's `status --filter` all read this list.
// (Four hand-kept copies drifted, and two of them lost `canceled`.)

import type { JobState } from './domain.ts';

export const JOB_FILTERS = ['all', 'in-progress', 'delivered', 'failed', 'canceled', 'needs-attention'] as const;
export type JobFilter = (typeof JOB_FILTERS)[number];

/** The job states each filter shows (`all` shows every state). */
export const FILTER_STATES: Record<Exclude<JobFilter, 'all'>, readonly JobState[]> = {
  'in-progress': ['draft', 'queued', 'submitting', 'submitted'],
  delivered: ['delivered'],
  failed: ['failed', 'rejected', 'auth-failed', 'no-credit'],
  canceled: ['canceled'],
  'needs-attention': ['needs-attention'],
};

/** Words on the filter chips. */
export const JOB_FILTER_LABEL: Record<JobFilter, string> = {
  all: 'All',
  'in-progress': 'In progress',
  delivered: 'Delivered',
  failed: 'Failed',
  canceled: 'Canceled',
  'needs-attention': 'Needs attention',
};

export function isJobFilter(value: string): value is JobFilter {
  return (JOB_FILTERS as readonly string[]).includes(value);
}
