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
  /** ISO country when the number belongs to exactly one (absent for e.g. 555 numbers). */
  country?: string;
}

const EXAMPLES = 'e.g. 212 555 0100, or +44 20 7946 0000 for a number abroad';
// Separators people type between digit groups; anything else is a mistake we name.
const NUMBER_PUNCTUATION = new Set([' ', '\t', '\u00a0', '-', '.', '(', ')', '/', '\u2010', '\u2011', '\u2013', '\u2212']);

/**
 * Turns what a person typed into the vendor's FaxNumber format.
 *
 * Decision on North American numbers: the library's `isValid()` rejects unassigned area codes
 * and the fictional 555 range, yet the vendor's own example is 15555551212 and the sandbox's
 * magic numbers use 555 numbers. So a NANP number is accepted when it is *possible*: ten digits
 * (after an optional leading 1) whose area code and exchange do not start with 0 or 1 and whose
 * area code is not a service code (211…911). Outside North America the library must call the
 * number valid, since we cannot check foreign numbering plans ourselves. International numbers
 * need `+` or the US exit code `011` (or the default country's own): bare digits stay national,
 * so a mistyped extra digit is never silently dialled abroad.
 */
export function normalizeFaxNumber(input: string, defaultCountry = 'US'): Check<NormalizedFaxNumber> {
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
    return {
      ok: true,
      value: {
        digits: parsed.number.slice(1),
        display: parsed.formatInternational(),
        country: parsed.country,
      },
    };
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
  return {
    ok: true,
    value: {
      digits: `1${national}`,
      display: parsed.formatInternational(),
      country: parsed.country,
    },
  };
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
        'If the number is written with letters (like 1-800-FLOWERS), type the digits from a phone keypad instead; leave out any extension.'
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
