// Fax To/From headers: what fax machines can print. Pure and browser-safe.

import { type Check, fail } from './check.ts';
import { MAX_HEADER_LENGTH } from './domain.ts';

/**
 * Checks a To or From header: at most 15 characters of printable ASCII (0x20–0x7E), the limit and
 * alphabet fax machines print. Empty is allowed (the vendor does not require a header).
 * The first bad character is named with its position; length is counted in characters as seen.
 */
export function checkHeader(label: 'To' | 'From', value: string): Check<string> {
  if (typeof value !== 'string') return fail(`The ${label} header must be text.`);
  let position = 0;
  for (const shown of graphemes(value)) {
    if (!/^[\x20-\x7e]+$/.test(shown)) {
      // Everything before the first bad character is ASCII, so this position is the same whether
      // counted in code points, UTF-16 units or visible characters.
      return fail(`${describeCharacter(shown)} at position ${position + 1} of the ${label} header is not allowed: ${headerAdvice(shown)}`);
    }
    position += Array.from(shown).length;
  }
  if (position > MAX_HEADER_LENGTH) {
    const over = position - MAX_HEADER_LENGTH;
    return fail(
      `The ${label} header is ${position} characters, ${over} over the limit of ${MAX_HEADER_LENGTH}: ` +
        `shorten it by ${over} character${over === 1 ? '' : 's'}.`,
    );
  }
  return { ok: true, value };
}

const HEADER_ALPHABET = 'fax headers take plain letters, digits and punctuation';
// Common look-alikes that word processors and phones substitute for plain ASCII.
const LOOKALIKES: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2026': '...',
  '\u00df': 'ss',
  '\u00e6': 'ae',
  '\u00c6': 'AE',
  '\u0153': 'oe',
  '\u00f8': 'o',
  '\u00d8': 'O',
};

function headerAdvice(shown: string): string {
  if (isInvisible(shown)) return `${HEADER_ALPHABET}; remove it${shown === '\u00a0' ? ' or type a plain space' : ''}.`;
  const lookalike = LOOKALIKES[shown] ?? shown.normalize('NFD').replace(/\p{M}/gu, '');
  if (lookalike !== shown && /^[\x20-\x7e]+$/.test(lookalike)) return `${HEADER_ALPHABET} (type '${lookalike}' instead).`;
  return `${HEADER_ALPHABET}; remove it or spell it out.`;
}

function isInvisible(shown: string): boolean {
  return /^[\p{Cc}\p{Cf}\p{Z}\p{M}]+$/u.test(shown);
}

/** Names a visible character the way a person would: the whole emoji (skin tone, flag), not half of it. */
function describeCharacter(shown: string): string {
  const code = shown.codePointAt(0) ?? 0;
  if (shown === '\t') return 'A tab';
  if (shown === '\n' || shown === '\r' || shown === '\r\n') return 'A line break';
  if (shown === '\u00a0') return 'A non-breaking space';
  if (isInvisible(shown)) return `An invisible character (U+${hex(code)})`;
  if (/\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u.test(shown)) return `The emoji '${shown}'`;
  return `'${shown}'`;
}

function graphemes(value: string): string[] {
  const Segmenter = (Intl as { Segmenter?: typeof Intl.Segmenter }).Segmenter;
  if (!Segmenter) return Array.from(value);
  return Array.from(new Segmenter('en', { granularity: 'grapheme' }).segment(value), (s) => s.segment);
}

const hex = (code: number) => code.toString(16).toUpperCase().padStart(4, '0');

/** The To header a recipient's fax carries: the form's when one is typed, else the recipient's own from the address book. */
export function toHeaderFor(toHeader: string, recipient: { toHeader?: string } | undefined): string {
  return toHeader.trim() !== '' ? toHeader : (recipient?.toHeader ?? '');
}
