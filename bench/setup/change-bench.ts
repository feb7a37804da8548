/**
 * Benchmark: the decisions right after a cluster change, with the verdict rows the change did
 * not touch carried over (`VerdictRows` with `previous`, policy/verdict-row-carry.ts) against
 * the baseline of rows rebuilt from nothing (what every change did before stop 19). The change
 * replaces one policy's rules with another's (the same pods selected), as an edited
 * NetworkPolicy does; both sides get the same compiled policies (compiling is not timed), and
 * each timed call builds the rows object and asks the same decisions the agent's
 * re-evaluation of the live flows would ask.
 *
 * Guarantees: before timing, the carried and the rebuilt rows are checked to give the same
 * answer on every timed decision, and some rows to have been carried.
 */
import { compilePolicies } from '../../src/policy/compile.js';
import type { CompiledPolicies } from '../../src/policy/compiled.js';
import { VerdictRows } from '../../src/policy/verdict-rows.js';
import { Prng } from '../../src/sim/prng.js';
import { generateCluster } from '../gen/cluster-gen.js';
import { opsPerSecond, type Timing } from '../lib/measure.js';
import type { Row } from '../lib/results.js';

export const CHANGE_VARIANT = 'verdict rows carried over the change';
export const CHANGE_BASELINE = 'verdict rows rebuilt after the change';

export interface ChangeSize {
  readonly pods: number;
  readonly policies: number;
  /** Decisions asked after the change (the live flows re-evaluated). */
  readonly decisions: number;
}

const PORTS = [80, 9090, 53];

export function runChangeBench(size: ChangeSize, timing: Timing, log: (l: string) => void): Row[] {
  const cluster = generateCluster({ pods: size.pods, policies: size.policies });
  const policies = cluster.policies;
  const edited = Math.min(7, policies.length - 2);
  const changed = {
    ...cluster,
    policies: policies.map((p, i) => (i === edited ? { ...p, policyTypes: policies[edited + 1]!.policyTypes, ingress: policies[edited + 1]!.ingress, egress: policies[edited + 1]!.egress } : p)),
  };
  const before = compilePolicies(cluster);
  const after = compilePolicies(changed);
  // Flows from the first node's pods to any pod, as the setup bench makes them.
  const local = cluster.pods.map((p, i) => [p, i] as const).filter(([p]) => p.nodeName === cluster.nodes[0]!.name).map(([, i]) => i);
  const rng = new Prng(41);
  const src = new Int32Array(size.decisions);
  const dst = new Int32Array(size.decisions);
  for (let i = 0; i < size.decisions; i++) {
    src[i] = local[rng.nextInt(local.length)]!;
    dst[i] = rng.nextInt(cluster.pods.length);
  }
  const ask = (rows: VerdictRows, out?: Uint8Array): number => {
    let allowed = 0;
    for (let i = 0; i < size.decisions; i++) {
      const port = PORTS[i % 3]!;
      const verdict = rows.allowsPods(src[i]!, dst[i]!, port === 53 ? 17 : 6, port) === true;
      if (out !== undefined) out[i] = verdict ? 1 : 0;
      if (verdict) allowed++;
    }
    return allowed;
  };
  const old = new VerdictRows(before);
  ask(old);
  const carriedOnce = new VerdictRows(after, { previous: old });
  const a = new Uint8Array(size.decisions);
  const b = new Uint8Array(size.decisions);
  ask(carriedOnce, a);
  ask(new VerdictRows(after), b);
  if (!a.every((v, i) => v === b[i])) throw new Error('change bench: carried and rebuilt rows disagree');
  if (carriedOnce.carriedRows === 0) throw new Error('change bench: no row was carried over the change');
  let sink = 0;
  const carried = opsPerSecond('change carried', () => void (sink += ask(new VerdictRows(after, { previous: old }))), size.decisions, timing);
  const rebuilt = opsPerSecond('change rebuilt', () => void (sink += ask(new VerdictRows(after))), size.decisions, timing);
  if (sink < 0) log('unreachable');
  const benchmark = `decisions after a change (one policy's rules replaced), ${size.pods} pods, ${size.policies} policies, ${size.decisions} decisions`;
  const note = `${carriedOnce.carriedRows} rows carried of ${rowCount(old, before.podCount)} built before the change (${(old.bytes / 1048576).toFixed(1)} MiB); compiling (${compiledRules(after)} rules) not timed`;
  const rows: Row[] = [
    { group: 'setup', benchmark, variant: CHANGE_VARIANT, value: carried.opsPerSecond, unit: 'ops/s', rme: carried.rme, baseline: CHANGE_BASELINE, note },
    { group: 'setup', benchmark, variant: CHANGE_BASELINE, value: rebuilt.opsPerSecond, unit: 'ops/s', rme: rebuilt.rme },
  ];
  for (const r of rows) log(`  setup ${benchmark.padEnd(52)} ${r.variant.padEnd(40)} ${(r.value / 1e3).toFixed(1)} K decisions/s`);
  return rows;
}

function rowCount(rows: VerdictRows, pods: number): number {
  // Every row is the same width: bytes / bytes of one row.
  return Math.round(rows.bytes / (4 * Math.ceil(pods / 32)));
}

function compiledRules(compiled: CompiledPolicies): number {
  return new Set([...compiled.ingressRules, ...compiled.egressRules].flat()).size;
}
