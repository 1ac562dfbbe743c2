// One sort order of the address book laid out for searching, and the per-query tests run
// over it. Split from contact-index.ts, which owns the entries and keeps these in step.

import type { IndexEntry } from './index-entry.ts';
import { digitsOf, type ParsedQuery } from './search-text.ts';

/** One sort order's searchable columns, position by position. */
export interface OrderView {
  entries: IndexEntry[];
  /** Folded "name\ncompany". */
  hay: string[];
  digits: string[];
  favourite: Uint8Array;
  /** Positions of each group's members, worked out when first filtered on. */
  groups: Map<number, Int32Array>;
}

/** Copies strings so they lie side by side in memory: slices of one joined string. */
function contiguous(values: readonly string[]): string[] {
  const joined = values.join('\u0000');
  const out = new Array<string>(values.length);
  let at = 0;
  for (let i = 0; i < values.length; i++) {
    const len = (values[i] as string).length;
    out[i] = joined.slice(at, at + len);
    at += len + 1;
  }
  return out;
}

export function buildView(entries: IndexEntry[]): OrderView {
  return {
    entries,
    hay: contiguous(entries.map((e) => `${e.nameKey}\n${e.companyKey}`)),
    digits: contiguous(entries.map((e) => e.digits)),
    favourite: Uint8Array.from(entries, (e) => (e.favourite ? 1 : 0)),
    groups: new Map(),
  };
}

export type Test = (view: OrderView, pos: number) => boolean;

/** The test for one query, with everything that depends only on the query worked out once. */
export function matcher(q: ParsedQuery): Test {
  if (q.numberDigits) {
    const { numberDigits, whole } = q;
    return (v, p) => (v.digits[p] as string).includes(numberDigits) || (v.hay[p] as string).includes(whole);
  }
  const words = q.words.map((w) => ({ text: w, digits: /\d/.test(w) ? digitsOf(w) : '' }));
  if (words.length === 0) return () => true;
  if (words.length === 1 && !words[0]?.digits) {
    const only = words[0]?.text ?? '';
    return (v, p) => (v.hay[p] as string).includes(only);
  }
  return (v, p) => {
    const hay = v.hay[p] as string;
    for (const w of words) {
      if (hay.includes(w.text)) continue;
      if (w.digits && (v.digits[p] as string).includes(w.digits)) continue;
      return false;
    }
    return true;
  };
}

export function sameQuery(a: ParsedQuery, b: ParsedQuery): boolean {
  return a.whole === b.whole && a.numberDigits === b.numberDigits;
}

/**
 * Whether every match of `next` is a match of `prev`, so `next` can search prev's result:
 * the query only grew, in the same mode, and (for words) without new digits, since a word
 * gaining digits may start matching by number where it did not match by text.
 */
export function narrows(prev: ParsedQuery, next: ParsedQuery): boolean {
  if (!prev.whole || !next.whole.startsWith(prev.whole)) return false;
  if (!!prev.numberDigits !== !!next.numberDigits) return false;
  if (next.numberDigits) return next.numberDigits.startsWith(prev.numberDigits);
  return digitsOf(prev.whole) === digitsOf(next.whole);
}

/** 0 starts the name or company, 1 starts a word, 2 anywhere (the autocomplete's ranking). */
export function rankAt(v: OrderView, p: number, q: ParsedQuery): number {
  if (!q.whole) return 0;
  if (q.numberDigits) {
    const d = v.digits[p] as string;
    // A North American number may be typed with or without the leading 1.
    return d.startsWith(q.numberDigits) || d.startsWith(`1${q.numberDigits}`) ? 0 : 2;
  }
  const hay = v.hay[p] as string;
  if (hay.startsWith(q.whole) || hay.includes(`\n${q.whole}`)) return 0;
  return hay.includes(` ${q.whole}`) ? 1 : 2;
}
