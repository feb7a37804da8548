/**
 * One-line, tcpdump-like descriptions of packets for traces:
 * `10.47.255.233:42282 > 10.47.255.232:80 TCP [S] seq 1000 len 74`.
 */
import { frameLength } from '../packet/frame.js';
import { TCP_ACK, TCP_FIN, TCP_PSH, TCP_RST, TCP_SYN, type IpPacket } from '../packet/types.js';

function endpoint(addr: string, port: number, v6: boolean): string {
  return v6 ? `[${addr}]:${port}` : `${addr}:${port}`;
}

export function tcpFlagLetters(flags: number): string {
  let s = '';
  if (flags & TCP_SYN) s += 'S';
  if (flags & TCP_FIN) s += 'F';
  if (flags & TCP_RST) s += 'R';
  if (flags & TCP_PSH) s += 'P';
  if (flags & TCP_ACK) s += '.';
  return s;
}

export function describePacket(p: IpPacket): string {
  const v6 = p.src.family === 6;
  const len = frameLength(p);
  const l4 = p.l4;
  switch (l4.kind) {
    case 'tcp':
      return `${endpoint(p.src.text, l4.srcPort, v6)} > ${endpoint(p.dst.text, l4.dstPort, v6)} TCP [${tcpFlagLetters(l4.flags)}] len ${len}`;
    case 'udp':
      return `${endpoint(p.src.text, l4.srcPort, v6)} > ${endpoint(p.dst.text, l4.dstPort, v6)} UDP len ${len}`;
    case 'sctp':
      return `${endpoint(p.src.text, l4.srcPort, v6)} > ${endpoint(p.dst.text, l4.dstPort, v6)} SCTP [${l4.chunks.map((c) => sctpChunkName(c.type)).join(',')}] len ${len}`;
    case 'icmp':
      return `${p.src.text} > ${p.dst.text} ${v6 ? 'ICMPv6' : 'ICMP'} ${l4.type} id ${l4.id} seq ${l4.seq} len ${len}`;
    case 'icmp-error':
      return `${p.src.text} > ${p.dst.text} ${v6 ? 'ICMPv6' : 'ICMP'} error type ${l4.type} code ${l4.code} len ${len}`;
  }
}

function sctpChunkName(type: number): string {
  switch (type) {
    case 0: return 'DATA';
    case 1: return 'INIT';
    case 2: return 'INIT_ACK';
    case 3: return 'SACK';
    case 6: return 'ABORT';
    case 7: return 'SHUTDOWN';
    case 8: return 'SHUTDOWN_ACK';
    case 10: return 'COOKIE_ECHO';
    case 11: return 'COOKIE_ACK';
    case 14: return 'SHUTDOWN_COMPLETE';
    default: return `chunk${type}`;
  }
}
