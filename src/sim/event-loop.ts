/**
 * Discrete-event engine: a virtual clock in integer microseconds and a min-heap of scheduled
 * actions keyed by (time, sequence). Guarantees: events run in time order, and events
 * scheduled for the same instant run in the order they were scheduled; the clock never goes
 * backwards; cancelled events never run. Together with the seeded `random` stream this makes
 * every simulation a pure function of its seed and inputs.
 *
 * Scheduling allocates nothing per event: the heap is typed arrays (`event-heap.ts`), and each
 * scheduled action sits in a reusable slot whose generation is part of its `EventId`, so a
 * stale id (already run or cancelled, slot reused since) cancels nothing.
 */

import { EventHeap } from './event-heap.js';
import { Prng } from './prng.js';

export type EventId = number;

/** EventId = generation × SLOT_SPACE + slot (generation < 2^31 keeps ids exact below 2^53). */
const SLOT_SPACE = 1 << 22;
const MAX_GENERATION = 2 ** 31 - 1;

const SLOT_FREE = 0;
const SLOT_SCHEDULED = 1;
const SLOT_CANCELLED = 2;

export class EventLoop {
  private clock = 0;
  private nextSequence = 1;
  private readonly heap = new EventHeap();
  /** Per slot: its action while scheduled, its state and its current generation. */
  private actions: Array<(() => void) | undefined> = [];
  private states = new Uint8Array(256);
  private generations = new Float64Array(256);
  /** Slots free for reuse (a stack), and slots ever used. */
  private free = new Int32Array(256);
  private freeCount = 0;
  private slotsUsed = 0;
  /** Events still scheduled (not run, not cancelled). */
  private live = 0;
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
    const slot = this.takeSlot();
    this.actions[slot] = action;
    this.states[slot] = SLOT_SCHEDULED;
    this.live++;
    this.heap.push(time, this.nextSequence++, slot);
    return this.generations[slot]! * SLOT_SPACE + slot;
  }

  /** Schedule `action` `delay` µs from now (delay ≥ 0). */
  after(delay: number, action: () => void): EventId {
    if (delay < 0) throw new Error(`invariant: negative delay ${delay} µs`);
    return this.at(this.clock + Math.round(delay), action);
  }

  /** Cancel a scheduled event; cancelling an event that already ran or was cancelled is a no-op. */
  cancel(id: EventId): void {
    const slot = id % SLOT_SPACE;
    if (slot >= this.slotsUsed || this.states[slot] !== SLOT_SCHEDULED || this.generations[slot]! !== (id - slot) / SLOT_SPACE) return;
    // The entry stays in the heap until popped (then its slot is freed); compact when cancelled ones dominate.
    this.states[slot] = SLOT_CANCELLED;
    this.actions[slot] = undefined;
    this.live--;
    if (this.heap.size > 64 && this.heap.size > 2 * this.live) this.compact();
  }

  /** Number of events still scheduled. */
  pending(): number {
    return this.live;
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
    const heap = this.heap;
    for (;;) {
      if (done()) return true;
      if (heap.size === 0) return done();
      const time = heap.peekTime();
      if (time > limit) return done();
      this.runHead(time);
    }
  }

  private drain(until: number): void {
    const heap = this.heap;
    for (;;) {
      if (heap.size === 0) return;
      const time = heap.peekTime();
      if (time > until) return;
      this.runHead(time);
    }
  }

  /** Pop the earliest entry (due at `time`) and run it unless it was cancelled. */
  private runHead(time: number): void {
    const slot = this.heap.peekSlot();
    this.heap.pop();
    const action = this.actions[slot];
    const scheduled = this.states[slot] === SLOT_SCHEDULED;
    this.releaseSlot(slot);
    if (!scheduled) return; // cancelled
    this.live--;
    this.clock = time;
    action!();
  }

  private takeSlot(): number {
    if (this.freeCount > 0) return this.free[--this.freeCount]!;
    const slot = this.slotsUsed++;
    if (slot >= SLOT_SPACE) throw new Error(`invariant: more than ${SLOT_SPACE} events scheduled at once`);
    if (slot === this.states.length) this.growSlots();
    this.generations[slot] = 1;
    this.actions.push(undefined);
    return slot;
  }

  private releaseSlot(slot: number): void {
    this.states[slot] = SLOT_FREE;
    this.actions[slot] = undefined;
    const generation = this.generations[slot]! + 1;
    this.generations[slot] = generation;
    if (generation > MAX_GENERATION) return; // retired: its ids would no longer be exact
    if (this.freeCount === this.free.length) {
      const grown = new Int32Array(this.free.length * 2);
      grown.set(this.free);
      this.free = grown;
    }
    this.free[this.freeCount++] = slot;
  }

  private growSlots(): void {
    const capacity = this.states.length * 2;
    const states = new Uint8Array(capacity);
    states.set(this.states);
    const generations = new Float64Array(capacity);
    generations.set(this.generations);
    this.states = states;
    this.generations = generations;
  }

  private compact(): void {
    this.heap.retain((slot) => {
      if (this.states[slot] === SLOT_SCHEDULED) return true;
      this.releaseSlot(slot);
      return false;
    });
  }
}
