import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** Addresses a webhook may never reach unless WEBHOOKS_ALLOW_PRIVATE_TARGETS is set. */
const blocked = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  blocked.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const)
  blocked.addSubnet(net, bits, 'ipv6');

/** The IPv4 address inside an IPv4-mapped, NAT64 or 6to4 IPv6 address, if any. */
function embeddedIpv4(ip: string): string | null {
  const lower = ip.toLowerCase();
  const mapped = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (mapped) return mapped[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (hex) {
    const n = (parseInt(hex[1], 16) << 16) | parseInt(hex[2], 16);
    return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
  }
  const sixToFour = /^2002:([0-9a-f]{1,4}):([0-9a-f]{1,4}):/.exec(lower);
  if (sixToFour) {
    const a = parseInt(sixToFour[1], 16);
    const b = parseInt(sixToFour[2], 16);
    return [a >> 8, a & 255, b >> 8, b & 255].join('.');
  }
  return null;
}

/** True for loopback, private, link-local, shared, documentation, multicast and reserved addresses. */
export function isPrivateAddress(ip: string): boolean {
  const family = isIP(ip);
  if (family === 4) return blocked.check(ip, 'ipv4');
  if (family === 6) {
    const v4 = embeddedIpv4(ip);
    if (v4) return blocked.check(v4, 'ipv4');
    return blocked.check(ip, 'ipv6');
  }
  return true;
}

export class TargetRefused extends Error {}

/** The URL's form: https (or http when private targets are allowed), no credentials, at most 2,000 characters. */
export function parseTarget(raw: string, allowPrivate: boolean): URL {
  if (raw.length > 2000) throw new TargetRefused('must be at most 2,000 characters');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TargetRefused('must be an absolute URL');
  }
  if (url.protocol !== 'https:' && !(allowPrivate && url.protocol === 'http:'))
    throw new TargetRefused('must be an https URL');
  if (url.username || url.password) throw new TargetRefused('must not carry credentials');
  if (url.hash) throw new TargetRefused('must not have a fragment');
  const host = hostOf(url);
  if (
    !allowPrivate &&
    (host === 'localhost' || host.endsWith('.localhost') || (isIP(host) && isPrivateAddress(host)))
  ) {
    throw new TargetRefused('must be on a public address');
  }
  return url;
}

export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
}

export interface ResolvedTarget {
  url: URL;
  address: string;
  family: 4 | 6;
}

/**
 * Resolves the URL's host now and checks every address it resolves to; the attempt then connects
 * to the checked address (pinned), so a name that changes between check and connect (DNS
 * rebinding) cannot lead it elsewhere.
 */
export type Resolver = (host: string) => Promise<{ address: string; family: number }[]>;
const systemResolver: Resolver = (host) => lookup(host, { all: true, verbatim: true });

export async function resolveTarget(
  raw: string,
  allowPrivate: boolean,
  resolver: Resolver = systemResolver,
): Promise<ResolvedTarget> {
  const url = parseTarget(raw, allowPrivate);
  const host = hostOf(url);
  const literal = isIP(host);
  const addresses = literal
    ? [{ address: host, family: literal }]
    : await resolver(host).catch(() => {
        throw new TargetRefused(`the name ${host} does not resolve`);
      });
  if (addresses.length === 0) throw new TargetRefused(`the name ${host} does not resolve`);
  if (!allowPrivate && addresses.some((a) => isPrivateAddress(a.address)))
    throw new TargetRefused('the target resolves to a private address');
  return { url, address: addresses[0].address, family: addresses[0].family as 4 | 6 };
}
