// The rule for an update feed's address, one copy: the Settings field, the build-time default
// read from app-update.yml and the updater all ask it. An update is code the app will run, so
// its feed is https; plain http is allowed only on this computer (the tests' local feed).

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Why `url` cannot be an update feed, in words a person can act on; undefined when it can. */
export function updateFeedProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'Enter a full web address, e.g. https://updates.example.com/openfax/.';
  }
  if (parsed.username || parsed.password) return 'Leave the user name and password out of the address.';
  if (parsed.protocol === 'https:') return undefined;
  if (parsed.protocol === 'http:' && LOOPBACK_HOSTS.has(parsed.hostname)) return undefined;
  return 'Updates are fetched only over https://: use an https:// address (http:// works only for 127.0.0.1 or localhost).';
}
