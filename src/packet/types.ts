/**
 * Wire-level packet records ("Repr" in smoltcp terms): the validated meaning of an IPv4/IPv6
 * packet with a TCP, UDP, ICMP/ICMPv6 echo or SCTP payload. `codec.ts` encodes them to bytes
 * and decodes bytes back with checksums; the dataplane only ever sees these records.
 *
 * Addresses are interned `IpAddr` objects (built once per endpoint by `ipAddr()`), so the
 * per-packet path never parses strings: a v4 address is one 32-bit word, a v6 one four.
 */

export type IpFamily = 4 | 6;

export interface IpAddr {
  readonly family: IpFamily;
  /** Canonical text form (`10.47.255.232`, `fd00::1`). */
  readonly text: string;
  /** Network-order 32-bit words as signed int32 (`| 0`). IPv4 uses w0 only (w1..w3 = 0). */
  readonly w0: number;
  readonly w1: number;
  readonly w2: number;
  readonly w3: number;
  /**
   * Dense intern ordinal (0, 1, 2, ... in the order addresses are first interned, both families
   * together): an index into typed-array side tables (`fabric.ts`'s locations, the policy's pod
   * index) so the per-packet path needs no Map. Process-wide and order-dependent, so it must
   * never reach any output.
   */
  readonly id: number;
}

/** TCP flag bits as on the wire. */
export const TCP_FIN = 0x01;
export const TCP_SYN = 0x02;
export const TCP_RST = 0x04;
export const TCP_PSH = 0x08;
export const TCP_ACK = 0x10;

export interface TcpSegment {
  readonly kind: 'tcp';
  readonly srcPort: number;
  readonly dstPort: number;
  readonly seq: number;
  readonly ack: number;
  readonly flags: number;
  readonly window: number;
  /** Raw option bytes (length a multiple of 4). Linux SYNs carry 20 bytes: MSS, SACK-permitted, timestamps, NOP, window scale. */
  readonly options: Uint8Array;
  readonly payload: Uint8Array;
}

export interface UdpDatagram {
  readonly kind: 'udp';
  readonly srcPort: number;
  readonly dstPort: number;
  readonly payload: Uint8Array;
}

/** ICMP (v4) or ICMPv6 echo; the family comes from the enclosing packet. */
export interface IcmpEcho {
  readonly kind: 'icmp';
  readonly type: 'echo-request' | 'echo-reply';
  readonly id: number;
  readonly seq: number;
  readonly payload: Uint8Array;
}

/** ICMP error carrying the start of the offending packet (port unreachable etc.). */
export interface IcmpError {
  readonly kind: 'icmp-error';
  /** ICMPv4 type/code (3/3 = port unreachable) or ICMPv6 (1/4). */
  readonly type: number;
  readonly code: number;
  readonly original: Uint8Array;
}

export interface SctpChunk {
  /** 1 INIT, 2 INIT ACK, 10 COOKIE ECHO, 11 COOKIE ACK, 6 ABORT, 0 DATA, 3 SACK, 7 SHUTDOWN ... */
  readonly type: number;
  readonly flags: number;
  readonly value: Uint8Array;
}

export interface SctpPacket {
  readonly kind: 'sctp';
  readonly srcPort: number;
  readonly dstPort: number;
  readonly verificationTag: number;
  readonly chunks: readonly SctpChunk[];
}

export type L4Segment = TcpSegment | UdpDatagram | IcmpEcho | IcmpError | SctpPacket;

export interface IpPacket {
  readonly src: IpAddr;
  readonly dst: IpAddr;
  readonly ttl: number;
  /** IPv4 identification (ignored for IPv6). */
  readonly id: number;
  readonly l4: L4Segment;
}

/** IANA protocol numbers used in flow keys and `Proto(V)` columns. */
export const PROTO_ICMP = 1;
export const PROTO_TCP = 6;
export const PROTO_UDP = 17;
export const PROTO_SCTP = 132;
export const PROTO_ICMPV6 = 58;

/** Result of `decodePacket` (codec.ts): the record, or a human-readable reason the bytes were refused. */
export type DecodeResult = { readonly kind: 'ok'; readonly packet: IpPacket } | { readonly kind: 'error'; readonly reason: string };
