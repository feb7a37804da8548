/**
 * What applications see of UDP: a bound socket and the callbacks for datagrams and for ICMP
 * port-unreachable errors about datagrams the socket sent (Linux reports the latter as
 * ECONNREFUSED on the next receive). Guarantees: no callback runs after `close()`; a connected
 * socket hears only its peer's datagrams and errors about datagrams to its peer.
 */

import type { IpAddr } from '../packet/types.js';
import type { SocketError } from './socket-error.js';

export interface UdpSocketHandlers {
  readonly datagram?: (socket: UdpSocket, from: IpAddr, fromPort: number, payload: Uint8Array) => void;
  /** An ICMP (v4 3/3, v6 1/4) port unreachable, sent by `reporter`, came back for a datagram sent to `to`:`toPort`. */
  readonly portUnreachable?: (socket: UdpSocket, to: IpAddr, toPort: number, reporter: IpAddr) => void;
}

export interface UdpSocket {
  readonly localPort: number;
  /** sendto(2): an ENETUNREACH value (nothing sent) towards a family the stack has no address of. */
  send(to: IpAddr, toPort: number, payload: Uint8Array): SocketError | undefined;
  close(): void;
}
