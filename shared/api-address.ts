// Which API addresses may receive the API key without a person saying so: Openfax's own and
// loopback (the sandbox, a test server: nothing sent there leaves the machine). Any other
// https address needs a confirmation in main (a native dialog in Electron, a typed flag in the
// CLI); plain http to another machine is refused outright, since the key travels in the body.

/** The Openfax API, as the vendor's reference names it (shared/reference/openfax-api.txt). */
export const DEFAULT_API_URL = 'https://api.openfax.com';

/** 'openfax' and 'loopback' are trusted as they are; 'other' needs a confirmation; 'cleartext' and 'invalid' are refused. */
export type ApiAddressKind = 'openfax' | 'loopback' | 'other' | 'cleartext' | 'invalid';

/** localhost, 127.0.0.0/8 and ::1, as a URL's hostname spells them. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return h === 'localhost' || h === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** What kind of address `url` is, for the key. */
export function apiAddressKind(url: string): ApiAddressKind {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'invalid';
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return 'invalid';
  if (isLoopbackHost(u.hostname)) return 'loopback';
  if (u.protocol === 'http:') return 'cleartext';
  return u.origin === new URL(DEFAULT_API_URL).origin ? 'openfax' : 'other';
}
