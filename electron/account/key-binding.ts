// An API key belongs to the API address it was entered for. The keychain keeps the key with
// that address's origin, and a client is only ever made for a key's own origin, so a changed
// address (in Settings, the browser host or the CLI's --api-url) can never receive the key.

export interface BoundKey {
  apiKey: string;
  /** The origin (scheme://host:port) the key was entered for. */
  origin: string;
}

const FORMAT = 'openfax-key/1';

/** scheme://host[:port] of an address, lower-cased; undefined for something that is not a URL. */
export function originOf(url: string): string | undefined {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

/** What the keychain holds: the key with its origin. */
export function encodeBoundKey(k: BoundKey): string {
  return JSON.stringify({ format: FORMAT, origin: k.origin, apiKey: k.apiKey });
}

/**
 * Reads a keychain entry. An entry saved before keys were bound is a bare key: it belongs to
 * `legacyOrigin`, the address the app has been sending it to (the saved API address), and the
 * app rewrites it bound the first time it reads it.
 */
export function decodeBoundKey(text: string, legacyOrigin: string | undefined): BoundKey | undefined {
  if (!text) return undefined;
  if (text.startsWith('{')) {
    try {
      const v = JSON.parse(text) as { format?: unknown; origin?: unknown; apiKey?: unknown };
      if (v.format === FORMAT && typeof v.origin === 'string' && typeof v.apiKey === 'string' && v.apiKey) {
        return { apiKey: v.apiKey, origin: v.origin };
      }
    } catch {
      // Not ours: fall through and treat it as a bare key.
    }
  }
  return legacyOrigin ? { apiKey: text, origin: legacyOrigin } : undefined;
}

/** True for an entry written before keys were bound (a bare key), which the app rewrites. */
export function isLegacyEntry(text: string): boolean {
  return !text.startsWith(`{"format":"${FORMAT}"`);
}

/** Why `key` cannot be sent to `url`, in words; undefined when `url` is the key's own origin. */
export function keyAddressProblem(key: Pick<BoundKey, 'origin'>, url: string): string | undefined {
  const target = originOf(url);
  if (target && target === key.origin) return undefined;
  return `The stored API key was entered for ${key.origin}. Enter the key again to use ${target ?? url}: a key is only ever sent to the address it was entered for.`;
}
