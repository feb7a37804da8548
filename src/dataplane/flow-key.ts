/**
 * The flow key of a vRouter flow entry (`struct vr_inet_flow` / `vr_inet6_flow`): family,
 * protocol, source/destination port, key nexthop id and the two addresses as network-order
 * int32 words. A `FlowKey` is a reusable scratch object: the per-packet path fills one in
 * place (`setFlowKey`, `setReverseKey`) and never allocates.
 *
 * Guarantees: IPv4 keys keep s1..s3 and d1..d3 at 0, so two keys are equal exactly when all
 * thirteen fields are equal; ports are kept in 0..65535 and proto in 0..255.
 */

import { isIcmpProtocol } from '../packet/protocol.js';
import type { IpAddr } from '../packet/types.js';
import { ipv4Text, ipv6Text } from './flow-ip-text.js';
import { hashInet4Key, hashInet6Key } from './jhash.js';

export class FlowKey {
  family: 4 | 6 = 4;
  proto = 0;
  /** Key nexthop id (`K(nh)`). */
  nh = 0;
  sport = 0;
  dport = 0;
  s0 = 0;
  s1 = 0;
  s2 = 0;
  s3 = 0;
  d0 = 0;
  d1 = 0;
  d2 = 0;
  d3 = 0;
}

/** Fill `k` from a packet's 5-tuple and key nexthop; the family comes from `src`. */
export function setFlowKey(k: FlowKey, proto: number, nh: number, sport: number, dport: number, src: IpAddr, dst: IpAddr): void {
  k.family = src.family;
  k.proto = proto & 0xff;
  k.nh = nh | 0;
  k.sport = sport & 0xffff;
  k.dport = dport & 0xffff;
  k.s0 = src.w0 | 0;
  k.d0 = dst.w0 | 0;
  if (src.family === 6) {
    k.s1 = src.w1 | 0; k.s2 = src.w2 | 0; k.s3 = src.w3 | 0;
    k.d1 = dst.w1 | 0; k.d2 = dst.w2 | 0; k.d3 = dst.w3 | 0;
  } else {
    k.s1 = 0; k.s2 = 0; k.s3 = 0;
    k.d1 = 0; k.d2 = 0; k.d3 = 0;
  }
}

/**
 * The key of the reverse direction, nexthop `reverseNh`: addresses swapped, and ports swapped
 * except for ICMP/ICMPv6, whose echo keys carry (identifier, echo-reply type) both ways.
 */
export function setReverseKey(out: FlowKey, fwd: FlowKey, reverseNh: number): void {
  // Read everything first so that `out === fwd` works.
  const { family, proto, sport, dport, s0, s1, s2, s3, d0, d1, d2, d3 } = fwd;
  out.family = family;
  out.proto = proto;
  out.nh = reverseNh | 0;
  const icmp = isIcmpProtocol(family, proto);
  out.sport = icmp ? sport : dport;
  out.dport = icmp ? dport : sport;
  out.s0 = d0; out.s1 = d1; out.s2 = d2; out.s3 = d3;
  out.d0 = s0; out.d1 = s1; out.d2 = s2; out.d3 = s3;
}

export function copyFlowKey(out: FlowKey, from: FlowKey): void {
  out.family = from.family;
  out.proto = from.proto;
  out.nh = from.nh;
  out.sport = from.sport;
  out.dport = from.dport;
  out.s0 = from.s0; out.s1 = from.s1; out.s2 = from.s2; out.s3 = from.s3;
  out.d0 = from.d0; out.d1 = from.d1; out.d2 = from.d2; out.d3 = from.d3;
}

export function flowKeysEqual(a: FlowKey, b: FlowKey): boolean {
  return a.family === b.family && a.proto === b.proto && a.nh === b.nh &&
    a.sport === b.sport && a.dport === b.dport &&
    a.s0 === b.s0 && a.s1 === b.s1 && a.s2 === b.s2 && a.s3 === b.s3 &&
    a.d0 === b.d0 && a.d1 === b.d1 && a.d2 === b.d2 && a.d3 === b.d3;
}

export function flowKeySourceText(k: FlowKey): string {
  return k.family === 6 ? ipv6Text(k.s0, k.s1, k.s2, k.s3) : ipv4Text(k.s0);
}

export function flowKeyDestinationText(k: FlowKey): string {
  return k.family === 6 ? ipv6Text(k.d0, k.d1, k.d2, k.d3) : ipv4Text(k.d0);
}

/** `10.47.255.233:42282 > 10.47.255.232:80 proto 6 nh 59` (IPv6 addresses in canonical text). */
export function flowKeyText(k: FlowKey): string {
  return `${flowKeySourceText(k)}:${k.sport} > ${flowKeyDestinationText(k)}:${k.dport} proto ${k.proto} nh ${k.nh}`;
}

/** vr_hash() of the packed key (20 bytes for IPv4, 44 for IPv6), unsigned 32-bit. */
export function flowKeyHash(k: FlowKey): number {
  return k.family === 6
    ? hashInet6Key(k.proto, k.sport, k.dport, k.nh, k.s0, k.s1, k.s2, k.s3, k.d0, k.d1, k.d2, k.d3)
    : hashInet4Key(k.proto, k.sport, k.dport, k.nh, k.s0, k.d0);
}
