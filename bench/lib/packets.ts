/**
 * Prebuilt packet records for benchmarks (built once, reused by the timed loops).
 *
 * Guarantees: records have the shape the host stack emits (TCP with no options or payload
 * unless asked, UDP with an 18-byte payload) and share their empty byte arrays.
 */
import type { IpAddr, IpPacket } from '../../src/packet/types.js';
import { TCP_ACK, TCP_SYN } from '../../src/packet/types.js';

const EMPTY = new Uint8Array(0);
const UDP_PAYLOAD = new Uint8Array(18);

export function tcpPacket(src: IpAddr, dst: IpAddr, sport: number, dport: number, flags: number, seq: number, ack: number, payload: Uint8Array = EMPTY): IpPacket {
  return {
    src, dst, ttl: 64, id: 0,
    l4: { kind: 'tcp', srcPort: sport, dstPort: dport, seq, ack, flags, window: 64240, options: EMPTY, payload },
  };
}

export function synPacket(src: IpAddr, dst: IpAddr, sport: number, dport: number): IpPacket {
  return tcpPacket(src, dst, sport, dport, TCP_SYN, 1000, 0);
}

export function ackPacket(src: IpAddr, dst: IpAddr, sport: number, dport: number, seq: number, ack: number, payload: Uint8Array = EMPTY): IpPacket {
  return tcpPacket(src, dst, sport, dport, TCP_ACK, seq, ack, payload);
}

export function udpPacket(src: IpAddr, dst: IpAddr, sport: number, dport: number): IpPacket {
  return { src, dst, ttl: 64, id: 0, l4: { kind: 'udp', srcPort: sport, dstPort: dport, payload: UDP_PAYLOAD } };
}
