/**
 * Deterministic IPv4 flow keys for the lookup benchmark, stored column-wise in Int32Arrays
 * (proto, key nexthop, sport, dport, source word, destination word), plus precomputed query
 * streams in random order: `hits` draws live keys, `misses` draws keys that are not live.
 *
 * Guarantees: a pure function of (live, queries, seed) through the seeded PRNG; live keys are
 * pairwise distinct and no miss key equals a live key; the timed loops read the query columns
 * sequentially, so only the table under test is accessed at random.
 */
import type { Inet4KeyColumns } from '../../src/dataplane/flow-table.js';
import { Prng } from '../../src/sim/prng.js';

/** The table's key columns (`Inet4KeyColumns`, what `lookupBatchInet4` reads) and how many keys they hold. */
export interface KeyColumns extends Inet4KeyColumns {
  readonly length: number;
}

export interface LookupInputs {
  readonly live: KeyColumns;
  readonly hits: KeyColumns;
  readonly misses: KeyColumns;
}

function columns(n: number): KeyColumns {
  return {
    length: n,
    proto: new Int32Array(n), nh: new Int32Array(n), sport: new Int32Array(n), dport: new Int32Array(n),
    s0: new Int32Array(n), d0: new Int32Array(n),
  };
}

const DPORTS = [80, 443, 8080, 9090, 53, 5432, 6379];

function drawKey(rng: Prng, out: KeyColumns, i: number): string {
  const proto = rng.nextInt(8) === 0 ? 17 : 6;
  const nh = 20 + 3 * (3 + rng.nextInt(128));
  const sport = 32768 + rng.nextInt(28232);
  const dport = rng.nextInt(4) === 0 ? 1024 + rng.nextInt(60000) : DPORTS[rng.nextInt(DPORTS.length)]!;
  // Pod addresses in 10.32.0.0/11 (network-order words as int32).
  const s0 = ((10 << 24) | (32 << 16) | rng.nextInt(1 << 21)) | 0;
  const d0 = ((10 << 24) | (32 << 16) | rng.nextInt(1 << 21)) | 0;
  out.proto[i] = proto; out.nh[i] = nh; out.sport[i] = sport; out.dport[i] = dport; out.s0[i] = s0; out.d0[i] = d0;
  return `${proto},${nh},${sport},${dport},${s0},${d0}`;
}

function copyKey(from: KeyColumns, j: number, to: KeyColumns, i: number): void {
  to.proto[i] = from.proto[j]!; to.nh[i] = from.nh[j]!; to.sport[i] = from.sport[j]!;
  to.dport[i] = from.dport[j]!; to.s0[i] = from.s0[j]!; to.d0[i] = from.d0[j]!;
}

export function makeLookupInputs(liveCount: number, queryCount: number, seed = 7): LookupInputs {
  const rng = new Prng(seed);
  const seen = new Set<string>();
  const live = columns(liveCount);
  for (let i = 0; i < liveCount; ) {
    const text = drawKey(rng, live, i);
    if (seen.has(text)) continue;
    seen.add(text);
    i++;
  }
  const absentCount = Math.min(liveCount, queryCount);
  const absent = columns(absentCount);
  for (let i = 0; i < absentCount; ) {
    const text = drawKey(rng, absent, i);
    if (seen.has(text)) continue;
    seen.add(text);
    i++;
  }
  const hits = columns(queryCount);
  const misses = columns(queryCount);
  const order = rng.fork('order');
  for (let i = 0; i < queryCount; i++) {
    copyKey(live, order.nextInt(liveCount), hits, i);
    copyKey(absent, order.nextInt(absentCount), misses, i);
  }
  return { live, hits, misses };
}
