/**
 * IPv4 header wire format (RFC 791), without options on encode.
 *
 * Encode guarantees: version 4, IHL 5, TOS 0, header checksum correct, never fragmented.
 * The Don't-Fragment bit follows Linux defaults (path-MTU discovery, `ip_no_pmtu_disc=0`):
 * set on TCP, UDP, SCTP and ICMP echo requests sent from sockets; clear on echo replies
 * and ICMP errors, which the kernel's own ICMP socket sends with IP_PMTUDISC_DONT.
 *
 * Decode guarantees: checks version, IHL >= 5, total length against the header and the
 * buffer (bytes beyond total length, e.g. Ethernet padding, are ignored), the header
 * checksum, and rejects fragments (MF set or offset != 0). DF, TOS and IPv4 options are
 * accepted and dropped: the `IpPacket` record has no place for them.
 */

import { addrFromBytes, writeAddr } from './address.js';
import { readU16, writeU16 } from './bytes.js';
import { internetChecksum } from './checksum.js';
import { decoded, decodeError, hex16, type DecodedIpHeader, type LayerDecodeResult } from './decode-result.js';
import { IPV4_HEADER_LENGTH } from './frame.js';
import type { IpPacket, L4Segment } from './types.js';

const FLAG_DONT_FRAGMENT = 0x4000;
const FLAG_MORE_FRAGMENTS = 0x2000;
const FRAGMENT_OFFSET_MASK = 0x1fff;
const MAX_TOTAL_LENGTH = 0xffff;

/** Whether Linux would set DF on a packet carrying this L4 segment (see module header). */
export function linuxSetsDontFragment(l4: L4Segment): boolean {
  if (l4.kind === 'icmp-error') return false;
  if (l4.kind === 'icmp') return l4.type === 'echo-request';
  return true;
}

/** Writes the 20-byte header at `offset` for a packet of `totalLength` bytes carrying `protocol`. */
export function encodeIpv4Header(p: IpPacket, protocol: number, totalLength: number, out: Uint8Array, offset: number): void {
  if (totalLength > MAX_TOTAL_LENGTH) throw new Error(`IPv4 packet of ${totalLength} bytes exceeds the 16-bit total length`);
  out[offset] = 0x45;
  out[offset + 1] = 0;
  writeU16(out, offset + 2, totalLength);
  writeU16(out, offset + 4, p.id);
  writeU16(out, offset + 6, linuxSetsDontFragment(p.l4) ? FLAG_DONT_FRAGMENT : 0);
  out[offset + 8] = p.ttl;
  out[offset + 9] = protocol;
  writeU16(out, offset + 10, 0);
  writeAddr(p.src, out, offset + 12);
  writeAddr(p.dst, out, offset + 16);
  writeU16(out, offset + 10, internetChecksum(out, offset, offset + IPV4_HEADER_LENGTH));
}

/** Decodes and validates the IPv4 header at the start of `bytes`. */
export function decodeIpv4Header(bytes: Uint8Array): LayerDecodeResult<DecodedIpHeader> {
  if (bytes.length < IPV4_HEADER_LENGTH) {
    return decodeError(`truncated IPv4 header: ${bytes.length} bytes, need ${IPV4_HEADER_LENGTH}`);
  }
  const version = bytes[0]! >>> 4;
  if (version !== 4) return decodeError(`bad IP version ${version} in an IPv4 header`);
  const headerLength = (bytes[0]! & 0x0f) * 4;
  if (headerLength < IPV4_HEADER_LENGTH) {
    return decodeError(`bad IPv4 header length ${headerLength} (IHL ${headerLength / 4}): minimum is 20`);
  }
  if (headerLength > bytes.length) {
    return decodeError(`truncated IPv4 header: IHL says ${headerLength} bytes, have ${bytes.length}`);
  }
  const totalLength = readU16(bytes, 2);
  if (totalLength < headerLength) {
    return decodeError(`bad IPv4 total length ${totalLength}: shorter than the ${headerLength}-byte header`);
  }
  if (totalLength > bytes.length) {
    return decodeError(`truncated IPv4 packet: total length ${totalLength}, have ${bytes.length} bytes`);
  }
  if (internetChecksum(bytes, 0, headerLength) !== 0) {
    return decodeError(`IPv4 header checksum mismatch: field ${hex16(readU16(bytes, 10))} is wrong for this header`);
  }
  const fragment = readU16(bytes, 6);
  if ((fragment & FLAG_MORE_FRAGMENTS) !== 0 || (fragment & FRAGMENT_OFFSET_MASK) !== 0) {
    return decodeError(`fragmented IPv4 packets are not supported (MF ${(fragment >>> 13) & 1}, offset ${(fragment & FRAGMENT_OFFSET_MASK) * 8})`);
  }
  return decoded({
    src: addrFromBytes(bytes, 12, 4),
    dst: addrFromBytes(bytes, 16, 4),
    ttl: bytes[8]!,
    id: readU16(bytes, 4),
    protocol: bytes[9]!,
    payloadStart: headerLength,
    payloadEnd: totalLength,
  });
}
