/**
 * IPv6 fixed header wire format (RFC 8200 §3), without extension headers.
 *
 * Encode guarantees: version 6, traffic class 0, flow label 0, hop limit = `ttl`,
 * next header = the L4 protocol. The record's `id` is not carried (IPv6 has none).
 *
 * Decode guarantees: checks version and payload length against the buffer (bytes beyond
 * it are ignored); traffic class and flow label are accepted and dropped; `id` decodes as 0.
 * Extension headers (hop-by-hop, routing, fragment, ...) are rejected by the codec as an
 * unsupported next header.
 */

import { addrFromBytes, writeAddr } from './address.js';
import { readU16, writeU16 } from './bytes.js';
import { decoded, decodeError, type DecodedIpHeader, type LayerDecodeResult } from './decode-result.js';
import { IPV6_HEADER_LENGTH } from './frame.js';
import type { IpPacket } from './types.js';

const MAX_PAYLOAD_LENGTH = 0xffff;

/** Writes the 40-byte header at `offset` for an L4 payload of `payloadLength` bytes. */
export function encodeIpv6Header(p: IpPacket, nextHeader: number, payloadLength: number, out: Uint8Array, offset: number): void {
  if (payloadLength > MAX_PAYLOAD_LENGTH) {
    throw new Error(`IPv6 payload of ${payloadLength} bytes exceeds the 16-bit payload length (no jumbograms)`);
  }
  out[offset] = 0x60;
  out[offset + 1] = 0;
  out[offset + 2] = 0;
  out[offset + 3] = 0;
  writeU16(out, offset + 4, payloadLength);
  out[offset + 6] = nextHeader;
  out[offset + 7] = p.ttl;
  writeAddr(p.src, out, offset + 8);
  writeAddr(p.dst, out, offset + 24);
}

/** Decodes and validates the IPv6 fixed header at the start of `bytes`. */
export function decodeIpv6Header(bytes: Uint8Array): LayerDecodeResult<DecodedIpHeader> {
  if (bytes.length < IPV6_HEADER_LENGTH) {
    return decodeError(`truncated IPv6 header: ${bytes.length} bytes, need ${IPV6_HEADER_LENGTH}`);
  }
  const version = bytes[0]! >>> 4;
  if (version !== 6) return decodeError(`bad IP version ${version} in an IPv6 header`);
  const payloadLength = readU16(bytes, 4);
  if (IPV6_HEADER_LENGTH + payloadLength > bytes.length) {
    return decodeError(`truncated IPv6 packet: payload length ${payloadLength}, have ${bytes.length - IPV6_HEADER_LENGTH} bytes after the header`);
  }
  return decoded({
    src: addrFromBytes(bytes, 8, 6),
    dst: addrFromBytes(bytes, 24, 6),
    ttl: bytes[7]!,
    id: 0,
    protocol: bytes[6]!,
    payloadStart: IPV6_HEADER_LENGTH,
    payloadEnd: IPV6_HEADER_LENGTH + payloadLength,
  });
}
