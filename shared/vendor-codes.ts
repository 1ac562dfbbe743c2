// Code tables from the vendor's API page, with our own wording. The vendor's text has
// typos and is terse; the UI shows `plain` and the code beside it, never colour alone.

export interface LastStatusInfo {
  code: number;
  vendor: string;
  plain: string;
  /** The vendor redials this result (up to 3 attempts, 4 minutes apart). */
  redial: boolean;
}

export const LAST_STATUS: readonly LastStatusInfo[] = [
  { code: -1, vendor: 'Recieved', plain: 'Received, being processed', redial: false },
  { code: 0, vendor: 'Successful', plain: 'Delivered', redial: false },
  { code: 1, vendor: 'No Answer', plain: 'No answer', redial: true },
  { code: 2, vendor: 'Busy', plain: 'Line busy', redial: true },
  { code: 3, vendor: 'Not Fax', plain: 'No fax machine answered (voice or modem line?)', redial: false },
  { code: 4, vendor: 'All Circuits Busy', plain: 'All carrier circuits busy', redial: true },
  { code: 5, vendor: 'Bad Number', plain: 'Not a valid telephone number', redial: false },
  { code: 6, vendor: 'Call Disconnected', plain: 'Call dropped before the fax finished', redial: true },
  { code: 7, vendor: 'Unkown / Other', plain: 'Transmission not confirmed (line noise or no fax)', redial: true },
  { code: 8, vendor: 'Doc Conversion Failed', plain: 'The document could not be converted for faxing', redial: false },
  { code: 9, vendor: 'Credit Check Failed', plain: 'Not enough credit to send this fax', redial: false },
];

export interface CurrentStateInfo {
  code: number;
  vendor: string;
  plain: string;
  final: boolean;
  outcome: 'in-progress' | 'waiting-redial' | 'delivered' | 'failed' | 'canceled';
}

export const CURRENT_STATE: readonly CurrentStateInfo[] = [
  { code: 0, vendor: 'Received', plain: 'Received by Openfax', final: false, outcome: 'in-progress' },
  { code: 1, vendor: 'Document Rendering', plain: 'Preparing the document', final: false, outcome: 'in-progress' },
  { code: 2, vendor: 'Checking Credit', plain: 'Checking credit', final: false, outcome: 'in-progress' },
  {
    code: 3,
    vendor: 'On Outbound Table / Waiting for queue space',
    plain: 'Waiting for a free line',
    final: false,
    outcome: 'in-progress',
  },
  { code: 4, vendor: 'In Outbound Queue / In queue for node', plain: 'Queued for dialling', final: false, outcome: 'in-progress' },
  { code: 5, vendor: 'At Fax Node / Fax dialing', plain: 'Dialling and sending', final: false, outcome: 'in-progress' },
  { code: 6, vendor: 'Reporting Engine', plain: 'Recording the result', final: false, outcome: 'in-progress' },
  { code: 7, vendor: 'Waiting for Redial', plain: 'Waiting to redial', final: false, outcome: 'waiting-redial' },
  { code: 8, vendor: 'Finalized / Fax Successful', plain: 'Delivered', final: true, outcome: 'delivered' },
  { code: 9, vendor: 'Finalized / Fax Failed', plain: 'Failed', final: true, outcome: 'failed' },
  {
    code: 10,
    vendor: 'Finalized / Fax Failed due to document conversion',
    plain: 'Failed: the document could not be converted',
    final: true,
    outcome: 'failed',
  },
  { code: 11, vendor: 'Credit Hold', plain: 'On hold: not enough credit', final: false, outcome: 'in-progress' },
  { code: 12, vendor: 'Retry Eligible', plain: 'Will be retried', final: false, outcome: 'waiting-redial' },
  { code: 13, vendor: 'Canceled', plain: 'Canceled', final: true, outcome: 'canceled' },
];

/** Maximum attempts per fax as the vendor's page states (first call plus redials up to 3 in all). */
export const MAX_ATTEMPTS = 3;
/** Minutes between redials, as the vendor's page states. */
export const REDIAL_WAIT_MINUTES = 4;

export function lastStatusInfo(code: number | null | undefined): LastStatusInfo | undefined {
  return code == null ? undefined : LAST_STATUS.find((s) => s.code === code);
}

export function currentStateInfo(code: number | null | undefined): CurrentStateInfo | undefined {
  return code == null ? undefined : CURRENT_STATE.find((s) => s.code === code);
}

/** Submit answers the page documents. Names are matched without regard to case. */
export type SubmitErrorKind =
  | 'failed'
  | 'auth'
  | 'inactive'
  | 'restricted'
  | 'bad-number'
  | 'bad-resolution'
  | 'bad-paper-size'
  | 'bad-priority';

export interface SubmitErrorInfo {
  /** The canonical spelling we send back from the sandbox. */
  response: string;
  /** Other spellings the page uses for the same answer. */
  aliases: readonly string[];
  kind: SubmitErrorKind;
  plain: string;
  action: string;
  retryable: boolean;
}

export const SUBMIT_ERRORS: readonly SubmitErrorInfo[] = [
  {
    response: 'Failed',
    aliases: [],
    kind: 'failed',
    plain: 'Openfax could not accept the fax.',
    action: 'Try again in a few minutes; if it keeps failing, contact Openfax support.',
    retryable: true,
  },
  {
    response: 'InvalidAuthentication',
    aliases: [],
    kind: 'auth',
    plain: 'The account ID or API key was not accepted.',
    action: 'Check the account ID and API key in Settings → Account (the key is in your Openfax portal settings).',
    retryable: false,
  },
  {
    response: 'AccountInactive',
    aliases: [],
    kind: 'inactive',
    plain: 'The Openfax account is out of credit or deactivated.',
    action: 'Check the balance and add credit in the Openfax portal, or contact support.',
    retryable: false,
  },
  {
    response: 'RestrictedFaxNumber',
    aliases: ['Restricted Number', 'RestrictedNumber'],
    kind: 'restricted',
    plain: 'This number may not be dialled (owner request or compliance list).',
    action: 'Check the number with the recipient, or contact Openfax support for details.',
    retryable: false,
  },
  {
    response: 'InvalidFaxNumberLength',
    aliases: [],
    kind: 'bad-number',
    plain: 'Openfax rejected the fax number as not dialable.',
    action: 'Use 1 + area code + number in North America, or country code + number elsewhere (no + or 011).',
    retryable: false,
  },
  {
    response: 'InvalidFaxResolution',
    aliases: [],
    kind: 'bad-resolution',
    plain: 'The resolution was not accepted.',
    action: 'Choose Standard or Fine.',
    retryable: false,
  },
  {
    response: 'InvalidPapersize',
    aliases: ['InvalidPaperSize'],
    kind: 'bad-paper-size',
    plain: 'The paper size was not accepted.',
    action: 'Choose Letter, Legal or A4.',
    retryable: false,
  },
  {
    response: 'InvalidPriority',
    aliases: [],
    kind: 'bad-priority',
    plain: 'The priority was not accepted.',
    action: 'Choose Normal or Low.',
    retryable: false,
  },
];

/** Finds the documented answer for a vendor `Response` value, ignoring case and spaces. */
export function submitErrorInfo(response: string): SubmitErrorInfo | undefined {
  const key = response.replace(/\s+/g, '').toLowerCase();
  return SUBMIT_ERRORS.find((e) => e.response.toLowerCase() === key || e.aliases.some((a) => a.replace(/\s+/g, '').toLowerCase() === key));
}
