// Writes contacts as CSV (headers our importer, Excel and most address books recognise) or
// vCard 3.0 (the version Outlook, Apple Contacts and Google all read). Numbers are written
// in international form, so a file re-imported in another country keeps its meaning.

import type { ExportFormat } from '../../shared/ipc/contract/contacts.ts';
import { spreadsheetCsv } from '../core/spreadsheet-csv.ts';
import type { Contact } from '../store/contacts-repo.ts';

export interface ExportContact extends Pick<Contact, 'name' | 'company' | 'faxRaw' | 'toHeader' | 'notes' | 'favourite'> {
  faxDisplay: string;
  groups: string[];
}

const CSV_COLUMNS = ['Name', 'Company', 'Fax', 'To Header', 'Notes', 'Groups', 'Favourite'] as const;

/** "A; B"; a lone group with a comma gets a trailing ';' so the importer does not split it at the comma. */
function groupCell(groups: readonly string[]): string {
  const cell = groups.join('; ');
  return groups.length === 1 && cell.includes(',') ? `${cell};` : cell;
}

export function contactsToCsv(contacts: readonly ExportContact[]): string {
  const rows = contacts.map((c) => [
    c.name,
    c.company,
    c.faxDisplay || c.faxRaw,
    c.toHeader,
    c.notes,
    groupCell(c.groups),
    c.favourite ? 'yes' : '',
  ]);
  // The numbers start with '+': marked as text like any formula-like cell, so the '+' stays.
  return spreadsheetCsv(CSV_COLUMNS, rows);
}

function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds at 75 octets (RFC 6350 §3.2) without splitting a UTF-8 character. */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = new TextEncoder().encode(ch).length;
    const limit = out.length === 0 ? 75 : 74; // continuation lines start with a space
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

/** N is family;given: the last word is taken as the family name. */
function structuredName(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length < 2) return `${escapeText(words[0] ?? '')};;;;`;
  const family = words.pop() as string;
  return `${escapeText(family)};${escapeText(words.join(' '))};;;`;
}

export function contactsToVcard(contacts: readonly ExportContact[]): string {
  const lines: string[] = [];
  for (const c of contacts) {
    const fn = c.name || c.company;
    lines.push('BEGIN:VCARD', 'VERSION:3.0', `FN:${escapeText(fn)}`, `N:${structuredName(c.name)}`);
    if (c.company) lines.push(`ORG:${escapeText(c.company)}`);
    lines.push(`TEL;TYPE=WORK,FAX:${c.faxDisplay || c.faxRaw}`);
    if (c.notes) lines.push(`NOTE:${escapeText(c.notes)}`);
    if (c.groups.length) lines.push(`CATEGORIES:${c.groups.map(escapeText).join(',')}`);
    if (c.toHeader) lines.push(`X-OPENFAX-TO-HEADER:${escapeText(c.toHeader)}`);
    if (c.favourite) lines.push('X-OPENFAX-FAVOURITE:1');
    lines.push('END:VCARD');
  }
  return lines.map(fold).join('\r\n') + (lines.length ? '\r\n' : '');
}

export function exportFile(
  format: ExportFormat,
  contacts: readonly ExportContact[],
  stamp: Date,
): { fileName: string; mime: string; content: string } {
  const day = stamp.toISOString().slice(0, 10);
  return format === 'csv'
    ? { fileName: `openfax-contacts-${day}.csv`, mime: 'text/csv', content: contactsToCsv(contacts) }
    : { fileName: `openfax-contacts-${day}.vcf`, mime: 'text/vcard', content: contactsToVcard(contacts) };
}
