/**
 * Ephemeral (local) port allocation like Linux's ip_local_port_range 32768-60999: a start
 * chosen by the stack's PRNG, then sequential with wrap-around, skipping ports in use.
 * Guarantees: deterministic for a given PRNG stream; never returns a port the caller reports
 * as in use; throws an invariant error only when all 28232 ports are taken.
 */

import type { Prng } from './prng.js';

export const EPHEMERAL_LOW = 32768;
export const EPHEMERAL_HIGH = 60999;
export const EPHEMERAL_RANGE = EPHEMERAL_HIGH - EPHEMERAL_LOW + 1;
const RANGE = EPHEMERAL_RANGE;

export class EphemeralPorts {
  private offset: number;

  constructor(random: Prng) {
    this.offset = random.nextInt(RANGE);
  }

  /** The next candidate in allocation order (callers skip the ones in use; see `allocate`). */
  next(): number {
    const port = EPHEMERAL_LOW + this.offset;
    this.offset = this.offset + 1 === RANGE ? 0 : this.offset + 1;
    return port;
  }

  allocate(inUse: (port: number) => boolean): number {
    for (let tried = 0; tried < RANGE; tried++) {
      const port = EPHEMERAL_LOW + this.offset;
      this.offset = (this.offset + 1) % RANGE;
      if (!inUse(port)) return port;
    }
    throw new Error(`invariant: all ${RANGE} ephemeral ports are in use`);
  }
}
