// Decides where a document goes when it says so itself: a sidecar file, codes embedded in its
// text, or its file name, in that order of authority. Numbers pass the shared fax rules; any
// code that cannot be used becomes a problem the user sees, and is never dialled as written.

import type { PaperSize, Priority, Resolution } from '../../shared/domain.ts';
import { checkHeader, normalizeFaxNumber } from '../../shared/fax-rules.ts';
import { type FoundCode, scanCodes } from './routing-codes.ts';
import { numberFromFileName } from './routing-filename.ts';
import { parseSidecar } from './routing-sidecar.ts';

export interface RouteRecipient {
  /** The vendor's digits (`12025551212`). */
  number: string;
  /** For people: `+1 202 555 1212`. */
  display: string;
  name?: string;
}

export interface RouteResult {
  recipients: RouteRecipient[];
  headers: { toHeader?: string; fromHeader?: string };
  subject?: string;
  options: { paperSize?: PaperSize; resolution?: Resolution; priority?: Priority };
  source: 'codes' | 'sidecar' | 'filename' | 'none';
  /** Plain sentences; when not empty, the document must be reviewed before it is sent. */
  problems: string[];
}

export interface RouteContact {
  name: string;
  number: string;
}

/** Finds a contact by name in the address book (the app passes the store's lookup). */
export type ContactLookup = (name: string) => RouteContact | undefined | Promise<RouteContact | undefined>;

export interface RouteInput {
  fileName: string;
  /** Text of the first pages (from extractText / inspectPdf's textMaxPages). */
  text?: string;
  /** Contents of `NAME.json` when it was next to the document. */
  sidecarText?: string;
  lookupContact?: ContactLookup;
  defaultCountry?: string;
}

/** True when the document may be sent without review. */
export function isAutoRoutable(route: RouteResult): boolean {
  return route.source !== 'none' && route.recipients.length > 0 && route.problems.length === 0;
}

export async function routeDocument(input: RouteInput): Promise<RouteResult> {
  const result: RouteResult = { recipients: [], headers: {}, options: {}, source: 'none', problems: [] };
  const country = input.defaultCountry ?? 'US';

  if (input.sidecarText !== undefined) {
    const parsed = parseSidecar(input.sidecarText, `${input.fileName}.json`);
    result.source = 'sidecar';
    if (!parsed.ok) {
      result.problems.push(parsed.problem);
      return result;
    }
    const { sidecar } = parsed;
    for (const [i, entry] of sidecar.recipients.entries()) {
      const { number, name } = typeof entry === 'string' ? { number: entry, name: undefined } : entry;
      addNumber(result, number, name, country, `recipients[${i}] in ${input.fileName}.json`);
    }
    setHeader(result, 'To', sidecar.headers?.to);
    setHeader(result, 'From', sidecar.headers?.from);
    if (sidecar.subject !== undefined) result.subject = sidecar.subject;
    result.options = { ...sidecar.options };
    return result;
  }

  const scan = scanCodes(input.text ?? '');
  const recipientCodes = scan.codes.filter((c) => c.key !== 'from' && c.key !== 'subject');
  for (const code of scan.codes) {
    if (code.key === 'from') setHeader(result, 'From', code.value, code.raw);
    if (code.key === 'subject') result.subject = code.value;
  }
  if (recipientCodes.length > 0 || scan.problems.length > 0) {
    result.source = 'codes';
    result.problems.push(...scan.problems);
    await routeCodes(result, recipientCodes, input.lookupContact, country);
    return result;
  }

  const fromName = numberFromFileName(input.fileName);
  if (fromName !== undefined) {
    result.source = 'filename';
    addNumber(result, fromName, undefined, country, `the file name "${input.fileName}"`);
  }
  return result;
}

/**
 * Fax codes give numbers, in document order. YajHFC's and RightFax's name codes name the number
 * code of their own syntax at the same position; our `{{to:}}` is a contact to look up (or,
 * when no `{{to:}}` is a contact and they pair one-to-one with `{{fax:}}` codes, the names of
 * those numbers). A name code with no number of its own is looked up in the address book.
 */
async function routeCodes(result: RouteResult, codes: FoundCode[], lookup: ContactLookup | undefined, country: string): Promise<void> {
  const pairedName = new Map<FoundCode, string>();
  const toLookUp: FoundCode[] = [];
  for (const syntax of ['yajhfc', 'rightfax'] as const) {
    const numbers = codes.filter((c) => c.syntax === syntax && isNumberKey(c));
    const names = codes.filter((c) => c.syntax === syntax && !isNumberKey(c));
    numbers.forEach((code, i) => {
      const name = names[i]?.value;
      if (name) pairedName.set(code, name);
    });
    toLookUp.push(...names.slice(numbers.length));
  }
  const faxCodes = codes.filter((c) => c.syntax === 'openfax' && c.key === 'fax');
  const toCodes = codes.filter((c) => c.syntax === 'openfax' && c.key === 'to');
  // YajHFC's @@recipient@@ holds a number; a name there is looked up like {{to:}}.
  const namedRecipients = codes.filter((c) => c.key === 'recipient' && c.value !== '' && !/\d/.test(c.value));
  const found = new Map<FoundCode, RouteContact | undefined>();
  for (const code of [...toLookUp, ...toCodes, ...namedRecipients]) {
    found.set(code, code.value === '' ? undefined : await lookup?.(code.value));
  }
  const pairTo = toCodes.length > 0 && toCodes.length === faxCodes.length && toCodes.every((c) => !found.get(c));
  if (pairTo) {
    for (const [i, code] of faxCodes.entries()) {
      const name = toCodes[i]?.value;
      if (name) pairedName.set(code, name);
    }
  }

  for (const code of codes) {
    if (found.has(code)) {
      const contact = found.get(code);
      if (contact) addNumber(result, contact.number, contact.name, country, `the contact "${contact.name}"`);
      else if (!(pairTo && code.key === 'to')) result.problems.push(notAContact(code, lookup));
    } else if (isNumberKey(code)) {
      addNumber(result, code.value, pairedName.get(code), country, `the code ${code.raw}`);
    }
  }
}

function isNumberKey(code: FoundCode): boolean {
  return code.key === 'fax' || code.key === 'tofaxnum' || code.key === 'recipient';
}

function notAContact(code: FoundCode, lookup: ContactLookup | undefined): string {
  if (code.value === '') return `The code ${code.raw} is empty: put a contact name or a fax number in it.`;
  return lookup
    ? `The code ${code.raw} names "${code.value}", who is not in the address book: add the contact, or use {{fax: number}}.`
    : `The code ${code.raw} names a contact, but no address book is available here: use {{fax: number}} instead.`;
}

function addNumber(result: RouteResult, raw: string, name: string | undefined, country: string, where: string): void {
  const check = normalizeFaxNumber(raw, country);
  if (!check.ok) {
    result.problems.push(
      raw.trim() === ''
        ? `${capitalise(where)} has no fax number in it.`
        : `${capitalise(where)} is not a usable fax number: ${check.reason}`,
    );
    return;
  }
  const existing = result.recipients.find((r) => r.number === check.value.digits);
  if (existing) {
    existing.name ??= name;
    return;
  }
  result.recipients.push({ number: check.value.digits, display: check.value.display, ...(name ? { name } : {}) });
}

function setHeader(result: RouteResult, label: 'To' | 'From', value: string | undefined, raw?: string): void {
  if (value === undefined) return;
  const check = checkHeader(label, value);
  if (!check.ok) {
    result.problems.push(raw ? `${raw}: ${check.reason}` : check.reason);
    return;
  }
  if (label === 'To') result.headers.toHeader = check.value;
  else result.headers.fromHeader = check.value;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
