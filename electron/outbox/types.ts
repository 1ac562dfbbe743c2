// The outbox's public types: what callers pass in and what it reports back.

import type { FaxOptions } from '../../shared/domain.ts';
import type { DuplicateSend } from '../../shared/duplicate-sends.ts';
import type { JobSide } from '../../shared/outbox-filters.ts';
import type { Logger } from '../core/logger.ts';
import type { OpenfaxClient } from '../openfax/client.ts';
import type { BroadcastProgress } from '../store/broadcasts-repo.ts';
import type { DocumentSource } from '../store/documents-repo.ts';
import type { JobView } from '../store/jobs-repo.ts';
import type { CoverSaid } from '../pdf/recipient-cover.ts';
import type { Db } from '../store/sql.ts';
import type { PersonalJobInput, PersonalJobQueued } from './personal-job.ts';
import type { SpoolFs } from './spool.ts';

/**
 * The account the outbox sends with. `endpoint` + `accountId` scope report cursors and
 * OutTransIDs. Return the same `client` object until the credentials change: a new client
 * is how the outbox learns the account changed (it then resumes a paused queue and polls).
 */
export interface OutboxAccount {
  accountId: string;
  /** The API base URL; for the local sandbox, LOCAL_SANDBOX_ENDPOINT (its port changes, its faxes stay). */
  endpoint: string;
  client: OpenfaxClient;
}

export interface OutboxTiming {
  /** Report poll interval while something is in flight; default: the pollIntervalSeconds setting. */
  pollIntervalMs?: number;
  /** Longest wait between polls after errors. Default 5 minutes. */
  pollMaxBackoffMs?: number;
  /** First retry delay after a transient submit error; doubles each try, with jitter. Default 5 s. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Upload tries before a job needs attention. Default 5. */
  maxSubmitTries?: number;
  /**
   * How long after an upload began the report must have been read without showing the fax
   * before we conclude Openfax never got it and send again. Default 10 minutes.
   */
  reconcileGraceMs?: number;
  /** Consecutive failed report reads before uncertain jobs are shown as needing attention. Default 3. */
  attentionAfterPollFailures?: number;
  leaseHeartbeatMs?: number;
  leaseStaleMs?: number;
  /** How often to look for changes written by another process. Default 1 s. */
  dbWatchMs?: number;
  /** How long stop() waits for uploads in progress before aborting them. Default 10 s. */
  stopGraceMs?: number;
  /** Spool retention sweep period. Default 6 hours. */
  sweepEveryMs?: number;
}

export interface OutboxDeps {
  db: Db;
  dataDir: string;
  /** The current account, or undefined when none is set up (jobs then wait in the queue). */
  getAccount: () => OutboxAccount | undefined;
  /** The side in use even when it has no account (jobs queued then wait for that side). */
  getSide?: () => JobSide;
  clock?: () => number;
  random?: () => number;
  log?: Logger;
  /** File operations used for spooling; tests inject failures here. */
  fs?: SpoolFs;
  /** Page count of a spooled PDF, when the caller did not give one. Default: pdf-lib. */
  countPages?: (path: string) => Promise<number>;
  timing?: OutboxTiming;
  /** Process identity for the engine lease (tests run several engines in one process). */
  instanceId?: string;
}

export interface Recipient {
  /** As typed or as stored in the address book. */
  number: string;
  contactId?: number;
  /** Defaults to the contact's header or ''. */
  toHeader?: string;
  /** What the cover on page 1 of their document says, when it is their own (kept with the job for a corrected resend). */
  cover?: CoverSaid;
}

/** A broadcast recipient whose fax is their own: a cover page naming them in front of the shared body. */
export interface BroadcastRecipient extends Recipient {
  /** Their PDF (spooled like any document); without it, the broadcast's document. */
  document?: Pick<DocumentInput, 'pdfPath' | 'pdfBytes' | 'pages'>;
}

export interface DocumentInput {
  /** The PDF to send; copied into the spool folder at once. */
  pdfPath?: string;
  /** Or its bytes (a merged or generated document). */
  pdfBytes?: Uint8Array;
  /** Or a document already in the spool (from an earlier submission). */
  documentId?: string;
  /** Shown in the outbox; defaults to the file name. */
  originalName?: string;
  source?: DocumentSource;
  /** Page count, when the caller already inspected the PDF. */
  pages?: number;
  /**
   * The duplicate guard's content key: SHA-256 of the document without a per-recipient cover
   * (the shared body). Default: the spooled document's own SHA-256.
   */
  contentHash?: string;
  /** Send even to numbers Openfax already accepted this content for within the window (the person said yes). */
  allowDuplicate?: boolean;
  /** Leave out the numbers that already have it and send to the others ("send to the others only"). */
  skipDuplicates?: boolean;
}

export interface SubmitInput extends DocumentInput {
  to: Recipient;
  /** Missing fields come from settings. */
  options?: Partial<FaxOptions>;
}

export interface BroadcastInput extends DocumentInput {
  /** With a `document` each, the broadcast's own PDF may be left out (give `contentHash` then). */
  recipients: BroadcastRecipient[];
  options?: Partial<FaxOptions>;
  name?: string;
  /** Skip the credit check (tests; or the user confirmed). */
  skipCreditCheck?: boolean;
}

export type OutboxErrorKind = 'file' | 'spool' | 'validation' | 'no-credit' | 'auth' | 'not-found' | 'not-allowed' | 'store' | 'duplicate';

export interface OutboxError {
  kind: OutboxErrorKind;
  message: string;
  action: string;
  field?: string;
  /** kind 'duplicate': each number that already has this document, when it went and how it ended. */
  duplicates?: DuplicateSend[];
}

export interface ResendOptions {
  /** A corrected number (required when the old one cannot work: bad number, not a fax, restricted). */
  number?: string;
  allowDuplicate?: boolean;
  skipDuplicates?: boolean;
}

export type OutboxResult<T> = { ok: true; value: T } | { ok: false; error: OutboxError };

export interface Submitted {
  documentId: string;
  jobIds: number[];
  broadcastId?: number;
  /** Recipients refused before queueing (their jobs are 'rejected'). */
  rejected: Array<{ jobId: number; number: string; reason: string }>;
  /** Numbers left out because they already have it (with skipDuplicates). */
  skippedDuplicates?: DuplicateSend[];
}

export interface ResendManyResult {
  jobs: JobView[];
  /** Left out: their number cannot work and needs correcting in their own panel. */
  needNumber: number[];
  /** Left out for another reason (the PDF is no longer kept…). */
  notResent: Array<{ jobId: number; reason: string }>;
  skippedDuplicates: DuplicateSend[];
}

export interface PollerHealth {
  state: 'idle' | 'ok' | 'error' | 'no-account' | 'stopped';
  lastSuccessAt: number | null;
  lastError: string | null;
  consecutiveFailures: number;
  nextPollAt: number | null;
}

export interface QueueState {
  /** This process uploads and polls (holds the lease); false: another process does, we watch. */
  leader: boolean;
  running: boolean;
  paused: null | { reason: 'auth' | 'no-credit' | 'config'; message: string; action: string };
  noAccount: boolean;
  uploading: number;
  queued: number;
}

export interface CreditInfo {
  accountKey: string;
  credit: number;
  at: number;
}

export interface UploadProgress {
  jobId: number;
  sentBytes: number;
  totalBytes: number;
}

export interface OutboxEvents {
  'job-changed': JobView;
  'broadcast-progress': BroadcastProgress;
  'credit-changed': CreditInfo;
  'poller-health': PollerHealth;
  'queue-state': QueueState;
  'upload-progress': UploadProgress;
}

export interface Outbox {
  /** One document to one recipient. Copies the PDF into the spool and queues the job. */
  submit(input: SubmitInput): Promise<OutboxResult<Submitted>>;
  /** One document to many recipients, after a credit check. */
  createBroadcast(input: BroadcastInput): Promise<OutboxResult<Submitted>>;
  /**
   * One personalised document as its own job of a broadcast that grows as its documents are
   * made (a mail merge); `inTransaction` commits with the job. Meets the duplicate guard.
   */
  queuePersonal(input: PersonalJobInput): Promise<OutboxResult<PersonalJobQueued>>;
  /**
   * The broadcast rule's credit check for `pages` pages in all (a merge checks once for every
   * row): positive credit, and enough at the learned price. Without an account it passes.
   * `pages` null: the count is not known, so only positive credit is checked and the estimate is null.
   */
  checkCredit(pages: number | null): Promise<OutboxResult<{ creditAtStart: number | null; estimate: number | null }>>;
  /** The duplicate guard's finding for `contentKey` to these numbers (vendor digits): what a caller asks before it starts. */
  findDuplicates(contentKey: string, faxNumbers: readonly string[]): DuplicateSend[];
  /** Announces a broadcast's progress again (its merge rows moved without a job changing). */
  broadcastChanged(broadcastId: number): void;
  /** Cancels a job not yet submitted (draft, queued, needs-attention). */
  cancel(jobId: number): OutboxResult<JobView>;
  /** Cancels every job of a broadcast not yet submitted; returns how many. */
  cancelBroadcast(broadcastId: number): OutboxResult<number>;
  /**
   * A final job sent again as a new job with the same document; returns the new job. Meets the
   * duplicate guard; a dead number (bad number, not a fax, restricted) needs `number`.
   */
  resend(jobId: number, opts?: ResendOptions): Promise<OutboxResult<JobView>>;
  /** Several final jobs sent again at once (a broadcast's failed recipients): all or none, one guard for all. */
  resendMany(jobIds: readonly number[], opts?: Omit<ResendOptions, 'number'>): OutboxResult<ResendManyResult>;
  /** Puts a needs-attention job back in the queue. An unknown outcome needs `acceptDuplicateRisk`. */
  retry(jobId: number, opts?: { acceptDuplicateRisk?: boolean }): OutboxResult<JobView>;
  /** Clears a pause (after the account was fixed or credit added) and sends what the account in use may send. */
  resume(): void;
  /**
   * true: no new upload starts (those in progress finish, queued jobs stay queued), so an update
   * can quit the app between uploads; false: uploads go on. Not a pause the person sees.
   */
  holdUploads(held: boolean): void;
  /** The key of the account in use, or its side's unset key; null when neither is known. Jobs queued now carry it. */
  accountInUse(): string | null;
  /** Polls the report now (if this process is the leader and something is in flight). */
  pollNow(): Promise<void>;
  /** Reads the credit now and emits credit-changed. */
  refreshCredit(): Promise<OutboxResult<number>>;
  start(): Promise<void>;
  /** Stops timers, waits for uploads in progress (up to stopGraceMs), releases the lease. */
  stop(): Promise<void>;
  on<K extends keyof OutboxEvents>(event: K, cb: (payload: OutboxEvents[K]) => void): () => void;
  queueState(): QueueState;
  pollerHealth(): PollerHealth;
  lastCredit(): CreditInfo | undefined;
  /** Resolves when every job is final or needs attention (tests, CLI --wait). */
  whenIdle(opts?: { jobIds?: number[]; timeoutMs?: number }): Promise<boolean>;
}
