/**
 * The L3/L4 part of a vRouter flow key (`struct vr_inet_flow`: proto, sport, dport, sip, dip)
 * read from a packet record, without allocating on the common path.
 *
 * Keying rules:
 * - TCP, UDP, SCTP: the packet's own addresses and ports.
 * - ICMP / ICMPv6 echo request AND reply: sport = echo identifier, dport = the echo-reply
 *   type, i.e. 0 for ICMP (the `flow -l` shape `1.1.1.3:4145 ... 1.1.1.5:0`) and 129 for
 *   ICMPv6, as tf-vrouter's vr_inet_proto_flow / vr_inet6_form_flow do. Both directions of a
 *   ping thus carry the same ports; the agent's reverse key swaps only the addresses for
 *   ICMP (`setReverseKey`), so the reply hits the reverse entry.
 * - ICMP / ICMPv6 errors (port unreachable, time exceeded): keyed on the embedded original
 *   packet's tuple REVERSED — proto of the original, addresses and ports swapped — as
 *   vRouter's `vr_inet_proto_flow` + `vr_inet_flow_swap` do, so the error travels on the
 *   reverse flow of the TCP/UDP/SCTP connection that caused it (and is dropped or forwarded
 *   with it). As in vRouter, an error quoting an echo gets the echo's ports swapped too
 *   (sport 0, dport id), which is not the ping's reverse entry: it sets up a flow of its own.
 *   If the embedded bytes are too short or not of the packet's family, the error is keyed on
 *   its own addresses with proto 1/58 and ports 0/0. Only this path may allocate (interning
 *   an IPv6 address seen for the first time).
 *
 * Invariant (tested): for every request/reply pair, key(reply) == reverse(key(request)) with
 * `setReverseKey`'s rule (ICMP: addresses swapped, ports kept).
 */

import { addrFromBytes } from './address.js';
import { readU16 } from './bytes.js';
import { ICMPV4_ECHO_REPLY, ICMPV4_ECHO_REQUEST, ICMPV6_ECHO_REPLY, ICMPV6_ECHO_REQUEST } from './icmp.js';
import { ipProtocolOf, isIcmpProtocol } from './protocol.js';
import {
  PROTO_SCTP,
  PROTO_TCP,
  PROTO_UDP,
  type IcmpError,
  type IpAddr,
  type IpFamily,
  type IpPacket,
} from './types.js';

const NO_INNER = -1;

/**
 * Offset of the embedded packet's L4 header inside `original`, or -1 if the embedded packet
 * is not a usable first fragment of the given family with 8 bytes of L4 header.
 */
function innerL4Offset(original: Uint8Array, family: IpFamily): number {
  if (original.length < 1 || original[0]! >>> 4 !== family) return NO_INNER;
  if (family === 4) {
    if (original.length < 20) return NO_INNER;
    const headerLength = (original[0]! & 0x0f) * 4;
    const fragmentOffset = readU16(original, 6) & 0x1fff;
    if (headerLength < 20 || fragmentOffset !== 0 || original.length < headerLength + 8) return NO_INNER;
    return headerLength;
  }
  return original.length < 48 ? NO_INNER : 40;
}

function innerProto(original: Uint8Array, family: IpFamily): number {
  return family === 4 ? original[9]! : original[6]!;
}

/** The destination port vRouter keys every echo request and reply with: the echo-reply type. */
export function echoKeyDestinationPort(family: IpFamily): number {
  return family === 4 ? ICMPV4_ECHO_REPLY : ICMPV6_ECHO_REPLY;
}

/** Source address offset of the embedded packet; the destination follows it. */
function innerSourceOffset(family: IpFamily): number {
  return family === 4 ? 12 : 8;
}

/** The embedded packet's own (sport, dport) by the rules above; `which` 0 = sport, 1 = dport. */
function innerPort(original: Uint8Array, family: IpFamily, l4: number, which: 0 | 1): number {
  const proto = innerProto(original, family);
  if (proto === PROTO_TCP || proto === PROTO_UDP || proto === PROTO_SCTP) return readU16(original, l4 + 2 * which);
  if (isIcmpProtocol(family, proto)) {
    const type = original[l4]!;
    const id = readU16(original, l4 + 4);
    const isRequest = type === (family === 4 ? ICMPV4_ECHO_REQUEST : ICMPV6_ECHO_REQUEST);
    const isReply = type === (family === 4 ? ICMPV4_ECHO_REPLY : ICMPV6_ECHO_REPLY);
    if (isRequest || isReply) return which === 0 ? id : echoKeyDestinationPort(family);
  }
  return 0;
}

function errorL4Offset(p: IpPacket, error: IcmpError): number {
  return innerL4Offset(error.original, p.src.family);
}

/** IANA protocol of the flow: the packet's own, or the embedded packet's for ICMP errors. */
export function flowProto(p: IpPacket): number {
  const l4 = p.l4;
  if (l4.kind === 'icmp-error' && errorL4Offset(p, l4) !== NO_INNER) return innerProto(l4.original, p.src.family);
  return ipProtocolOf(l4, p.src.family);
}

export function flowSourcePort(p: IpPacket): number {
  const l4 = p.l4;
  switch (l4.kind) {
    case 'tcp':
    case 'udp':
    case 'sctp':
      return l4.srcPort;
    case 'icmp':
      return l4.id;
    case 'icmp-error': {
      const at = errorL4Offset(p, l4);
      return at === NO_INNER ? 0 : innerPort(l4.original, p.src.family, at, 1);
    }
  }
}

export function flowDestinationPort(p: IpPacket): number {
  const l4 = p.l4;
  switch (l4.kind) {
    case 'tcp':
    case 'udp':
    case 'sctp':
      return l4.dstPort;
    case 'icmp':
      return echoKeyDestinationPort(p.src.family);
    case 'icmp-error': {
      const at = errorL4Offset(p, l4);
      return at === NO_INNER ? 0 : innerPort(l4.original, p.src.family, at, 0);
    }
  }
}

/** Source address of the flow: `p.src`, or the embedded packet's destination for ICMP errors. */
export function flowSourceAddress(p: IpPacket): IpAddr {
  const l4 = p.l4;
  if (l4.kind !== 'icmp-error' || errorL4Offset(p, l4) === NO_INNER) return p.src;
  const family = p.src.family;
  return addrFromBytes(l4.original, innerSourceOffset(family) + (family === 4 ? 4 : 16), family);
}

/** Destination address of the flow: `p.dst`, or the embedded packet's source for ICMP errors. */
export function flowDestinationAddress(p: IpPacket): IpAddr {
  const l4 = p.l4;
  if (l4.kind !== 'icmp-error' || errorL4Offset(p, l4) === NO_INNER) return p.dst;
  return addrFromBytes(l4.original, innerSourceOffset(p.src.family), p.src.family);
}
