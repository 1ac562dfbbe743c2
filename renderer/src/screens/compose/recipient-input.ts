// What people type or paste into Recipients: a number, a name to look up, or a whole list
// ("212 555 0100; Alice Ames <+44 20 7946 0000>, …"). Numbers go through the shared rules.

import { normalizeFaxNumber } from '../../../../shared/fax-rules.ts';
import type { DraftRecipient } from '../../../../shared/ipc/contract/compose.ts';

const NUMBER_RUN = /\+?\d[\d\s().\-/\u00a0]*\d/g;

/** Splits a pasted list on new lines, commas and semicolons. */
export function splitPastedList(text: string): string[] {
  return text
    .split(/[\r\n,;]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** True when the text is a number being typed (digits and number punctuation only), not a name. */
export function looksLikeNumber(text: string): boolean {
  const t = text.trim();
  return /\d/.test(t) && /^[\d\s+().\-/\u00a0]+$/.test(t);
}

export type NumberCheck = { ok: true; recipient: DraftRecipient } | { ok: false; reason: string };

export function checkTypedNumber(text: string, defaultCountry: string): NumberCheck {
  const n = normalizeFaxNumber(text, defaultCountry);
  if (!n.ok) return { ok: false, reason: n.reason };
  return { ok: true, recipient: { number: n.value.digits, display: n.value.display } };
}

/**
 * One pasted entry: a bare number, or a name with a number ("Alice Ames <212 555 0100>",
 * "Alice Ames: 212-555-0100"). The longest digit run is the number; the rest is the name.
 */
export function parseEntry(entry: string, defaultCountry: string): NumberCheck {
  if (looksLikeNumber(entry)) return checkTypedNumber(entry, defaultCountry);
  const runs = entry.match(NUMBER_RUN) ?? [];
  const longest = runs.reduce((a, b) => (b.replace(/\D/g, '').length > a.replace(/\D/g, '').length ? b : a), '');
  if (longest.replace(/\D/g, '').length < 4) return { ok: false, reason: `"${entry}" has no fax number in it.` };
  const checked = checkTypedNumber(longest, defaultCountry);
  if (!checked.ok) return { ok: false, reason: `"${entry}": ${checked.reason}` };
  const name = entry
    .replace(longest, ' ')
    .replace(/[<>:()[\]"]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return { ok: true, recipient: name ? { ...checked.recipient, name } : checked.recipient };
}

export interface PastedRecipients {
  added: DraftRecipient[];
  /** Entries that could not be used, with the reason. */
  refused: Array<{ entry: string; reason: string }>;
  /** Entries already in the list (or twice in the paste). */
  duplicates: string[];
}

export function parsePastedList(text: string, existing: readonly DraftRecipient[], defaultCountry: string): PastedRecipients {
  const seen = new Set(existing.map((r) => r.number));
  const out: PastedRecipients = { added: [], refused: [], duplicates: [] };
  for (const entry of splitPastedList(text)) {
    const r = parseEntry(entry, defaultCountry);
    if (!r.ok) out.refused.push({ entry, reason: r.reason });
    else if (seen.has(r.recipient.number)) out.duplicates.push(r.recipient.display);
    else {
      seen.add(r.recipient.number);
      out.added.push(r.recipient);
    }
  }
  return out;
}
