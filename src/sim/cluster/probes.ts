/**
 * Adapters from the probe applications (ping, UDP, SCTP) to the `ProbeOutcome` a user sees.
 */
import type { IpAddr } from '../../packet/types.js';
import type { HostStack } from '../host-stack.js';
import { startPing } from '../apps/ping.js';
import { startUdpProbe } from '../apps/udp-probe.js';
import { startSctpProbe } from '../apps/sctp-probe.js';
import type { ProbeOutcome } from './types.js';

interface AppOutput {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

/** Calls `done` with the app's output, how it ended, and the virtual time it took. */
function reporter<R extends AppOutput>(
  stack: HostStack,
  tool: ProbeOutcome['tool'],
  classify: (result: R) => ProbeOutcome['outcome'],
  done: (outcome: ProbeOutcome) => void,
): (result: R) => void {
  const startedAt = stack.loop.now;
  return (r) =>
    done({
      tool,
      outcome: classify(r),
      stdout: r.stdout,
      stderr: r.stderr,
      exitCode: r.exitCode,
      elapsedMs: Math.floor((stack.loop.now - startedAt) / 1000),
    });
}

/** Seconds as the apps' whole milliseconds (undefined stays undefined: the app's default). */
function millisecondsOf(seconds: number | undefined): number | undefined {
  return seconds === undefined ? undefined : Math.round(seconds * 1000);
}

/** The app options with an optional field only when it was given. */
function withOptional<T extends object, K extends string>(base: T, key: K, value: number | undefined): T & Partial<Record<K, number>> {
  return value === undefined ? base : { ...base, [key]: value };
}

export function runPing(
  stack: HostStack,
  to: IpAddr,
  options: { readonly count: number; readonly waitSeconds?: number },
  done: (outcome: ProbeOutcome) => void,
): void {
  startPing(stack, withOptional({ to, count: options.count }, 'waitSeconds', options.waitSeconds),
    reporter(stack, 'ping', (r) => (r.kind === 'replies' ? 'success' : r.kind === 'socket-error' ? 'unreachable' : 'timeout'), done));
}

export function runUdpProbe(
  stack: HostStack,
  to: IpAddr,
  port: number,
  options: { readonly timeoutSeconds?: number },
  done: (outcome: ProbeOutcome) => void,
): void {
  startUdpProbe(stack, withOptional({ to, port }, 'timeoutMs', millisecondsOf(options.timeoutSeconds)),
    reporter(stack, 'udp', (r) => (r.kind === 'ok' ? 'success' : r.kind === 'port-unreachable' || r.kind === 'socket-error' ? 'unreachable' : 'timeout'), done));
}

export function runSctpProbe(
  stack: HostStack,
  to: IpAddr,
  port: number,
  options: { readonly timeoutSeconds?: number },
  done: (outcome: ProbeOutcome) => void,
): void {
  startSctpProbe(stack, withOptional({ to, port }, 'timeoutMs', millisecondsOf(options.timeoutSeconds)),
    reporter(stack, 'sctp', (r) => (r.kind === 'established' ? 'success' : r.kind === 'aborted' ? 'aborted' : r.kind === 'socket-error' ? 'unreachable' : 'timeout'), done));
}
