/**
 * A `Scheduler` for dataplane benchmarks: zero-delay callbacks go to a FIFO that `drain()`
 * runs synchronously (so a benchmark measures the dataplane, not the simulator's event heap);
 * delayed callbacks (aging scans, timers) are counted and parked, never run.
 *
 * Guarantees: the clock never moves (`now` stays at the constructor value); `drain` runs
 * callbacks in the order they were scheduled, including ones scheduled while draining.
 */
import type { Scheduler } from '../../src/dataplane/scheduler.js';

export class DrainScheduler implements Scheduler {
  readonly now: number;
  private queue: (() => void)[] = [];
  private head = 0;
  private sequence = 0;
  /** Callbacks scheduled with a positive delay (parked, never run). */
  parked = 0;

  constructor(now = 1_000_000) {
    this.now = now;
  }

  after(delayUs: number, action: () => void): number {
    if (delayUs > 0) {
      this.parked++;
      return ++this.sequence;
    }
    this.queue.push(action);
    return ++this.sequence;
  }

  drain(): void {
    const q = this.queue;
    while (this.head < q.length) {
      const action = q[this.head]!;
      q[this.head++] = NOOP;
      action();
    }
    q.length = 0;
    this.head = 0;
  }
}

function NOOP(): void {}
