/**
 * Adapters from the probe applications (ping, UDP, SCTP) to the `ProbeOutcome` a user sees.
 */
import type { IpAddr } from '../../packet/types.js';
import type { HostStack } from '../host-stack.js';
import { startPing } from '../apps/ping.js';
import { startUdpProbe } from '../apps/udp-probe.js';
import { startSctpProbe } from '../apps/sctp-probe.js';
import type { ProbeOutcome } from './types.js';

function elapsedSince(stack: HostStack, startedAt: number): number {
  return Math.floor((stack.loop.now - startedAt) / 1000);
}

export function runPing(
  stack: HostStack,
  to: IpAddr,
  options: { readonly count: number; readonly waitSeconds?: number },
  done: (outcome: ProbeOutcome) => void,
): void {
  const startedAt = stack.loop.now;
  const pingOptions = options.waitSeconds === undefined ? { to, count: options.count } : { to, count: options.count, waitSeconds: options.waitSeconds };
  startPing(stack, pingOptions, (r) =>
    done({
      tool: 'ping',
      outcome: r.kind === 'replies' ? 'success' : 'timeout',
      stdout: r.stdout,
      stderr: r.stderr,
      exitCode: r.exitCode,
      elapsedMs: elapsedSince(stack, startedAt),
    }),
  );
}

export function runUdpProbe(
  stack: HostStack,
  to: IpAddr,
  port: number,
  options: { readonly timeoutSeconds?: number },
  done: (outcome: ProbeOutcome) => void,
): void {
  const startedAt = stack.loop.now;
  const probeOptions = options.timeoutSeconds === undefined ? { to, port } : { to, port, timeoutSeconds: options.timeoutSeconds };
  startUdpProbe(stack, probeOptions, (r) =>
    done({
      tool: 'udp',
      outcome: r.kind === 'ok' ? 'success' : r.kind === 'port-unreachable' ? 'unreachable' : 'timeout',
      stdout: r.stdout,
      stderr: r.stderr,
      exitCode: r.exitCode,
      elapsedMs: elapsedSince(stack, startedAt),
    }),
  );
}

export function runSctpProbe(
  stack: HostStack,
  to: IpAddr,
  port: number,
  options: { readonly timeoutSeconds?: number },
  done: (outcome: ProbeOutcome) => void,
): void {
  const startedAt = stack.loop.now;
  const probeOptions = options.timeoutSeconds === undefined ? { to, port } : { to, port, timeoutSeconds: options.timeoutSeconds };
  startSctpProbe(stack, probeOptions, (r) =>
    done({
      tool: 'sctp',
      outcome: r.kind === 'established' ? 'success' : r.kind === 'aborted' ? 'aborted' : 'timeout',
      stdout: r.stdout,
      stderr: r.stderr,
      exitCode: r.exitCode,
      elapsedMs: elapsedSince(stack, startedAt),
    }),
  );
}
