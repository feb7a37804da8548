/**
 * What applications see of TCP: a socket they write to and close, and the callbacks through
 * which the stack reports connection events. Guarantees: `closed` is reported exactly once
 * per socket, last, with the reason the connection ended; no callback runs after it.
 */

import type { IpAddr } from '../packet/types.js';

/** RFC 9293 connection states (LISTEN is a listener, not a connection). */
export type TcpState =
  | 'syn-sent'
  | 'syn-received'
  | 'established'
  | 'fin-wait-1'
  | 'fin-wait-2'
  | 'closing'
  | 'time-wait'
  | 'close-wait'
  | 'last-ack'
  | 'closed';

/** Why a connection ended, in the terms of the errno an application would get. */
export type TcpCloseReason =
  /** Both directions finished with FIN (or the application closed before connecting). */
  | { readonly kind: 'closed' }
  /** ECONNREFUSED: the SYN was answered with RST. */
  | { readonly kind: 'refused' }
  /** ECONNRESET: an RST arrived on a synchronized connection. */
  | { readonly kind: 'reset' }
  /** ETIMEDOUT: SYN retries (connect) or data retransmissions (established) exhausted. */
  | { readonly kind: 'timed-out'; readonly phase: 'connect' | 'established' }
  /** The local application aborted the connection (sent RST or dropped it). */
  | { readonly kind: 'aborted' };

export interface TcpSocketHandlers {
  /** The three-way handshake completed (client: SYN-ACK received; server: final ACK). */
  readonly connected?: (socket: TcpSocket) => void;
  /** In-order bytes from the peer. */
  readonly data?: (socket: TcpSocket, bytes: Uint8Array) => void;
  /** The peer sent FIN: no more data will arrive (the socket may still write). */
  readonly peerClosed?: (socket: TcpSocket) => void;
  /** The connection is over; reported once, last. */
  readonly closed?: (socket: TcpSocket, reason: TcpCloseReason) => void;
}

export interface TcpSocket {
  readonly localAddress: IpAddr;
  readonly localPort: number;
  readonly remoteAddress: IpAddr;
  readonly remotePort: number;
  readonly state: TcpState;
  /** SYN transmissions so far (1 + retransmissions) for an actively opened socket. */
  readonly synsSent: number;
  /** Queue bytes for sending (segmented at the MSS). Ignored once the socket is closing. */
  write(bytes: Uint8Array): void;
  /** Graceful close: FIN after queued data. Before the handshake completes it just drops the attempt. */
  close(): void;
  /** Abortive close: RST to the peer if synchronized, then forget the connection. */
  abort(): void;
}

/** A listening application: gives the handlers for each connection accepted on its port. */
export interface TcpServerApp {
  accept(socket: TcpSocket): TcpSocketHandlers;
}
