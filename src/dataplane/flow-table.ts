/**
 * The vRouter flow table (tf-vrouter dp-core/vr_htable.c + vr_flow.c) as typed arrays:
 * `mainEntries` slots in 4-entry hash buckets, then `overflowEntries` overflow slots chained
 * off their bucket (`flow-overflow.ts`); the other per-entry fields are interleaved 40-byte
 * records (`flow-entry-records.ts`) read and written through accessors. Keys are 16 bytes per
 * slot with a VALID bit (`flow-key-words.ts`), so a
 * lookup reads one 64-byte bucket and nothing else unless the bucket has an overflow chain.
 *
 * Guarantees:
 * - the bucket of a key is `(vr_hash(packed key) % mainEntries) & ~3` (a mask when
 *   mainEntries is a power of two); a new entry takes the first free of the bucket's 4 slots,
 *   else the head of the overflow free list (LIFO, first use in ascending order), linked at
 *   the head of the bucket's chain, as vr_htable does;
 * - `lookup`, `lookupBatch`, `lookupBatchInet4` and `allocate` never allocate memory (EXT keys, i.e. IPv6 or a
 *   nexthop >= 2^19, allocate one small side array at `allocate`); a key is stored at most
 *   once while the caller honours `allocate`'s precondition;
 * - the `...Hashed` variants take `flowKeyHash(key)` precomputed and behave identically;
 * - a released or evicted slot is immediately reusable; an overflow slot leaves its chain and
 *   returns to the free list, the rest of the chain stays findable;
 * - `allocate` refuses (-1) only when the bucket and the whole overflow table are full.
 *
 * Counters: the table maintains `created`, `createdPerCpu`, `deleted`, `evicted` and
 * `overflowInUse`; `added`, `changed` and `processed` belong to the agent/vRouter code, which
 * increments them directly (they are only printed by `flow -l`).
 */

import {
  ACTION_DROP, ACTION_HOLD, FLAG_ACTIVE, FLAG_DELETE_MARKED, FLAG_EVICTED, FLAG_NEW_FLOW, FLAG_RFLOW_VALID,
  SRC_INFO_FABRIC, SRC_INFO_NONE, SRC_INFO_VIF,
} from './flow-codes.js';
import { FlowKey, flowKeyHash } from './flow-key.js';
import {
  KEY_WORDS, KW_CHAIN, KW_EXT, KW_VALID, decodeKey, encodeKey, extensionMatches, makeExtension, metaFamily,
  metaNh, metaProto, metaWord, needsExtension, portsWord, NH_LIMIT, inlineMetaWord, type KeyExtension,
} from './flow-key-words.js';
import { FlowEntryRecords } from './flow-entry-records.js';
import { hashInet4Key } from './jhash.js';
import { OverflowChains } from './flow-overflow.js';
import {
  DEFAULT_FLOW_ENTRIES, ENTRIES_PER_BUCKET, LOOKUP_BATCH, defaultOverflowEntries, type FlowTableCounters, type FlowTableOptions,
} from './flow-table-options.js';

export { DEFAULT_FLOW_ENTRIES, ENTRIES_PER_BUCKET, LOOKUP_BATCH, defaultOverflowEntries };

/** Buckets `queueTouch` keeps for one `touchQueued` (a prefetch group; more are not prefetched). */
const TOUCH_QUEUE = 32;
export type { FlowTableCounters, FlowTableOptions };

/** IPv4 flow keys as columns (one Int32Array per field, the same position in each). */
export interface Inet4KeyColumns {
  readonly proto: Int32Array;
  readonly nh: Int32Array;
  readonly sport: Int32Array;
  readonly dport: Int32Array;
  /** Addresses as network-order int32 words (`FlowKey.s0` / `d0`). */
  readonly s0: Int32Array;
  readonly d0: Int32Array;
}

export class FlowTable extends FlowEntryRecords {
  readonly mainEntries: number;
  readonly overflowEntries: number;
  readonly cpus: number;

  readonly counters: FlowTableCounters;

  /** KEY_WORDS words per slot (`flow-key-words.ts`). */
  private readonly keyWords: Int32Array;
  /** `mainEntries - 4` when mainEntries is a power of two (bucket = hash & mask), else -1. */
  private readonly bucketMask: number;
  /** `cpus - 1` when cpus is a power of two (same as `hash % cpus` for a uint32 hash), else -1. */
  private readonly cpuMask: number;
  private readonly overflow: OverflowChains;
  /** EXT entries (IPv6, wide nexthops): nexthop and address words 1..3. */
  private readonly extensions = new Map<number, KeyExtension>();
  private readonly batchHashes = new Int32Array(LOOKUP_BATCH);
  /** Sink of `lookupBatch`'s touch loads (keeps them from being optimised away). */
  private touched = 0;
  /** Buckets noted by `queueTouch`, loaded by `touchQueued`. */
  private readonly touchQueue = new Int32Array(TOUCH_QUEUE);
  private touchCount = 0;

  constructor(options: FlowTableOptions = {}) {
    const entries = options.entries ?? DEFAULT_FLOW_ENTRIES;
    if (!Number.isInteger(entries) || entries <= 0 || entries % ENTRIES_PER_BUCKET !== 0) {
      throw new RangeError(`flow table entries must be a positive multiple of 4, got ${entries}`);
    }
    const overflow = options.overflowEntries ?? defaultOverflowEntries(entries);
    if (!Number.isInteger(overflow) || overflow < 0) {
      throw new RangeError(`flow table overflow entries must be a non-negative integer, got ${overflow}`);
    }
    const cpus = options.cpus ?? 4;
    if (!Number.isInteger(cpus) || cpus <= 0) throw new RangeError(`cpus must be a positive integer, got ${cpus}`);
    super(entries + overflow);
    this.mainEntries = entries;
    this.overflowEntries = overflow;
    this.cpus = cpus;
    const n = this.capacity;
    this.keyWords = new Int32Array(n * KEY_WORDS);
    this.bucketMask = (entries & (entries - 1)) === 0 && entries <= 2 ** 30 ? entries - 4 : -1;
    this.overflow = new OverflowChains(entries, overflow);
    this.cpuMask = (cpus & (cpus - 1)) === 0 ? cpus - 1 : -1;
    if (options.prefault === true) {
      this.prefaultRecords();
      this.keyWords.fill(0);
    }
    this.counters = {
      created: 0, added: 0, deleted: 0, changed: 0, processed: 0,
      createdPerCpu: new Array<number>(cpus).fill(0), overflowInUse: 0, evicted: 0, allocated: 0,
    };
  }

  /** First slot of the bucket of a key whose `flowKeyHash` is `hash`. */
  bucketOfHash(hash: number): number {
    return this.bucketMask >= 0 ? hash & this.bucketMask : (hash % this.mainEntries) & ~3;
  }

  /** First slot of the key's bucket. */
  bucketStart(key: FlowKey): number {
    return this.bucketOfHash(flowKeyHash(key));
  }

  /** The CPU whose `Created Flows/CPU` counter a new flow with this hash increments (hash % cpus, like RSS). */
  cpuOfHash(hash: number): number {
    return this.cpuMask >= 0 ? hash & this.cpuMask : hash % this.cpus;
  }

  /** Index of the entry holding `key` (any action, HOLD included; evicted/released excluded), or -1. */
  lookup(key: FlowKey): number {
    return this.lookupHashed(key, flowKeyHash(key));
  }

  /** `lookup` with `hash === flowKeyHash(key)` already computed. */
  lookupHashed(key: FlowKey, hash: number): number {
    return this.lookupWords(hash, metaWord(key), portsWord(key), key.s0, key.d0, key);
  }

  /**
   * The entry whose key words are (meta, ports, s0, d0): the bucket, then its overflow chain.
   * An EXT key (meta has KW_EXT) also compares its side store with `key`, which must then be given.
   */
  private lookupWords(hash: number, meta: number, ports: number, s0: number, d0: number, key: FlowKey | undefined): number {
    const bucket = this.bucketOfHash(hash);
    const kw = this.keyWords;
    const end = (bucket + ENTRIES_PER_BUCKET) * KEY_WORDS;
    for (let w = bucket * KEY_WORDS; w < end; w += KEY_WORDS) {
      if (kw[w + 2] === s0 && kw[w + 3] === d0 && kw[w + 1] === ports && (kw[w]! & ~KW_CHAIN) === meta &&
        ((meta & KW_EXT) === 0 || extensionMatches(this.extensions.get(w >> 2), key!))) {
        return w >> 2;
      }
    }
    if ((kw[end - KEY_WORDS]! & KW_CHAIN) === 0) return -1;
    const next = this.overflow.next;
    const main = this.mainEntries;
    for (let o = this.overflow.chainHead[bucket >> 2]!; o >= 0; o = next[o - main]!) {
      const w = o * KEY_WORDS;
      if (kw[w + 2] === s0 && kw[w + 3] === d0 && kw[w + 1] === ports && kw[w] === meta &&
        ((meta & KW_EXT) === 0 || extensionMatches(this.extensions.get(o), key!))) {
        return o;
      }
    }
    return -1;
  }

  /**
   * `out[j] = lookup(keys[j])` for j < count. Works in rounds of LOOKUP_BATCH keys: hash every
   * key of the round and touch its bucket, then compare, so that the rounds' cache misses
   * overlap instead of following each other.
   */
  lookupBatch(keys: readonly FlowKey[], count: number, out: Int32Array): void {
    const hashes = this.batchHashes;
    const kw = this.keyWords;
    let touched = 0;
    for (let base = 0; base < count; base += LOOKUP_BATCH) {
      const n = Math.min(LOOKUP_BATCH, count - base);
      for (let j = 0; j < n; j++) hashes[j] = flowKeyHash(keys[base + j]!);
      // A tight loop of independent loads: the CPU keeps all of the round's misses in flight.
      for (let j = 0; j < n; j++) touched ^= kw[this.bucketOfHash(hashes[j]! >>> 0) * KEY_WORDS]!;
      for (let j = 0; j < n; j++) out[base + j] = this.lookupHashed(keys[base + j]!, hashes[j]! >>> 0);
    }
    this.touched ^= touched;
  }

  /**
   * `lookupBatch` for IPv4 keys given as columns (the form a batch of parsed headers has, and
   * the C reference's): `out[outAt + j]` = the entry of the key at position `from + j` of the
   * columns, for j < count; no FlowKey objects are read or written. A key whose nexthop is
   * stored outside the key words (EXT) goes through `lookupHashed` with a scratch key.
   */
  lookupBatchInet4(cols: Inet4KeyColumns, from: number, count: number, out: Int32Array, outAt = 0): void {
    const { proto, nh, sport, dport, s0, d0 } = cols;
    const hashes = this.batchHashes;
    const kw = this.keyWords;
    let touched = 0;
    for (let base = 0; base < count; base += LOOKUP_BATCH) {
      const n = Math.min(LOOKUP_BATCH, count - base);
      const first = from + base;
      for (let j = 0; j < n; j++) {
        const i = first + j;
        hashes[j] = hashInet4Key(proto[i]!, sport[i]!, dport[i]!, nh[i]!, s0[i]!, d0[i]!);
      }
      // Then the touches alone: a tight loop of independent loads keeps the whole round's misses in
      // flight (touching inside the hash loop left only a few in the reorder window at a time:
      // 4.7 M/s instead of 11 at 512K flows). Larger rounds (32-128) and software pipelining
      // (hashing and touching round r + 1 before comparing round r) measured no better.
      for (let j = 0; j < n; j++) touched ^= kw[this.bucketOfHash(hashes[j]! >>> 0) * KEY_WORDS]!;
      for (let j = 0; j < n; j++) {
        const i = first + j;
        const keyNh = nh[i]!;
        const hash = hashes[j]! >>> 0;
        if (keyNh < 0 || keyNh >= NH_LIMIT) {
          const k = this.scratchKey;
          k.family = 4; k.proto = proto[i]!; k.nh = keyNh; k.sport = sport[i]!; k.dport = dport[i]!;
          k.s0 = s0[i]!; k.d0 = d0[i]!; k.s1 = k.s2 = k.s3 = k.d1 = k.d2 = k.d3 = 0;
          out[outAt + base + j] = this.lookupHashed(k, hash);
        } else {
          out[outAt + base + j] = this.lookupWords(hash, inlineMetaWord(proto[i]!, keyNh), (sport[i]! << 16) | dport[i]!, s0[i]!, d0[i]!, undefined);
        }
      }
    }
    this.touched ^= touched;
  }

  /**
   * Start loading the bucket of `hash` (and the record of its first slot) into the cache
   * without waiting for it: the agent calls this before its policy decision so that the
   * reverse entry's misses overlap with the decision's work. No effect on the table.
   */
  touchBucket(hash: number): void {
    const bucket = this.bucketOfHash(hash);
    this.touched ^= this.keyWords[bucket * KEY_WORDS]! ^ this.touchRecord(bucket);
  }

  /** Note the bucket of `hash` for the next `touchQueued` (at most TOUCH_QUEUE are kept). */
  queueTouch(hash: number): void {
    if (this.touchCount < TOUCH_QUEUE) this.touchQueue[this.touchCount++] = this.bucketOfHash(hash);
  }

  /**
   * Start loading the queued buckets' key words and records, all in one tight loop of
   * independent loads (so that their misses are in flight together), and empty the queue.
   * Cache state only.
   */
  touchQueued(): void {
    const n = this.touchCount;
    if (n === 0) return;
    const kw = this.keyWords;
    const queue = this.touchQueue;
    let touched = 0;
    for (let j = 0; j < n; j++) {
      const bucket = queue[j]!;
      touched ^= kw[bucket * KEY_WORDS]! ^ this.touchBucketRecords(bucket);
    }
    this.touchCount = 0;
    this.touched ^= touched;
  }

  /**
   * A new HOLD entry for `key` (precondition: `lookup(key) === -1`), or -1 when the bucket and
   * the overflow table are full (the caller counts 'Flow Table Full').
   */
  allocate(key: FlowKey, now: number): number {
    return this.allocateHashed(key, flowKeyHash(key), now);
  }

  /** `allocate` with `hash === flowKeyHash(key)` already computed. */
  allocateHashed(key: FlowKey, hash: number, now: number): number {
    return this.allocateFor(key, hash, now, false);
  }

  /**
   * An entry the agent creates (the reverse flow of a setup, `vr_flow_set_req` on a new index):
   * vr_flow.c counts it in `Added`, not in `Created` (which only datapath misses grow).
   */
  allocateByAgent(key: FlowKey, hash: number, now: number): number {
    return this.allocateFor(key, hash, now, true);
  }

  private allocateFor(key: FlowKey, hash: number, now: number, byAgent: boolean): number {
    const bucket = this.bucketOfHash(hash);
    const kw = this.keyWords;
    let index = -1;
    for (let i = bucket; i < bucket + ENTRIES_PER_BUCKET; i++) {
      if ((kw[i * KEY_WORDS]! & KW_VALID) === 0) { index = i; break; }
    }
    if (index < 0) {
      index = this.overflow.freeHead;
      if (index < 0) return -1;
      this.chainOverflow(index, bucket, true);
    }
    this.initialise(index, key, now, hash, byAgent);
    return index;
  }

  /**
   * Test/debug only: put the entry for `key` at a chosen free `index` (to reproduce a dump
   * whose indexes came from another machine). An overflow index is chained into the key's
   * bucket, so it stays findable; a main index outside the key's bucket is NOT found by
   * `lookup`. Returns `index`, or -1 when the slot is in use or out of range.
   */
  allocateAt(index: number, key: FlowKey, now: number): number {
    if (!Number.isInteger(index) || index < 0 || index >= this.capacity || this.isInUse(index)) return -1;
    const hash = flowKeyHash(key);
    if (index >= this.mainEntries) this.chainOverflow(index, this.bucketOfHash(hash), false);
    this.initialise(index, key, now, hash);
    return index;
  }

  private chainOverflow(index: number, bucket: number, isFreeHead: boolean): void {
    this.overflow.take(index, bucket, isFreeHead);
    this.keyWords[(bucket + 3) * KEY_WORDS] |= KW_CHAIN;
    this.counters.overflowInUse++;
  }

  private initialise(index: number, key: FlowKey, now: number, hash: number, byAgent = false): void {
    encodeKey(this.keyWords, index, key);
    if (needsExtension(key)) {
      this.extensions.set(index, makeExtension(key));
    } else if (this.extensions.size !== 0) {
      this.extensions.delete(index);
    }
    this.resetRecord(index, { action: ACTION_HOLD, flags: FLAG_ACTIVE | FLAG_NEW_FLOW, sourceInfoKind: SRC_INFO_NONE, lastUsed: now });
    this.counters.allocated++;
    if (byAgent) {
      this.counters.added++;
    } else {
      this.counters.created++;
      this.counters.createdPerCpu[this.cpuOfHash(hash)]!++;
    }
  }

  /** Delete the entry: its slot is free for reuse; counters.deleted++. No-op on a free slot. */
  release(index: number): void {
    if (!this.freeSlot(index)) return;
    this.setFlags(index, 0);
    this.counters.deleted++;
  }

  /**
   * Deferred eviction of a dead flow, as tf-vrouter's `vr_flow_evict_flow` does: `Ec` cleared,
   * `E` set, the entry stays ACTIVE (and listable under `--show-evicted`) while its slot is
   * free for reuse; then `vr_flow_reset_active_entry` (`__vr_flow_reset_entry`) resets it: no
   * reverse index, action drop (the drop reason is kept), TCP bits, tunnel source port,
   * source info and RPF next hop 0, no ECMP member, flags masked to ACTIVE | EVICTED |
   * NEW_FLOW | DELETE_MARKED. Key, generation and stats stay. No-op on a free slot.
   */
  markEvicted(index: number): void {
    if (!this.freeSlot(index)) return;
    this.setFlags(index, (this.flags(index) & (FLAG_ACTIVE | FLAG_NEW_FLOW | FLAG_DELETE_MARKED)) | FLAG_EVICTED);
    this.setRflow(index, -1);
    this.setActionAndReason(index, ACTION_DROP, this.dropReason(index));
    this.setTcpFlags(index, 0);
    this.setUdpSrcPort(index, 0);
    this.setSrcNh(index, 0);
    this.setSrcInfoOf(index, SRC_INFO_NONE, 0);
    this.setEcmpIndex(index, -1);
    this.counters.evicted++;
  }

  private freeSlot(index: number): boolean {
    if (!(index >= 0 && index < this.capacity) || !this.isInUse(index)) return false;
    this.keyWords[index * KEY_WORDS] &= ~KW_VALID;
    if (index >= this.mainEntries) {
      this.readKey(index, this.scratchKey);
      const bucket = this.bucketStart(this.scratchKey);
      if (this.overflow.give(index, bucket)) this.keyWords[(bucket + 3) * KEY_WORDS] &= ~KW_CHAIN;
      this.counters.overflowInUse--;
    }
    return true;
  }

  private readonly scratchKey = new FlowKey();

  /** The overflow entries chained off the bucket whose last slot is `index` (vRouter hangs the chain on slot 3), in chain order. */
  overflowChain(index: number): number[] {
    if (index < 0 || index >= this.mainEntries || (index & 3) !== 3) return [];
    return this.overflow.chain(index & ~3);
  }

  /** The next overflow entry after overflow entry `index` in its chain, or -1. */
  overflowNextOf(index: number): number {
    if (index < this.mainEntries || index >= this.capacity || !this.isInUse(index)) return -1;
    return this.overflow.next[index - this.mainEntries]!;
  }

  readKey(index: number, out: FlowKey): void {
    const ext = (this.keyWords[index * KEY_WORDS]! & KW_EXT) !== 0 ? this.extensions.get(index) : undefined;
    decodeKey(this.keyWords, index, ext, out);
  }

  keyNh(index: number): number {
    const meta = this.keyWords[index * KEY_WORDS]!;
    if ((meta & KW_EXT) === 0) return metaNh(meta);
    return this.extensions.get(index)?.[0] ?? 0;
  }

  keyProto(index: number): number {
    return metaProto(this.keyWords[index * KEY_WORDS]!);
  }

  keyFamily(index: number): 4 | 6 {
    return metaFamily(this.keyWords[index * KEY_WORDS]!);
  }

  /** Whether the slot currently holds an entry (vr_htable VALID; evicted and released slots do not). */
  isInUse(index: number): boolean {
    return (this.keyWords[index * KEY_WORDS]! & KW_VALID) !== 0;
  }

  /** Link a forward/reverse pair both ways (fe_rflow + VR_RFLOW_VALID), as the agent does. */
  linkReverse(a: number, b: number): void {
    this.setRflow(a, b);
    this.setRflow(b, a);
    this.setFlags(a, this.flags(a) | FLAG_RFLOW_VALID);
    this.setFlags(b, this.flags(b) | FLAG_RFLOW_VALID);
  }

  /** The packet came from a local vif: `Sinfo` prints the index via inet_ntop (vif 8 → 8.0.0.0). */
  setSrcInfoVif(index: number, vif: number): void {
    this.setSrcInfoOf(index, SRC_INFO_VIF, vif);
  }

  /** The packet came from the fabric: `Sinfo` prints the outer source IPv4 (network-order word). */
  setSrcInfoFabric(index: number, ipWord: number): void {
    this.setSrcInfoOf(index, SRC_INFO_FABRIC, ipWord);
  }

  /** Indexes of entries with ACTIVE set and EVICTED clear, ascending. */
  activeIndexes(): Int32Array {
    let count = 0;
    for (let i = 0; i < this.capacity; i++) {
      if ((this.flags(i) & (FLAG_ACTIVE | FLAG_EVICTED)) === FLAG_ACTIVE) count++;
    }
    const out = new Int32Array(count);
    let j = 0;
    for (let i = 0; i < this.capacity && j < count; i++) {
      if ((this.flags(i) & (FLAG_ACTIVE | FLAG_EVICTED)) === FLAG_ACTIVE) out[j++] = i;
    }
    return out;
  }

  /**
   * Typed-array bytes per entry (all per-entry, per-bucket and per-overflow arrays divided by
   * `capacity`). EXT entries (IPv6) add a 28-byte side array each, not counted here.
   */
  bytesPerEntry(): number {
    const arrays: ArrayBufferView[] = [this.keyWords, this.overflow.chainHead, this.overflow.next];
    let total = this.recordBytes();
    for (const a of arrays) total += a.byteLength;
    return total / this.capacity;
  }
}
