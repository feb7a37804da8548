/**
 * The "original datagram" an ICMP error carries, built and read the way Linux does it.
 * Guarantees: `quoteOffendingPacket` returns the encoded offending packet truncated so the
 * whole ICMP error fits in 576 bytes (IPv4, RFC 1812) or 1280 bytes (IPv6, RFC 4443);
 * `readQuotedFlow` never throws: it returns undefined for quotes too short to name a flow.
 */

import { encodePacket } from '../packet/codec.js';
import { IPV4_HEADER_LENGTH, IPV6_HEADER_LENGTH, ICMP_HEADER_LENGTH } from '../packet/frame.js';
import { addrFromBytes } from '../packet/address.js';
import type { IpAddr, IpPacket } from '../packet/types.js';

const IPV4_ERROR_LIMIT = 576;
const IPV6_ERROR_LIMIT = 1280;

export function quoteOffendingPacket(offending: IpPacket): Uint8Array {
  const encoded = encodePacket(offending);
  const limit =
    offending.src.family === 4
      ? IPV4_ERROR_LIMIT - IPV4_HEADER_LENGTH - ICMP_HEADER_LENGTH
      : IPV6_ERROR_LIMIT - IPV6_HEADER_LENGTH - ICMP_HEADER_LENGTH;
  return encoded.length > limit ? encoded.slice(0, limit) : encoded;
}

/** Protocol and ports of the quoted packet (the sender's own packet, seen from the sender). */
export interface QuotedFlow {
  readonly protocol: number;
  readonly srcPort: number;
  readonly dstPort: number;
  readonly dst: IpAddr;
}

function u16(bytes: Uint8Array, at: number): number {
  return (bytes[at]! << 8) | bytes[at + 1]!;
}

export function readQuotedFlow(quote: Uint8Array): QuotedFlow | undefined {
  if (quote.length < 1) return undefined;
  const version = quote[0]! >>> 4;
  if (version === 4) {
    const headerLength = (quote[0]! & 0x0f) * 4;
    if (headerLength < IPV4_HEADER_LENGTH || quote.length < headerLength + 4) return undefined;
    const dst = addrFromBytes(quote, 16, 4);
    return { protocol: quote[9]!, srcPort: u16(quote, headerLength), dstPort: u16(quote, headerLength + 2), dst };
  }
  if (version === 6) {
    if (quote.length < IPV6_HEADER_LENGTH + 4) return undefined;
    const dst = addrFromBytes(quote, 24, 6);
    return { protocol: quote[6]!, srcPort: u16(quote, 40), dstPort: u16(quote, 42), dst };
  }
  return undefined;
}
