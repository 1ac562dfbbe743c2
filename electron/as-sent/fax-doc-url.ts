// Which FaxDocURL the app fetches. The vendor's page says nothing of the field but its name; a
// row may carry a file name ("123.tif"), a path, or a web address. Only a web address that
// cannot leak anything or reach into the person's network is fetched: https to a public
// address, or plain http to this machine when the API itself is on this machine (the sandbox,
// a test server). An address on this machine (when the API is not), on a private or
// link-local network, or reserved, is refused whether written as a number or reached through a
// name: names are checked again as they resolve, at the connection (fetch-image.ts), so a
// name that answers with 10.0.0.5 or 127.0.0.1 is refused too. Refusals are words, quiet.

import { BlockList, isIP } from 'node:net';
import { isLocalhostName, isLoopbackHost } from '../../shared/api-address.ts';

export type FaxDocUrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

function blockList(ranges: Array<[string, number]>): BlockList {
  const list = new BlockList();
  for (const [net, prefix] of ranges) list.addSubnet(net, prefix, isIP(net) === 6 ? 'ipv6' : 'ipv4');
  return list;
}

// This machine: loopback, and the unspecified address (connecting to it reaches this machine).
// IPv4-mapped forms (::ffff:127.0.0.1) match the IPv4 ranges (BlockList maps them).
const THIS_MACHINE = blockList([
  ['127.0.0.0', 8],
  ['0.0.0.0', 32],
  ['::1', 128],
  ['::', 128],
]);
// Not on the public internet (IANA special-purpose registries): "this network", private,
// shared (carrier NAT), link-local, documentation, benchmarking, multicast, reserved; IPv6
// unique-local, link- and site-local, documentation, multicast, IPv4-compatible.
const NOT_PUBLIC = blockList([
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
  ['::', 96],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['2001:db8::', 32],
  ['ff00::', 8],
]);
// NAT64 (64:ff9b::/96) carries an IPv4 address in its last 32 bits: judged by that address.
const NAT64 = blockList([['64:ff9b::', 96]]);

type AddressKind = 'this machine' | 'private' | 'public';

/** Where an IP address (no brackets) leads. */
function addressKind(ip: string): AddressKind {
  const family = isIP(ip) === 6 ? 'ipv6' : 'ipv4';
  if (family === 'ipv6' && NAT64.check(ip, 'ipv6')) {
    const groups = new URL(`http://[${ip}]/`).hostname.slice(1, -1).split(':');
    const [hi = 0, lo = 0] = groups.slice(-2).map((g) => Number.parseInt(g || '0', 16));
    return addressKind(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
  }
  if (THIS_MACHINE.check(ip, family)) return 'this machine';
  if (NOT_PUBLIC.check(ip, family)) return 'private';
  return 'public';
}

const REFUSED: Record<Exclude<AddressKind, 'public'>, string> = {
  'this machine': 'its address points to this computer, not to Openfax',
  private: 'its address points into a private network, not to Openfax',
};

/**
 * Why the address `ip` that a FaxDocURL's name resolved to may not be fetched, or undefined when
 * it may. `apiOnLoopback`: the API is on this machine; `http`: the URL is plain http, which only
 * this machine may answer.
 */
export function resolvedAddressProblem(ip: string, opts: { apiOnLoopback: boolean; http: boolean }): string | undefined {
  const kind = addressKind(ip);
  if (kind === 'this machine') return opts.apiOnLoopback ? undefined : `${REFUSED[kind]} (its name leads to ${ip})`;
  if (opts.http) return `its address is not secure (http, not https) and its name leads to ${ip}, not to this computer`;
  return kind === 'private' ? `${REFUSED[kind]} (its name leads to ${ip})` : undefined;
}

/**
 * Whether `value` may be fetched. `apiOnLoopback`: the API that gave it answers on this machine,
 * so an http address on this machine is its own.
 */
export function checkFaxDocUrl(value: string, apiOnLoopback: boolean): FaxDocUrlCheck {
  const text = value.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    const what = /[\\/]/.test(text) ? 'a file path' : 'a file name';
    return { ok: false, reason: `Openfax gave “${shorten(text)}”, ${what} rather than a web address` };
  }
  // A Windows path (C:\…) parses as a URL whose scheme is the drive letter.
  if (/^[a-z]:$/i.test(url.protocol))
    return { ok: false, reason: `Openfax gave “${shorten(text)}”, a file path rather than a web address` };
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { ok: false, reason: `its address is a ${url.protocol} link, not a web address` };
  if (url.username || url.password) return { ok: false, reason: 'its address carries a user name or password' };
  const host = url.hostname;
  const literal = host.startsWith('[') ? host.slice(1, -1) : host;
  const kind: AddressKind | undefined = isIP(literal)
    ? addressKind(literal)
    : isLoopbackHost(host) || isLocalhostName(host)
      ? 'this machine'
      : undefined;
  if (kind === 'this machine' && !apiOnLoopback) return { ok: false, reason: REFUSED[kind] };
  if (kind === 'private') return { ok: false, reason: REFUSED[kind] };
  if (url.protocol === 'http:' && kind !== 'this machine') return { ok: false, reason: 'its address is not secure (http, not https)' };
  return { ok: true, url };
}

/** Whether the API at `endpoint` (an account key's endpoint part) answers on this machine. */
export function apiOnLoopback(endpoint: string): boolean {
  try {
    return isLoopbackHost(new URL(endpoint).hostname);
  } catch {
    return false;
  }
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
