/**
 * Discrete-event engine: a virtual clock in integer microseconds and a binary min-heap of
 * scheduled actions keyed by (time, sequence). Guarantees: events run in time order, and
 * events scheduled for the same instant run in the order they were scheduled; the clock
 * never goes backwards; cancelled events never run. Together with the seeded `random`
 * stream this makes every simulation a pure function of its seed and inputs.
 */

import { Prng } from './prng.js';

export type EventId = number;

interface ScheduledEvent {
  readonly time: number;
  readonly sequence: number;
  readonly action: () => void;
}

function runsBefore(x: ScheduledEvent, y: ScheduledEvent): boolean {
  return x.time < y.time || (x.time === y.time && x.sequence < y.sequence);
}

export class EventLoop {
  private clock = 0;
  private nextSequence = 1;
  private readonly heap: ScheduledEvent[] = [];
  /** Sequences of events still scheduled (absent once run or cancelled). */
  private readonly live = new Set<number>();
  readonly random: Prng;

  constructor(seed: number) {
    this.random = new Prng(seed);
  }

  /** Current virtual time in microseconds. */
  get now(): number {
    return this.clock;
  }

  /** Schedule `action` at absolute time `time` (µs, integer, not in the past). */
  at(time: number, action: () => void): EventId {
    if (!Number.isInteger(time)) throw new Error(`invariant: event time must be an integer µs, got ${time}`);
    if (time < this.clock) throw new Error(`invariant: cannot schedule at ${time} µs, clock is already ${this.clock} µs`);
    const event: ScheduledEvent = { time, sequence: this.nextSequence++, action };
    this.live.add(event.sequence);
    this.push(event);
    return event.sequence;
  }

  /** Schedule `action` `delay` µs from now (delay ≥ 0). */
  after(delay: number, action: () => void): EventId {
    if (delay < 0) throw new Error(`invariant: negative delay ${delay} µs`);
    return this.at(this.clock + Math.round(delay), action);
  }

  /** Cancel a scheduled event; cancelling an event that already ran or was cancelled is a no-op. */
  cancel(id: EventId): void {
    if (!this.live.delete(id)) return;
    // Cancelled entries stay in the heap until popped; compact when they dominate it.
    if (this.heap.length > 64 && this.heap.length > 2 * this.live.size) this.compact();
  }

  /** Number of events still scheduled. */
  pending(): number {
    return this.live.size;
  }

  /** Run every event with time ≤ `until` (including ones they schedule), then set now = until. */
  run(until: number): void {
    if (until < this.clock) throw new Error(`invariant: run(${until}) is before now (${this.clock} µs)`);
    this.drain(until);
    this.clock = until;
  }

  /** Run until no events remain, or stop at `limit` µs (then now = limit). */
  runUntilIdle(limit?: number): void {
    if (limit === undefined) {
      this.drain(Number.POSITIVE_INFINITY);
      return;
    }
    this.run(limit);
  }

  /**
   * Run events one at a time until `done()` holds (checked before each event) or the next
   * event is later than `limit`. The clock stays at the last event run, so an operation that
   * completes early does not push time forward. Returns whether `done()` held.
   */
  runUntil(done: () => boolean, limit: number): boolean {
    for (;;) {
      if (done()) return true;
      const head = this.heap[0];
      if (head === undefined || head.time > limit) return done();
      this.pop();
      if (!this.live.delete(head.sequence)) continue; // cancelled
      this.clock = head.time;
      head.action();
    }
  }

  private drain(until: number): void {
    for (;;) {
      const head = this.heap[0];
      if (head === undefined || head.time > until) return;
      this.pop();
      if (!this.live.delete(head.sequence)) continue; // cancelled
      this.clock = head.time;
      head.action();
    }
  }

  private compact(): void {
    const kept = this.heap.filter((event) => this.live.has(event.sequence));
    kept.sort((x, y) => (runsBefore(x, y) ? -1 : 1)); // a sorted array is a valid heap
    this.heap.length = 0;
    this.heap.push(...kept);
  }

  private push(event: ScheduledEvent): void {
    const heap = this.heap;
    heap.push(event);
    let index = heap.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      const parentEvent = heap[parent]!;
      if (!runsBefore(event, parentEvent)) break;
      heap[index] = parentEvent;
      index = parent;
    }
    heap[index] = event;
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop();
    if (last === undefined || heap.length === 0) return;
    let index = 0;
    const size = heap.length;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= size) break;
      const right = left + 1;
      let child = left;
      if (right < size && runsBefore(heap[right]!, heap[left]!)) child = right;
      if (!runsBefore(heap[child]!, last)) break;
      heap[index] = heap[child]!;
      index = child;
    }
    heap[index] = last;
  }
}
