// How text is compared in the address book: case- and accent-insensitive ("muller" finds
// "Müller"), and numbers by their digits alone ("(212) 555-01" finds 12125550100).

const MARKS = /\p{M}+/gu;

/** Lower case without accents; the form both the index and queries are compared in. */
export function foldText(text: string): string {
  const lower = text.toLowerCase();
  // Most names are plain ASCII: skip the (slow) normalisation for them.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range is the point.
  if (/^[\x00-\x7f]*$/.test(lower)) return lower;
  return lower.normalize('NFD').replace(MARKS, '');
}

export function digitsOf(text: string): string {
  return text.replace(/\D/g, '');
}

/** A query that is only a number as people write them: digits with spaces, dashes, dots, brackets, '+'. */
export function isNumberLike(query: string): boolean {
  return /\d/.test(query) && /^[\d\s()+\-./]+$/.test(query);
}

export interface ParsedQuery {
  /** Folded words; every one must match the name, the company or (when numeric) the number. */
  words: string[];
  /** The whole query's digits when the query is a number; matched as one run in the number. */
  numberDigits: string;
  /** The folded query as typed (for starts-with ranking). */
  whole: string;
}

export function parseQuery(query: string): ParsedQuery {
  const trimmed = query.trim();
  if (isNumberLike(trimmed)) return { words: [], numberDigits: digitsOf(trimmed), whole: foldText(trimmed) };
  const whole = foldText(trimmed).replace(/\s+/g, ' ');
  return { words: whole ? whole.split(' ') : [], numberDigits: '', whole };
}
