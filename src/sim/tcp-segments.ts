/**
 * Building the TCP segments a Linux endpoint sends, from the few values that vary.
 * Guarantees: SYN and SYN-ACK carry Linux's 20-byte option block and windows (64240 /
 * 65160); other segments carry the 12-byte timestamp block and the scaled window 502
 * (502 << 7 = 64256 bytes); RSTs carry no options and window 0. Sequence and
 * acknowledgment numbers are written as unsigned 32-bit values.
 */

import { LINUX_SYN_ACK_WINDOW, LINUX_SYN_WINDOW, linuxSynAckOptions, linuxSynOptions, linuxTimestampOptions } from '../packet/linux-tcp-options.js';
import { TCP_ACK, TCP_RST, TCP_SYN, type TcpSegment } from '../packet/types.js';

/** 502 << 7 = 64256 bytes, what Linux advertises after the handshake. */
export const SCALED_WINDOW = 502;
const EMPTY = new Uint8Array(0);

export interface SegmentPorts {
  readonly localPort: number;
  readonly remotePort: number;
}

export function synSegment(localPort: number, remotePort: number, iss: number, tsval: number): TcpSegment {
  return {
    kind: 'tcp',
    srcPort: localPort,
    dstPort: remotePort,
    seq: iss >>> 0,
    ack: 0,
    flags: TCP_SYN,
    window: LINUX_SYN_WINDOW,
    options: linuxSynOptions({ tsval }),
    payload: EMPTY,
  };
}

export function synAckSegment(ports: SegmentPorts, iss: number, ack: number, tsval: number, tsecr: number): TcpSegment {
  return {
    kind: 'tcp',
    srcPort: ports.localPort,
    dstPort: ports.remotePort,
    seq: iss >>> 0,
    ack: ack >>> 0,
    flags: TCP_SYN | TCP_ACK,
    window: LINUX_SYN_ACK_WINDOW,
    options: linuxSynAckOptions({ tsval, tsecr }),
    payload: EMPTY,
  };
}

/** Any segment after the handshake (data, ACK, FIN, RST). */
export function plainSegment(ports: SegmentPorts, flags: number, seq: number, ack: number, tsval: number, tsecr: number, payload: Uint8Array): TcpSegment {
  const reset = (flags & TCP_RST) !== 0;
  return {
    kind: 'tcp',
    srcPort: ports.localPort,
    dstPort: ports.remotePort,
    seq: seq >>> 0,
    ack: ack >>> 0,
    flags,
    window: reset ? 0 : SCALED_WINDOW,
    options: reset ? EMPTY : linuxTimestampOptions(tsval, tsecr),
    payload,
  };
}
