// Migration 3 (several compose drafts): the one draft an older version kept is the one shown
// after the upgrade, with everything it held.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/store/database.ts';
import { currentDraftId, getDraft, saveDraft, setCurrentDraft } from '../../../electron/store/drafts-repo.ts';
import { MIGRATIONS } from '../../../electron/store/migrations.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

it('shows the draft of an older version after the upgrade, and marks one draft shown at a time', () => {
  const dir = mkdtempSync(join(tmpdir(), 'openfax-drafts-'));
  dirs.push(dir);
  const path = join(dir, 'openfax.db');
  const old = openDatabase(path, { migrations: MIGRATIONS.filter((m) => m.version < 3) });
  saveDraft(old, 'compose', { recipients: [{ number: '12025550150', display: '+1 202 555 0150' }] }, 5);
  old.close();

  const db = openDatabase(path);
  expect(currentDraftId(db)).toBe('compose');
  expect(getDraft(db, 'compose')?.data).toEqual({ recipients: [{ number: '12025550150', display: '+1 202 555 0150' }] });
  saveDraft(db, 'second', {}, 6);
  setCurrentDraft(db, 'second');
  expect(currentDraftId(db)).toBe('second');
  setCurrentDraft(db, 'compose');
  expect(currentDraftId(db)).toBe('compose');
  db.close();
});
