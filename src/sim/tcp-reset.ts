/**
 * The RST a TCP stack sends for a segment that reached no connection (RFC 9293 §3.10.7.1):
 * seq = the segment's ACK when it has one (then no ACK bit), else ACK = its seq + length (SYN
 * and FIN count one each) with RST|ACK. Guarantees: no options, window 0, no payload, ports
 * swapped; sequence numbers written as unsigned 32-bit values.
 */
import { TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN, type TcpSegment } from '../packet/types.js';

const EMPTY = new Uint8Array(0);

export function resetFor(segment: TcpSegment): TcpSegment {
  // One object literal in the field order of every other segment (no spread: the spread
  // version was the host stack's costliest line, and a second shape made packet reads polymorphic).
  const hasAck = (segment.flags & TCP_ACK) !== 0;
  const length = segment.payload.length + ((segment.flags & TCP_SYN) !== 0 ? 1 : 0) + ((segment.flags & TCP_FIN) !== 0 ? 1 : 0);
  return {
    kind: 'tcp',
    srcPort: segment.dstPort,
    dstPort: segment.srcPort,
    seq: hasAck ? segment.ack >>> 0 : 0,
    ack: hasAck ? 0 : (segment.seq + length) >>> 0,
    flags: hasAck ? TCP_RST : TCP_RST | TCP_ACK,
    window: 0,
    options: EMPTY,
    payload: EMPTY,
  };
}
