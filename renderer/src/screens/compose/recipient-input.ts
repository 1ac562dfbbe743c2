// What people type or paste into Recipients: a number, a name to look up, or a whole list
// ("212 555 0100; Alice Ames <+44 20 7946 0000>, …"). Numbers go through the shared rules.

import { splitExtension, splitNumberList } from '../../../../shared/fax-number.ts';
import { normalizeFaxNumber } from '../../../../shared/fax-rules.ts';
import type { DraftRecipient } from '../../../../shared/ipc/contract/compose.ts';

const NUMBER_RUN = /\+?\d[\d\s().\-/\u00a0]*\d/g;

/** True when the text is a number being typed (digits and number punctuation, maybe an extension), not a name. */
export function looksLikeNumber(text: string): boolean {
  const t = splitExtension(text.trim()).number;
  return /\d/.test(t) && /^[\d\s+().\-/\u00a0]+$/.test(t);
}

export type NumberCheck = { ok: true; recipient: DraftRecipient } | { ok: false; reason: string };

export function checkTypedNumber(text: string, defaultCountry: string): NumberCheck {
  const n = normalizeFaxNumber(text, defaultCountry);
  if (!n.ok) return { ok: false, reason: n.reason };
  const { digits, display, extension } = n.value;
  return { ok: true, recipient: extension ? { number: digits, display, extension } : { number: digits, display } };
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
  // "Alice <212 555 0100 x12>": an extension right after the number belongs to it, not to the name.
  const after = entry.slice(entry.indexOf(longest) + longest.length).match(/^[^<>()[\]"]*/)?.[0] ?? '';
  const typed = splitExtension(longest + after).extension ? longest + after : longest;
  const checked = checkTypedNumber(typed, defaultCountry);
  if (!checked.ok) return { ok: false, reason: `"${entry}": ${checked.reason}` };
  const name = entry
    .replace(typed, ' ')
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
  for (const entry of splitNumberList(text)) {
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

export interface TypedSplit extends PastedRecipients {
  /** What stays in the input: entries that could not be added (so nothing typed is lost), then the text after the last separator. */
  rest: string;
}

/**
 * A comma or semicolon typed into Recipients ends an entry: the entries before it become chips.
 * Undefined when there is nothing to split, or when what comes before is a name being looked up
 * (no digits), so "Smith, J" still searches the address book.
 */
export function splitTyped(value: string, existing: readonly DraftRecipient[], defaultCountry: string): TypedSplit | undefined {
  const cut = Math.max(value.lastIndexOf(','), value.lastIndexOf(';'), value.lastIndexOf('\n'));
  if (cut < 0) return undefined;
  const head = value.slice(0, cut);
  if (!/\d/.test(head)) return undefined;
  const r = parsePastedList(head, existing, defaultCountry);
  const tail = value.slice(cut + 1).trimStart();
  const kept = r.refused.map((x) => x.entry);
  return { ...r, rest: kept.length ? `${kept.join(', ')}${tail ? `, ${tail}` : ''}` : tail };
}
