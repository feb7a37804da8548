/**
 * CRC32c (Castagnoli, reflected polynomial 0x82F63B78, init and final XOR 0xFFFFFFFF), the
 * SCTP checksum of RFC 4960 appendix B / RFC 3309. Table driven, built once at module load.
 *
 * Guarantees: returns the standard CRC32c as an unsigned 32-bit number, e.g. "123456789"
 * gives 0xE3069283 and 32 zero bytes give 0x8A9136AA. SCTP transmits this value with its
 * least significant byte first (see sctp.ts), as Linux's `cpu_to_le32` does.
 */

const CASTAGNOLI_REFLECTED = 0x82f63b78;

const TABLE: Uint32Array = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ CASTAGNOLI_REFLECTED : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** Running CRC state before any byte. Feed with the `crc32cUpdate*` functions, end with `crc32cFinish`. */
export const CRC32C_INITIAL_STATE = 0xffffffff;

export function crc32cUpdate(state: number, bytes: Uint8Array, start: number, end: number): number {
  let crc = state;
  for (let i = start; i < end; i++) crc = TABLE[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return crc >>> 0;
}

/** Feeds `count` zero bytes (used to checksum a packet as if its checksum field were zero). */
export function crc32cUpdateZeros(state: number, count: number): number {
  let crc = state;
  for (let i = 0; i < count; i++) crc = TABLE[crc & 0xff]! ^ (crc >>> 8);
  return crc >>> 0;
}

export function crc32cFinish(state: number): number {
  return (state ^ 0xffffffff) >>> 0;
}

/** CRC32c of bytes [start, end). */
export function crc32c(bytes: Uint8Array, start = 0, end = bytes.length): number {
  return crc32cFinish(crc32cUpdate(CRC32C_INITIAL_STATE, bytes, start, end));
}
