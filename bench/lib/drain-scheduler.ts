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
  /** FIFO of due callbacks; slots are reused (never shrunk), so scheduling allocates nothing once grown. */
  private queue: (() => void)[] = new Array<() => void>(64).fill(NOOP);
  private head = 0;
  private tail = 0;
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
    if (this.tail === this.queue.length) this.queue.push(action);
    else this.queue[this.tail] = action;
    this.tail++;
    return ++this.sequence;
  }

  drain(): void {
    const q = this.queue;
    while (this.head < this.tail) {
      const action = q[this.head]!;
      q[this.head++] = NOOP;
      action();
    }
    this.head = 0;
    this.tail = 0;
  }
}

function NOOP(): void {}
