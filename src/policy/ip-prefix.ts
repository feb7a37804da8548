/**
 * IP addresses as 32-bit words and CIDR prefixes as (mask, network) word pairs.
 *
 * Guarantees: parsing goes through ipaddr.js only, once per address/CIDR at compile time;
 * `prefixContains` compares at most four masked words and never allocates. Families never
 * mix: an IPv4 prefix never contains an IPv6 address (IPv4-mapped IPv6 included).
 * `IpWords` is structurally the same as the packet layer's `IpAddr` (network-order words
 * as signed int32), so the dataplane can hand its interned addresses straight in.
 */
import ipaddr from 'ipaddr.js';

export interface IpWords {
  readonly family: 4 | 6;
  readonly w0: number;
  readonly w1: number;
  readonly w2: number;
  readonly w3: number;
}

/** A CIDR compiled to masks and masked network words. */
export interface IpPrefix {
  readonly text: string;
  readonly family: 4 | 6;
  readonly m0: number;
  readonly m1: number;
  readonly m2: number;
  readonly m3: number;
  readonly n0: number;
  readonly n1: number;
  readonly n2: number;
  readonly n3: number;
}

function wordsOfBytes(bytes: readonly number[]): [number, number, number, number] {
  const words: [number, number, number, number] = [0, 0, 0, 0];
  for (let i = 0; i < bytes.length; i++) {
    const w = i >>> 2;
    words[w] = (words[w] | ((bytes[i] as number) << (24 - 8 * (i & 3)))) | 0;
  }
  return words;
}

export function parseIpWords(text: string): IpWords | null {
  if (!ipaddr.isValid(text)) return null;
  const addr = ipaddr.parse(text);
  const family = addr.kind() === 'ipv4' ? 4 : 6;
  const [w0, w1, w2, w3] = wordsOfBytes(addr.toByteArray());
  return { family, w0, w1, w2, w3 };
}

function maskWord(prefixLen: number, wordIndex: number): number {
  const bits = Math.max(0, Math.min(32, prefixLen - 32 * wordIndex));
  return bits === 0 ? 0 : (0xffffffff << (32 - bits)) | 0;
}

/** Compile `10.0.0.0/8` or `fd00::/64`; null when the text is not a CIDR. */
export function parsePrefix(text: string): IpPrefix | null {
  let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    parsed = ipaddr.parseCIDR(text);
  } catch {
    return null;
  }
  const [addr, len] = parsed;
  const family = addr.kind() === 'ipv4' ? 4 : 6;
  const [a0, a1, a2, a3] = wordsOfBytes(addr.toByteArray());
  const m0 = maskWord(len, 0);
  const m1 = family === 4 ? 0 : maskWord(len, 1);
  const m2 = family === 4 ? 0 : maskWord(len, 2);
  const m3 = family === 4 ? 0 : maskWord(len, 3);
  return { text, family, m0, m1, m2, m3, n0: a0 & m0, n1: a1 & m1, n2: a2 & m2, n3: a3 & m3 };
}

export function prefixContains(prefix: IpPrefix, ip: IpWords): boolean {
  return (
    prefix.family === ip.family &&
    (ip.w0 & prefix.m0) === prefix.n0 &&
    (ip.w1 & prefix.m1) === prefix.n1 &&
    (ip.w2 & prefix.m2) === prefix.n2 &&
    (ip.w3 & prefix.m3) === prefix.n3
  );
}
