import { describe, expect, it } from 'vitest';
import { decodeBoundKey, encodeBoundKey, isLegacyEntry, keyAddressProblem, originOf } from '../../../electron/account/key-binding.ts';

describe('an API key bound to its address', () => {
  it('compares addresses by origin: scheme, host and port, not path or case', () => {
    expect(originOf('https://API.openfax.com/')).toBe('https://api.openfax.com');
    expect(originOf('https://api.openfax.com:443/v1')).toBe('https://api.openfax.com');
    expect(originOf('http://127.0.0.1:4100/x')).toBe('http://127.0.0.1:4100');
    expect(originOf('not a url')).toBeUndefined();
    expect(originOf('file:///etc/passwd')).toBeUndefined();
  });

  it('keeps the origin with the key in the keychain entry, and reads it back', () => {
    const text = encodeBoundKey({ apiKey: 'k-123456', origin: 'https://api.openfax.com' });
    expect(isLegacyEntry(text)).toBe(false);
    expect(decodeBoundKey(text, 'http://elsewhere.test')).toEqual({ apiKey: 'k-123456', origin: 'https://api.openfax.com' });
  });

  it('reads a bare key of an older version as belonging to the saved address', () => {
    expect(isLegacyEntry('k-123456')).toBe(true);
    expect(decodeBoundKey('k-123456', 'https://api.openfax.com')).toEqual({ apiKey: 'k-123456', origin: 'https://api.openfax.com' });
    expect(decodeBoundKey('k-123456', undefined)).toBeUndefined();
    expect(decodeBoundKey('', 'https://api.openfax.com')).toBeUndefined();
    // Something JSON-like that is not our format is a bare key, not an address to trust.
    expect(decodeBoundKey('{"origin":"http://evil.test","apiKey":"x"}', 'https://api.openfax.com')).toMatchObject({
      origin: 'https://api.openfax.com',
    });
  });

  it('allows the key only at its own origin, and says why otherwise', () => {
    const key = { origin: 'https://api.openfax.com' };
    expect(keyAddressProblem(key, 'https://api.openfax.com/')).toBeUndefined();
    expect(keyAddressProblem(key, 'https://api.openfax.com/other/path')).toBeUndefined();
    expect(keyAddressProblem(key, 'http://api.openfax.com')).toMatch(
      /entered for https:\/\/api\.openfax\.com.*again to use http:\/\/api\.openfax\.com/,
    );
    expect(keyAddressProblem(key, 'https://api.openfax.com.evil.test')).toBeDefined();
    expect(keyAddressProblem(key, 'https://api.openfax.com:8443')).toBeDefined();
    expect(keyAddressProblem(key, 'garbage')).toBeDefined();
  });
});
