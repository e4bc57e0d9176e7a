import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { badInput } from '../../common/errors/hub-error';

const MAX_URL = 2048;

/** Loopback, private, link-local, multicast and other non-public ranges: a webhook must not reach the hub's own network. */
const FORBIDDEN = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata services live here)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  FORBIDDEN.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 96], // unspecified, loopback and IPv4-compatible (::7f00:1 is 127.0.0.1)
  ['::ffff:0:0:0', 96], // IPv4-translated (::ffff:0:7f00:1)
  ['100::', 64], // discard-only
  ['2001::', 32], // Teredo, which carries an IPv4 address
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4, which embeds any IPv4 address (2002:7f00:1:: is 127.0.0.1's)
  ['fec0::', 10], // site-local (deprecated, still private where used)
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
  ['64:ff9b::', 96], // NAT64, which can reach any IPv4 address
] as const) {
  FORBIDDEN.addSubnet(network, prefix, 'ipv6');
}

/** The IPv4 address an IPv4-mapped IPv6 address (::ffff:a.b.c.d or ::ffff:7f00:1) stands for. */
function mappedIpv4(address: string): string | null {
  const m = /^::ffff:(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(address);
  if (!m) return null;
  if (m[1]) return m[1];
  const hi = parseInt(m[2], 16);
  const lo = parseInt(m[3], 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** True for an address a webhook may not be delivered to (see FORBIDDEN). */
export function isForbiddenAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return FORBIDDEN.check(address, 'ipv4');
  if (family === 6) {
    const v4 = mappedIpv4(address);
    return v4 !== null ? FORBIDDEN.check(v4, 'ipv4') : FORBIDDEN.check(address, 'ipv6');
  }
  return true;
}

/** The URL's host as an address or a name (URL keeps IPv6 literals in brackets). */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/** Parses and checks the form of a webhook URL: http or https, no credentials in it. */
export function parseWebhookUrl(raw: string): URL {
  const text = raw.trim();
  if (text.length === 0) throw badInput('url must not be empty; give an http:// or https:// URL');
  if (text.length > MAX_URL) throw badInput(`url must be at most ${MAX_URL} characters; got ${text.length}`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw badInput(`url "${text.slice(0, 80)}" is not a URL; give one such as https://example.com/hooks/billing`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw badInput(`url must use http or https, not ${url.protocol.replace(/:$/, '')}`);
  }
  if (url.username || url.password) throw badInput('url must not carry a user name or password; the signature authenticates the hub');
  if (!url.hostname) throw badInput('url names no host');
  return url;
}

/** Why the host may not receive webhooks, or null when every address it resolves to is public. */
export async function refusedHost(url: URL, allowPrivate: boolean): Promise<string | null> {
  if (allowPrivate) return null;
  const host = hostOf(url);
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await resolveAll(host)).map((a) => a.address);
  } catch {
    return `host ${host} does not resolve`;
  }
  const bad = addresses.find(isForbiddenAddress);
  return bad ? `host ${host} resolves to ${bad}, a loopback, private, link-local or multicast address` : null;
}

function resolveAll(host: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) =>
    dnsLookup(host, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))),
  );
}

/**
 * A lookup for http.request that refuses a forbidden address at connection
 * time: the address connected to is the one checked, so a name that resolved
 * to a public address at registration and to a private one now (DNS
 * rebinding) is refused.
 */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true, verbatim: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const list = addresses as LookupAddress[];
      const bad = allowPrivate ? undefined : list.find((a) => isForbiddenAddress(a.address));
      if (bad) {
        const refused = Object.assign(new Error(`refused address ${bad.address} (loopback, private, link-local or multicast)`), {
          code: 'EWEBHOOKADDRESS',
        });
        return callback(refused, '', 0);
      }
      if (options.all) return callback(null, list);
      return callback(null, list[0].address, list[0].family);
    });
  };
}
