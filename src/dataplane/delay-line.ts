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
 * Guarantees: the same event order and times as one closure per item; nothing allocated per
 * item once the ring has grown to the most items in flight.
 */
import type { Scheduler } from './scheduler.js';

export type Delivery<A, B, C> = (a: A, b: B, c: C, n: number) => void;

export class DelayLine<A, B, C> {
  private as: (A | undefined)[] = new Array<A | undefined>(16).fill(undefined);
  private bs: (B | undefined)[] = new Array<B | undefined>(16).fill(undefined);
  private cs: (C | undefined)[] = new Array<C | undefined>(16).fill(undefined);
  private ns = new Int32Array(16);
  private head = 0;
  private count = 0;
  private readonly runHead = (): void => this.deliverHead();

  constructor(
    private readonly scheduler: Scheduler,
    readonly delayUs: number,
    private readonly deliver: Delivery<A, B, C>,
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
    this.deliver(a, b, c, n);
  }

  /** Double the ring (a power of two), keeping the items in order from index 0. */
  private grow(): void {
    const size = this.ns.length;
    const as = new Array<A | undefined>(2 * size).fill(undefined);
    const bs = new Array<B | undefined>(2 * size).fill(undefined);
    const cs = new Array<C | undefined>(2 * size).fill(undefined);
    const ns = new Int32Array(2 * size);
    for (let k = 0; k < this.count; k++) {
      const from = (this.head + k) & (size - 1);
      as[k] = this.as[from];
      bs[k] = this.bs[from];
      cs[k] = this.cs[from];
      ns[k] = this.ns[from]!;
    }
    this.as = as;
    this.bs = bs;
    this.cs = cs;
    this.ns = ns;
    this.head = 0;
  }
}
