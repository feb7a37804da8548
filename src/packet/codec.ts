/**
 * Whole-packet codec: `IpPacket` record <-> IPv4/IPv6 bytes (no link-layer header).
 *
 * Guarantees:
 * - `encodePacket` produces a byte-exact packet with every checksum correct (IPv4 header,
 *   TCP/UDP/ICMPv6 with pseudo-header, ICMPv4, SCTP CRC32c); its length is `ipTotalLength(p)`.
 *   It THROWS only on records no wire packet can represent (mixed address families, TCP
 *   options not a multiple of 4, unsupported ICMP error type, oversize lengths). Numeric
 *   fields are written modulo their wire width; records are expected to be in range.
 * - `decodePacket` never throws on bad bytes: it returns `{ kind: 'error', reason }` naming
 *   the layer and the problem (truncated, bad version/header length, checksum mismatch,
 *   fragment, unsupported protocol or ICMP type). Decoded records own their bytes.
 * - Round trips: `decodePacket(encodePacket(p))` deep-equals `p` for in-range records (IPv6
 *   records must carry `id: 0`); `encodePacket(decodePacket(b))` equals `b` for packets this
 *   codec would emit (no IPv4 options/TOS, DF as Linux sets it, urgent pointer 0, ...).
 */

import { decodeIcmp, encodeIcmp } from './icmp.js';
import { decodeIpv4Header, encodeIpv4Header } from './ipv4.js';
import { decodeIpv6Header, encodeIpv6Header } from './ipv6.js';
import { ipHeaderLength, l4Length } from './frame.js';
import { ipProtocolOf } from './protocol.js';
import { decodeSctp, encodeSctp } from './sctp.js';
import { decodeTcp, encodeTcp } from './tcp.js';
import { decodeUdp, encodeUdp } from './udp.js';
import type { LayerDecodeResult } from './decode-result.js';
import {
  PROTO_ICMP,
  PROTO_ICMPV6,
  PROTO_SCTP,
  PROTO_TCP,
  PROTO_UDP,
  type DecodeResult,
  type IpAddr,
  type IpPacket,
  type L4Segment,
} from './types.js';

export type { DecodeResult } from './types.js';

/** Encodes the packet into a fresh buffer of exactly `ipTotalLength(p)` bytes. */
export function encodePacket(p: IpPacket): Uint8Array {
  const family = p.src.family;
  if (p.dst.family !== family) {
    throw new Error(`cannot encode a packet from ${p.src.text} to ${p.dst.text}: address families differ`);
  }
  const headerLength = ipHeaderLength(family);
  const payloadLength = l4Length(p.l4);
  const out = new Uint8Array(headerLength + payloadLength);
  const protocol = ipProtocolOf(p.l4, family);
  if (family === 4) encodeIpv4Header(p, protocol, headerLength + payloadLength, out, 0);
  else encodeIpv6Header(p, protocol, payloadLength, out, 0);
  encodeL4(p.l4, p.src, p.dst, out, headerLength);
  return out;
}

function encodeL4(l4: L4Segment, src: IpAddr, dst: IpAddr, out: Uint8Array, offset: number): void {
  switch (l4.kind) {
    case 'tcp':
      encodeTcp(l4, src, dst, out, offset);
      return;
    case 'udp':
      encodeUdp(l4, src, dst, out, offset);
      return;
    case 'icmp':
    case 'icmp-error':
      encodeIcmp(l4, src, dst, out, offset);
      return;
    case 'sctp':
      encodeSctp(l4, out, offset);
      return;
  }
}

/** Decodes an IPv4 or IPv6 packet (chosen by the version nibble) with all checksums verified. */
export function decodePacket(bytes: Uint8Array): DecodeResult {
  if (bytes.length === 0) return { kind: 'error', reason: 'truncated packet: 0 bytes' };
  const version = bytes[0]! >>> 4;
  if (version !== 4 && version !== 6) return { kind: 'error', reason: `bad IP version ${version}: expected 4 or 6` };
  const header = version === 4 ? decodeIpv4Header(bytes) : decodeIpv6Header(bytes);
  if (header.kind === 'error') return header;
  const { src, dst, protocol, payloadStart: start, payloadEnd: end } = header.value;
  let l4: LayerDecodeResult<L4Segment>;
  if (protocol === PROTO_TCP) l4 = decodeTcp(bytes, start, end, src, dst);
  else if (protocol === PROTO_UDP) l4 = decodeUdp(bytes, start, end, src, dst);
  else if (protocol === PROTO_SCTP) l4 = decodeSctp(bytes, start, end);
  else if ((protocol === PROTO_ICMP && version === 4) || (protocol === PROTO_ICMPV6 && version === 6)) {
    l4 = decodeIcmp(bytes, start, end, src, dst);
  } else {
    return { kind: 'error', reason: unsupportedProtocolReason(protocol, version) };
  }
  if (l4.kind === 'error') return l4;
  return { kind: 'ok', packet: { src, dst, ttl: header.value.ttl, id: header.value.id, l4: l4.value } };
}

const IPV6_EXTENSION_HEADERS: ReadonlySet<number> = new Set([0, 43, 44, 50, 51, 60, 135, 139, 140, 253, 254]);

function unsupportedProtocolReason(protocol: number, version: 4 | 6): string {
  if (version === 6 && IPV6_EXTENSION_HEADERS.has(protocol)) {
    return `unsupported IPv6 next header ${protocol}: extension headers are not supported`;
  }
  if (version === 4 && protocol === PROTO_ICMPV6) return 'unsupported protocol 58 (ICMPv6) inside IPv4';
  if (version === 6 && protocol === PROTO_ICMP) return 'unsupported next header 1 (ICMPv4) inside IPv6';
  return `unsupported IPv${version} protocol ${protocol}: expected TCP (6), UDP (17), SCTP (132) or ICMP`;
}
