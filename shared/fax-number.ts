// Fax numbers: what a person typed, turned into the vendor's FaxNumber format or a reason.
// Pure and browser-safe (the renderer checks as the user types).

import {
  type CountryCode,
  getCountryCallingCode,
  isSupportedCountry,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
} from 'libphonenumber-js/max';
import { type Check, fail } from './check.ts';

export interface NormalizedFaxNumber {
  /** The vendor's format: `1NPANXXXXXX` in North America, country code + number elsewhere. */
  digits: string;
  /** For people: `+1 212 555 0100`, `+44 20 7946 0000`. */
  display: string;
  /** ISO country when the number belongs to exactly one (absent for some non-geographic numbers). */
  country?: string;
  /** An extension typed after the number ("x12", "ext. 204", "#12", ";ext=12"): never dialled. */
  extension?: string;
}

// An extension at the end: "x12", "ext. 204", "extension 5", "#12", RFC 3966's ";ext=12".
// At most 6 digits, so "212#5550100" stays a typing mistake rather than a 3-digit number.
const EXTENSION_TAIL = /^(.*\d[\s)\]]*?)(?:\s*;\s*ext=|[\s,]*(?:ext(?:ension)?\.?|x|#)\s*[:.]?)\s*(\d{1,6})\s*$/i;

/** Splits an extension off the end of a typed number; `number` is the rest, as typed. */
export function splitExtension(text: string): { number: string; extension?: string } {
  const m = EXTENSION_TAIL.exec(text.trim());
  if (!m?.[1] || !m[2]) return { number: text };
  return { number: m[1].trim(), extension: m[2] };
}

/** The one note shown wherever a number arrives with an extension (Compose, CLI, import, contact form). */
export function extensionNote(extension: string): string {
  return `Extension ${extension} is left out: a fax cannot dial extensions, so the main number is dialled. If that line is not a fax, ask for a direct fax number.`;
}

// A list of numbers splits at new lines, commas and semicolons, except where the comma or
// semicolon starts an extension ("212 555 0100, ext 12", "+12125550100;ext=12").
const LIST_SEPARATOR = /[\r\n]+|[,;](?!\s*(?:ext\b|ext[=.]|extension\b|x\s*\d|#\s*\d))/i;

/** Splits typed or pasted text into entries (Recipients, the CLI's --to). */
export function splitNumberList(text: string): string[] {
  return text
    .split(LIST_SEPARATOR)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * The one way a fax number is shown to people (Compose chips, Outbox, CSV, notifications, the
 * CLI): `+1 212 555 0100`, `+44 20 7946 0000`. Takes the vendor's digits; `raw` is shown when
 * there are none. North American numbers are laid out directly (the groups libphonenumber
 * prints, at a fraction of its cost: a page of contacts shows a hundred at once).
 */
export function formatFaxNumber(digits: string, raw = ''): string {
  if (/^1\d{10}$/.test(digits)) return `+1 ${digits.slice(1, 4)} ${digits.slice(4, 7)} ${digits.slice(7)}`;
  if (/^\d{7,15}$/.test(digits)) return parsePhoneNumberFromString(`+${digits}`)?.formatInternational() ?? `+${digits}`;
  return raw || digits;
}

const EXAMPLES = 'e.g. 212 555 0100, or +44 20 7946 0000 for a number abroad';
// Separators people type between digit groups; anything else is a mistake we name.
const NUMBER_PUNCTUATION = new Set([' ', '\t', '\u00a0', '-', '.', '(', ')', '/', '\u2010', '\u2011', '\u2013', '\u2212']);

/**
 * Turns what a person typed into the vendor's FaxNumber format.
 *
 * Every number must be one the library calls valid for its region: an area code that is not in
 * use (999, or the fictional 555 of the vendor's own example 15555551212) cannot reach a fax
 * machine, so it is refused with the reason before anything is paid for. The sandbox's magic
 * numbers (…555 01XX after a real area code) are valid. North American numbers are checked
 * part by part first (length, area code, exchange), so the reason names the part that is wrong.
 * International numbers need `+` or the US exit code `011` (or the default country's own): bare
 * digits stay national, so a mistyped extra digit is never silently dialled abroad. An extension
 * at the end is split off and returned beside the number (a fax cannot dial one).
 */
export function normalizeFaxNumber(input: string, defaultCountry = 'US'): Check<NormalizedFaxNumber> {
  const { number, extension } = splitExtension(input);
  const checked = normalizeMainNumber(number, defaultCountry);
  return checked.ok && extension ? { ok: true, value: { ...checked.value, extension } } : checked;
}

function normalizeMainNumber(input: string, defaultCountry: string): Check<NormalizedFaxNumber> {
  const text = input.trim();
  if (text === '') return fail(`Enter a fax number, ${EXAMPLES}.`);
  const charProblem = numberCharacterProblem(text);
  if (charProblem) return fail(charProblem);
  const digits = text.replace(/\D/g, '');
  if (digits === '') return fail(`A fax number needs digits, ${EXAMPLES}.`);

  const country: CountryCode = isSupportedCountry(defaultCountry) ? defaultCountry : 'US';
  const plus = text.startsWith('+');
  const parsed = parsePhoneNumberFromString(text, country);
  const callingCode = parsed?.countryCallingCode ?? guessCallingCode(plus, digits, country);
  if (callingCode === '1') {
    const national = plus ? digits.slice(1) : stripNanpPrefix(digits, parsed?.nationalNumber);
    return checkNanp(national, digits, internationalHint(plus, digits, country));
  }
  if (!parsed) {
    if (!plus && !digits.startsWith('0'))
      return fail(`${digits.length} digits is too short for a fax number: type the whole number, ${EXAMPLES}.`);
    return fail(`There is no country with the calling code you typed: check the digits after + (or 011), ${EXAMPLES}.`);
  }
  if (parsed.isValid()) {
    const valid = parsed.number.slice(1);
    return { ok: true, value: { digits: valid, display: formatFaxNumber(valid), country: parsed.country } };
  }
  const where = countryLabel(parsed.countryCallingCode, parsed.country ?? parsed.getPossibleCountries()[0]);
  const shown = text.replace(/\s+/g, ' ');
  const hint = internationalHint(plus, digits, country);
  const length = validatePhoneNumberLength(text, country);
  if (length === 'TOO_LONG' || length === 'TOO_SHORT' || length === 'INVALID_LENGTH') {
    const tooLong = length === 'TOO_LONG';
    return fail(
      `${shown} has ${tooLong ? 'too many' : length === 'TOO_SHORT' ? 'too few' : 'the wrong number of'} digits for ${where}: ` +
        `check it against what the recipient gave you${hint}.`,
    );
  }
  return fail(`${shown} is not a valid number for ${where}: check the digits${hint}.`);
}

function guessCallingCode(plus: boolean, digits: string, country: CountryCode): string | undefined {
  if (plus) return digits.startsWith('1') ? '1' : undefined;
  if (digits.startsWith('011') && getCountryCallingCode(country) === '1') return digits.charAt(3) === '1' ? '1' : undefined;
  return getCountryCallingCode(country);
}

// Counts what the person typed, not what the library inferred, so the message matches the screen.
function stripNanpPrefix(digits: string, libraryNational: string | undefined): string {
  if (digits.startsWith('011')) return libraryNational ?? digits.slice(4);
  return digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
}

function checkNanp(national: string, typed: string, hint: string): Check<NormalizedFaxNumber> {
  if (national.length < 10) {
    const add = national.length === 7 ? ' Add the 3-digit area code in front.' : '';
    return fail(
      `${typed.length} digits is too short: a North American fax number has 10 digits (area code + number), e.g. 212 555 0100.${add}`,
    );
  }
  if (national.length > 10) {
    return fail(
      `${typed.length} digits is too many for a North American number: type 10 digits, or 1 and 10 digits. ` +
        (hint ? `${hint.slice(2)}.` : 'For a number abroad, start with + or 011 and the country code, e.g. +44 20 7946 0000.'),
    );
  }
  const area = national.slice(0, 3);
  const exchange = national.slice(3, 6);
  if (area[0] === '0' || area[0] === '1') {
    const extra = area[0] === '1' ? ' If that 1 is the long-distance prefix, a digit is missing.' : '';
    return fail(`Area code ${area} cannot start with ${area[0]}: check the number (10 digits, e.g. 212 555 0100).${extra}`);
  }
  if (area.slice(1) === '11') return fail(`${area} is a service code (like 411 or 911), not an area code: check the number.`);
  if (exchange[0] === '0' || exchange[0] === '1') {
    return fail(`The exchange ${exchange} (the 3 digits after the area code) cannot start with ${exchange[0]}: check the number.`);
  }
  const parsed = parsePhoneNumberFromString(`+1${national}`);
  if (!parsed?.isPossible()) return fail(`${national} is not a dialable North American number: check it, e.g. 212 555 0100.`);
  const shown = formatFaxNumber(`1${national}`);
  if (!parsed.isValid()) {
    return fail(
      areaCodeInUse(area)
        ? `${shown} is not a number in use: area code ${area} has no exchange ${exchange}. Check the digits with the recipient.`
        : `Area code ${area} is not in use in North America, so ${shown} cannot reach a fax machine: check the number (e.g. 212 555 0100).`,
    );
  }
  return { ok: true, value: { digits: `1${national}`, display: shown, country: parsed.country } };
}

// The library validates area code and exchange together; a few sample exchanges tell which is wrong.
function areaCodeInUse(area: string): boolean {
  return ['2', '3', '4', '5', '6', '7', '8', '9'].some((d) => parsePhoneNumberFromString(`+1${area}${d}550100`)?.isValid());
}

function numberCharacterProblem(text: string): string | undefined {
  let position = 0;
  for (const ch of text) {
    position += 1;
    if (/[0-9]/.test(ch) || NUMBER_PUNCTUATION.has(ch)) continue;
    if (ch === '+') {
      if (position === 1) continue;
      return `'+' at position ${position} can only come first (before the country code): remove it, ${EXAMPLES}.`;
    }
    if (/\p{L}/u.test(ch)) {
      return (
        `Fax numbers take digits only: '${ch}' at position ${position} is a letter. ` +
        'If the number is written with letters (like 1-800-FLOWERS), type the digits from a phone keypad instead (an extension may follow, as x12).'
      );
    }
    return `'${ch}' at position ${position} is not part of a fax number: type digits only (spaces, dashes, dots and brackets are fine).`;
  }
  return undefined;
}

function internationalHint(plus: boolean, digits: string, country: CountryCode): string {
  if (plus) return '';
  const candidates = [digits, digits.replace(/^00/, ''), digits.replace(/^011/, '')];
  for (const candidate of candidates) {
    const asIntl = parsePhoneNumberFromString(`+${candidate}`);
    if (asIntl?.isValid() && asIntl.countryCallingCode !== getCountryCallingCode(country)) {
      return `. If it is a number abroad, type + first: ${asIntl.formatInternational()}`;
    }
  }
  return '';
}

let regionNames: Intl.DisplayNames | undefined;
function countryLabel(callingCode: string, country: string | undefined): string {
  if (!country) return `country code +${callingCode}`;
  try {
    regionNames ??= new Intl.DisplayNames(['en'], { type: 'region' });
    return `+${callingCode} (${regionNames.of(country) ?? country})`;
  } catch {
    return `+${callingCode} (${country})`;
  }
}
