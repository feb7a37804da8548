/**
 * Packets held on HOLD flow entries while the agent decides (vRouter's per-entry hold list):
 * at most 3 packets per entry (`VR_MAX_FLOW_QUEUE_ENTRIES`), and a per-vRouter limit on the
 * number of entries in HOLD (`vr_flow_hold_limit`, 8192 by default). The vRouter keeps here
 * only the packets after a flow's first, which waits with the agent's pending setup
 * (`agent.ts`), so a flow's single packet never enters this structure.
 *
 * Layout: a small open-addressing hash (entry index -> slot, linear probing, backward-shift
 * delete) sized to the number of entries holding, so it stays in cache however large the flow
 * table is; slots are reused from a free stack, and a slot's packets sit at 3 x slot in one
 * array, so holding and releasing a flow allocates nothing once the pool has grown to the peak
 * number of holds.
 *
 * Guarantees: `count`/`first`/`packetAt` reflect `open`/`add` in arrival order; `close` and
 * `take` forget the entry's packets (the slot is reused, packet references are cleared).
 */
import type { IpPacket } from '../packet/types.js';

export const MAX_HELD_PACKETS_PER_FLOW = 3;

export class HoldQueues {
  /** Hash of holding entries: entry index per bucket (-1 empty) and its slot. */
  private keys = new Int32Array(16).fill(-1);
  private values = new Int32Array(16);
  /** Per slot: the flow entry, -1 when free. */
  private readonly owner: number[] = [];
  private readonly counts: number[] = [];
  /** MAX_HELD_PACKETS_PER_FLOW per slot. */
  private readonly packets: (IpPacket | undefined)[] = [];
  private readonly freeSlots: number[] = [];
  private holding = 0;

  /** Bucket of `index` in `keys` (Fibonacci hashing). */
  private home(index: number, mask: number): number {
    return Math.imul(index, 0x9e3779b1) >>> 7 & mask;
  }

  /** The entry's slot, or -1. */
  private slotOf(index: number): number {
    const keys = this.keys;
    const mask = keys.length - 1;
    for (let b = this.home(index, mask); ; b = (b + 1) & mask) {
      const k = keys[b]!;
      if (k === index) return this.values[b]!;
      if (k < 0) return -1;
    }
  }

  private insert(index: number, slot: number): void {
    if (2 * (this.holding + 1) > this.keys.length) this.grow();
    const keys = this.keys;
    const mask = keys.length - 1;
    let b = this.home(index, mask);
    while (keys[b]! >= 0) b = (b + 1) & mask;
    keys[b] = index;
    this.values[b] = slot;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    this.keys = new Int32Array(oldKeys.length * 2).fill(-1);
    this.values = new Int32Array(oldKeys.length * 2);
    const mask = this.keys.length - 1;
    for (let i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i]! < 0) continue;
      let b = this.home(oldKeys[i]!, mask);
      while (this.keys[b]! >= 0) b = (b + 1) & mask;
      this.keys[b] = oldKeys[i]!;
      this.values[b] = oldValues[i]!;
    }
  }

  /** Remove `index` (present) from the hash, shifting later members of its probe run back. */
  private remove(index: number): void {
    const keys = this.keys;
    const values = this.values;
    const mask = keys.length - 1;
    let hole = this.home(index, mask);
    while (keys[hole] !== index) hole = (hole + 1) & mask;
    for (let b = (hole + 1) & mask; keys[b]! >= 0; b = (b + 1) & mask) {
      const want = this.home(keys[b]!, mask);
      // Move b into the hole unless its home lies cyclically in (hole, b].
      if (((b - want) & mask) >= ((b - hole) & mask)) {
        keys[hole] = keys[b]!;
        values[hole] = values[b]!;
        hole = b;
      }
    }
    keys[hole] = -1;
  }

  /** Number of entries currently holding packets. */
  get size(): number {
    return this.holding;
  }

  /** Start holding for a new HOLD entry with its first packet. */
  open(index: number, first: IpPacket): void {
    let slot = this.holding === 0 ? -1 : this.slotOf(index);
    if (slot < 0) {
      slot = this.freeSlots.length > 0 ? this.freeSlots.pop()! : this.owner.length;
      if (slot === this.owner.length) {
        this.owner.push(-1);
        this.counts.push(0);
        for (let k = 0; k < MAX_HELD_PACKETS_PER_FLOW; k++) this.packets.push(undefined);
      }
      this.insert(index, slot);
      this.owner[slot] = index;
      this.holding++;
    } else {
      for (let k = 1; k < this.counts[slot]!; k++) this.packets[slot * MAX_HELD_PACKETS_PER_FLOW + k] = undefined;
    }
    this.packets[slot * MAX_HELD_PACKETS_PER_FLOW] = first;
    this.counts[slot] = 1;
  }

  /**
   * Queue one more packet; false when the entry already holds `limit` (default the maximum;
   * the vRouter passes one less, its agent holding the first) and the packet is dropped.
   */
  add(index: number, packet: IpPacket, limit = MAX_HELD_PACKETS_PER_FLOW): boolean {
    const slot = this.slotOf(index);
    if (slot < 0) {
      this.open(index, packet);
      return true;
    }
    const n = this.counts[slot]!;
    if (n >= limit) return false;
    this.packets[slot * MAX_HELD_PACKETS_PER_FLOW + n] = packet;
    this.counts[slot] = n + 1;
    return true;
  }

  count(index: number): number {
    const slot = this.holding === 0 ? -1 : this.slotOf(index);
    return slot < 0 ? 0 : this.counts[slot]!;
  }

  first(index: number): IpPacket | undefined {
    return this.packetAt(index, 0);
  }

  /** The k-th held packet of the entry (0 = first), or undefined. */
  packetAt(index: number, k: number): IpPacket | undefined {
    const slot = this.holding === 0 ? -1 : this.slotOf(index);
    if (slot < 0 || k >= this.counts[slot]!) return undefined;
    return this.packets[slot * MAX_HELD_PACKETS_PER_FLOW + k];
  }

  /** Forget the entry's held packets (no-op when it holds none). */
  close(index: number): void {
    const slot = this.holding === 0 ? -1 : this.slotOf(index);
    if (slot >= 0) this.release(index, slot);
  }

  /** Empty the entry's slot and give it back (the entry holds `slot`). */
  private release(index: number, slot: number): void {
    const base = slot * MAX_HELD_PACKETS_PER_FLOW;
    for (let k = 0; k < MAX_HELD_PACKETS_PER_FLOW; k++) this.packets[base + k] = undefined;
    this.counts[slot] = 0;
    this.owner[slot] = -1;
    this.remove(index);
    this.freeSlots.push(slot);
    this.holding--;
  }

  /**
   * `close` that first copies the entry's held packets into `out` (arrival order) and returns
   * how many: one probe of the hash where `count` + `packetAt` + `close` take one each.
   */
  drainInto(index: number, out: (IpPacket | undefined)[]): number {
    const slot = this.holding === 0 ? -1 : this.slotOf(index);
    if (slot < 0) return 0;
    const base = slot * MAX_HELD_PACKETS_PER_FLOW;
    const n = this.counts[slot]!;
    for (let k = 0; k < n; k++) out[k] = this.packets[base + k];
    this.release(index, slot);
    return n;
  }

  /** Remove and return the held packets of an entry (empty if none). Allocates; see `close`. */
  take(index: number): readonly IpPacket[] {
    const n = this.count(index);
    const out: IpPacket[] = [];
    for (let k = 0; k < n; k++) out.push(this.packetAt(index, k)!);
    this.close(index);
    return out;
  }

  /** Entries currently holding packets (in no particular order). */
  indexes(): number[] {
    return this.owner.filter((index) => index >= 0);
  }

  has(index: number): boolean {
    return this.holding !== 0 && this.slotOf(index) >= 0;
  }
}
