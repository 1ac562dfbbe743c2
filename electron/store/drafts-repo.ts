// Compose drafts: opaque JSON owned by the compose screen, saved as the user types. Several
// can be open; `current` marks the one Compose shows.

import { all, type Db, get, run } from './sql.ts';

export interface Draft<T = unknown> {
  id: string;
  data: T;
  updatedAt: number;
}

export function saveDraft(db: Db, id: string, data: unknown, now = Date.now()): void {
  run(
    db,
    `INSERT INTO drafts(id, data, updated_at) VALUES (:id, :data, :now)
     ON CONFLICT(id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
    { id, data: JSON.stringify(data ?? null), now },
  );
}

export function getDraft<T = unknown>(db: Db, id: string): Draft<T> | undefined {
  const r = get<{ id: string; data: string; updated_at: number }>(db, 'SELECT * FROM drafts WHERE id = :id', { id });
  return r && { id: r.id, data: JSON.parse(r.data) as T, updatedAt: r.updated_at };
}

/** Newest first. */
export function listDrafts<T = unknown>(db: Db, limit = 50): Draft<T>[] {
  return all<{ id: string; data: string; updated_at: number }>(db, 'SELECT * FROM drafts ORDER BY updated_at DESC LIMIT :limit', {
    limit,
  }).map((r) => ({
    id: r.id,
    data: JSON.parse(r.data) as T,
    updatedAt: r.updated_at,
  }));
}

export function deleteDraft(db: Db, id: string): boolean {
  return run(db, 'DELETE FROM drafts WHERE id = :id', { id }).changes > 0;
}

/** Marks `id` as the draft Compose shows (one at a time). */
export function setCurrentDraft(db: Db, id: string): void {
  run(db, 'UPDATE drafts SET current = (id = :id)', { id });
}

/** The draft Compose showed last, if it still exists. */
export function currentDraftId(db: Db): string | undefined {
  return get<{ id: string }>(db, 'SELECT id FROM drafts WHERE current = 1 ORDER BY updated_at DESC LIMIT 1', {})?.id;
}
