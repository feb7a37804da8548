/**
 * The errors a Linux socket call returns at once, before any packet leaves, as values: no
 * route for the destination's address family (ENETUNREACH, e.g. an IPv4-only pod connecting
 * to an IPv6 address), no free ephemeral port for a TCP connect (EADDRNOTAVAIL, from
 * __inet_hash_connect), no free port to autobind a UDP or SCTP socket (EAGAIN). Applications
 * print them with glibc's strerror text, as curl's Curl_strerror and ncat do.
 */

export type SocketErrno = 'ENETUNREACH' | 'EADDRNOTAVAIL' | 'EAGAIN';

export interface SocketError {
  readonly kind: 'socket-error';
  readonly errno: SocketErrno;
}

/** glibc's strerror(3) texts. */
const STRERROR: Record<SocketErrno, string> = {
  ENETUNREACH: 'Network is unreachable',
  EADDRNOTAVAIL: 'Cannot assign requested address',
  EAGAIN: 'Resource temporarily unavailable',
};

export function socketError(errno: SocketErrno): SocketError {
  return { kind: 'socket-error', errno };
}

export function strerror(errno: SocketErrno): string {
  return STRERROR[errno];
}

export function isSocketError(value: object): value is SocketError {
  return (value as Partial<SocketError>).kind === 'socket-error';
}
