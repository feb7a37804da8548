/**
 * `ncat --sctp -w <timeout> <address> <port>`: set up an association (INIT, INIT ACK,
 * COOKIE ECHO, COOKIE ACK), then close it gracefully with SHUTDOWN. Guarantees: `done` is
 * called exactly once with `established` (`Ncat: Connected to A:P.`, exit 0), `aborted`
 * (ABORT from a port with no listener: `Ncat: Connection refused.`, exit 1) or `timeout`
 * (no association within the timeout, default 5 s; INITs are retransmitted at 3 s, then
 * doubling: `Ncat: TIMEOUT.`, exit 1) or `socket-error` (connect(2) failed at once, e.g.
 * `Ncat: Network is unreachable.` towards an address family the pod has no address of, exit 1).
 */

import type { HostStack } from '../host-stack.js';
import type { IpAddr } from '../../packet/types.js';
import { isSocketError, strerror } from '../socket-error.js';

export interface SctpProbeOptions {
  readonly to: IpAddr;
  readonly port: number;
  readonly timeoutMs?: number;
}

export interface SctpProbeResult {
  readonly kind: 'established' | 'timeout' | 'aborted' | 'socket-error';
  readonly exitCode: 0 | 1;
  readonly stdout: string;
  readonly stderr: string;
  readonly elapsedMs: number;
  readonly initsSent: number;
}

export function startSctpProbe(stack: HostStack, options: SctpProbeOptions, done: (result: SctpProbeResult) => void): void {
  const loop = stack.loop;
  const startUs = loop.now;
  let finished = false;
  const endpoint = options.to.family === 6 ? `[${options.to.text}]` : options.to.text;
  const finish = (kind: SctpProbeResult['kind'], stderr: string): void => {
    if (finished) return;
    finished = true;
    if (timer !== undefined) loop.cancel(timer);
    const initsSent = isSocketError(association) ? 0 : association.initsSent;
    done({ kind, exitCode: kind === 'established' ? 0 : 1, stdout: '', stderr, elapsedMs: Math.floor((loop.now - startUs) / 1000), initsSent });
  };
  const association = stack.connectSctp(options.to, options.port, {
    established: (a) => {
      finish('established', `Ncat: Connected to ${endpoint}:${options.port}.\n`);
      a.shutdown();
    },
    closed: (_a, reason) => {
      if (reason.kind === 'aborted-by-peer') finish('aborted', 'Ncat: Connection refused.\n');
      else if (reason.kind === 'timed-out') finish('timeout', 'Ncat: TIMEOUT.\n');
    },
  });
  let timer: number | undefined;
  if (isSocketError(association)) {
    const stderr = `Ncat: ${strerror(association.errno)}.\n`;
    loop.after(0, () => finish('socket-error', stderr));
    return;
  }
  timer = loop.after((options.timeoutMs ?? 5000) * 1000, () => {
    finish('timeout', 'Ncat: TIMEOUT.\n');
    association.abort();
  });
}
