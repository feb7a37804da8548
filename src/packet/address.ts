/**
 * Interned IP addresses.
 *
 * Guarantees:
 * - `ipAddr(text)`, `ipAddrFromWords(...)` and `addrFromBytes(...)` return THE SAME frozen
 *   object for the same address, whatever spelling or source it came from, so the per-packet
 *   path may compare addresses with `===`.
 * - `text` is canonical: dotted quad for IPv4, RFC 5952 for IPv6 (`fd00::1`).
 * - Words are network-order 32-bit values stored as signed int32 (`| 0`); IPv4 uses w0 only.
 * - Invalid text throws an Error naming the text (callers are expected to validate first).
 *
 * - `id` is a dense ordinal in first-intern order (`internedAddressCount()` bounds it).
 *
 * The intern tables are never pruned: a simulation sees a bounded set of endpoints, and
 * identity must stay stable for the life of the process.
 *
 * Parsing is done by ipaddr.js; IPv4 must be strict four-part decimal (no `010.1`, `0x0a...`),
 * IPv6 zone ids (`fe80::1%eth0`) are rejected. An IPv4-mapped IPv6 address stays family 6.
 */

import ipaddr from 'ipaddr.js';
import type { IpAddr, IpFamily } from './types.js';

const internedV4 = new Map<number, IpAddr>();
const internedV6 = new Map<string, IpAddr>();
let nextId = 0;

/** How many addresses have been interned: every `IpAddr.id` is below this. */
export function internedAddressCount(): number {
  return nextId;
}

function v6Key(w0: number, w1: number, w2: number, w3: number): string {
  return `${w0 >>> 0}:${w1 >>> 0}:${w2 >>> 0}:${w3 >>> 0}`;
}

function wordFromBytes(b: ArrayLike<number>, at: number): number {
  return ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) | 0;
}

function internV4(w0: number): IpAddr {
  const word = w0 | 0;
  const found = internedV4.get(word);
  if (found !== undefined) return found;
  const text = `${(word >>> 24) & 0xff}.${(word >>> 16) & 0xff}.${(word >>> 8) & 0xff}.${word & 0xff}`;
  const addr: IpAddr = Object.freeze({ family: 4, text, w0: word, w1: 0, w2: 0, w3: 0, id: nextId++ });
  internedV4.set(word, addr);
  return addr;
}

function internV6(w0: number, w1: number, w2: number, w3: number): IpAddr {
  const key = v6Key(w0, w1, w2, w3);
  const found = internedV6.get(key);
  if (found !== undefined) return found;
  const parts = [w0, w1, w2, w3].flatMap((w) => [(w >>> 16) & 0xffff, w & 0xffff]);
  const text = new ipaddr.IPv6(parts).toRFC5952String();
  const addr: IpAddr = Object.freeze({ family: 6, text, w0: w0 | 0, w1: w1 | 0, w2: w2 | 0, w3: w3 | 0, id: nextId++ });
  internedV6.set(key, addr);
  return addr;
}

/** Parses and interns an address; throws `Error("invalid IP address: ...")` on bad text. */
export function ipAddr(text: string): IpAddr {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) {
    const octets = ipaddr.IPv4.parse(text).octets;
    return internV4(wordFromBytes(octets, 0));
  }
  if (ipaddr.IPv6.isValid(text)) {
    const parsed = ipaddr.IPv6.parse(text);
    if (parsed.zoneId !== undefined) {
      throw new Error(`invalid IP address: "${text}" (zone ids are not supported)`);
    }
    const bytes = parsed.toByteArray();
    return internV6(wordFromBytes(bytes, 0), wordFromBytes(bytes, 4), wordFromBytes(bytes, 8), wordFromBytes(bytes, 12));
  }
  throw new Error(`invalid IP address: "${text}" (expected dotted-quad IPv4 or IPv6 text)`);
}

/** Interned address from network-order words (any int32/uint32 spelling); IPv4 ignores w1..w3. */
export function ipAddrFromWords(family: IpFamily, w0: number, w1 = 0, w2 = 0, w3 = 0): IpAddr {
  return family === 4 ? internV4(w0) : internV6(w0, w1, w2, w3);
}

/** Byte length of an address of the family: 4 or 16. */
export function addrByteLength(family: IpFamily): number {
  return family === 4 ? 4 : 16;
}

function writeWord(out: Uint8Array, at: number, word: number): void {
  out[at] = (word >>> 24) & 0xff;
  out[at + 1] = (word >>> 16) & 0xff;
  out[at + 2] = (word >>> 8) & 0xff;
  out[at + 3] = word & 0xff;
}

/** Writes the address in network order at `offset`; returns the number of bytes written. */
export function writeAddr(a: IpAddr, out: Uint8Array, offset: number): number {
  writeWord(out, offset, a.w0);
  if (a.family === 4) return 4;
  writeWord(out, offset + 4, a.w1);
  writeWord(out, offset + 8, a.w2);
  writeWord(out, offset + 12, a.w3);
  return 16;
}

/** The address as 4 or 16 network-order bytes (a fresh array). */
export function addrToBytes(a: IpAddr): Uint8Array {
  const out = new Uint8Array(addrByteLength(a.family));
  writeAddr(a, out, 0);
  return out;
}

/** Reads an interned address of the family at `offset`; throws if the bytes run out. */
export function addrFromBytes(bytes: Uint8Array, offset: number, family: IpFamily): IpAddr {
  const length = addrByteLength(family);
  if (offset < 0 || offset + length > bytes.length) {
    throw new Error(`addrFromBytes: need ${length} bytes at offset ${offset}, have ${bytes.length}`);
  }
  if (family === 4) return internV4(wordFromBytes(bytes, offset));
  return internV6(
    wordFromBytes(bytes, offset),
    wordFromBytes(bytes, offset + 4),
    wordFromBytes(bytes, offset + 8),
    wordFromBytes(bytes, offset + 12),
  );
}
