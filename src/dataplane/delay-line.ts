/**
 * A constant-delay FIFO of deliveries on a `Scheduler`: `push` schedules one event `delayUs`
 * from now, every event with the same shared callback, and the k-th of those events to run
 * hands the k-th item pushed to `deliver`. A link carries packets this way instead of one
 * closure per packet (the fabric's tunnels, a vRouter's delivery to its pods).
 *
 * Valid because the due times of the items never decrease (one delay, a clock that never goes
 * back) and the scheduler runs same-time actions in the order they were scheduled (its
 * contract, scheduler.ts): so the events run in push order, each at the time its own closure
 * would have run, among the other events exactly where that closure would have been.
 * With a `Prefetch` (the fabric's tunnels: the receiving vRouter's flow table), the items are
 * prepared a group at a time before the first of them is delivered: `prepare` computes a
 * number per item (the flow hash) and notes what it will read, then `touchPrepared` loads it
 * all in one tight loop so that the group's cache misses (the flow buckets) are in flight
 * together, as a DPDK vRouter prefetches a received burst; `deliver` gets the prepared number.
 * Prepared items stay in the ring in order; nothing but `prepare` and `touchPrepared` runs
 * earlier than it would.
 *
 * Guarantees: the same event order and times as one closure per item; nothing allocated per
 * item once the ring has grown to the most items in flight. `deliver`'s `prepared` is
 * `prepare`'s value for that item when there is a Prefetch, else NaN.
 */
import type { Scheduler } from './scheduler.js';

export type Delivery<A, B, C> = (a: A, b: B, c: C, n: number, prepared: number) => void;

/** Work on the items ahead of delivery, a group at a time (see the module comment). */
export interface Prefetch<A, B, C> {
  /** A number computed for the item before its delivery (it must not depend on what the deliveries before it change, or the receiver must check it). */
  prepare(a: A, b: B, c: C, n: number): number;
  /** Start loading what delivering the group's items will read, all at once; its effect must be nothing but cache state. */
  touchPrepared(): void;
}

/** Items prepared (and touched) together: enough misses in flight to overlap, few enough to stay cached until delivered. */
export const PREFETCH_GROUP = 8;

export class DelayLine<A, B, C> {
  private as: (A | undefined)[] = new Array<A | undefined>(16).fill(undefined);
  private bs: (B | undefined)[] = new Array<B | undefined>(16).fill(undefined);
  private cs: (C | undefined)[] = new Array<C | undefined>(16).fill(undefined);
  private ns = new Int32Array(16);
  /** `prepare`'s value per slot, for the `prepared` items from the head on. */
  private ps = new Float64Array(16);
  private head = 0;
  private count = 0;
  private prepared = 0;
  private readonly runHead = (): void => this.deliverHead();

  constructor(
    private readonly scheduler: Scheduler,
    readonly delayUs: number,
    private readonly deliver: Delivery<A, B, C>,
    private readonly prefetch?: Prefetch<A, B, C>,
  ) {}

  /** Items pushed and not yet delivered. */
  get size(): number {
    return this.count;
  }

  push(a: A, b: B, c: C, n: number): void {
    if (this.count === this.ns.length) this.grow();
    const at = (this.head + this.count) & (this.ns.length - 1);
    this.as[at] = a;
    this.bs[at] = b;
    this.cs[at] = c;
    this.ns[at] = n;
    this.count++;
    this.scheduler.after(this.delayUs, this.runHead);
  }

  private deliverHead(): void {
    const at = this.head;
    let prepared = NaN;
    if (this.prefetch !== undefined) {
      if (this.prepared === 0) this.prepareGroup();
      prepared = this.ps[at]!;
      this.prepared--;
    }
    const a = this.as[at]!;
    const b = this.bs[at]!;
    const c = this.cs[at]!;
    const n = this.ns[at]!;
    // Cleared before delivering: the ring keeps no reference to a delivered packet.
    this.as[at] = undefined;
    this.bs[at] = undefined;
    this.cs[at] = undefined;
    this.head = (at + 1) & (this.ns.length - 1);
    this.count--;
    this.deliver(a, b, c, n, prepared);
  }

  /** Prepare the next items from the head (up to PREFETCH_GROUP), then touch what they will read. */
  private prepareGroup(): void {
    const prefetch = this.prefetch!;
    const mask = this.ns.length - 1;
    const m = Math.min(this.count, PREFETCH_GROUP);
    for (let k = 0; k < m; k++) {
      const at = (this.head + k) & mask;
      this.ps[at] = prefetch.prepare(this.as[at]!, this.bs[at]!, this.cs[at]!, this.ns[at]!);
    }
    prefetch.touchPrepared();
    this.prepared = m;
  }

  /** Double the ring (a power of two), keeping the items in order from index 0. */
  private grow(): void {
    const size = this.ns.length;
    const as = new Array<A | undefined>(2 * size).fill(undefined);
    const bs = new Array<B | undefined>(2 * size).fill(undefined);
    const cs = new Array<C | undefined>(2 * size).fill(undefined);
    const ns = new Int32Array(2 * size);
    const ps = new Float64Array(2 * size);
    for (let k = 0; k < this.count; k++) {
      const from = (this.head + k) & (size - 1);
      as[k] = this.as[from];
      bs[k] = this.bs[from];
      cs[k] = this.cs[from];
      ns[k] = this.ns[from]!;
      ps[k] = this.ps[from]!;
    }
    this.as = as;
    this.bs = bs;
    this.cs = cs;
    this.ns = ns;
    this.ps = ps;
    this.head = 0;
  }
}
