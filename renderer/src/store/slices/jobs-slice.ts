import type { StateCreator } from 'zustand';
import type { EventPayload } from '../../../../shared/ipc/contract.ts';
import type { BroadcastRow, JobDetail, JobRow, OutboxRow, OutboxSummary } from '../../../../shared/ipc/contract/jobs.ts';
import { outboxRowMatchesSearch, parseJobSearch } from '../../../../shared/job-search.ts';
import { type AccountView, FILTER_STATES, type JobFilter, type JobSide, sideShown } from '../../../../shared/outbox-filters.ts';
import { call } from '../../ipc/api.ts';
import { messageOf } from '../../ipc/message-of.ts';
import type { RootState } from '../index.ts';

export type OutboxSelection = { kind: 'job'; id: number } | { kind: 'broadcast'; id: number } | null;

export interface JobsSlice {
  outboxRows: OutboxRow[];
  outboxHasMore: boolean;
  outboxLoading: boolean;
  outboxLoaded: boolean;
  outboxError: string | undefined;
  outboxFilter: JobFilter;
  outboxSearch: string;
  /** Sandbox, live or both; null: the side of the account in use. */
  outboxAccount: AccountView | null;
  outboxSummary: OutboxSummary | undefined;
  /** Recipients of expanded broadcasts, by broadcast id. */
  broadcastJobs: Record<number, JobRow[]>;
  expandedBroadcasts: Record<number, true>;
  outboxSelection: OutboxSelection;
  jobDetail: JobDetail | undefined;
  jobDetailError: string | undefined;
  loadOutbox(): Promise<void>;
  loadMoreOutbox(): Promise<void>;
  setOutboxFilter(filter: JobFilter): Promise<void>;
  setOutboxSearch(search: string): Promise<void>;
  setOutboxAccount(view: AccountView | null): Promise<void>;
  toggleBroadcast(id: number): Promise<void>;
  loadBroadcastJobs(id: number): Promise<void>;
  /** Opens the side panel; a fax's details are fetched from main. */
  selectOutbox(selection: OutboxSelection): Promise<void>;
  refreshJobDetail(): Promise<void>;
  applyJobsChanged(payload: EventPayload<'jobsChanged'>): void;
  /** The counts alone (the sidebar badge), before the Outbox is first opened. */
  loadOutboxSummary(): Promise<void>;
}

const PAGE = 100;

/** Whether a row pushed by main belongs in the list as filtered and searched now. */
function matchesView(row: OutboxRow, view: { filter: JobFilter; search: string; account: AccountView; mode: JobSide }): boolean {
  if (!sideShown(view.account, row.side, view.mode)) return false;
  if (view.filter !== 'all') {
    if (row.kind === 'job' && !FILTER_STATES[view.filter].includes(row.state)) return false;
    if (row.kind === 'broadcast') {
      const c = row.counts;
      const byFilter: Record<Exclude<JobFilter, 'all'>, number> = {
        'in-progress': c.waiting + c.inProgress,
        delivered: c.delivered,
        failed: c.failed + c.refused,
        canceled: c.canceled,
        'needs-attention': c.needsAttention,
      };
      if (!byFilter[view.filter]) return false;
    }
  }
  return outboxRowMatchesSearch(row, parseJobSearch(view.search));
}

/**
 * Puts a changed row into the newest-first list: replaced where it is (even when it no longer
 * matches the filter, so rows do not vanish under the pointer), or inserted by sortId when it
 * is new, matches, and falls inside the part of the list already loaded.
 */
function mergeRow(rows: OutboxRow[], row: OutboxRow, matches: boolean, hasMore: boolean): OutboxRow[] {
  const i = rows.findIndex((r) => r.kind === row.kind && r.id === row.id);
  if (i >= 0) {
    const next = rows.slice();
    next[i] = row;
    return next;
  }
  if (!matches) return rows;
  const last = rows[rows.length - 1];
  if (hasMore && last && row.sortId < last.sortId) return rows;
  const at = rows.findIndex((r) => r.sortId < row.sortId);
  const next = rows.slice();
  next.splice(at < 0 ? next.length : at, 0, row);
  return next;
}
// Each list request carries a generation: an answer to an older filter or search is dropped.
let generation = 0;

export const createJobsSlice: StateCreator<RootState, [], [], JobsSlice> = (set, get) => ({
  outboxRows: [],
  outboxHasMore: false,
  outboxLoading: false,
  outboxLoaded: false,
  outboxError: undefined,
  outboxFilter: 'all',
  outboxSearch: '',
  outboxAccount: null,
  outboxSummary: undefined,
  broadcastJobs: {},
  expandedBroadcasts: {},
  outboxSelection: null,
  jobDetail: undefined,
  jobDetailError: undefined,

  async loadOutbox() {
    const gen = ++generation;
    const { outboxFilter: filter, outboxSearch: search, outboxAccount: account } = get();
    set({ outboxLoading: true, outboxError: undefined });
    try {
      const page = await call('listOutbox', { filter, search, limit: PAGE, ...(account ? { account } : {}) });
      if (gen !== generation) return;
      set({ outboxRows: page.rows, outboxHasMore: page.hasMore, outboxSummary: page.summary, outboxLoading: false, outboxLoaded: true });
    } catch (err) {
      if (gen === generation) set({ outboxLoading: false, outboxError: messageOf(err) });
    }
  },

  async loadMoreOutbox() {
    const { outboxRows: rows, outboxHasMore, outboxLoading, outboxFilter: filter, outboxSearch: search, outboxAccount: account } = get();
    if (!outboxHasMore || outboxLoading) return;
    const gen = generation;
    const before = rows[rows.length - 1]?.sortId;
    set({ outboxLoading: true });
    try {
      const page = await call('listOutbox', { filter, search, before, limit: PAGE, ...(account ? { account } : {}) });
      if (gen !== generation) return;
      const have = new Set(get().outboxRows.map((r) => `${r.kind}:${r.id}`));
      const more = page.rows.filter((r) => !have.has(`${r.kind}:${r.id}`));
      set((s) => ({
        outboxRows: [...s.outboxRows, ...more],
        outboxHasMore: page.hasMore,
        outboxSummary: page.summary,
        outboxLoading: false,
      }));
    } catch (err) {
      if (gen === generation) set({ outboxLoading: false, outboxError: messageOf(err) });
    }
  },

  setOutboxFilter(filter) {
    set({ outboxFilter: filter });
    return get().loadOutbox();
  },

  setOutboxSearch(search) {
    set({ outboxSearch: search });
    return get().loadOutbox();
  },

  setOutboxAccount(view) {
    // Another side's history: the fax or broadcast in the side panel is not in it.
    set({ outboxAccount: view, outboxSelection: null, jobDetail: undefined });
    return get().loadOutbox();
  },

  async toggleBroadcast(id) {
    if (get().expandedBroadcasts[id]) {
      set((s) => {
        const { [id]: _, ...rest } = s.expandedBroadcasts;
        return { expandedBroadcasts: rest };
      });
      return;
    }
    set((s) => ({ expandedBroadcasts: { ...s.expandedBroadcasts, [id]: true } }));
    await get().loadBroadcastJobs(id);
  },

  async loadBroadcastJobs(id) {
    try {
      const { rows } = await call('listBroadcastJobs', { broadcastId: id });
      set((s) => ({ broadcastJobs: { ...s.broadcastJobs, [id]: rows } }));
    } catch (err) {
      get().pushToast({ level: 'error', title: 'Could not list the recipients', message: messageOf(err) });
    }
  },

  async selectOutbox(selection) {
    set({ outboxSelection: selection, jobDetail: undefined, jobDetailError: undefined });
    if (selection?.kind === 'job') await get().refreshJobDetail();
  },

  async refreshJobDetail() {
    const sel = get().outboxSelection;
    if (sel?.kind !== 'job') return;
    try {
      const detail = await call('getJobDetail', { jobId: sel.id });
      const now = get().outboxSelection;
      if (now?.kind !== 'job' || now.id !== sel.id) return;
      set(
        detail
          ? { jobDetail: detail, jobDetailError: undefined }
          : { jobDetail: undefined, jobDetailError: 'This fax is no longer in the outbox.' },
      );
    } catch (err) {
      set({ jobDetailError: messageOf(err) });
    }
  },

  applyJobsChanged({ jobs, broadcasts, summary }) {
    const s = get();
    const mode = summary.mode;
    const view = { filter: s.outboxFilter, search: s.outboxSearch, account: s.outboxAccount ?? mode, mode, hasMore: s.outboxHasMore };
    let rows = s.outboxRows;
    const standalone: OutboxRow[] = jobs.filter((j) => j.broadcastId === null);
    for (const row of [...standalone, ...(broadcasts as BroadcastRow[])]) {
      rows = mergeRow(rows, row, matchesView(row, view), view.hasMore);
    }
    let broadcastJobs = s.broadcastJobs;
    for (const j of jobs) {
      if (j.broadcastId === null || !broadcastJobs[j.broadcastId]) continue;
      const list = broadcastJobs[j.broadcastId] ?? [];
      const i = list.findIndex((x) => x.id === j.id);
      const next = i >= 0 ? list.map((x) => (x.id === j.id ? j : x)) : [j, ...list];
      broadcastJobs = { ...broadcastJobs, [j.broadcastId]: next };
    }
    set({ outboxRows: rows, broadcastJobs, outboxSummary: summary });
    const sel = s.outboxSelection;
    if (sel?.kind === 'job' && jobs.some((j) => j.id === sel.id)) void get().refreshJobDetail();
  },

  async loadOutboxSummary() {
    try {
      set({ outboxSummary: await call('getOutboxSummary') });
    } catch {
      // The badge waits for the first jobsChanged batch, which carries the counts too.
    }
  },
});
