/**
 * Benchmark 4: policy compile time and retained memory (`compilePolicies`) for the generated
 * clusters of the setup benchmark. Baseline: none exists (the naive evaluator compiles
 * nothing); figures are absolute, with the per-pod and per-policy cost in the note.
 *
 * Guarantees: the same deterministic clusters as `setup-bench.ts` (generated from pods and policies); memory is measured between
 * forced collections (see bench/lib/memory.ts).
 */
import { compilePolicies } from '../../src/policy/compile.js';
import { generateCluster } from '../gen/cluster-gen.js';
import { opsPerSecond, type Timing } from '../lib/measure.js';
import { retainedBytes } from '../lib/memory.js';
import type { Row } from '../lib/results.js';

export let compiledSink: unknown;

export interface CompileSize {
  readonly pods: number;
  readonly policies: number;
}

function compileLabel(s: CompileSize): string {
  return `${s.pods} pods, ${s.policies} policies`;
}

export function runCompileBench(sizes: readonly CompileSize[], timing: Timing, log: (l: string) => void): Row[] {
  const rows: Row[] = [];
  for (const size of sizes) {
    const cluster = generateCluster({ pods: size.pods, policies: size.policies });
    const mem = retainedBytes(() => compilePolicies(cluster));
    compiledSink = mem.value;
    const r = opsPerSecond(`compile ${compileLabel(size)}`, () => { compiledSink = compilePolicies(cluster); }, 1, timing);
    const ms = 1000 / r.opsPerSecond;
    const benchmark = `compile, ${compileLabel(size)}`;
    rows.push({ group: 'compile', benchmark, variant: 'compilePolicies time', value: ms, unit: 'ms', rme: r.rme });
    rows.push({
      group: 'compile', benchmark, variant: 'compiled policies, retained memory', value: mem.bytes, unit: 'bytes',
      note: `${(mem.bytes / size.pods).toFixed(0)} B per pod${mem.exact ? '' : ' (no collector available: rough)'}`,
    });
    log(`  compile ${compileLabel(size).padEnd(28)} ${ms.toFixed(2)} ms, ${(mem.bytes / 1048576).toFixed(1)} MiB`);
  }
  return rows;
}
