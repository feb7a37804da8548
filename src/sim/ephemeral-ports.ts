/**
 * Ephemeral (local) port allocation like Linux's ip_local_port_range 32768-60999: a start
 * chosen by the stack's PRNG, then sequential with wrap-around, skipping ports in use and
 * the reserved ones (Linux's ip_local_reserved_ports: never chosen automatically).
 * Guarantees: deterministic for a given PRNG stream; never returns a port the caller reports
 * as in use nor a reserved one; `allocate` returns undefined only when every port of the range
 * is taken or reserved (Linux's EADDRNOTAVAIL), so callers decide how that looks to a user.
 */

import type { Prng } from './prng.js';

export const EPHEMERAL_LOW = 32768;
export const EPHEMERAL_HIGH = 60999;
export const EPHEMERAL_RANGE = EPHEMERAL_HIGH - EPHEMERAL_LOW + 1;
const RANGE = EPHEMERAL_RANGE;

export class EphemeralPorts {
  private offset: number;
  private reserved: ReadonlySet<number> = new Set();

  constructor(random: Prng) {
    this.offset = random.nextInt(RANGE);
  }

  /** Ports automatic assignment never picks (replaces the previous set). */
  reserve(ports: ReadonlySet<number>): void {
    this.reserved = ports;
  }

  /** The next candidate in allocation order, reserved ports skipped, or -1 when all are reserved (callers skip the ones in use; see `allocate`). */
  next(): number {
    return this.allocate(() => false) ?? -1;
  }

  /** The next port neither reserved nor `inUse`, or undefined when there is none. */
  allocate(inUse: (port: number) => boolean): number | undefined {
    const reserved = this.reserved;
    for (let tried = 0; tried < RANGE; tried++) {
      const port = EPHEMERAL_LOW + this.offset;
      this.offset = this.offset + 1 === RANGE ? 0 : this.offset + 1;
      if (!reserved.has(port) && !inUse(port)) return port;
    }
    return undefined;
  }
}
