/**
 * The simulator's real `EventLoop` behind the rig's `drain()` contract, for benchmarks that
 * measure the dataplane the way the simulator runs it: every delivery, tunnel hop and agent
 * setup goes through the loop's timer wheel and heap with the configured link latency.
 *
 * Guarantees: `drain()` runs every event due within the next `horizonUs` of virtual time (long
 * enough for a packet to cross a vif, the fabric and the far vif) and moves the clock there;
 * periodic agent work (aging scans) runs when its time comes, as in a simulation.
 */
import { EventLoop } from '../../src/sim/event-loop.js';

export class EventLoopDriver {
  readonly loop: EventLoop;
  private readonly horizonUs: number;

  constructor(seed: number, horizonUs: number) {
    this.loop = new EventLoop(seed);
    this.horizonUs = horizonUs;
  }

  get now(): number {
    return this.loop.now;
  }

  after(delayUs: number, action: () => void): number {
    return this.loop.after(delayUs, action);
  }

  drain(): void {
    this.loop.run(this.loop.now + this.horizonUs);
  }
}
