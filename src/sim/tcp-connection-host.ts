/**
 * The contract between a TCP connection and the stack that owns it, and the Linux retry and
 * timing constants the connection applies. Guarantees: a connection sends only through
 * `emit` and tells its stack exactly once, through `release`, that its 4-tuple may be reused.
 */
import type { EventLoop } from './event-loop.js';
import type { IpAddr, TcpSegment } from '../packet/types.js';
import type { TcpConnection } from './tcp-connection.js';

/** SYN retransmissions before connect fails (tcp_syn_retries). */
export const SYN_RETRIES = 6;
/** SYN-ACK retransmissions before a half-open passive connection is dropped (tcp_synack_retries). */
export const SYNACK_RETRIES = 5;
/** Retransmission timeouts of the same data before an established connection fails (tcp_retries2). */
export const DATA_RETRIES = 15;
/** TIME_WAIT duration, µs. */
export const TIME_WAIT_US = 60_000_000;

export interface TcpEndpoints {
  readonly localAddress: IpAddr;
  readonly localPort: number;
  readonly remoteAddress: IpAddr;
  readonly remotePort: number;
}

/** What a connection needs from its stack. */
export interface TcpConnectionHost {
  readonly loop: EventLoop;
  /** Send a segment from the connection's local endpoint to its remote one. */
  emit(connection: TcpEndpoints, segment: TcpSegment): void;
  /** Forget the connection (its 4-tuple may be reused). */
  release(connection: TcpConnection): void;
}
