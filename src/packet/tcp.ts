/**
 * TCP segment wire format (RFC 9293 §3.1): encode a `TcpSegment` record into a buffer and
 * decode one back, with the pseudo-header checksum computed on encode and verified on decode.
 *
 * Guarantees:
 * - `flags` holds the 12 bits after the data offset (NS in 0x100, CWR..FIN in the low byte),
 *   so any flag combination round-trips byte for byte.
 * - `seq`/`ack` are unsigned 32-bit numbers; the urgent pointer is written as 0 and ignored
 *   on decode (vrsim never sends urgent data).
 * - Options are raw bytes, a multiple of 4 and at most 40; the encoder THROWS on records that
 *   break this (a programming error), the decoder returns an error value for bad bytes.
 * - Decoded options/payload are copies, never views of the input buffer.
 */

import { readU16, readU32, writeU16, writeU32 } from './bytes.js';
import { finishChecksum, pseudoHeaderSum, sumBytes } from './checksum.js';
import { decoded, decodeError, hex16, type LayerDecodeResult } from './decode-result.js';
import { TCP_HEADER_LENGTH } from './frame.js';
import { PROTO_TCP, type IpAddr, type TcpSegment } from './types.js';

const MAX_OPTIONS_LENGTH = 40;

/** Writes the segment at `offset`; returns the bytes written (20 + options + payload). */
export function encodeTcp(seg: TcpSegment, src: IpAddr, dst: IpAddr, out: Uint8Array, offset: number): number {
  const optionsLength = seg.options.length;
  if (optionsLength % 4 !== 0 || optionsLength > MAX_OPTIONS_LENGTH) {
    throw new Error(`TCP options must be a multiple of 4 bytes and at most 40, got ${optionsLength}`);
  }
  const headerLength = TCP_HEADER_LENGTH + optionsLength;
  const length = headerLength + seg.payload.length;
  writeU16(out, offset, seg.srcPort);
  writeU16(out, offset + 2, seg.dstPort);
  writeU32(out, offset + 4, seg.seq);
  writeU32(out, offset + 8, seg.ack);
  out[offset + 12] = ((headerLength / 4) << 4) | ((seg.flags >>> 8) & 0x0f);
  out[offset + 13] = seg.flags & 0xff;
  writeU16(out, offset + 14, seg.window);
  writeU16(out, offset + 16, 0);
  writeU16(out, offset + 18, 0);
  out.set(seg.options, offset + TCP_HEADER_LENGTH);
  out.set(seg.payload, offset + headerLength);
  const sum = sumBytes(out, offset, offset + length, pseudoHeaderSum(src, dst, PROTO_TCP, length));
  writeU16(out, offset + 16, finishChecksum(sum));
  return length;
}

/** Decodes the segment occupying bytes [start, end) of an IP packet from `src` to `dst`. */
export function decodeTcp(bytes: Uint8Array, start: number, end: number, src: IpAddr, dst: IpAddr): LayerDecodeResult<TcpSegment> {
  const length = end - start;
  if (length < TCP_HEADER_LENGTH) {
    return decodeError(`truncated TCP header: ${length} bytes, need at least ${TCP_HEADER_LENGTH}`);
  }
  const headerLength = (bytes[start + 12]! >>> 4) * 4;
  if (headerLength < TCP_HEADER_LENGTH) {
    return decodeError(`bad TCP data offset: header length ${headerLength} is below ${TCP_HEADER_LENGTH}`);
  }
  if (headerLength > length) {
    return decodeError(`truncated TCP header: data offset says ${headerLength} bytes, segment has ${length}`);
  }
  const verify = finishChecksum(sumBytes(bytes, start, end, pseudoHeaderSum(src, dst, PROTO_TCP, length)));
  if (verify !== 0) {
    return decodeError(`TCP checksum mismatch: field ${hex16(readU16(bytes, start + 16))} is wrong for this segment`);
  }
  return decoded({
    kind: 'tcp',
    srcPort: readU16(bytes, start),
    dstPort: readU16(bytes, start + 2),
    seq: readU32(bytes, start + 4),
    ack: readU32(bytes, start + 8),
    flags: ((bytes[start + 12]! & 0x0f) << 8) | bytes[start + 13]!,
    window: readU16(bytes, start + 14),
    options: bytes.slice(start + TCP_HEADER_LENGTH, start + headerLength),
    payload: bytes.slice(start + headerLength, end),
  });
}
