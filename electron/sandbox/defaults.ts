// Fixed values the README, the CLI and the app's sandbox banner rely on.

export const DEMO_ACCOUNT: { readonly accountId: string; readonly apiKey: string } = { accountId: '100000001', apiKey: 'sandbox-demo-key' };
export const DEMO_CREDIT = 1000;
export const DEFAULT_PRICE_PER_PAGE = 0.07;
/** The caller ID every sandbox call presents (a 555-01XX number, reserved for fiction). */
export const SANDBOX_CALLER_ID = '12025550100';
/** The vendor's 50 MB limit on the decoded PDF. */
export { MAX_PDF_BYTES } from '../../shared/domain.ts';
/** Largest ordinary form field kept (PHP would keep more; nothing legitimate comes close). */
export const MAX_FIELD_BYTES = 64 * 1024;
export const DEFAULT_LATENCY_MS = 1500;
export const REPORT_MAX_ROWS = 1000;
/** First ids handed out: far apart, so a client that mixes the two ids up is caught. */
export const FIRST_OUT_TRANS_ID = 100001;
export const FIRST_HISTORY_ID = 900001;
