// Spooled documents: one row per PDF copied into the spool folder. The row outlives the
// file (deleted_at marks the retention sweep) so old jobs still show what was sent.

import type { PaperSize } from '../../shared/domain.ts';
import { all, type Db, get, run } from './sql.ts';

export type DocumentSource = 'drop' | 'hotfolder' | 'cli' | 'resend' | 'compose';

export interface DocumentRow {
  id: string;
  spoolPath: string;
  sha256: string;
  size: number;
  pages: number;
  paperSize: PaperSize;
  originalName: string;
  source: DocumentSource;
  createdAt: number;
  deletedAt: number | null;
}

interface Row {
  id: string;
  spool_path: string;
  sha256: string;
  size: number;
  pages: number;
  paper_size: PaperSize;
  original_name: string;
  source: DocumentSource;
  created_at: number;
  deleted_at: number | null;
}

function toDocument(r: Row): DocumentRow {
  return {
    id: r.id,
    spoolPath: r.spool_path,
    sha256: r.sha256,
    size: r.size,
    pages: r.pages,
    paperSize: r.paper_size,
    originalName: r.original_name,
    source: r.source,
    createdAt: r.created_at,
    deletedAt: r.deleted_at,
  };
}

export function insertDocument(db: Db, d: Omit<DocumentRow, 'deletedAt'>): void {
  run(
    db,
    `INSERT INTO documents(id, spool_path, sha256, size, pages, paper_size, original_name, source, created_at)
     VALUES (:id, :spoolPath, :sha256, :size, :pages, :paperSize, :originalName, :source, :createdAt)`,
    { ...d },
  );
}

export function getDocument(db: Db, id: string): DocumentRow | undefined {
  const r = get<Row>(db, 'SELECT * FROM documents WHERE id = :id', { id });
  return r && toDocument(r);
}

export function findDocumentByName(db: Db, originalName: string): DocumentRow | undefined {
  const r = get<Row>(db, 'SELECT * FROM documents WHERE original_name = :originalName ORDER BY created_at DESC LIMIT 1', { originalName });
  return r && toDocument(r);
}

export function markDocumentDeleted(db: Db, id: string, now = Date.now()): void {
  run(db, 'UPDATE documents SET deleted_at = :now WHERE id = :id AND deleted_at IS NULL', { id, now });
}

/**
 * Documents whose spool file may go: not yet deleted, every job final, and the last one
 * final before `cutoff`. A document with no jobs at all (a crash between spooling and
 * queueing) counts from its creation time.
 */
export function listSweepableDocuments(db: Db, cutoff: number, finalStates: readonly string[]): DocumentRow[] {
  const states = finalStates.map((s) => `'${s.replace(/'/g, "''")}'`).join(',');
  return all<Row>(
    db,
    `SELECT d.* FROM documents d
     WHERE d.deleted_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.document_id = d.id AND j.state NOT IN (${states}))
       AND coalesce((SELECT max(coalesce(j.final_at, j.updated_at)) FROM jobs j WHERE j.document_id = d.id), d.created_at) < :cutoff`,
    { cutoff },
  ).map(toDocument);
}

/**
 * The jobs of the newest document with this content and name from `source`, created at or
 * after `since`; undefined when there is none. How a hand-off cut short by a crash (the
 * outbox committed, the hot folder never heard) is recognised, so it is not queued twice.
 */
export function jobsOfDocumentSince(
  db: Db,
  q: { sha256: string; size: number; originalName: string; source: DocumentSource; since: number },
): number[] | undefined {
  const doc = get<{ id: string }>(
    db,
    `SELECT id FROM documents WHERE sha256 = :sha256 AND size = :size AND original_name = :originalName AND source = :source
       AND created_at >= :since ORDER BY created_at DESC LIMIT 1`,
    q,
  );
  if (!doc) return undefined;
  return all<{ id: number }>(db, 'SELECT id FROM jobs WHERE document_id = :id ORDER BY id', { id: doc.id }).map((r) => r.id);
}

/** Every live spool path (for finding orphan files). */
export function liveSpoolPaths(db: Db): Set<string> {
  return new Set(all<{ spool_path: string }>(db, 'SELECT spool_path FROM documents WHERE deleted_at IS NULL').map((r) => r.spool_path));
}
