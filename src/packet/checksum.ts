/**
 * The Internet checksum (RFC 1071) and the IPv4 (RFC 793/768) and IPv6 (RFC 8200 §8.1)
 * pseudo-headers that TCP, UDP and ICMPv6 fold into theirs.
 *
 * Usage: `finishChecksum(sumBytes(buf, start, end, pseudoHeaderSum(src, dst, proto, len)))`
 * gives the value to store; a received message verifies when the same computation over
 * it (checksum field included) yields 0. Sums are kept unfolded in a JS number (safe far
 * beyond any IP packet size) and folded once at the end. Nothing here allocates.
 */

import type { IpAddr } from './types.js';

/** Adds the bytes [start, end) as big-endian 16-bit words (an odd last byte is padded with 0). */
export function sumBytes(bytes: Uint8Array, start: number, end: number, initial = 0): number {
  let sum = initial;
  let i = start;
  for (; i + 1 < end; i += 2) sum += (bytes[i]! << 8) | bytes[i + 1]!;
  if (i < end) sum += bytes[i]! << 8;
  return sum;
}

function sumWord(word: number): number {
  return ((word >>> 16) & 0xffff) + (word & 0xffff);
}

/**
 * Sum of the pseudo-header for an upper-layer message of `length` bytes and protocol `proto`.
 * IPv4: src, dst, zero+proto, 16-bit length. IPv6: src, dst, 32-bit length, 24 zero bits + next header.
 */
export function pseudoHeaderSum(src: IpAddr, dst: IpAddr, proto: number, length: number): number {
  let sum = sumWord(src.w0) + sumWord(dst.w0) + proto;
  if (src.family === 6) {
    sum += sumWord(src.w1) + sumWord(src.w2) + sumWord(src.w3);
    sum += sumWord(dst.w1) + sumWord(dst.w2) + sumWord(dst.w3);
    return sum + sumWord(length);
  }
  return sum + (length & 0xffff);
}

/** Folds the carries and complements: the 16-bit value to put in a checksum field. */
export function finishChecksum(sum: number): number {
  let folded = sum;
  while (folded > 0xffff) folded = (folded & 0xffff) + Math.floor(folded / 0x10000);
  return ~folded & 0xffff;
}

/** Checksum of bytes [start, end) with no pseudo-header (IPv4 header, ICMPv4). */
export function internetChecksum(bytes: Uint8Array, start = 0, end = bytes.length): number {
  return finishChecksum(sumBytes(bytes, start, end));
}
