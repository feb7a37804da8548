/**
 * Discrete-event engine: a virtual clock in integer microseconds and a queue of scheduled
 * actions ordered by (time, sequence). Guarantees: events run in time order, and events
 * scheduled for the same instant run in the order they were scheduled; the clock never goes
 * backwards; cancelled events never run. Together with the seeded `random` stream this makes
 * every simulation a pure function of its seed and inputs.
 *
 * Scheduling allocates nothing per event. Each action sits in a reusable slot whose generation
 * is part of its `EventId` (a stale id, already run or cancelled, cancels nothing). Events due
 * within the wheel's span (32.768 ms) go to a timer wheel of one-µs FIFO buckets, later ones to
 * a typed-array min-heap keyed by (time, sequence); whenever the clock advances, heap events
 * that came within the span move to the wheel in (time, sequence) order, before anything can
 * be scheduled directly for their time, so every bucket stays in scheduling order.
 *
 * With `setLimits` (a scenario's simulation, src/sim/limits.ts) the loop refuses to run an
 * event past the time bound or beyond the event-count bound: it throws SimulationLimitError
 * before running it, so a run with a 10-year poller ends with a clear error instead of
 * running for hours.
 */

import { EventHeap } from './event-heap.js';
import { Prng } from './prng.js';
import { SimulationLimitError } from './limit-error.js';
import { TimerWheel, WHEEL_MASK, WHEEL_SIZE } from './timer-wheel.js';

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
  private readonly wheel = new TimerWheel();
  private readonly later = new EventHeap();
  /** Cancelled entries still in `later` (compacted when they dominate it). */
  private laterCancelled = 0;
  /** Per slot: its action while scheduled, its state, whether it is in `later`, its generation. */
  private actions: Array<(() => void) | undefined> = [];
  private states = new Uint8Array(256);
  private inLater = new Uint8Array(256);
  private generations = new Float64Array(256);
  /** Slots free for reuse (a stack), and slots ever used. */
  private free = new Int32Array(256);
  private freeCount = 0;
  private slotsUsed = 0;
  /** Events still scheduled (not run, not cancelled). */
  private live = 0;
  /** Events run so far, and the bounds (none unless `setLimits` was called). */
  private ran = 0;
  private maxEvents = Number.POSITIVE_INFINITY;
  private maxTimeUs = Number.POSITIVE_INFINITY;
  readonly random: Prng;

  constructor(seed: number) {
    this.random = new Prng(seed);
  }

  /** Bound this loop: no event runs past `maxTimeUs` of virtual time, at most `maxEvents` events run. */
  setLimits(limits: { readonly maxEvents: number; readonly maxTimeUs: number }): void {
    this.maxEvents = limits.maxEvents;
    this.maxTimeUs = limits.maxTimeUs;
  }

  /** Events run so far (cancelled ones not counted). */
  get eventsRun(): number {
    return this.ran;
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
    const sequence = this.nextSequence++;
    if (time - this.clock < WHEEL_SIZE) {
      this.inLater[slot] = 0;
      this.wheel.append(time & WHEEL_MASK, slot);
    } else {
      this.inLater[slot] = 1;
      this.later.push(time, sequence, slot);
    }
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
    // The entry stays queued until reached (then its slot is freed); the heap is compacted when cancelled entries dominate it.
    this.states[slot] = SLOT_CANCELLED;
    this.actions[slot] = undefined;
    this.live--;
    if (this.inLater[slot] === 1) {
      this.laterCancelled++;
      if (this.later.size > 64 && 2 * this.laterCancelled > this.later.size) this.compact();
    }
  }

  /** Number of events still scheduled. */
  pending(): number {
    return this.live;
  }

  /** Run every event with time ≤ `until` (including ones they schedule), then set now = until. */
  run(until: number): void {
    if (until < this.clock) throw new Error(`invariant: run(${until}) is before now (${this.clock} µs)`);
    while (this.runNext(until));
    if (until > this.maxTimeUs) this.timeLimit(until);
    this.advanceClock(until);
  }

  /** Run until no events remain, or stop at `limit` µs (then now = limit). */
  runUntilIdle(limit?: number): void {
    if (limit === undefined) {
      while (this.runNext(Number.POSITIVE_INFINITY));
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
      if (!this.runNext(limit)) return done();
    }
  }

  /**
   * Take the earliest queued entry if it is due at or before `limit` and run it unless it was
   * cancelled. Returns false when nothing is queued at or before `limit`.
   */
  private runNext(limit: number): boolean {
    let slot: number;
    let time: number;
    const wheel = this.wheel;
    if (wheel.size > 0) {
      // Every wheel entry is within [clock, clock + WHEEL_SIZE) and earlier than every heap entry.
      const base = this.clock & WHEEL_MASK;
      const bucket = wheel.firstFrom(base);
      time = this.clock + ((bucket - base) & WHEEL_MASK);
      if (time > limit) return false;
      slot = wheel.shift(bucket);
    } else {
      const later = this.later;
      if (later.size === 0) return false;
      time = later.peekTime();
      if (time > limit) return false;
      slot = later.peekSlot();
      later.pop();
    }
    if (this.states[slot] !== SLOT_SCHEDULED) {
      if (this.inLater[slot] === 1) this.laterCancelled--;
      this.releaseSlot(slot);
      return true;
    }
    if (time > this.maxTimeUs) this.timeLimit(time);
    if (this.ran >= this.maxEvents) {
      throw new SimulationLimitError(
        `the simulation reached ${this.maxEvents.toLocaleString('en-US')} events, the most one run may simulate (docs/limits.md), at ${formatSeconds(this.clock)} of virtual time; poll less often (every:), wait less, or stop background pollers sooner`,
      );
    }
    this.ran++;
    const action = this.actions[slot]!;
    this.releaseSlot(slot);
    this.live--;
    this.advanceClock(time);
    action();
    return true;
  }

  private timeLimit(time: number): never {
    throw new SimulationLimitError(
      `the simulation would pass ${formatSeconds(this.maxTimeUs)} of virtual time (to ${formatSeconds(time)}), the longest one run may simulate (docs/limits.md); wait less`,
    );
  }

  /** Move the clock forward and bring heap entries now within the wheel's span into the wheel. */
  private advanceClock(time: number): void {
    if (time === this.clock) return;
    this.clock = time;
    const later = this.later;
    const horizon = time + WHEEL_SIZE;
    while (later.size > 0 && later.peekTime() < horizon) {
      const slot = later.peekSlot();
      const due = later.peekTime();
      later.pop();
      if (this.states[slot] !== SLOT_SCHEDULED) {
        this.laterCancelled--;
        this.releaseSlot(slot);
        continue;
      }
      this.inLater[slot] = 0;
      this.wheel.append(due & WHEEL_MASK, slot);
    }
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
    const inLater = new Uint8Array(capacity);
    inLater.set(this.inLater);
    const generations = new Float64Array(capacity);
    generations.set(this.generations);
    this.states = states;
    this.inLater = inLater;
    this.generations = generations;
  }

  private compact(): void {
    this.later.retain((slot) => {
      if (this.states[slot] === SLOT_SCHEDULED) return true;
      this.releaseSlot(slot);
      return false;
    });
    this.laterCancelled = 0;
  }
}

/** `86400 s`, `1.5 s`: virtual time for a message. */
function formatSeconds(us: number): string {
  return `${Number((us / 1e6).toFixed(6))} s`;
}
