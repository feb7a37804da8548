/**
 * The IANA protocol number of an L4 record inside a packet of a given family: the value of
 * the IPv4 protocol / IPv6 next-header field and of the `Proto` column in `flow -l`.
 * ICMP records map to 1 under IPv4 and 58 (ICMPv6) under IPv6.
 */

import { PROTO_ICMP, PROTO_ICMPV6, PROTO_SCTP, PROTO_TCP, PROTO_UDP, type IpFamily, type L4Segment } from './types.js';

/** Whether `proto` is the ICMP of `family` (1 under IPv4, 58 under IPv6). */
export function isIcmpProtocol(family: IpFamily, proto: number): boolean {
  return family === 4 ? proto === PROTO_ICMP : proto === PROTO_ICMPV6;
}

export function ipProtocolOf(l4: L4Segment, family: IpFamily): number {
  switch (l4.kind) {
    case 'tcp':
      return PROTO_TCP;
    case 'udp':
      return PROTO_UDP;
    case 'sctp':
      return PROTO_SCTP;
    case 'icmp':
    case 'icmp-error':
      return family === 4 ? PROTO_ICMP : PROTO_ICMPV6;
  }
}
