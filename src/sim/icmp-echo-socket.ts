/**
 * What a ping program sees of ICMP/ICMPv6 echo: a socket with an echo identifier that sends
 * requests and hears the replies carrying that identifier. Guarantees: replies are matched
 * by identifier and peer address; no callback runs after `close()`.
 */

import type { IpAddr } from '../packet/types.js';
import type { SocketError } from './socket-error.js';

export interface IcmpEchoSocket {
  readonly identifier: number;
  /** An ENETUNREACH value (nothing sent) towards a family the stack has no address of. */
  sendRequest(to: IpAddr, sequence: number, payload: Uint8Array): SocketError | undefined;
  close(): void;
}

export interface IcmpEchoHandlers {
  readonly reply: (from: IpAddr, sequence: number, ttl: number, payload: Uint8Array) => void;
}
