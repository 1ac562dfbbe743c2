// The To header a fax to a contact carries when the contact has none of its own: the name
// (or company) reduced to what fax machines print (≤ 15 printable ASCII characters).

import { checkHeader } from '../../shared/fax-rules.ts';
import { MAX_HEADER_LENGTH } from '../../shared/domain.ts';

const LOOKALIKES: Record<string, string> = { ß: 'ss', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ø: 'o', Ø: 'O', ł: 'l', Ł: 'L' };

/** Plain ASCII spelling of `text` (accents dropped, look-alikes replaced, the rest removed). */
function toPrintableAscii(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[ßæÆœŒøØłŁ]/g, (c) => LOOKALIKES[c] ?? '')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\s+/g, ' ')
    .replace(/[^\x20-\x7e]/g, '')
    .trim();
}

const fits = (text: string) => text.length <= MAX_HEADER_LENGTH;

/** Cut at the last whole word that fits; a cut mid-word ("Person Number 5" for …500) misleads. */
function cutAtWord(text: string): string {
  const cut = text.slice(0, MAX_HEADER_LENGTH + 1);
  const end = cut.lastIndexOf(' ');
  const words = end > 0 ? cut.slice(0, end).trim() : '';
  return words.length >= 8 ? words : text.slice(0, MAX_HEADER_LENGTH).trim();
}

/**
 * The contact's own header when set, else one derived: the name when it fits, else the first
 * name as an initial ("P. Number 500"), else the name or company cut at a word.
 */
export function defaultToHeader(contact: { toHeader: string; name: string; company: string }): string {
  if (contact.toHeader && checkHeader('To', contact.toHeader).ok) return contact.toHeader;
  const name = toPrintableAscii(contact.name);
  if (name) {
    if (fits(name)) return name;
    const [first, ...rest] = name.split(' ');
    const initialled = rest.length ? `${first?.charAt(0)}. ${rest.join(' ')}` : '';
    if (initialled && fits(initialled)) return initialled;
    return cutAtWord(name);
  }
  const company = toPrintableAscii(contact.company);
  return fits(company) ? company : cutAtWord(company);
}
