/**
 * Bob Jenkins' lookup3 hash as vRouter uses it (`vr_hash()` in include/vr_hash.h, the Linux
 * `jhash` byte variant): state a = b = c = 0xdeadbeef + length + initval, 12-byte blocks read
 * as little-endian words, `mix` between blocks and `final` after the last (partial) block.
 *
 * Guarantees: `jhashBytes` is a literal translation over a byte array (the test oracle);
 * `hashInet4Key` / `hashInet6Key` give the same value for the packed `struct vr_inet_flow`
 * (20 bytes) / `struct vr_inet6_flow` (44 bytes) without building the bytes, using only small
 * helpers so V8 can inline them, and never allocate. Results are unsigned 32-bit numbers.
 */

/** VR_HASH_INITVAL. */
export const JHASH_INITVAL = 0xdeadbeef;

/** Linux AF_INET / AF_INET6, the first byte of the packed flow key. */
export const AF_INET = 2;
export const AF_INET6 = 10;

// The three lookup3 state words. Module-level so that mix/final stay tiny and allocation-free.
let ha = 0;
let hb = 0;
let hc = 0;

function rol(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** __vr_hash_mix: reversibly mix the three state words. */
function mix(): void {
  ha = (ha - hc) | 0; ha ^= rol(hc, 4); hc = (hc + hb) | 0;
  hb = (hb - ha) | 0; hb ^= rol(ha, 6); ha = (ha + hc) | 0;
  hc = (hc - hb) | 0; hc ^= rol(hb, 8); hb = (hb + ha) | 0;
  ha = (ha - hc) | 0; ha ^= rol(hc, 16); hc = (hc + hb) | 0;
  hb = (hb - ha) | 0; hb ^= rol(ha, 19); ha = (ha + hc) | 0;
  hc = (hc - hb) | 0; hc ^= rol(hb, 4); hb = (hb + ha) | 0;
}

/** __vr_hash_final: fold the state into hc. */
function final(): void {
  hc ^= hb; hc = (hc - rol(hb, 14)) | 0;
  ha ^= hc; ha = (ha - rol(hc, 11)) | 0;
  hb ^= ha; hb = (hb - rol(ha, 25)) | 0;
  hc ^= hb; hc = (hc - rol(hb, 16)) | 0;
  ha ^= hc; ha = (ha - rol(hc, 4)) | 0;
  hb ^= ha; hb = (hb - rol(ha, 14)) | 0;
  hc ^= hb; hc = (hc - rol(hb, 24)) | 0;
}

function start(length: number): void {
  ha = hb = hc = (JHASH_INITVAL + length) | 0;
}

function block(x: number, y: number, z: number): void {
  ha = (ha + x) | 0;
  hb = (hb + y) | 0;
  hc = (hc + z) | 0;
  mix();
}

/** Byte-swap a 32-bit word: a network-order address word read as a little-endian word. */
export function bswap32(x: number): number {
  return ((x >>> 24) | ((x >>> 8) & 0xff00) | ((x & 0xff00) << 8) | (x << 24)) | 0;
}

/** Little-endian word of bytes [family, proto, 0, 0]. */
export function familyProtoWord(addressFamily: number, proto: number): number {
  return addressFamily | (proto << 8);
}

/** Little-endian word of bytes [sport (network order), dport (network order)]. */
export function portsWord(sport: number, dport: number): number {
  return ((sport >>> 8) | ((sport & 0xff) << 8) | ((dport >>> 8) << 16) | ((dport & 0xff) << 24)) | 0;
}

/**
 * Hash of the packed 20-byte IPv4 key. `sip`/`dip` are network-order int32 address words
 * (`IpAddr.w0`), `nh` the key nexthop id. The per-packet hash: one block and the final mix
 * written out on local variables (V8 keeps them in registers; the module-level state of the
 * helpers costs a memory load and store per step, 1.6x slower).
 */
export function hashInet4Key(proto: number, sport: number, dport: number, nh: number, sip: number, dip: number): number {
  let a = (JHASH_INITVAL + 20) | 0;
  let b = a;
  let c = a;
  a = (a + familyProtoWord(AF_INET, proto)) | 0;
  b = (b + portsWord(sport, dport)) | 0;
  c = (c + (nh | 0)) | 0;
  a = (a - c) | 0; a ^= rol(c, 4); c = (c + b) | 0;
  b = (b - a) | 0; b ^= rol(a, 6); a = (a + c) | 0;
  c = (c - b) | 0; c ^= rol(b, 8); b = (b + a) | 0;
  a = (a - c) | 0; a ^= rol(c, 16); c = (c + b) | 0;
  b = (b - a) | 0; b ^= rol(a, 19); a = (a + c) | 0;
  c = (c - b) | 0; c ^= rol(b, 4); b = (b + a) | 0;
  a = (a + bswap32(sip)) | 0;
  b = (b + bswap32(dip)) | 0;
  c ^= b; c = (c - rol(b, 14)) | 0;
  a ^= c; a = (a - rol(c, 11)) | 0;
  b ^= a; b = (b - rol(a, 25)) | 0;
  c ^= b; c = (c - rol(b, 16)) | 0;
  a ^= c; a = (a - rol(c, 4)) | 0;
  b ^= a; b = (b - rol(a, 14)) | 0;
  c ^= b; c = (c - rol(b, 24)) | 0;
  return c >>> 0;
}

/** Hash of the packed 44-byte IPv6 key (address words network order, as `IpAddr.w0..w3`). */
export function hashInet6Key(
  proto: number, sport: number, dport: number, nh: number,
  s0: number, s1: number, s2: number, s3: number,
  d0: number, d1: number, d2: number, d3: number,
): number {
  start(44);
  block(familyProtoWord(AF_INET6, proto), portsWord(sport, dport), nh | 0);
  block(bswap32(s0), bswap32(s1), bswap32(s2));
  block(bswap32(s3), bswap32(d0), bswap32(d1));
  ha = (ha + bswap32(d2)) | 0;
  hb = (hb + bswap32(d3)) | 0;
  final();
  return hc >>> 0;
}

function wordAt(k: Uint8Array, i: number): number {
  return (k[i]! | (k[i + 1]! << 8) | (k[i + 2]! << 16) | (k[i + 3]! << 24)) | 0;
}

/** vr_hash(key, length, initval), a literal translation (tests and cold paths only). */
export function jhashBytes(k: Uint8Array, length: number = k.length, initval = 0): number {
  ha = hb = hc = (JHASH_INITVAL + length + initval) | 0;
  let i = 0;
  while (length > 12) {
    block(wordAt(k, i), wordAt(k, i + 4), wordAt(k, i + 8));
    length -= 12;
    i += 12;
  }
  if (length === 0) return hc >>> 0;
  // Tail: the C switch falls through from `length` down to 1.
  for (let n = length; n >= 1; n--) {
    const byte = k[i + n - 1]!;
    const shift = ((n - 1) & 3) * 8;
    if (n > 8) hc = (hc + (byte << shift)) | 0;
    else if (n > 4) hb = (hb + (byte << shift)) | 0;
    else ha = (ha + (byte << shift)) | 0;
  }
  final();
  return hc >>> 0;
}
