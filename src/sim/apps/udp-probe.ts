/**
 * `echo <payload> | ncat -u -w <timeout> <address> <port>` against an echo server: one
 * datagram, then wait for the echo. Guarantees: `done` is called exactly once with
 * `ok` (stdout = the echoed payload), `port-unreachable` (an ICMP port unreachable came back:
 * `Ncat: Connection refused.`, exit 1) or `timeout` (nothing within the timeout:
 * `Ncat: TIMEOUT.`, exit 1 — ncat's wording for an expired -w wait) or `socket-error` (the
 * connect(2) failed at once, e.g. `Ncat: Network is unreachable.` from an IPv4-only pod to an
 * IPv6 address, exit 1: ncat prints socket_strerror of the errno).
 */

import type { HostStack } from '../host-stack.js';
import type { IpAddr } from '../../packet/types.js';
import { bytesText, textBytes } from './http-message.js';
import { isSocketError, strerror } from '../socket-error.js';

export interface UdpProbeOptions {
  readonly to: IpAddr;
  readonly port: number;
  /** Default `hello\n`. */
  readonly payload?: string;
  /** Default 5 s. */
  readonly timeoutMs?: number;
}

export interface UdpProbeResult {
  readonly kind: 'ok' | 'timeout' | 'port-unreachable' | 'socket-error';
  readonly exitCode: 0 | 1;
  readonly stdout: string;
  readonly stderr: string;
  readonly elapsedMs: number;
}

export function startUdpProbe(stack: HostStack, options: UdpProbeOptions, done: (result: UdpProbeResult) => void): void {
  const loop = stack.loop;
  const startUs = loop.now;
  let finished = false;
  const finish = (kind: UdpProbeResult['kind'], stdout: string, stderr: string): void => {
    if (finished) return;
    finished = true;
    if (timer !== undefined) loop.cancel(timer);
    if (!isSocketError(socket)) socket.close();
    done({ kind, exitCode: kind === 'ok' ? 0 : 1, stdout, stderr, elapsedMs: Math.floor((loop.now - startUs) / 1000) });
  };
  // ncat -u connects its socket: only the peer's datagrams and errors about them reach it.
  const socket = stack.connectUdp(options.to, options.port, {
    datagram: (_s, _from, _fromPort, payload) => finish('ok', bytesText(payload), ''),
    portUnreachable: () => finish('port-unreachable', '', 'Ncat: Connection refused.\n'),
  });
  let timer: number | undefined;
  if (isSocketError(socket)) {
    const stderr = `Ncat: ${strerror(socket.errno)}.\n`;
    loop.after(0, () => finish('socket-error', '', stderr));
    return;
  }
  timer = loop.after((options.timeoutMs ?? 5000) * 1000, () => finish('timeout', '', 'Ncat: TIMEOUT.\n'));
  socket.send(options.to, options.port, textBytes(options.payload ?? 'hello\n'));
}
