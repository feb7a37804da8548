/**
 * The course demo's client: sends `GET` to a server (TCP 8888 there) every interval and
 * logs whether a response came back — so a check can say "us-west stops getting responses
 * between t1 and t2". Guarantees: one tick per interval starting immediately, each recorded
 * with its send time and the time its response arrived (or null). With `keepAlive` all
 * requests share one persistent connection (requests are pipelined if an earlier one is
 * still outstanding; responses are matched in order) and a broken connection is replaced at
 * the next tick; without it every tick opens a fresh connection, closed after its response
 * or abandoned after `requestTimeoutMs`. A connect(2) that fails at once (no route for the
 * address family, no free ephemeral port) leaves that tick without a response and counts in
 * `connectErrors`; the poller keeps ticking, as a shell loop of curls would.
 */

import type { HostStack } from '../host-stack.js';
import type { TcpSocket } from '../tcp-socket.js';
import { isSocketError, type SocketErrno } from '../socket-error.js';
import { HttpResponseParser, curlRequest } from './http-message.js';
import { parseHttpUrl } from './url.js';

export interface HttpPollerOptions {
  readonly url: string;
  readonly keepAlive: boolean;
  readonly intervalMs?: number;
  /** Fresh-connection mode only: give up on a tick's connection after this long (default 10 s). */
  readonly requestTimeoutMs?: number;
}

export interface PollerTick {
  readonly sentAtMs: number;
  /** When the response arrived, or null if none did (yet). */
  readonly respondedAtMs: number | null;
}

export interface HttpPoller {
  ticks(): readonly PollerTick[];
  /** Connections opened so far (1 for a healthy keep-alive poller). */
  connectionsOpened(): number;
  /** Ticks whose connect(2) failed at once, by errno. */
  connectErrors(): Readonly<Partial<Record<SocketErrno, number>>>;
  stop(): void;
}

interface MutableTick {
  sentAtMs: number;
  respondedAtMs: number | null;
}

export function startHttpPoller(stack: HostStack, options: HttpPollerOptions): HttpPoller {
  const parsed = parseHttpUrl(options.url);
  if (parsed.kind === 'error') throw new Error(`http poller: bad URL ${JSON.stringify(options.url)}: ${parsed.message}`);
  const url = parsed.url;
  const loop = stack.loop;
  const intervalUs = (options.intervalMs ?? 1000) * 1000;
  const requestTimeoutUs = (options.requestTimeoutMs ?? 10_000) * 1000;
  const ticks: MutableTick[] = [];
  let opened = 0;
  const errors: Partial<Record<SocketErrno, number>> = {};
  let stopped = false;
  let timer: number | undefined;
  const nowMs = (): number => loop.now / 1000;
  const request = curlRequest(url.path, url.hostHeader);

  /** Opens a connection whose responses complete `waiting` ticks in order; undefined when connect(2) failed. */
  const open = (waiting: MutableTick[], onGone: () => void, closeAfterResponse: boolean): TcpSocket | undefined => {
    const parser = new HttpResponseParser();
    const socket = stack.connectTcp(url.address, url.port, {
      data: (socket, bytes) => {
        parser.push(bytes);
        for (let step = parser.next(); step.kind === 'message'; step = parser.next()) {
          const tick = waiting.shift();
          if (tick !== undefined) tick.respondedAtMs = nowMs();
          if (closeAfterResponse) socket.close();
        }
      },
      peerClosed: (s) => s.close(),
      closed: () => onGone(),
    });
    if (isSocketError(socket)) {
      errors[socket.errno] = (errors[socket.errno] ?? 0) + 1;
      return undefined;
    }
    opened += 1;
    return socket;
  };

  let persistent: { socket: TcpSocket; waiting: MutableTick[] } | undefined;
  const tickKeepAlive = (tick: MutableTick): void => {
    if (persistent === undefined) {
      const waiting: MutableTick[] = [];
      const connection = { socket: undefined as unknown as TcpSocket, waiting };
      const socket = open(waiting, () => {
        if (persistent === connection) persistent = undefined;
      }, false);
      if (socket === undefined) return;
      connection.socket = socket;
      persistent = connection;
    }
    persistent.waiting.push(tick);
    persistent.socket.write(request);
  };

  const tickFresh = (tick: MutableTick): void => {
    let giveUp: number | undefined;
    const socket = open([tick], () => {
      if (giveUp !== undefined) loop.cancel(giveUp);
    }, true);
    if (socket === undefined) return;
    giveUp = loop.after(requestTimeoutUs, () => socket.close());
    socket.write(request);
  };

  const tick = (): void => {
    if (stopped) return;
    const entry: MutableTick = { sentAtMs: nowMs(), respondedAtMs: null };
    ticks.push(entry);
    if (options.keepAlive) tickKeepAlive(entry);
    else tickFresh(entry);
    timer = loop.after(intervalUs, tick);
  };
  timer = loop.after(0, tick);

  return {
    ticks: () => ticks.map((t) => ({ sentAtMs: t.sentAtMs, respondedAtMs: t.respondedAtMs })),
    connectionsOpened: () => opened,
    connectErrors: () => ({ ...errors }),
    stop: () => {
      stopped = true;
      if (timer !== undefined) loop.cancel(timer);
      persistent?.socket.close();
      persistent = undefined;
    },
  };
}
