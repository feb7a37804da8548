/**
 * Strict IP address and CIDR text handling (on top of ipaddr.js).
 *
 * Guarantees: only dotted four-part decimal IPv4 (no `10.1`, no octal `010.0.0.1`) and plain
 * IPv6 (no zone `%eth0`) are accepted, as Go's net.ParseIP does for the API server; the
 * canonical text is ipaddr.js's (`10.47.255.232`, RFC 5952 `fd00::1`), so the same address
 * always has the same string and can key maps.
 */
import ipaddr from 'ipaddr.js';

export type IpFamilyName = 'IPv4' | 'IPv6';

export interface ParsedCidr {
  readonly family: IpFamilyName;
  readonly address: ipaddr.IPv4 | ipaddr.IPv6;
  readonly prefix: number;
}

function parseStrict(text: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  if (!text.includes('%') && ipaddr.IPv6.isValid(text)) return ipaddr.IPv6.parse(text);
  return undefined;
}

function canonical(addr: ipaddr.IPv4 | ipaddr.IPv6): string {
  return addr.kind() === 'ipv6' ? (addr as ipaddr.IPv6).toRFC5952String() : addr.toString();
}

/** Canonical text of a valid IP address, or undefined. */
export function canonicalIp(text: string): string | undefined {
  const addr = parseStrict(text.trim());
  return addr === undefined ? undefined : canonical(addr);
}

export function ipFamily(canonicalText: string): IpFamilyName {
  return canonicalText.includes(':') ? 'IPv6' : 'IPv4';
}

/** Parses `addr/prefix` strictly; the address may have host bits set (as the API server allows). */
export function parseCidr(text: string): ParsedCidr | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const address = parseStrict(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (address === undefined || !/^[0-9]{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  const family: IpFamilyName = address.kind() === 'ipv6' ? 'IPv6' : 'IPv4';
  if (prefix > (family === 'IPv6' ? 128 : 32)) return undefined;
  return { family, address, prefix };
}

/** True when `inner` is a proper subset of `outer` (same family, longer prefix, inside). */
export function cidrStrictlyInside(inner: ParsedCidr, outer: ParsedCidr): boolean {
  if (inner.family !== outer.family || inner.prefix <= outer.prefix) return false;
  return inner.address.match([outer.address, outer.prefix] as [typeof inner.address, number]);
}

/** True when the canonical address lies in the CIDR. */
export function ipInCidr(canonicalText: string, cidr: ParsedCidr): boolean {
  const addr = parseStrict(canonicalText);
  if (addr === undefined || addr.kind() !== cidr.address.kind()) return false;
  return addr.match([cidr.address, cidr.prefix] as [typeof addr, number]);
}

/** IPv4 address <-> unsigned 32-bit number, for the pod IP allocator. */
export function ipv4ToNumber(text: string): number {
  return ipaddr.IPv4.parse(text).octets.reduce((n, o) => n * 256 + o, 0);
}

export function numberToIpv4(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}
