/**
 * Big-endian (network order) reads and writes on Uint8Array, shared by the protocol codecs.
 *
 * Guarantees: 16-bit reads return 0..0xffff, 32-bit reads return UNSIGNED 0..0xffffffff;
 * writes take the low bits of the value. No bounds checks: callers check lengths first.
 */

export function readU16(b: Uint8Array, at: number): number {
  return (b[at]! << 8) | b[at + 1]!;
}

export function readU32(b: Uint8Array, at: number): number {
  return ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
}

export function writeU16(b: Uint8Array, at: number, value: number): void {
  b[at] = (value >>> 8) & 0xff;
  b[at + 1] = value & 0xff;
}

export function writeU32(b: Uint8Array, at: number, value: number): void {
  b[at] = (value >>> 24) & 0xff;
  b[at + 1] = (value >>> 16) & 0xff;
  b[at + 2] = (value >>> 8) & 0xff;
  b[at + 3] = value & 0xff;
}
