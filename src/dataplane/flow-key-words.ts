/**
 * How the flow table stores a key: 4 int32 words (16 bytes) per slot, so that the 4 slots of
 * a bucket fill one 64-byte cache line and a lookup reads one line per bucket.
 *
 *   word 0 (meta): VALID | FAMILY6 | EXT | CHAIN | proto << 4 | nh << 12
 *   word 1: sport << 16 | dport
 *   word 2: source address word 0 (network order)
 *   word 3: destination address word 0
 *
 * - VALID: the slot holds an entry (vr_htable's VALID). Freeing a slot clears only this bit, so
 *   an evicted entry's key stays readable for `--show-evicted`.
 * - EXT: the key does not fit the 4 words (IPv6, or a key nexthop outside 0..NH_LIMIT-1): its
 *   nexthop and address words 1..3 live in a side store (`KeyExtension`), and the nh bits are 0.
 * - CHAIN: kept on slot 3 of a bucket (where vRouter hangs the overflow chain): the bucket's
 *   overflow chain is not empty, so a miss reads the chain head only when there is a chain.
 *
 * Guarantees: for a given key, `metaWord` is the stored word 0 of its live entry with CHAIN
 * clear; it always has VALID set, so it never equals the word of a free slot; all helpers are
 * small (inlinable) and never allocate.
 */

import type { FlowKey } from './flow-key.js';

export const KEY_WORDS = 4;
export const KW_VALID = 1;
export const KW_FAMILY6 = 2;
export const KW_EXT = 4;
export const KW_CHAIN = 8;
const PROTO_SHIFT = 4;
const NH_SHIFT = 12;
/** Key nexthops below this are stored inline (19 bits: word 0 stays a positive int32). */
export const NH_LIMIT = 1 << 19;

/** Side store of an EXT key: [nh, s1, s2, s3, d1, d2, d3]. */
export type KeyExtension = Int32Array;

export function needsExtension(key: FlowKey): boolean {
  return key.family === 6 || key.nh < 0 || key.nh >= NH_LIMIT;
}

/** Stored word 0 of the key's live entry (CHAIN clear). */
export function metaWord(key: FlowKey): number {
  const nh = key.nh;
  if (key.family === 6 || nh < 0 || nh >= NH_LIMIT) {
    return KW_VALID | KW_EXT | (key.family === 6 ? KW_FAMILY6 : 0) | (key.proto << PROTO_SHIFT);
  }
  return inlineMetaWord(key.proto, nh);
}

/** `metaWord` of an IPv4 key whose nexthop is stored inline (0 <= nh < NH_LIMIT). */
export function inlineMetaWord(proto: number, nh: number): number {
  return KW_VALID | (proto << PROTO_SHIFT) | (nh << NH_SHIFT);
}

export function portsWord(key: FlowKey): number {
  return (key.sport << 16) | key.dport;
}

export function makeExtension(key: FlowKey): KeyExtension {
  return Int32Array.of(key.nh, key.s1, key.s2, key.s3, key.d1, key.d2, key.d3);
}

export function extensionMatches(x: KeyExtension | undefined, key: FlowKey): boolean {
  return x !== undefined && x[0] === key.nh && x[1] === key.s1 && x[2] === key.s2 && x[3] === key.s3 &&
    x[4] === key.d1 && x[5] === key.d2 && x[6] === key.d3;
}

export function metaProto(meta: number): number {
  return (meta >>> PROTO_SHIFT) & 0xff;
}

export function metaFamily(meta: number): 4 | 6 {
  return (meta & KW_FAMILY6) !== 0 ? 6 : 4;
}

/** The key nexthop of an inline (non-EXT) meta word. */
export function metaNh(meta: number): number {
  return meta >>> NH_SHIFT;
}

/** Decode slot `index` of `kw` into `out` (`x`: its extension, when EXT). */
export function decodeKey(kw: Int32Array, index: number, x: KeyExtension | undefined, out: FlowKey): void {
  const w = index * KEY_WORDS;
  const meta = kw[w]!;
  const ext = (meta & KW_EXT) !== 0 && x !== undefined;
  out.family = metaFamily(meta);
  out.proto = metaProto(meta);
  out.sport = kw[w + 1]! >>> 16;
  out.dport = kw[w + 1]! & 0xffff;
  out.nh = ext ? x[0]! : (meta & KW_EXT) !== 0 ? 0 : metaNh(meta);
  out.s0 = kw[w + 2]!;
  out.d0 = kw[w + 3]!;
  const v6 = ext && out.family === 6;
  out.s1 = v6 ? x[1]! : 0; out.s2 = v6 ? x[2]! : 0; out.s3 = v6 ? x[3]! : 0;
  out.d1 = v6 ? x[4]! : 0; out.d2 = v6 ? x[5]! : 0; out.d3 = v6 ? x[6]! : 0;
}

/** Write the key into slot `index`, VALID set, keeping the slot's CHAIN bit. */
export function encodeKey(kw: Int32Array, index: number, key: FlowKey): void {
  const w = index * KEY_WORDS;
  kw[w] = metaWord(key) | (kw[w]! & KW_CHAIN);
  kw[w + 1] = portsWord(key);
  kw[w + 2] = key.s0;
  kw[w + 3] = key.d0;
}
