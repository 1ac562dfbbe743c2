// Which links the app hands to the person's browser (`shell.openExternal`). The OS opens
// whatever it is given with the registered handler, so any URL a page could pass would be a way
// out of the sandbox (a `file:` path, a custom scheme that runs a program, a phishing page
// shown as "from the app"). Only https pages on Openfax's own site go.

/** Openfax's own web pages. The API host is not a page a person reads, so it is not here. */
const EXTERNAL_HOSTS: ReadonlySet<string> = new Set(['openfax.com', 'www.openfax.com']);

export type ExternalLinkVerdict = { open: true; url: string } | { open: false; shown: string };

/**
 * Whether `url` may be opened in the browser, with the normalised URL to open; a refusal carries
 * what a log may show of it: scheme and host only (a path can name a person's file, a query can
 * hold a token).
 */
export function checkExternalLink(url: string): ExternalLinkVerdict {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { open: false, shown: '(not a URL)' };
  }
  const ok = u.protocol === 'https:' && EXTERNAL_HOSTS.has(u.hostname) && !u.port && !u.username && !u.password;
  return ok ? { open: true, url: u.href } : { open: false, shown: `${u.protocol}//${u.host}`.slice(0, 200) };
}
