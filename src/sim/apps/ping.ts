/**
 * `ping -c N [-W secs] <address>` with iputils' output, on the virtual clock. Guarantees:
 * requests leave every `intervalMs` (1 s) with 56 data bytes (84-byte IPv4 packets); each reply
 * prints `64 bytes from A: icmp_seq=S ttl=T time=X ms` with iputils' precision (3 decimals
 * below 1 ms, 2 below 10 ms, 1 below 100 ms); the run ends when every request is answered or
 * `waitSeconds` after the last request; the summary has iputils' lines and integer-µs
 * statistics (min/avg/max/mdev); exit code 0 if any reply arrived, else 1. `time` in the
 * summary is the span from the first to the last transmission. Towards an address family the
 * stack has no address of, iputils' first-hop connect(2) fails before anything is printed:
 * `ping: connect: Network is unreachable` on stderr, exit 2 (error(2, errno, "connect")).
 */

import type { HostStack } from '../host-stack.js';
import type { IpAddr } from '../../packet/types.js';
import { strerror } from '../socket-error.js';

export interface PingOptions {
  readonly to: IpAddr;
  readonly count: number;
  /** `-W`: how long to wait for replies after the last request (default 1 s). */
  readonly waitSeconds?: number;
  readonly intervalMs?: number;
}

export interface PingResult {
  readonly kind: 'replies' | 'no-reply' | 'socket-error';
  readonly exitCode: 0 | 1 | 2;
  readonly stdout: string;
  readonly stderr: string;
  readonly transmitted: number;
  readonly received: number;
  /** Round-trip times in µs, in arrival order. */
  readonly rttsUs: readonly number[];
  readonly elapsedMs: number;
}

const DATA_BYTES = 56;

/** iputils' reply time: `%ld.%03ld` below 1 ms, fewer decimals as it grows. */
export function formatReplyTime(rttUs: number): string {
  if (rttUs >= 100_000) return `${Math.floor(rttUs / 1000)}`;
  if (rttUs >= 10_000) return `${Math.floor(rttUs / 1000)}.${Math.floor((rttUs % 1000) / 100)}`;
  if (rttUs >= 1000) return `${Math.floor(rttUs / 1000)}.${String(Math.floor((rttUs % 1000) / 10)).padStart(2, '0')}`;
  return `0.${String(rttUs).padStart(3, '0')}`;
}

function millis(us: number): string {
  return `${Math.floor(us / 1000)}.${String(us % 1000).padStart(3, '0')}`;
}

/** The `rtt min/avg/max/mdev` line from integer µs samples, as iputils computes it. */
export function rttSummary(rttsUs: readonly number[]): string {
  const n = rttsUs.length;
  let min = Infinity;
  let max = -Infinity;
  for (const r of rttsUs) {
    if (r < min) min = r;
    if (r > max) max = r;
  }
  const avg = Math.floor(rttsUs.reduce((sum, r) => sum + r, 0) / n);
  const meanSquare = Math.floor(rttsUs.reduce((sum, r) => sum + r * r, 0) / n);
  const mdev = Math.floor(Math.sqrt(Math.max(0, meanSquare - avg * avg)));
  return `rtt min/avg/max/mdev = ${millis(min)}/${millis(avg)}/${millis(max)}/${millis(mdev)} ms`;
}

function echoPayload(sentAtUs: number): Uint8Array {
  const payload = new Uint8Array(DATA_BYTES);
  for (let i = 0; i < DATA_BYTES; i++) payload[i] = i;
  const view = new DataView(payload.buffer);
  view.setBigUint64(0, BigInt(Math.floor(sentAtUs / 1_000_000)), true); // struct timeval, as iputils
  view.setBigUint64(8, BigInt(sentAtUs % 1_000_000), true);
  return payload;
}

export function startPing(stack: HostStack, options: PingOptions, done: (result: PingResult) => void): void {
  const loop = stack.loop;
  if (stack.sourceAddressFor(options.to) === undefined) {
    const stderr = `ping: connect: ${strerror('ENETUNREACH')}\n`;
    loop.after(0, () => done({ kind: 'socket-error', exitCode: 2, stdout: '', stderr, transmitted: 0, received: 0, rttsUs: [], elapsedMs: 0 }));
    return;
  }
  const target = options.to.text;
  const intervalUs = (options.intervalMs ?? 1000) * 1000;
  const waitUs = Math.round((options.waitSeconds ?? 1) * 1_000_000);
  const lines: string[] = [
    options.to.family === 4 ? `PING ${target} (${target}) ${DATA_BYTES}(${DATA_BYTES + 28}) bytes of data.` : `PING ${target}(${target}) ${DATA_BYTES} data bytes`,
  ];
  const sentAt = new Map<number, number>();
  const rtts: number[] = [];
  let transmitted = 0;
  let finished = false;
  let lastSendUs = loop.now;
  const startUs = loop.now;
  let lingerTimer: number | undefined;

  const finish = (): void => {
    if (finished) return;
    finished = true;
    socket.close();
    if (lingerTimer !== undefined) loop.cancel(lingerTimer);
    const received = rtts.length;
    const loss = transmitted === 0 ? 0 : Math.floor((100 * (transmitted - received)) / transmitted); // integer %, as iputils
    const spanMs = Math.floor((lastSendUs - startUs) / 1000);
    lines.push('', `--- ${target} ping statistics ---`, `${transmitted} packets transmitted, ${received} received, ${loss}% packet loss, time ${spanMs}ms`);
    if (received > 0) lines.push(rttSummary(rtts));
    const stdout = lines.map((line) => `${line}\n`).join('');
    const elapsedMs = Math.floor((loop.now - startUs) / 1000);
    done({ kind: received > 0 ? 'replies' : 'no-reply', exitCode: received > 0 ? 0 : 1, stdout, stderr: '', transmitted, received, rttsUs: rtts, elapsedMs });
  };

  const socket = stack.openIcmpEcho({
    reply: (from, sequence, ttl) => {
      const sent = sentAt.get(sequence);
      if (finished || from !== options.to || sent === undefined) return;
      sentAt.delete(sequence);
      const rtt = loop.now - sent;
      rtts.push(rtt);
      const prefix = `${DATA_BYTES + 8} bytes from ${target}: icmp_seq=${sequence} ttl=${ttl} time=${formatReplyTime(rtt)} ms`;
      lines.push(prefix);
      if (transmitted === options.count && sentAt.size === 0) finish();
    },
  });

  const sendNext = (): void => {
    if (finished) return;
    transmitted += 1;
    lastSendUs = loop.now;
    sentAt.set(transmitted, loop.now);
    socket.sendRequest(options.to, transmitted, echoPayload(loop.now));
    if (transmitted < options.count) loop.after(intervalUs, sendNext);
    else lingerTimer = loop.after(waitUs, finish);
  };
  loop.after(0, sendNext);
}
