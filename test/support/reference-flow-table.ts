/**
 * Test oracle: the flow table written the obvious way — a Map from a key string to the entry
 * index, entry objects in an array, bucket chains as JS arrays — with the same capacity rules
 * as `FlowTable` (4 slots at `(hash % mainEntries) & ~3`, then an overflow entry from a LIFO
 * free list, linked at the head of the bucket's chain), so placements and refusals compare.
 */

import { FlowKey, flowKeyHash, flowKeyText } from '../../src/dataplane/flow-key.js';
import { ACTION_HOLD, FLAG_ACTIVE, FLAG_EVICTED, FLAG_NEW_FLOW } from '../../src/dataplane/flow-codes.js';

export interface ReferenceEntry {
  key: FlowKey;
  keyText: string;
  inUse: boolean;
  action: number;
  dropReason: number;
  flags: number;
  tcpFlags: number;
  genId: number;
  rflow: number;
  srcNh: number;
  vrf: number;
  packets: number;
  bytes: number;
  lastUsed: number;
}

export class ReferenceFlowTable {
  readonly capacity: number;
  readonly entries: (ReferenceEntry | undefined)[];
  private readonly byKey = new Map<string, number>();
  private readonly chains = new Map<number, number[]>();
  private readonly freeOverflow: number[] = [];
  private readonly genIds: number[];
  created = 0;
  deleted = 0;

  constructor(readonly mainEntries: number, readonly overflowEntries: number) {
    this.capacity = mainEntries + overflowEntries;
    this.entries = new Array<ReferenceEntry | undefined>(this.capacity);
    this.genIds = new Array<number>(this.capacity).fill(0);
    // Free list head first: the lowest overflow index is taken first.
    for (let i = this.capacity - 1; i >= mainEntries; i--) this.freeOverflow.push(i);
  }

  get overflowInUse(): number {
    return this.overflowEntries - this.freeOverflow.length;
  }

  bucketStart(key: FlowKey): number {
    return (flowKeyHash(key) % this.mainEntries) & ~3;
  }

  lookup(key: FlowKey): number {
    return this.byKey.get(flowKeyText(key)) ?? -1;
  }

  allocate(key: FlowKey, now: number): number {
    const bucket = this.bucketStart(key);
    let index = -1;
    for (let i = bucket; i < bucket + 4; i++) {
      if (!this.entries[i]?.inUse) { index = i; break; }
    }
    if (index < 0) {
      const o = this.freeOverflow.pop();
      if (o === undefined) return -1;
      index = o;
      const chain = this.chains.get(bucket) ?? [];
      chain.unshift(index);
      this.chains.set(bucket, chain);
    }
    const copy = new FlowKey();
    Object.assign(copy, key);
    this.genIds[index] = (this.genIds[index]! + 1) & 0xff;
    this.entries[index] = {
      key: copy, keyText: flowKeyText(key), inUse: true, action: ACTION_HOLD, dropReason: 0,
      flags: FLAG_ACTIVE | FLAG_NEW_FLOW, tcpFlags: 0, genId: this.genIds[index]!, rflow: -1,
      srcNh: 0, vrf: 0, packets: 0, bytes: 0, lastUsed: now,
    };
    this.byKey.set(flowKeyText(key), index);
    this.created++;
    return index;
  }

  release(index: number): void {
    if (this.free(index)) {
      this.entries[index]!.flags = 0;
      this.deleted++;
    }
  }

  markEvicted(index: number): void {
    if (this.free(index)) {
      const e = this.entries[index]!;
      e.flags = (e.flags & (FLAG_ACTIVE | FLAG_NEW_FLOW)) | FLAG_EVICTED;
    }
  }

  private free(index: number): boolean {
    const e = this.entries[index];
    if (!e?.inUse) return false;
    e.inUse = false;
    this.byKey.delete(e.keyText);
    if (index >= this.mainEntries) {
      const bucket = this.bucketStart(e.key);
      const chain = this.chains.get(bucket)!;
      chain.splice(chain.indexOf(index), 1);
      this.freeOverflow.push(index);
    }
    return true;
  }

  /** In-use indexes, ascending. */
  usedIndexes(): number[] {
    const out: number[] = [];
    this.entries.forEach((e, i) => { if (e?.inUse) out.push(i); });
    return out;
  }

  chainOf(bucket: number): readonly number[] {
    return this.chains.get(bucket) ?? [];
  }
}
