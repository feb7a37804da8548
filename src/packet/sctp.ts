/**
 * SCTP packet wire format (RFC 9260, formerly 4960): 12-byte common header (ports,
 * verification tag, CRC32c checksum) followed by chunks (type, flags, 16-bit length, value),
 * each padded with zeros to a multiple of 4 bytes.
 *
 * Guarantees:
 * - The checksum is CRC32c over the whole SCTP packet with the checksum field zeroed
 *   (RFC 9260 appendix A / RFC 3309), stored least significant byte first exactly as Linux
 *   (`cpu_to_le32`) and every interoperating stack does.
 * - A chunk's length field counts header + value and excludes padding; the padding (also
 *   after the last chunk) is always present on the wire and its content is ignored on decode.
 * - Chunk values are opaque: INIT/INIT ACK parameters etc. are not interpreted here.
 * - Decoded chunk values are copies.
 */

import { readU16, readU32, writeU16, writeU32 } from './bytes.js';
import { CRC32C_INITIAL_STATE, crc32cFinish, crc32cUpdate, crc32cUpdateZeros } from './crc32c.js';
import { decoded, decodeError, type LayerDecodeResult } from './decode-result.js';
import { SCTP_CHUNK_HEADER_LENGTH, SCTP_COMMON_HEADER_LENGTH, sctpChunkWireLength } from './frame.js';
import type { SctpChunk, SctpPacket } from './types.js';

const CHECKSUM_OFFSET = 8;
const MAX_CHUNK_LENGTH = 0xffff;

function readU32LittleEndian(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

function writeU32LittleEndian(b: Uint8Array, at: number, value: number): void {
  b[at] = value & 0xff;
  b[at + 1] = (value >>> 8) & 0xff;
  b[at + 2] = (value >>> 16) & 0xff;
  b[at + 3] = (value >>> 24) & 0xff;
}

/** CRC32c of the SCTP packet in [start, end) as if its checksum field were zero. */
export function sctpChecksum(bytes: Uint8Array, start: number, end: number): number {
  let state = crc32cUpdate(CRC32C_INITIAL_STATE, bytes, start, start + CHECKSUM_OFFSET);
  state = crc32cUpdateZeros(state, 4);
  state = crc32cUpdate(state, bytes, start + CHECKSUM_OFFSET + 4, end);
  return crc32cFinish(state);
}

/** Writes the packet at `offset`; returns the bytes written (12 + padded chunks). */
export function encodeSctp(packet: SctpPacket, out: Uint8Array, offset: number): number {
  writeU16(out, offset, packet.srcPort);
  writeU16(out, offset + 2, packet.dstPort);
  writeU32(out, offset + 4, packet.verificationTag);
  let at = offset + SCTP_COMMON_HEADER_LENGTH;
  for (const chunk of packet.chunks) {
    const length = SCTP_CHUNK_HEADER_LENGTH + chunk.value.length;
    if (length > MAX_CHUNK_LENGTH) throw new Error(`SCTP chunk of ${length} bytes exceeds the 16-bit length field`);
    out[at] = chunk.type;
    out[at + 1] = chunk.flags;
    writeU16(out, at + 2, length);
    out.set(chunk.value, at + SCTP_CHUNK_HEADER_LENGTH);
    const padded = sctpChunkWireLength(chunk);
    out.fill(0, at + length, at + padded);
    at += padded;
  }
  writeU32LittleEndian(out, offset + CHECKSUM_OFFSET, sctpChecksum(out, offset, at));
  return at - offset;
}

/** Decodes the SCTP packet occupying bytes [start, end). */
export function decodeSctp(bytes: Uint8Array, start: number, end: number): LayerDecodeResult<SctpPacket> {
  const length = end - start;
  if (length < SCTP_COMMON_HEADER_LENGTH) {
    return decodeError(`truncated SCTP common header: ${length} bytes, need ${SCTP_COMMON_HEADER_LENGTH}`);
  }
  const stored = readU32LittleEndian(bytes, start + CHECKSUM_OFFSET);
  const computed = sctpChecksum(bytes, start, end);
  if (stored !== computed) {
    return decodeError(
      `SCTP CRC32c checksum mismatch: field 0x${stored.toString(16).padStart(8, '0')}, computed 0x${computed.toString(16).padStart(8, '0')}`,
    );
  }
  const chunks: SctpChunk[] = [];
  let at = start + SCTP_COMMON_HEADER_LENGTH;
  while (at < end) {
    if (end - at < SCTP_CHUNK_HEADER_LENGTH) {
      return decodeError(`truncated SCTP chunk header at byte ${at - start}: ${end - at} bytes left, need 4`);
    }
    const chunkLength = readU16(bytes, at + 2);
    if (chunkLength < SCTP_CHUNK_HEADER_LENGTH) {
      return decodeError(`bad SCTP chunk length ${chunkLength} at byte ${at - start}: below the 4-byte chunk header`);
    }
    const padded = (chunkLength + 3) & ~3;
    if (at + padded > end) {
      return decodeError(`truncated SCTP chunk at byte ${at - start}: needs ${padded} bytes with padding, ${end - at} left`);
    }
    chunks.push({ type: bytes[at]!, flags: bytes[at + 1]!, value: bytes.slice(at + SCTP_CHUNK_HEADER_LENGTH, at + chunkLength) });
    at += padded;
  }
  return decoded({
    kind: 'sctp',
    srcPort: readU16(bytes, start),
    dstPort: readU16(bytes, start + 2),
    verificationTag: readU32(bytes, start + 4),
    chunks,
  });
}
