/**
 * Benchmark 1: flow lookup, hits and misses, at several live-flow counts, random access order,
 * for the vRouter-style typed-array `FlowTable` (one `lookup` per key, `lookupBatch` over 16
 * FlowKey objects per call, and `lookupBatchInet4` over the query columns as the C reference
 * reads them) against a naive `Map<string>` (key string built per packet), a
 * `Map<bigint>` and a `Map<small-int hash>` with typed-array chains; plus bytes of memory per
 * live entry for each structure.
 *
 * Guarantees: inputs are deterministic (seeded); the timed loops read precomputed query
 * columns and allocate nothing except what the variant itself allocates per lookup (the
 * string or BigInt key); before timing, every variant is checked to find every hit and no miss.
 */
import { FlowKey } from '../../src/dataplane/flow-key.js';
import { FlowTable, LOOKUP_BATCH } from '../../src/dataplane/flow-table.js';
import { opsPerSecond, type Timing } from '../lib/measure.js';
import { cReference, runCLookup } from '../lib/c-reference.js';
import { retainedBytes } from '../lib/memory.js';
import { median } from '../lib/results.js';
import type { Row } from '../lib/results.js';
import { BigIntFlowMap } from './bigint-map.js';
import { HashChainFlowMap } from './hash-chain-map.js';
import { makeLookupInputs, type KeyColumns } from './keys.js';
import { NaiveStringFlowMap } from './naive-string-map.js';

const CHUNK = 1024;
export const VARIANT_TABLE = 'FlowTable (typed arrays, 4-way buckets)';
export const VARIANT_TABLE_BATCH = `FlowTable.lookupBatch (${LOOKUP_BATCH} keys per round)`;
export const VARIANT_TABLE_COLUMNS = `FlowTable.lookupBatchInet4 (key columns, ${LOOKUP_BATCH} keys per round)`;
export const VARIANT_NAIVE = 'Map<string> (key string per packet)';
export const VARIANT_BIGINT = 'Map<bigint>';
export const VARIANT_HASHMAP = 'Map<small-int hash> + typed-array chains';
export const VARIANT_C = 'C reference (same algorithm, same keys)';
export const VARIANT_C_BATCH = `C reference, batched with prefetch (${LOOKUP_BATCH} keys per round)`;

/** Anything that lookup loops feed; `sink` keeps results observable so nothing is optimised away. */
export let sink = 0;

type Lookup6 = (proto: number, nh: number, sport: number, dport: number, s0: number, d0: number) => number;

function tableLoop(table: FlowTable, q: KeyColumns): () => void {
  const k = new FlowKey();
  const { proto, nh, sport, dport, s0, d0 } = q;
  const n = q.length;
  let cursor = 0;
  return () => {
    let acc = 0;
    let i = cursor;
    for (let c = 0; c < CHUNK; c++) {
      k.proto = proto[i]!; k.nh = nh[i]!; k.sport = sport[i]!; k.dport = dport[i]!; k.s0 = s0[i]!; k.d0 = d0[i]!;
      acc += table.lookup(k);
      if (++i === n) i = 0;
    }
    cursor = i;
    sink ^= acc;
  };
}

/** Batched: fill LOOKUP_BATCH keys from the columns, one `lookupBatch` call, consume the results. */
function tableBatchLoop(table: FlowTable, q: KeyColumns): () => void {
  const keys = Array.from({ length: LOOKUP_BATCH }, () => new FlowKey());
  const out = new Int32Array(LOOKUP_BATCH);
  const { proto, nh, sport, dport, s0, d0 } = q;
  const n = q.length;
  let cursor = 0;
  return () => {
    let acc = 0;
    let i = cursor;
    for (let c = 0; c < CHUNK; c += LOOKUP_BATCH) {
      for (let j = 0; j < LOOKUP_BATCH; j++) {
        const k = keys[j]!;
        k.proto = proto[i]!; k.nh = nh[i]!; k.sport = sport[i]!; k.dport = dport[i]!; k.s0 = s0[i]!; k.d0 = d0[i]!;
        if (++i === n) i = 0;
      }
      table.lookupBatch(keys, LOOKUP_BATCH, out);
      for (let j = 0; j < LOOKUP_BATCH; j++) acc += out[j]!;
    }
    cursor = i;
    sink ^= acc;
  };
}

/** Batched from the query columns themselves (as the C reference reads them): no FlowKey objects. */
function tableColumnsLoop(table: FlowTable, q: KeyColumns): () => void {
  const out = new Int32Array(CHUNK);
  const n = q.length;
  let cursor = 0;
  return () => {
    let acc = 0;
    const first = Math.min(CHUNK, n - cursor);
    table.lookupBatchInet4(q, cursor, first, out);
    if (first < CHUNK) table.lookupBatchInet4(q, 0, CHUNK - first, out, first);
    cursor = (cursor + CHUNK) % n;
    for (let j = 0; j < CHUNK; j++) acc += out[j]!;
    sink ^= acc;
  };
}

// One timed loop per variant, on purpose: a single loop taking the map as a parameter would make
// its `lookup` call site polymorphic across variants, V8 would stop inlining it, and the
// benchmark would measure the dispatch rather than the data structure.
function naiveLoop(map: NaiveStringFlowMap, q: KeyColumns): () => void {
  const { proto, nh, sport, dport, s0, d0 } = q;
  const n = q.length;
  let cursor = 0;
  return () => {
    let acc = 0;
    let i = cursor;
    for (let c = 0; c < CHUNK; c++) {
      acc += map.lookup(proto[i]!, nh[i]!, sport[i]!, dport[i]!, s0[i]!, d0[i]!);
      if (++i === n) i = 0;
    }
    cursor = i;
    sink ^= acc;
  };
}

function bigintLoop(map: BigIntFlowMap, q: KeyColumns): () => void {
  const { proto, nh, sport, dport, s0, d0 } = q;
  const n = q.length;
  let cursor = 0;
  return () => {
    let acc = 0;
    let i = cursor;
    for (let c = 0; c < CHUNK; c++) {
      acc += map.lookup(proto[i]!, nh[i]!, sport[i]!, dport[i]!, s0[i]!, d0[i]!);
      if (++i === n) i = 0;
    }
    cursor = i;
    sink ^= acc;
  };
}

function hashMapLoop(map: HashChainFlowMap, q: KeyColumns): () => void {
  const { proto, nh, sport, dport, s0, d0 } = q;
  const n = q.length;
  let cursor = 0;
  return () => {
    let acc = 0;
    let i = cursor;
    for (let c = 0; c < CHUNK; c++) {
      acc += map.lookup(proto[i]!, nh[i]!, sport[i]!, dport[i]!, s0[i]!, d0[i]!);
      if (++i === n) i = 0;
    }
    cursor = i;
    sink ^= acc;
  };
}

function checkFinds(name: string, lookup: Lookup6, q: KeyColumns, expectFound: boolean): void {
  const n = Math.min(q.length, 4096);
  for (let i = 0; i < n; i++) {
    const found = lookup(q.proto[i]!, q.nh[i]!, q.sport[i]!, q.dport[i]!, q.s0[i]!, q.d0[i]!) >= 0;
    if (found !== expectFound) throw new Error(`lookup bench: ${name} ${expectFound ? 'missed a live key' : 'found an absent key'} (query ${i})`);
  }
}

/** Table with `live` flows at load 0.5 of the main entries (as the C reference: load <= 0.5). */
export { tableLoop, tableBatchLoop, tableColumnsLoop };

export function buildFlowTable(live: KeyColumns): FlowTable {
  const entries = Math.max(64, Math.ceil((2 * live.length) / 4) * 4);
  const table = new FlowTable({ entries, prefault: true });
  const k = new FlowKey();
  for (let i = 0; i < live.length; i++) {
    k.proto = live.proto[i]!; k.nh = live.nh[i]!; k.sport = live.sport[i]!; k.dport = live.dport[i]!; k.s0 = live.s0[i]!; k.d0 = live.d0[i]!;
    if (table.allocate(k, 0) < 0) throw new Error(`lookup bench: flow table full at ${i} of ${live.length}`);
  }
  return table;
}

export function sizeLabel(n: number): string {
  return n >= 1024 * 1024 ? `${n / (1024 * 1024)}M` : n >= 1024 ? `${n / 1024}K` : String(n);
}

export interface LookupOptions {
  readonly sizes: readonly number[];
  readonly timing: Timing;
  /** Run the C reference next to the JS variants (default true; it is skipped, with a note, without a compiler). */
  readonly withC?: boolean;
  /** Skip the slow baselines above this size (quick mode keeps everything tiny anyway). */
  readonly log?: (line: string) => void;
}

export function runLookupBench(options: LookupOptions): Row[] {
  const rows: Row[] = [];
  const log = options.log ?? (() => undefined);
  for (const n of options.sizes) {
    const label = sizeLabel(n);
    const queries = Math.min(1 << 18, Math.max(1 << 14, 4 * n));
    const inputs = makeLookupInputs(n, queries);
    const fk = new FlowKey();
    const variants: { name: string; bytes?: number; lookup: Lookup6; loop: (q: KeyColumns) => () => void; note?: string }[] = [];

    const table = retainedBytes(() => buildFlowTable(inputs.live));
    const t = table.value;
    variants.push({
      name: VARIANT_TABLE, bytes: table.bytes,
      lookup: (proto, nh, sport, dport, s0, d0) => {
        fk.proto = proto; fk.nh = nh; fk.sport = sport; fk.dport = dport; fk.s0 = s0; fk.d0 = d0;
        return t.lookup(fk);
      },
      loop: (q) => tableLoop(t, q),
      note: `${t.mainEntries} main + ${t.overflowEntries} overflow slots, ${t.bytesPerEntry().toFixed(1)} B per slot`,
    });
    const one = new Int32Array(1);
    const batchKey = [fk];
    variants.push({
      name: VARIANT_TABLE_BATCH,
      lookup: (proto, nh, sport, dport, s0, d0) => {
        fk.proto = proto; fk.nh = nh; fk.sport = sport; fk.dport = dport; fk.s0 = s0; fk.d0 = d0;
        t.lookupBatch(batchKey, 1, one);
        return one[0]!;
      },
      loop: (q) => tableBatchLoop(t, q),
    });
    const cols = { proto: new Int32Array(1), nh: new Int32Array(1), sport: new Int32Array(1), dport: new Int32Array(1), s0: new Int32Array(1), d0: new Int32Array(1) };
    variants.push({
      name: VARIANT_TABLE_COLUMNS,
      lookup: (proto, nh, sport, dport, s0, d0) => {
        cols.proto[0] = proto; cols.nh[0] = nh; cols.sport[0] = sport; cols.dport[0] = dport; cols.s0[0] = s0; cols.d0[0] = d0;
        t.lookupBatchInet4(cols, 0, 1, one);
        return one[0]!;
      },
      loop: (q) => tableColumnsLoop(t, q),
    });
    const naive = retainedBytes(() => { const m = new NaiveStringFlowMap(); m.insertAll(inputs.live); return m; });
    variants.push({ name: VARIANT_NAIVE, bytes: naive.bytes, lookup: (...a) => naive.value.lookup(...a), loop: (q) => naiveLoop(naive.value, q) });
    const big = retainedBytes(() => { const m = new BigIntFlowMap(); m.insertAll(inputs.live); return m; });
    variants.push({ name: VARIANT_BIGINT, bytes: big.bytes, lookup: (...a) => big.value.lookup(...a), loop: (q) => bigintLoop(big.value, q) });
    const hashed = retainedBytes(() => { const m = new HashChainFlowMap(n); m.insertAll(inputs.live); return m; });
    variants.push({ name: VARIANT_HASHMAP, bytes: hashed.bytes, lookup: (...a) => hashed.value.lookup(...a), loop: (q) => hashMapLoop(hashed.value, q) });

    for (const v of variants) {
      checkFinds(v.name, v.lookup, inputs.hits, true);
      checkFinds(v.name, v.lookup, inputs.misses, false);
    }
    for (const kind of ['hit', 'miss'] as const) {
      const benchmark = `${kind}, ${label} flows`;
      for (const v of variants) {
        const r = opsPerSecond(`${v.name} ${benchmark}`, v.loop(kind === 'hit' ? inputs.hits : inputs.misses), CHUNK, options.timing);
        log(`  lookup ${benchmark.padEnd(18)} ${v.name.padEnd(42)} ${(r.opsPerSecond / 1e6).toFixed(2)} M/s ±${r.rme.toFixed(1)}%`);
        rows.push({
          group: 'lookup', benchmark, variant: v.name, value: r.opsPerSecond, unit: 'ops/s', rme: r.rme,
          ...(v.name !== VARIANT_NAIVE ? { baseline: VARIANT_NAIVE } : {}),
        });
      }
    }
    rows.push(...cRows(t, inputs, label, options, log));
    for (const v of variants) {
      if (v.bytes === undefined) continue; // shares another variant's structure
      rows.push({
        group: 'lookup', benchmark: `memory per live flow, ${label} flows`, variant: v.name, value: v.bytes / n, unit: 'bytes/entry',
        ...(v.name !== VARIANT_NAIVE ? { baseline: VARIANT_NAIVE } : {}),
        ...(v.note !== undefined ? { note: v.note } : {}),
      });
    }
    rows.push({
      group: 'lookup', benchmark: 'bytes per slot (bytesPerEntry)', variant: `${VARIANT_TABLE}, ${label} flows`,
      value: t.bytesPerEntry(), unit: 'bytes/entry',
    });
  }
  return rows;
}

/** The C reference on the same table size, keys and query order, right after the JS variants. */
function cRows(t: FlowTable, inputs: ReturnType<typeof makeLookupInputs>, label: string, options: LookupOptions, log: (l: string) => void): Row[] {
  if (options.withC === false) return [];
  const ref = cReference();
  if (!ref.available) {
    log(`  lookup C reference skipped: ${ref.reason}`);
    return [];
  }
  const figures = runCLookup(ref, { entries: t.mainEntries, overflow: t.overflowEntries }, inputs, options.timing.maxTime * 0.6, 3);
  const rows: Row[] = [];
  for (const kind of ['hit', 'miss'] as const) {
    const benchmark = `${kind}, ${label} flows`;
    for (const [variant, values] of [
      [VARIANT_C, kind === 'hit' ? figures.hit : figures.miss],
      [VARIANT_C_BATCH, kind === 'hit' ? figures.hitBatch : figures.missBatch],
    ] as const) {
      const value = median(values);
      log(`  lookup ${benchmark.padEnd(18)} ${variant.padEnd(42)} ${(value / 1e6).toFixed(2)} M/s (median of ${values.length})`);
      rows.push({ group: 'lookup', benchmark, variant, value, unit: 'ops/s', baseline: VARIANT_NAIVE, note: ref.compiler });
    }
  }
  return rows;
}
