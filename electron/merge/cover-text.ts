// A merge's cover texts may hold {{Field}} tags: each row's cover says that row's values. Plain
// text in, plain text out (the cover is drawn by pdf-lib in standard fonts, never parsed as a
// template), and a tag the row has no value for is left empty, like the document's own fields.

import type { CoverFields } from '../../shared/ipc/contract/compose.ts';

const TAG = /\{\{\s*([^{}]+?)\s*\}\}/g;

/** `text` with each {{Field}} replaced by the row's value. */
function fillCoverText(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(TAG, (_, name: string) => values[name] ?? '');
}

/** The fields the cover's texts name (for the missing-field check). */
export function coverFields(cover: CoverFields): string[] {
  if (!cover.enabled) return [];
  const out = new Set<string>();
  for (const text of [cover.to, cover.from, cover.subject, cover.message]) for (const m of text.matchAll(TAG)) out.add((m[1] ?? '').trim());
  return [...out];
}

/** The row's own cover: every text filled with its values. */
export function rowCover(cover: CoverFields, values: Readonly<Record<string, string>>): CoverFields {
  return {
    enabled: cover.enabled,
    to: fillCoverText(cover.to, values),
    from: fillCoverText(cover.from, values),
    subject: fillCoverText(cover.subject, values),
    message: fillCoverText(cover.message, values),
  };
}
