/**
 * `curl [-m N] http://ip[:port][/path]` as curl 7.29 (CentOS 7, the book's lab) behaves:
 * one HTTP/1.1 GET, the body read by Content-Length, then the connection closed with FIN.
 * Guarantees: `done` is called exactly once, asynchronously, with what the user sees —
 * stdout (the body), stderr (curl's error line, newline-terminated) and the exit code:
 * 0 success; 28 when `-m` expires (`Connection timed out after N milliseconds` before the
 * handshake completed, `Operation timed out after N milliseconds with X out of Y bytes
 * received` after); 7 when the connection is refused, the kernel gives up on SYNs (127 s) or
 * connect(2) fails at once (`Network is unreachable` towards an address family the pod has
 * no address of, `Cannot assign requested address` when no ephemeral port is free: lib/connect.c
 * prints "Failed to connect to %s port %ld: %s" with Curl_strerror of the errno); 52 empty
 * reply, 56 reset/timeout while receiving, 18 short body; 3 bad URL.
 * A host name is first resolved through the stack's resolv.conf (glibc's stub resolver, a real
 * DNS query through the dataplane): 6 `Could not resolve host: NAME; Name or service not
 * known` when the name does not exist, `...; Unknown error` when the name server never
 * answered (curl 7.29's text for EAI_AGAIN), 28 `Resolving timed out after N milliseconds`
 * when `-m` expires first.
 * N is virtual elapsed milliseconds, so `-m 5` prints exactly 5000.
 */

import type { HostStack } from '../host-stack.js';
import type { TcpSocket } from '../tcp-socket.js';
import { isSocketError, strerror, type SocketErrno } from '../socket-error.js';
import { HttpResponseParser, bytesText, curlRequest } from './http-message.js';
import { hostAddress, splitHttpUrl } from './url.js';
import { startResolve, type Resolution, type ResolvConf } from './dns-resolver.js';
import type { IpAddr } from '../../packet/types.js';

export interface CurlOptions {
  readonly url: string;
  /** `-m`: maximum time for the whole operation. */
  readonly maxTimeSeconds?: number;
  /** The stack's resolv.conf; without one a host name cannot be resolved (exit 6 at once). */
  readonly resolvConf?: ResolvConf;
}

interface CurlOutput {
  readonly stdout: string;
  readonly stderr: string;
  readonly elapsedMs: number;
  /** SYN transmissions of the connection attempt (0 if none was made). */
  readonly synsSent: number;
}

export type CurlResult =
  | (CurlOutput & { readonly kind: 'ok'; readonly exitCode: 0; readonly httpStatus: number })
  | (CurlOutput & { readonly kind: 'timeout'; readonly exitCode: 28; readonly phase: 'connect' | 'transfer' })
  | (CurlOutput & { readonly kind: 'connect-failed'; readonly exitCode: 7; readonly reason: 'refused' | 'timed-out' | SocketErrno })
  | (CurlOutput & { readonly kind: 'transfer-failed'; readonly exitCode: 18 | 52 | 56; readonly reason: 'empty-reply' | 'reset' | 'timed-out' | 'short-body' })
  | (CurlOutput & { readonly kind: 'bad-url'; readonly exitCode: number });

export function startCurl(stack: HostStack, options: CurlOptions, done: (result: CurlResult) => void): void {
  const loop = stack.loop;
  const startedAt = loop.now;
  const elapsedMs = (): number => Math.floor((loop.now - startedAt) / 1000);
  let finished = false;
  let deadline: number | undefined;
  let socket: TcpSocket | undefined;
  const finish = (result: CurlResult): void => {
    if (finished) return;
    finished = true;
    if (deadline !== undefined) loop.cancel(deadline);
    loop.after(0, () => done(result));
  };
  const output = (stderr: string, stdout = ''): CurlOutput => ({ stdout, stderr, elapsedMs: elapsedMs(), synsSent: socket?.synsSent ?? 0 });

  const parsed = splitHttpUrl(options.url);
  if (parsed.kind === 'error') {
    finish({ kind: 'bad-url', exitCode: parsed.exitCode, ...output(`curl: (${parsed.exitCode}) ${parsed.message}\n`) });
    return;
  }
  const url = parsed.parts;
  const target = `${url.host} port ${url.port}`;
  const parser = new HttpResponseParser();
  let connected = false;
  let bytesReceived = 0;
  let resolution: Resolution | undefined;
  const literal = hostAddress(url.host);

  const connect = (address: IpAddr): void => {
  const connecting = stack.connectTcp(address, url.port, {
    connected: (s) => {
      connected = true;
      s.write(curlRequest(url.path, url.hostHeader));
    },
    data: (s, bytes) => {
      bytesReceived += bytes.length;
      parser.push(bytes);
      const step = parser.next();
      if (step.kind === 'incomplete') return;
      s.close();
      if (step.kind === 'malformed') {
        finish({ kind: 'transfer-failed', exitCode: 56, reason: 'reset', ...output(`curl: (56) Failure when receiving data from the peer\n`) });
        return;
      }
      finish({ kind: 'ok', exitCode: 0, httpStatus: step.message.status, ...output('', bytesText(step.message.body)) });
    },
    peerClosed: (s) => {
      s.close();
      if (bytesReceived === 0) {
        finish({ kind: 'transfer-failed', exitCode: 52, reason: 'empty-reply', ...output('curl: (52) Empty reply from server\n') });
      } else {
        const remaining = Math.max(0, parser.expectedBodyBytes - parser.bodyBytesReceived);
        finish({ kind: 'transfer-failed', exitCode: 18, reason: 'short-body', ...output(`curl: (18) transfer closed with ${remaining} bytes remaining to read\n`) });
      }
    },
    closed: (_s, reason) => {
      switch (reason.kind) {
        case 'refused':
          finish({ kind: 'connect-failed', exitCode: 7, reason: 'refused', ...output(`curl: (7) Failed to connect to ${target}: Connection refused\n`) });
          return;
        case 'timed-out':
          if (reason.phase === 'connect') {
            finish({ kind: 'connect-failed', exitCode: 7, reason: 'timed-out', ...output(`curl: (7) Failed to connect to ${target}: Connection timed out\n`) });
          } else {
            finish({ kind: 'transfer-failed', exitCode: 56, reason: 'timed-out', ...output('curl: (56) Recv failure: Connection timed out\n') });
          }
          return;
        case 'reset':
          finish({ kind: 'transfer-failed', exitCode: 56, reason: 'reset', ...output('curl: (56) Recv failure: Connection reset by peer\n') });
          return;
        case 'closed':
        case 'aborted':
          return;
      }
    },
  });
  if (isSocketError(connecting)) {
    const errno = connecting.errno;
    finish({ kind: 'connect-failed', exitCode: 7, reason: errno, ...output(`curl: (7) Failed to connect to ${target}: ${strerror(errno)}\n`) });
    return;
  }
  socket = connecting;
  };

  if (literal !== undefined) {
    connect(literal);
  } else if (options.resolvConf === undefined) {
    finish({ kind: 'bad-url', exitCode: 6, ...output(`curl: (6) Could not resolve host: ${url.host}; Name or service not known\n`) });
    return;
  } else {
    resolution = startResolve(stack, options.resolvConf, url.host, (r) => {
      resolution = undefined;
      if (finished) return;
      if (r.kind === 'ok') connect(r.address);
      else {
        const why = r.kind === 'not-found' ? 'Name or service not known' : 'Unknown error';
        finish({ kind: 'bad-url', exitCode: 6, ...output(`curl: (6) Could not resolve host: ${url.host}; ${why}\n`) });
      }
    });
  }

  if (options.maxTimeSeconds !== undefined) {
    deadline = loop.after(Math.round(options.maxTimeSeconds * 1_000_000), () => {
      deadline = undefined;
      const ms = elapsedMs();
      if (resolution !== undefined) {
        resolution.cancel();
        resolution = undefined;
        finish({ kind: 'timeout', exitCode: 28, phase: 'connect', ...output(`curl: (28) Resolving timed out after ${ms} milliseconds\n`) });
        return;
      }
      const result: CurlResult = connected
        ? {
            kind: 'timeout',
            exitCode: 28,
            phase: 'transfer',
            ...output(`curl: (28) Operation timed out after ${ms} milliseconds with ${parser.bodyBytesReceived} out of ${parser.expectedBodyBytes} bytes received\n`),
          }
        : { kind: 'timeout', exitCode: 28, phase: 'connect', ...output(`curl: (28) Connection timed out after ${ms} milliseconds\n`) };
      finish(result);
      socket?.close();
    });
  }
}
