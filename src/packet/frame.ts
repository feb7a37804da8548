/**
 * Wire lengths of a packet, computed from the record WITHOUT encoding it (hot path: the
 * dataplane adds `frameLength` to per-flow byte counters for every packet).
 *
 * Guarantees (checked by a property test): `ipTotalLength(p) === encodePacket(p).length` and
 * `frameLength(p) === 14 + encodePacket(p).length`, i.e. an untagged Ethernet II header
 * (no FCS, no VLAN tag) plus the IP packet. This is what vRouter counts on a pod vif: a Linux
 * SYN with 20 option bytes is 14 + 20 + 40 = 74 bytes, so the book's `Stats:3/222` is three SYNs.
 *
 * The codec encodes IPv4 without options (20 bytes) and IPv6 without extension headers (40).
 */

import type { IpFamily, IpPacket, L4Segment, SctpChunk } from './types.js';

export const ETHERNET_HEADER_LENGTH = 14;
export const IPV4_HEADER_LENGTH = 20;
export const IPV6_HEADER_LENGTH = 40;
export const TCP_HEADER_LENGTH = 20;
export const UDP_HEADER_LENGTH = 8;
/** ICMP/ICMPv6 echo and error messages: type, code, checksum + 4 bytes (id/seq or unused). */
export const ICMP_HEADER_LENGTH = 8;
export const SCTP_COMMON_HEADER_LENGTH = 12;
export const SCTP_CHUNK_HEADER_LENGTH = 4;

export function ipHeaderLength(family: IpFamily): number {
  return family === 4 ? IPV4_HEADER_LENGTH : IPV6_HEADER_LENGTH;
}

/** Bytes a chunk occupies on the wire: 4-byte header + value, padded to a multiple of 4. */
export function sctpChunkWireLength(chunk: SctpChunk): number {
  return (SCTP_CHUNK_HEADER_LENGTH + chunk.value.length + 3) & ~3;
}

/** Length of the L4 header + payload (what the pseudo-header's length field carries). */
export function l4Length(l4: L4Segment): number {
  switch (l4.kind) {
    case 'tcp':
      return TCP_HEADER_LENGTH + l4.options.length + l4.payload.length;
    case 'udp':
      return UDP_HEADER_LENGTH + l4.payload.length;
    case 'icmp':
      return ICMP_HEADER_LENGTH + l4.payload.length;
    case 'icmp-error':
      return ICMP_HEADER_LENGTH + l4.original.length;
    case 'sctp': {
      let total = SCTP_COMMON_HEADER_LENGTH;
      for (let i = 0; i < l4.chunks.length; i++) total += sctpChunkWireLength(l4.chunks[i]!);
      return total;
    }
  }
}

/** IPv4 "total length" / IPv6 header + payload length: the size of the encoded packet. */
export function ipTotalLength(p: IpPacket): number {
  return ipHeaderLength(p.src.family) + l4Length(p.l4);
}

/** Ethernet II header (14) + IP total length: the byte count vRouter's flow stats add. */
export function frameLength(p: IpPacket): number {
  return ETHERNET_HEADER_LENGTH + ipTotalLength(p);
}
