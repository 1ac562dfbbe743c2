// Which hosts are this machine (shared/api-address.ts), and what that means for its users: the
// API key goes unasked, and over plain http, only to this machine's own addresses; names under
// .localhost are kept for this machine but resolved through DNS, so they are not trusted.

import { describe, expect, it } from 'vitest';
import { apiAddressKind, isLocalhostName, isLoopbackHost } from '../../shared/api-address.ts';

const host = (url: string) => new URL(url).hostname;

describe('this machine, as a URL spells it', () => {
  it.each([
    'http://localhost:8777',
    'http://127.0.0.1',
    'http://127.9.8.7',
    'http://0x7f.1',
    'http://2130706433',
    'http://0.0.0.0:8777',
    'http://0',
    'http://[::1]',
    'http://[0:0:0:0:0:0:0:1]',
    'http://[::]',
    'http://[::ffff:127.0.0.1]',
    'http://[::ffff:7f12:3456]',
    'http://[::ffff:0.0.0.0]',
  ])('%s is a loopback host', (url) => {
    expect(isLoopbackHost(host(url))).toBe(true);
  });

  it.each([
    'http://128.0.0.1',
    'http://10.0.0.1',
    'http://[::2]',
    'http://[::ffff:8.8.8.8]',
    'http://localhost.example',
    'http://localhost.',
    'http://a.localhost',
  ])('%s is not', (url) => {
    expect(isLoopbackHost(host(url))).toBe(false);
  });

  it('names kept for this machine but resolved through DNS are named as such', () => {
    expect(['localhost.', 'a.localhost', 'A.B.LOCALHOST.'].map(isLocalhostName)).toEqual([true, true, true]);
    expect(['localhost', 'localhost.example', 'notlocalhost', '127.0.0.1'].map(isLocalhostName)).toEqual([false, false, false, false]);
  });
});

describe('what it means for the API key', () => {
  it('goes unasked, even over http, to every spelling of this machine', () => {
    for (const url of ['http://0.0.0.0:8777', 'http://[::]:8777', 'http://[::ffff:127.0.0.1]:8777']) {
      expect(apiAddressKind(url), url).toBe('loopback');
    }
  });

  it('a name under .localhost is another server: asked about over https, refused over http', () => {
    expect(apiAddressKind('https://api.localhost')).toBe('other');
    expect(apiAddressKind('http://api.localhost:8777')).toBe('cleartext');
    expect(apiAddressKind('http://localhost.:8777')).toBe('cleartext');
  });
});
