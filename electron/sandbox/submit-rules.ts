// Field checks of faxSendSubmit.php, in the order the sandbox applies them. Values are compared
// as PHP compares strings posted to it: exact, case-sensitive, no trimming.

import { MAX_HEADER_LENGTH } from '../../shared/domain.ts';
import { scenarioFor } from './magic-numbers.ts';

export interface SubmitFields {
  faxNumber: string;
  toHeader: string;
  fromHeader: string;
  /** The from-header field names the request carried, of the two the vendor's page uses (frHeader first). */
  fromHeaderFields: FromHeaderField[];
  paperSize: number;
  resolution: number;
  priority: 'Normal' | 'Low';
}

/** The page's table says frHeader, its PHP sample sends fromHeader. */
const FROM_HEADER_NAMES = ['frHeader', 'fromHeader'] as const;
export type FromHeaderField = (typeof FROM_HEADER_NAMES)[number];

export type FieldCheck = { ok: true; value: SubmitFields } | { ok: false; response: string };

/** North America: 1 + 10 digits. Elsewhere: country code + number, 7..15 digits, no `+`, no `0`/`011` prefix. */
function isDialableFaxNumber(n: string): boolean {
  if (!/^[0-9]+$/.test(n)) return false;
  if (n.startsWith('1')) return n.length === 11;
  if (n.startsWith('0')) return false;
  return n.length >= 7 && n.length <= 15;
}

/** Headers are VarChar(15) columns: longer text is cut, as a non-strict MySQL insert would. */
function fitHeader(v: string | undefined): string {
  return Array.from(v ?? '')
    .slice(0, MAX_HEADER_LENGTH)
    .join('');
}

/** Checks every field except authentication and the PDF. `get` reads a $_REQUEST-like bag. */
export function checkSubmitFields(get: (name: string) => string | undefined): FieldCheck {
  const faxNumber = get('FaxNumber') ?? '';
  if (!isDialableFaxNumber(faxNumber)) return { ok: false, response: 'InvalidFaxNumberLength' };
  if (scenarioFor(faxNumber).restricted) return { ok: false, response: 'RestrictedFaxNumber' };
  const res = get('faxResolution');
  if (res !== '0' && res !== '1') return { ok: false, response: 'InvalidFaxResolution' };
  const paper = get('paperSize');
  if (paper !== '0' && paper !== '1' && paper !== '2') return { ok: false, response: 'InvalidPapersize' };
  const priority = get('Priority');
  if (priority !== 'Normal' && priority !== 'Low') return { ok: false, response: 'InvalidPriority' };
  return {
    ok: true,
    value: {
      faxNumber,
      toHeader: fitHeader(get('toHeader')),
      // Either name is read; when both come, the table's name wins.
      fromHeader: fitHeader(get('frHeader') ?? get('fromHeader')),
      fromHeaderFields: FROM_HEADER_NAMES.filter((n) => get(n) !== undefined),
      paperSize: Number(paper),
      resolution: Number(res),
      priority,
    },
  };
}
