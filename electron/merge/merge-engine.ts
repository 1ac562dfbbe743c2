// What the merge's parts share inside the engine: the store, the outbox, the parts, time, the
// log, and the two ways it speaks (mergeChanged, coalesced; mergeProgress).

import type { Settings } from '../../shared/settings.ts';
import type { Logger } from '../core/logger.ts';
import type { Outbox } from '../outbox/types.ts';
import type { Db } from '../store/sql.ts';
import type { ConverterOptions, MergeParts } from './parts.ts';

/** What the merge needs of the outbox. */
export type MergeOutbox = Pick<
  Outbox,
  'queuePersonal' | 'checkCredit' | 'queueState' | 'on' | 'broadcastChanged' | 'accountInUse' | 'findDuplicates'
>;

export interface MergeTiming {
  /** Rows in the first batch: the first fax is accepted within seconds. */
  firstBatch: number;
  /** Rows per batch after it (several documents per LibreOffice start). */
  batch: number;
  /** Batches made ahead of the outbox at most (queued, not yet uploaded), while it is sending. */
  aheadBatches: number;
  /** How often the running merges' owner says it is alive. */
  heartbeatMs: number;
  /** A heartbeat older than this: its owner is gone, another process takes the merge over. */
  staleMs: number;
  /** mergeChanged at most this often while a merge runs. */
  coalesceMs: number;
  /** How often a merge held back by the outbox looks again (it also wakes on each job change). */
  recheckMs: number;
}

export const DEFAULT_MERGE_TIMING: MergeTiming = {
  firstBatch: 1,
  batch: 16,
  aheadBatches: 2,
  heartbeatMs: 5_000,
  staleMs: 30_000,
  coalesceMs: 250,
  recheckMs: 1_000,
};

export interface MergeEngine {
  db: Db;
  dataDir: string;
  parts: MergeParts;
  outbox: MergeOutbox;
  settings: () => Settings;
  log: Logger;
  now: () => number;
  timing: MergeTiming;
  /** The converters' options but the work folder (the host's printer, soffice, the timeout). */
  converterOptions: Omit<ConverterOptions, 'workDir'>;
  /** The merge changed: announce it (coalesced). */
  changed(mergeId: string): void;
  /** A step of a preview or a start. */
  progress(mergeId: string, step: string, done: number, total: number): void;
}
