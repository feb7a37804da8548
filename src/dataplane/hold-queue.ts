/**
 * Packets held on HOLD flow entries while the agent decides (vRouter's per-entry hold list):
 * at most 3 packets per entry (`VR_MAX_FLOW_QUEUE_ENTRIES`), and a per-vRouter limit on the
 * number of entries in HOLD (`vr_flow_hold_limit`, 8192 by default).
 */
import type { IpPacket } from '../packet/types.js';

export const MAX_HELD_PACKETS_PER_FLOW = 3;

export class HoldQueues {
  private readonly queues = new Map<number, IpPacket[]>();

  /** Number of entries currently holding packets. */
  get size(): number {
    return this.queues.size;
  }

  /** Start holding for a new HOLD entry with its first packet. */
  open(index: number, first: IpPacket): void {
    this.queues.set(index, [first]);
  }

  /** Queue one more packet; false when the entry already holds the maximum (the packet is dropped). */
  add(index: number, packet: IpPacket): boolean {
    const q = this.queues.get(index);
    if (q === undefined) {
      this.queues.set(index, [packet]);
      return true;
    }
    if (q.length >= MAX_HELD_PACKETS_PER_FLOW) return false;
    q.push(packet);
    return true;
  }

  count(index: number): number {
    return this.queues.get(index)?.length ?? 0;
  }

  first(index: number): IpPacket | undefined {
    return this.queues.get(index)?.[0];
  }

  /** Remove and return the held packets of an entry (empty if none). */
  take(index: number): readonly IpPacket[] {
    const q = this.queues.get(index);
    if (q === undefined) return [];
    this.queues.delete(index);
    return q;
  }

  /** Entries currently holding packets (in the order they started holding). */
  indexes(): IterableIterator<number> {
    return this.queues.keys();
  }

  has(index: number): boolean {
    return this.queues.has(index);
  }
}
