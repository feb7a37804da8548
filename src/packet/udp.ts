/**
 * UDP datagram wire format (RFC 768; RFC 8200 §8.1 for IPv6): encode a `UdpDatagram` record
 * and decode one back, with the pseudo-header checksum.
 *
 * Guarantees:
 * - The encoder always computes a checksum; a computed 0 is sent as 0xFFFF (RFC 768).
 * - Decoding IPv4: checksum 0 means "not computed" and is accepted unchecked. IPv6: checksum
 *   0 is invalid and rejected. Any other value must verify.
 * - The UDP length field must equal the IP payload length (no trailing garbage accepted).
 * - Decoded payloads are copies.
 */

import { readU16, writeU16 } from './bytes.js';
import { finishChecksum, pseudoHeaderSum, sumBytes } from './checksum.js';
import { decoded, decodeError, hex16, type LayerDecodeResult } from './decode-result.js';
import { UDP_HEADER_LENGTH } from './frame.js';
import { PROTO_UDP, type IpAddr, type UdpDatagram } from './types.js';

const MAX_UDP_LENGTH = 0xffff;

/** Writes the datagram at `offset`; returns the bytes written (8 + payload). */
export function encodeUdp(datagram: UdpDatagram, src: IpAddr, dst: IpAddr, out: Uint8Array, offset: number): number {
  const length = UDP_HEADER_LENGTH + datagram.payload.length;
  if (length > MAX_UDP_LENGTH) throw new Error(`UDP datagram of ${length} bytes exceeds the 16-bit length field`);
  writeU16(out, offset, datagram.srcPort);
  writeU16(out, offset + 2, datagram.dstPort);
  writeU16(out, offset + 4, length);
  writeU16(out, offset + 6, 0);
  out.set(datagram.payload, offset + UDP_HEADER_LENGTH);
  const checksum = finishChecksum(sumBytes(out, offset, offset + length, pseudoHeaderSum(src, dst, PROTO_UDP, length)));
  writeU16(out, offset + 6, checksum === 0 ? 0xffff : checksum);
  return length;
}

/** Decodes the datagram occupying bytes [start, end) of an IP packet from `src` to `dst`. */
export function decodeUdp(bytes: Uint8Array, start: number, end: number, src: IpAddr, dst: IpAddr): LayerDecodeResult<UdpDatagram> {
  const available = end - start;
  if (available < UDP_HEADER_LENGTH) {
    return decodeError(`truncated UDP header: ${available} bytes, need ${UDP_HEADER_LENGTH}`);
  }
  const length = readU16(bytes, start + 4);
  if (length < UDP_HEADER_LENGTH) return decodeError(`bad UDP length field ${length}: below the 8-byte header`);
  if (length > available) return decodeError(`truncated UDP datagram: length field says ${length} bytes, have ${available}`);
  if (length !== available) {
    return decodeError(`UDP length field ${length} does not match the IP payload length ${available}`);
  }
  const field = readU16(bytes, start + 6);
  if (field === 0 && src.family === 6) return decodeError('UDP checksum 0 is not allowed over IPv6');
  if (field !== 0) {
    const verify = finishChecksum(sumBytes(bytes, start, end, pseudoHeaderSum(src, dst, PROTO_UDP, length)));
    if (verify !== 0) return decodeError(`UDP checksum mismatch: field ${hex16(field)} is wrong for this datagram`);
  }
  return decoded({
    kind: 'udp',
    srcPort: readU16(bytes, start),
    dstPort: readU16(bytes, start + 2),
    payload: bytes.slice(start + UDP_HEADER_LENGTH, end),
  });
}
