// "As sent by Openfax": the image Openfax made of each fax, downloaded once when the fax has
// ended and a report row gave a FaxDocURL (fetch-image.ts: the address rule, caps), checked to be
// fax pages (sent-image.ts), and kept beside the job in the data folder, owner-only, recorded in
// SQLite (store/as-sent-repo.ts). A URL is tried once: a refusal is kept with its reason and
// shown as one quiet line, never retried in a loop; an image once stored is never fetched again.
// Downloads run one at a time, after the fax's final row, and at start for faxes that ended
// while the app was closed; a report asking for a fax's image takes that fax's download out of
// the queue and waits for it a short while only. The image is recorded as tried before it is
// read, so an image that stopped the app is not fetched again at the next start.

import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import type { LookupFunction } from 'node:net';
import { join } from 'node:path';
import { FINAL_JOB_STATES, type Resolution } from '../../shared/domain.ts';
import type { FaxRaster } from '../../shared/fax-raster.ts';
import { LOCAL_SANDBOX_ENDPOINT } from '../../shared/outbox-filters.ts';
import type { Logger } from '../core/logger.ts';
import { PRIVATE_FILE_MODE, privateDir } from '../core/private-files.ts';
import type { Outbox } from '../outbox/types.ts';
import { sha256Hex } from '../pdf/read-input.ts';
import { type AsSentDue, faxDocUrlOfJob, getAsSent, listAsSentDue, saveAsSent } from '../store/as-sent-repo.ts';
import { getJob } from '../store/jobs-repo.ts';
import type { Db } from '../store/sql.ts';
import { apiOnLoopback } from './fax-doc-url.ts';
import { AsSentError, fetchFaxImage } from './fetch-image.ts';
import { readSentImage, resolutionOfLines } from './sent-image.ts';

/** Where a fax's image stands, for the job panel. */
export type AsSentStatus =
  | { state: 'stored'; pages: number; resolution: Resolution | undefined }
  /** The fax has not ended, or its image is being downloaded. */
  | { state: 'waiting' }
  | { state: 'none'; reason: string }
  | { state: 'unavailable'; reason: string };

export interface AsSentPage {
  raster: FaxRaster;
  /** Its resolution as the file says, when it says. */
  resolution: Resolution | undefined;
  pages: number;
}

export interface AsSentService {
  status(jobId: number): AsSentStatus;
  /** Page `page` (1-based) of the fax's image, or its status when there is none to show. */
  page(jobId: number, page: number): Promise<AsSentPage | Exclude<AsSentStatus, { state: 'stored' }>>;
  /** Page 1 for the transmission report: a download due is made first; undefined when there is none. */
  firstPage(jobId: number): Promise<{ raster: FaxRaster; resolution?: Resolution } | undefined>;
  /** Resolves when no download is due or running (tests). */
  idle(): Promise<void>;
  dispose(): Promise<void>;
}

export interface AsSentDeps {
  db: Db;
  dataDir: string;
  outbox: Pick<Outbox, 'on'>;
  log?: Logger;
  /** Resolves names (tests: a name that resolves to a private address). */
  lookup?: LookupFunction;
  maxBytes?: number;
  timeoutMs?: number;
  /** How long a report waits for a download before it goes on without the image. */
  firstPageWaitMs?: number;
  now?: () => number;
}

const AS_SENT_MAX_BYTES = 20 * 1024 * 1024;
const TIMEOUT_MS = 30_000;
const FIRST_PAGE_WAIT_MS = 10_000;
/** Recorded while an image is read: what stays if reading it stopped the app. */
const STOPPED_WHILE_READING = 'Openfax Desktop stopped while reading it';
const NOT_PROVIDED = 'Openfax did not provide the image it sent.';

/** The folder in the data folder that keeps the images. */
function asSentDir(dataDir: string): string {
  return join(dataDir, 'as-sent');
}

/** Whether the API of a job's account answers on this machine (the sandbox, a test server). */
function jobApiOnLoopback(accountKey: string | null): boolean {
  if (!accountKey) return false;
  const endpoint = accountKey.slice(0, Math.max(0, accountKey.lastIndexOf('#')));
  return endpoint === LOCAL_SANDBOX_ENDPOINT || apiOnLoopback(endpoint);
}

export function startAsSent(deps: AsSentDeps): AsSentService {
  const { db, log } = deps;
  const now = deps.now ?? Date.now;
  const dir = asSentDir(deps.dataDir);
  const closing = new AbortController();
  /** Downloads queued or running, by job: `start` lets one run before its turn. */
  const downloads = new Map<number, { start(): void; done: Promise<void> }>();
  let chain: Promise<void> = Promise.resolve();
  let disposed = false;

  async function download(due: AsSentDue): Promise<void> {
    const triedAt = now();
    try {
      const bytes = await fetchFaxImage(due.url, {
        apiOnLoopback: jobApiOnLoopback(due.accountKey),
        maxBytes: deps.maxBytes ?? AS_SENT_MAX_BYTES,
        timeoutMs: deps.timeoutMs ?? TIMEOUT_MS,
        signal: closing.signal,
        lookup: deps.lookup,
      });
      saveAsSent(db, { jobId: due.jobId, url: due.url, state: 'refused', reason: STOPPED_WHILE_READING, triedAt });
      const image = readSentImage(bytes, due.pages);
      const file = `${due.jobId}.tif`;
      await privateDir(dir);
      const partial = join(dir, `${file}.${randomBytes(4).toString('hex')}.partial`);
      await writeFile(partial, bytes, { mode: PRIVATE_FILE_MODE });
      await rename(partial, join(dir, file)).catch(async (err) => {
        await rm(partial, { force: true });
        throw err;
      });
      saveAsSent(db, {
        jobId: due.jobId,
        url: due.url,
        state: 'stored',
        file,
        pages: image.pages,
        bytes: bytes.byteLength,
        sha256: sha256Hex(bytes),
        linesPerInch: image.linesPerInch ?? null,
        triedAt,
      });
      log?.info(`the image Openfax sent of fax ${due.jobId} is kept (${image.pages} pages)`);
    } catch (err) {
      if (disposed) return;
      const reason = err instanceof AsSentError ? err.message : `it could not be kept (${(err as Error).message})`;
      saveAsSent(db, { jobId: due.jobId, url: due.url, state: 'refused', reason, triedAt });
      log?.info(`the image Openfax sent of fax ${due.jobId} was not downloaded: ${reason}`);
    }
  }

  /** Queues the download of `due` (once per fax while queued or running); `now` starts it at once. */
  function take(due: AsSentDue, now = false): { start(): void; done: Promise<void> } {
    let entry = downloads.get(due.jobId);
    if (!entry) {
      let open!: () => void;
      const gate = new Promise<void>((resolve) => {
        open = resolve;
      });
      const done = gate.then(() => (disposed ? undefined : download(due))).finally(() => downloads.delete(due.jobId));
      const made = { start: open, done };
      downloads.set(due.jobId, made);
      // Its turn: one download at a time (one taken out of turn still counts as the one running).
      chain = chain
        .then(() => {
          made.start();
          return done;
        })
        .catch(() => {});
      entry = made;
    }
    if (now) entry.start();
    return entry;
  }

  function dueFor(jobId: number): AsSentDue | undefined {
    const job = getJob(db, jobId);
    if (!job || !FINAL_JOB_STATES.includes(job.state)) return undefined;
    const url = faxDocUrlOfJob(db, jobId);
    if (!url) return undefined;
    const rec = getAsSent(db, jobId);
    if (rec && (rec.state === 'stored' || rec.url === url)) return undefined;
    return { jobId, url, accountKey: job.accountKey, pages: job.pages };
  }

  const offJobs = deps.outbox.on('job-changed', (job) => {
    if (disposed || !FINAL_JOB_STATES.includes(job.state)) return;
    const due = dueFor(job.id);
    if (due) take(due);
  });
  // Faxes that ended while the app was closed.
  for (const due of listAsSentDue(db)) take(due);

  function status(jobId: number): AsSentStatus {
    const rec = getAsSent(db, jobId);
    if (rec?.state === 'stored') return { state: 'stored', pages: rec.pages, resolution: resolutionOfLines(rec.linesPerInch ?? undefined) };
    if (downloads.has(jobId) || (!disposed && dueFor(jobId))) return { state: 'waiting' };
    if (rec) return { state: 'unavailable', reason: `The image Openfax sent could not be downloaded: ${rec.reason}.` };
    const job = getJob(db, jobId);
    if (job && !FINAL_JOB_STATES.includes(job.state)) return { state: 'waiting' };
    return { state: 'none', reason: NOT_PROVIDED };
  }

  async function readPage(jobId: number, page: number): Promise<AsSentPage | undefined> {
    const rec = getAsSent(db, jobId);
    if (rec?.state !== 'stored' || page < 1 || page > rec.pages) return undefined;
    const bytes = new Uint8Array(await readFile(join(dir, rec.file)));
    const image = readSentImage(bytes, rec.pages);
    const resolution = resolutionOfLines(rec.linesPerInch ?? undefined);
    return { raster: image.page(page - 1), resolution, pages: rec.pages };
  }

  /** Resolves when `done` does, after `ms`, or when the service closes, whichever is first. */
  function waitAtMost(done: Promise<void>, ms: number): Promise<void> {
    if (closing.signal.aborted) return Promise.resolve();
    let timer: NodeJS.Timeout | undefined;
    let onClose: (() => void) | undefined;
    const cut = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
      onClose = resolve;
      closing.signal.addEventListener('abort', onClose, { once: true });
    });
    return Promise.race([done.catch(() => {}), cut]).finally(() => {
      clearTimeout(timer);
      if (onClose) closing.signal.removeEventListener('abort', onClose);
    });
  }

  return {
    status,
    async page(jobId, page) {
      const s = status(jobId);
      if (s.state === 'waiting' && !disposed) {
        // Due but not yet asked for (its final row came while this process was not the one polling).
        const due = downloads.has(jobId) ? undefined : dueFor(jobId);
        if (due) take(due);
      }
      if (s.state !== 'stored') return s;
      try {
        return (await readPage(jobId, page)) ?? { state: 'unavailable', reason: `The image Openfax sent has no page ${page}.` };
      } catch (err) {
        const why =
          err instanceof AsSentError ? err.message : (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'its file is gone' : String(err);
        return { state: 'unavailable', reason: `The image Openfax sent could not be read: ${why}.` };
      }
    },
    async firstPage(jobId) {
      if (!disposed) {
        const due = dueFor(jobId);
        const entry = due ? take(due, true) : downloads.get(jobId);
        entry?.start();
        if (entry) await waitAtMost(entry.done, deps.firstPageWaitMs ?? FIRST_PAGE_WAIT_MS);
      }
      const got = await readPage(jobId, 1);
      return got && (got.resolution ? { raster: got.raster, resolution: got.resolution } : { raster: got.raster });
    },
    async idle() {
      while (downloads.size > 0) await Promise.allSettled([...downloads.values()].map((d) => d.done));
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      offJobs();
      closing.abort();
      // Queued ones open and see the service closed; running ones are aborted.
      for (const d of downloads.values()) d.start();
      await Promise.allSettled([...downloads.values()].map((d) => d.done));
    },
  };
}
