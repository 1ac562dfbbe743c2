// A fix made in the import preview, folded into the preview the dialog holds: main answers
// with the new counts and only the rows whose check changed.

import type { ImportFixed, ImportPreview } from '../../../../shared/ipc/contract/contacts.ts';

export function applyImportFix(preview: ImportPreview, fixed: ImportFixed): ImportPreview {
  const changed = new Map(fixed.rows.map((r) => [r.row, r]));
  return { ...preview, counts: fixed.counts, rows: preview.rows.map((r) => changed.get(r.row) ?? r) };
}
