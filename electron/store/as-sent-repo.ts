// The image Openfax sent of each fax (migration 6): stored once in the data folder, or refused
// with why. And the faxes whose image is due: they ended, a report row gave a FaxDocURL, and
// that URL was never tried (a URL tried once is not tried again; an image stored is kept).

import { FINAL_JOB_STATES } from '../../shared/domain.ts';
import { all, type Db, get, run } from './sql.ts';

const FINAL_LIST = FINAL_JOB_STATES.map((s) => `'${s}'`).join(', ');

export type AsSentRecord =
  | {
      jobId: number;
      url: string;
      state: 'stored';
      file: string;
      pages: number;
      bytes: number;
      sha256: string;
      linesPerInch: number | null;
      triedAt: number;
    }
  | { jobId: number; url: string; state: 'refused'; reason: string; triedAt: number };

interface Row {
  job_id: number;
  url: string;
  state: 'stored' | 'refused';
  file: string | null;
  pages: number | null;
  bytes: number | null;
  sha256: string | null;
  lines_per_inch: number | null;
  reason: string | null;
  tried_at: number;
}

function toRecord(r: Row): AsSentRecord {
  if (r.state === 'stored') {
    return {
      jobId: r.job_id,
      url: r.url,
      state: 'stored',
      file: r.file ?? '',
      pages: r.pages ?? 0,
      bytes: r.bytes ?? 0,
      sha256: r.sha256 ?? '',
      linesPerInch: r.lines_per_inch,
      triedAt: r.tried_at,
    };
  }
  return { jobId: r.job_id, url: r.url, state: 'refused', reason: r.reason ?? '', triedAt: r.tried_at };
}

export function getAsSent(db: Db, jobId: number): AsSentRecord | undefined {
  const r = get<Row>(db, 'SELECT * FROM as_sent WHERE job_id = :jobId', { jobId });
  return r && toRecord(r);
}

/** Records what came of a fax's image; a stored image is never replaced by a later refusal. */
export function saveAsSent(db: Db, rec: AsSentRecord): void {
  const stored = rec.state === 'stored' ? rec : undefined;
  run(
    db,
    `INSERT INTO as_sent(job_id, url, state, file, pages, bytes, sha256, lines_per_inch, reason, tried_at)
     VALUES (:jobId, :url, :state, :file, :pages, :bytes, :sha256, :lpi, :reason, :triedAt)
     ON CONFLICT(job_id) DO UPDATE SET url = excluded.url, state = excluded.state, file = excluded.file, pages = excluded.pages,
       bytes = excluded.bytes, sha256 = excluded.sha256, lines_per_inch = excluded.lines_per_inch, reason = excluded.reason,
       tried_at = excluded.tried_at
     WHERE as_sent.state <> 'stored'`,
    {
      jobId: rec.jobId,
      url: rec.url,
      state: rec.state,
      file: stored?.file ?? null,
      pages: stored?.pages ?? null,
      bytes: stored?.bytes ?? null,
      sha256: stored?.sha256 ?? null,
      lpi: stored?.linesPerInch ?? null,
      reason: rec.state === 'refused' ? rec.reason : null,
      triedAt: rec.triedAt,
    },
  );
}

/** The FaxDocURL of the fax's newest report row that has one, or undefined. */
export function faxDocUrlOfJob(db: Db, jobId: number): string | undefined {
  return (
    get<{ url: string }>(
      db,
      `SELECT a.fax_doc_url AS url FROM jobs j JOIN attempts a ON a.account_key = j.account_key AND a.out_trans_id = j.out_trans_id
       WHERE j.id = :jobId AND trim(coalesce(a.fax_doc_url, '')) <> '' ORDER BY a.history_id DESC LIMIT 1`,
      { jobId },
    )?.url ?? undefined
  );
}

export interface AsSentDue {
  jobId: number;
  url: string;
  /** The job's account key: which API gave the URL (sandbox, live). */
  accountKey: string | null;
  pages: number;
}

/** Faxes that ended with a FaxDocURL not tried yet, newest first. */
export function listAsSentDue(db: Db, limit = 50): AsSentDue[] {
  return all<AsSentDue>(
    db,
    `SELECT j.id AS jobId, u.url AS url, j.account_key AS accountKey, j.pages AS pages FROM jobs j
       JOIN (SELECT a.account_key, a.out_trans_id, a.fax_doc_url AS url, max(a.history_id) AS h FROM attempts a
             WHERE trim(coalesce(a.fax_doc_url, '')) <> '' GROUP BY a.account_key, a.out_trans_id) u
         ON u.account_key = j.account_key AND u.out_trans_id = j.out_trans_id
       LEFT JOIN as_sent s ON s.job_id = j.id
     WHERE j.state IN (${FINAL_LIST}) AND (s.job_id IS NULL OR (s.state = 'refused' AND s.url <> u.url))
     ORDER BY j.id DESC LIMIT :limit`,
    { limit },
  );
}
