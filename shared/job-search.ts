// The Outbox search box, read one way everywhere: the Outbox list, the CSV export and the CLI's
// `status --search` (one SQL builder in the store), and the renderer deciding whether a row
// pushed by main belongs in the list it shows.
//
// A search finds what the Outbox row shows, as a person expects of one box: part of the
// recipient's name (the contact's, else the To header), company or document name, in any
// case; three or more digits find the number however it is written (spaces, dashes, +); an
// OutTransID is matched whole, because a piece of one long vendor id would find unrelated faxes.

import type { OutboxRow } from './ipc/contract/jobs.ts';

/** Fewer digits than this are too common to search numbers by ("1" is in every number). */
const MIN_SEARCH_DIGITS = 3;

/** The search text, read into what each kind of field is matched against. */
export interface JobSearchTerms {
  /** Found inside the recipient's name, company and the document name (ASCII case folded, as SQLite's LIKE). */
  text: string;
  /** The search's digits, found inside the fax number's digits; undefined when too few. */
  digits: string | undefined;
  /** Equal to the whole OutTransID. */
  exact: string;
}

/** The terms for a search box's text; undefined when it is empty (everything matches). */
export function parseJobSearch(search: string | undefined): JobSearchTerms | undefined {
  const text = search?.trim() ?? '';
  if (!text) return undefined;
  const digits = text.replace(/\D/g, '');
  return { text, digits: digits.length >= MIN_SEARCH_DIGITS ? digits : undefined, exact: text };
}

/**
 * Whether a row the renderer already has matches. A broadcast row carries only its document,
 * which all its recipients share: one found by a recipient's name shows on the next load.
 */
export function outboxRowMatchesSearch(row: OutboxRow, terms: JobSearchTerms | undefined): boolean {
  if (!terms) return true;
  const needle = foldAscii(terms.text);
  const texts = row.kind === 'job' ? [row.recipientName, row.recipientCompany, row.documentName] : [row.documentName];
  if (texts.some((t) => t != null && foldAscii(t).includes(needle))) return true;
  if (row.kind !== 'job') return false;
  if (terms.digits && row.number.replace(/\D/g, '').includes(terms.digits)) return true;
  return row.outTransId === terms.exact;
}

function foldAscii(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}
