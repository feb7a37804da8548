/**
 * The vRouter flow table (tf-vrouter dp-core/vr_htable.c + vr_flow.c) as typed arrays:
 * `mainEntries` slots in 4-entry hash buckets, then `overflowEntries` overflow slots chained
 * off their bucket, every per-entry field in its own typed array indexed by the entry index.
 *
 * Guarantees:
 * - the bucket of a key is `(vr_hash(packed key) % mainEntries) & ~3`; a new entry takes the
 *   first free of the bucket's 4 slots, else the head of the overflow free list (LIFO, first
 *   use in ascending order), linked at the head of the bucket's chain, as vr_htable does;
 * - `lookup` and `allocate` never allocate memory (IPv6 keys allocate one small side array
 *   at `allocate`); a key is stored at most once while the caller honours `allocate`'s
 *   precondition;
 * - a released or evicted slot is immediately reusable; an overflow slot leaves its chain and
 *   returns to the free list, the rest of the chain stays findable;
 * - `allocate` refuses (-1) only when the bucket and the whole overflow table are full.
 *
 * Counters: the table maintains `created`, `createdPerCpu`, `deleted`, `evicted` and
 * `overflowInUse`; `added`, `changed` and `processed` belong to the agent/vRouter code, which
 * increments them directly (they are only printed by `flow -l`).
 */

import {
  ACTION_HOLD, FLAG_ACTIVE, FLAG_EVICTED, FLAG_NEW_FLOW, FLAG_RFLOW_VALID,
  SRC_INFO_FABRIC, SRC_INFO_NONE, SRC_INFO_VIF,
} from './flow-codes.js';
import { FlowKey, flowKeyHash } from './flow-key.js';

export interface FlowTableOptions {
  /** Main (bucketed) entries, a positive multiple of 4; default 524288 (VR_DEF_FLOW_ENTRIES). */
  entries?: number;
  /** Overflow entries; default `((entries / 5) + 1023) & ~1023` (105472 for the default). */
  overflowEntries?: number;
  /** CPUs with their own `Created Flows/CPU` counter; default 4. */
  cpus?: number;
}

export interface FlowTableCounters {
  created: number;
  added: number;
  deleted: number;
  changed: number;
  processed: number;
  createdPerCpu: number[];
  overflowInUse: number;
  /** Entries evicted by `markEvicted` (not part of `flow -l`'s header). */
  evicted: number;
}

export const DEFAULT_FLOW_ENTRIES = 512 * 1024;
export const ENTRIES_PER_BUCKET = 4;

/** Stored key words per entry: meta (proto | family bit), ports, nh, source w0, destination w0. */
const KEY_WORDS = 5;
const META_FAMILY6 = 0x100;

export function defaultOverflowEntries(entries: number): number {
  return (Math.floor(entries / 5) + 1023) & ~1023;
}

function metaWord(key: FlowKey): number {
  return key.family === 6 ? key.proto | META_FAMILY6 : key.proto;
}

function portsWord(key: FlowKey): number {
  return (key.sport << 16) | key.dport;
}

export class FlowTable {
  readonly mainEntries: number;
  readonly overflowEntries: number;
  readonly capacity: number;
  readonly cpus: number;

  readonly action: Uint8Array;
  readonly dropReason: Uint8Array;
  readonly flags: Uint16Array;
  readonly tcpFlags: Uint16Array;
  readonly genId: Uint8Array;
  /** Reverse entry index, -1 when none. */
  readonly rflow: Int32Array;
  /** RPF nexthop (`S(nh)`). */
  readonly srcNh: Int32Array;
  readonly vrf: Uint16Array;
  readonly packets: Uint32Array;
  readonly bytes: Uint32Array;
  readonly udpSrcPort: Uint16Array;
  /** Fabric: outer source IPv4 word; local: ingress vif index; -1: no packet seen. */
  readonly srcInfo: Int32Array;
  /** Which kind `srcInfo` holds: SRC_INFO_NONE, SRC_INFO_VIF or SRC_INFO_FABRIC. */
  readonly srcInfoKind: Uint8Array;
  /** Virtual time of the last packet, ms. */
  readonly lastUsed: Uint32Array;
  /** fe_tcp_seq: the SYN's sequence, then the FIN's sequence + payload length. */
  readonly tcpSeq: Int32Array;

  readonly counters: FlowTableCounters;

  private readonly keyWords: Int32Array;
  /** 1 while the slot holds an entry (vr_htable's VALID). */
  private readonly used: Uint8Array;
  /** Per bucket: first overflow entry of its chain, -1 when none. */
  private readonly chainHead: Int32Array;
  /** Per overflow entry: next entry of its chain or of the free list, -1 at the end. */
  private readonly overflowNext: Int32Array;
  private freeOverflowHead: number;
  /** IPv6 entries: [s1, s2, s3, d1, d2, d3]. */
  private readonly ipv6Words = new Map<number, Int32Array>();

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
    this.mainEntries = entries;
    this.overflowEntries = overflow;
    this.capacity = entries + overflow;
    this.cpus = cpus;
    const n = this.capacity;
    this.action = new Uint8Array(n);
    this.dropReason = new Uint8Array(n);
    this.flags = new Uint16Array(n);
    this.tcpFlags = new Uint16Array(n);
    this.genId = new Uint8Array(n);
    this.rflow = new Int32Array(n).fill(-1);
    this.srcNh = new Int32Array(n);
    this.vrf = new Uint16Array(n);
    this.packets = new Uint32Array(n);
    this.bytes = new Uint32Array(n);
    this.udpSrcPort = new Uint16Array(n);
    this.srcInfo = new Int32Array(n).fill(-1);
    this.srcInfoKind = new Uint8Array(n);
    this.lastUsed = new Uint32Array(n);
    this.tcpSeq = new Int32Array(n);
    this.keyWords = new Int32Array(n * KEY_WORDS);
    this.used = new Uint8Array(n);
    this.chainHead = new Int32Array(entries / ENTRIES_PER_BUCKET).fill(-1);
    this.overflowNext = new Int32Array(overflow);
    for (let o = 0; o < overflow; o++) this.overflowNext[o] = o + 1 < overflow ? entries + o + 1 : -1;
    this.freeOverflowHead = overflow > 0 ? entries : -1;
    this.counters = {
      created: 0, added: 0, deleted: 0, changed: 0, processed: 0,
      createdPerCpu: new Array<number>(cpus).fill(0), overflowInUse: 0, evicted: 0,
    };
  }

  /** First slot of the key's bucket. */
  bucketStart(key: FlowKey): number {
    return (flowKeyHash(key) % this.mainEntries) & ~3;
  }

  /** The CPU whose `Created Flows/CPU` counter a new flow with this hash increments (hash % cpus, like RSS). */
  cpuOfHash(hash: number): number {
    return hash % this.cpus;
  }

  /** Index of the entry holding `key` (any action, HOLD included; evicted/released excluded), or -1. */
  lookup(key: FlowKey): number {
    const bucket = this.bucketStart(key);
    const meta = metaWord(key);
    const ports = portsWord(key);
    for (let i = bucket; i < bucket + ENTRIES_PER_BUCKET; i++) {
      if (this.holdsKey(i, key, meta, ports)) return i;
    }
    const main = this.mainEntries;
    for (let o = this.chainHead[bucket >> 2]!; o >= 0; o = this.overflowNext[o - main]!) {
      if (this.holdsKey(o, key, meta, ports)) return o;
    }
    return -1;
  }

  private holdsKey(i: number, key: FlowKey, meta: number, ports: number): boolean {
    if (this.used[i] === 0) return false;
    const w = i * KEY_WORDS;
    const kw = this.keyWords;
    if (kw[w + 3] !== key.s0 || kw[w + 4] !== key.d0 || kw[w + 1] !== ports || kw[w + 2] !== key.nh || kw[w] !== meta) {
      return false;
    }
    return meta < META_FAMILY6 || this.ipv6TailMatches(i, key);
  }

  private ipv6TailMatches(i: number, key: FlowKey): boolean {
    const x = this.ipv6Words.get(i);
    return x !== undefined && x[0] === key.s1 && x[1] === key.s2 && x[2] === key.s3 &&
      x[3] === key.d1 && x[4] === key.d2 && x[5] === key.d3;
  }

  /**
   * A new HOLD entry for `key` (precondition: `lookup(key) === -1`), or -1 when the bucket and
   * the overflow table are full (the caller counts 'Flow Table Full').
   */
  allocate(key: FlowKey, now: number): number {
    const hash = flowKeyHash(key);
    const bucket = (hash % this.mainEntries) & ~3;
    let index = -1;
    for (let i = bucket; i < bucket + ENTRIES_PER_BUCKET; i++) {
      if (this.used[i] === 0) { index = i; break; }
    }
    if (index < 0) {
      index = this.freeOverflowHead;
      if (index < 0) return -1;
      this.takeFreeOverflow(index, bucket);
    }
    this.initialise(index, key, now, hash);
    return index;
  }

  /**
   * Test/debug only: put the entry for `key` at a chosen free `index` (to reproduce a dump
   * whose indexes came from another machine). An overflow index is chained into the key's
   * bucket, so it stays findable; a main index outside the key's bucket is NOT found by
   * `lookup`. Returns `index`, or -1 when the slot is in use or out of range.
   */
  allocateAt(index: number, key: FlowKey, now: number): number {
    if (!Number.isInteger(index) || index < 0 || index >= this.capacity || this.used[index] !== 0) return -1;
    const hash = flowKeyHash(key);
    if (index >= this.mainEntries) {
      this.unlinkFromFreeList(index);
      this.takeFreeOverflow(index, (hash % this.mainEntries) & ~3, false);
    }
    this.initialise(index, key, now, hash);
    return index;
  }

  private takeFreeOverflow(index: number, bucket: number, isFreeHead = true): void {
    const o = index - this.mainEntries;
    if (isFreeHead) this.freeOverflowHead = this.overflowNext[o]!;
    this.overflowNext[o] = this.chainHead[bucket >> 2]!;
    this.chainHead[bucket >> 2] = index;
    this.counters.overflowInUse++;
  }

  private unlinkFromFreeList(index: number): void {
    const main = this.mainEntries;
    if (this.freeOverflowHead === index) {
      this.freeOverflowHead = this.overflowNext[index - main]!;
      return;
    }
    for (let o = this.freeOverflowHead; o >= 0; o = this.overflowNext[o - main]!) {
      if (this.overflowNext[o - main] === index) {
        this.overflowNext[o - main] = this.overflowNext[index - main]!;
        return;
      }
    }
  }

  private initialise(index: number, key: FlowKey, now: number, hash: number): void {
    const w = index * KEY_WORDS;
    const kw = this.keyWords;
    kw[w] = metaWord(key);
    kw[w + 1] = portsWord(key);
    kw[w + 2] = key.nh;
    kw[w + 3] = key.s0;
    kw[w + 4] = key.d0;
    if (key.family === 6) {
      this.ipv6Words.set(index, Int32Array.of(key.s1, key.s2, key.s3, key.d1, key.d2, key.d3));
    } else if (this.ipv6Words.size !== 0) {
      this.ipv6Words.delete(index);
    }
    this.used[index] = 1;
    this.action[index] = ACTION_HOLD;
    this.dropReason[index] = 0;
    this.flags[index] = FLAG_ACTIVE | FLAG_NEW_FLOW;
    this.tcpFlags[index] = 0;
    this.genId[index] = (this.genId[index]! + 1) & 0xff;
    this.rflow[index] = -1;
    this.srcNh[index] = 0;
    this.vrf[index] = 0;
    this.packets[index] = 0;
    this.bytes[index] = 0;
    this.udpSrcPort[index] = 0;
    this.srcInfo[index] = -1;
    this.srcInfoKind[index] = SRC_INFO_NONE;
    this.lastUsed[index] = now;
    this.tcpSeq[index] = 0;
    this.counters.created++;
    this.counters.createdPerCpu[this.cpuOfHash(hash)]!++;
  }

  /** Delete the entry: its slot is free for reuse; counters.deleted++. No-op on a free slot. */
  release(index: number): void {
    if (!this.freeSlot(index)) return;
    this.flags[index] = 0;
    this.counters.deleted++;
  }

  /**
   * Deferred eviction of a dead flow: EVICTED set, ACTIVE cleared, slot free for reuse, the
   * other fields kept for `--show-evicted` until the slot is reused. No-op on a free slot.
   */
  markEvicted(index: number): void {
    if (!this.freeSlot(index)) return;
    this.flags[index] = (this.flags[index]! & ~FLAG_ACTIVE) | FLAG_EVICTED;
    this.counters.evicted++;
  }

  private freeSlot(index: number): boolean {
    if (index < 0 || index >= this.capacity || this.used[index] === 0) return false;
    this.used[index] = 0;
    if (index >= this.mainEntries) this.returnOverflow(index);
    return true;
  }

  private returnOverflow(index: number): void {
    const main = this.mainEntries;
    const headSlot = this.bucketOfEntry(index) >> 2;
    if (this.chainHead[headSlot] === index) {
      this.chainHead[headSlot] = this.overflowNext[index - main]!;
    } else {
      for (let o = this.chainHead[headSlot]!; o >= 0; o = this.overflowNext[o - main]!) {
        if (this.overflowNext[o - main] === index) {
          this.overflowNext[o - main] = this.overflowNext[index - main]!;
          break;
        }
      }
    }
    this.overflowNext[index - main] = this.freeOverflowHead;
    this.freeOverflowHead = index;
    this.counters.overflowInUse--;
  }

  private readonly scratchKey = new FlowKey();

  private bucketOfEntry(index: number): number {
    this.readKey(index, this.scratchKey);
    return this.bucketStart(this.scratchKey);
  }

  /** The overflow entries chained off the bucket whose last slot is `index` (vRouter hangs the chain on slot 3), in chain order. */
  overflowChain(index: number): number[] {
    const chain: number[] = [];
    if (index < 0 || index >= this.mainEntries || (index & 3) !== 3) return chain;
    for (let o = this.chainHead[index >> 2]!; o >= 0; o = this.overflowNext[o - this.mainEntries]!) chain.push(o);
    return chain;
  }

  /** The next overflow entry after overflow entry `index` in its chain, or -1. */
  overflowNextOf(index: number): number {
    if (index < this.mainEntries || index >= this.capacity || this.used[index] === 0) return -1;
    return this.overflowNext[index - this.mainEntries]!;
  }

  readKey(index: number, out: FlowKey): void {
    const w = index * KEY_WORDS;
    const kw = this.keyWords;
    const meta = kw[w]!;
    out.family = meta >= META_FAMILY6 ? 6 : 4;
    out.proto = meta & 0xff;
    out.sport = kw[w + 1]! >>> 16;
    out.dport = kw[w + 1]! & 0xffff;
    out.nh = kw[w + 2]!;
    out.s0 = kw[w + 3]!;
    out.d0 = kw[w + 4]!;
    const x = out.family === 6 ? this.ipv6Words.get(index) : undefined;
    out.s1 = x ? x[0]! : 0; out.s2 = x ? x[1]! : 0; out.s3 = x ? x[2]! : 0;
    out.d1 = x ? x[3]! : 0; out.d2 = x ? x[4]! : 0; out.d3 = x ? x[5]! : 0;
  }

  keyNh(index: number): number {
    return this.keyWords[index * KEY_WORDS + 2]!;
  }

  keyProto(index: number): number {
    return this.keyWords[index * KEY_WORDS]! & 0xff;
  }

  keyFamily(index: number): 4 | 6 {
    return this.keyWords[index * KEY_WORDS]! >= META_FAMILY6 ? 6 : 4;
  }

  /** Whether the slot currently holds an entry (vr_htable VALID; evicted and released slots do not). */
  isInUse(index: number): boolean {
    return this.used[index] === 1;
  }

  /** Link a forward/reverse pair both ways (fe_rflow + VR_RFLOW_VALID), as the agent does. */
  linkReverse(a: number, b: number): void {
    this.rflow[a] = b;
    this.rflow[b] = a;
    this.flags[a] = this.flags[a]! | FLAG_RFLOW_VALID;
    this.flags[b] = this.flags[b]! | FLAG_RFLOW_VALID;
  }

  /** The packet came from a local vif: `Sinfo` prints the index via inet_ntop (vif 8 → 8.0.0.0). */
  setSrcInfoVif(index: number, vif: number): void {
    this.srcInfo[index] = vif;
    this.srcInfoKind[index] = SRC_INFO_VIF;
  }

  /** The packet came from the fabric: `Sinfo` prints the outer source IPv4 (network-order word). */
  setSrcInfoFabric(index: number, ipWord: number): void {
    this.srcInfo[index] = ipWord;
    this.srcInfoKind[index] = SRC_INFO_FABRIC;
  }

  /** Indexes of entries with ACTIVE set and EVICTED clear, ascending. */
  activeIndexes(): Int32Array {
    const flags = this.flags;
    let count = 0;
    for (let i = 0; i < this.capacity; i++) {
      if ((flags[i]! & (FLAG_ACTIVE | FLAG_EVICTED)) === FLAG_ACTIVE) count++;
    }
    const out = new Int32Array(count);
    let j = 0;
    for (let i = 0; i < this.capacity && j < count; i++) {
      if ((flags[i]! & (FLAG_ACTIVE | FLAG_EVICTED)) === FLAG_ACTIVE) out[j++] = i;
    }
    return out;
  }

  /**
   * Typed-array bytes per entry (all per-entry, per-bucket and per-overflow arrays divided by
   * `capacity`). IPv6 entries add a 24-byte side array each, not counted here.
   */
  bytesPerEntry(): number {
    const arrays: ArrayBufferView[] = [
      this.action, this.dropReason, this.flags, this.tcpFlags, this.genId, this.rflow, this.srcNh,
      this.vrf, this.packets, this.bytes, this.udpSrcPort, this.srcInfo, this.srcInfoKind,
      this.lastUsed, this.tcpSeq, this.keyWords, this.used, this.chainHead, this.overflowNext,
    ];
    let total = 0;
    for (const a of arrays) total += a.byteLength;
    return total / this.capacity;
  }
}
