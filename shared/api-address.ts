// Which API addresses may receive the API key without a person saying so: Openfax's own and
// loopback (the sandbox, a test server: nothing sent there leaves the machine). Any other
// https address needs a confirmation in main (a native dialog in Electron, a typed flag in the
// CLI); plain http to another machine is refused outright, since the key travels in the body.

/** The Openfax API, as the vendor's reference names it (shared/reference/openfax-api.txt). */
export const DEFAULT_API_URL = 'https://api.openfax.com';

/** 'openfax' and 'loopback' are trusted as they are; 'other' needs a confirmation; 'cleartext' and 'invalid' are refused. */
export type ApiAddressKind = 'openfax' | 'loopback' | 'other' | 'cleartext' | 'invalid';

/**
 * This machine, as a URL's hostname spells it (the URL parser has already turned 0x7f.1,
 * 2130706433 and [0:0:0:0:0:0:0:1] into 127.0.0.1 and [::1]): localhost, 127.0.0.0/8, ::1, the
 * unspecified addresses 0.0.0.0 and :: (a connection to them reaches this machine), and the
 * IPv4-mapped forms of these ([::ffff:7f00:1] is 127.0.0.1). Every form is an address the
 * operating system keeps on this machine; names under .localhost are not among them
 * (isLocalhostName), since Node asks DNS for them and DNS may answer with any machine.
 */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return (
    h === 'localhost' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) ||
    h === '0.0.0.0' ||
    h === '[::1]' ||
    h === '[::]' ||
    /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(h) ||
    h === '[::ffff:0:0]'
  );
}

/**
 * A name RFC 6761 keeps for this machine but Node resolves through DNS: "localhost." and
 * anything under .localhost. Refused where this machine is refused (a FaxDocURL); never
 * trusted as this machine (the API key is not sent to it unasked).
 */
export function isLocalhostName(hostname: string): boolean {
  return /(^|\.)localhost\.?$/i.test(hostname) && hostname.toLowerCase() !== 'localhost';
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
