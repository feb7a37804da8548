/**
 * Benchmark 5: `vrsim reach` (ClusterSim.reach: every pod pair really attempted through the
 * dataplane, one TCP port) on generated clusters: wall time and peak RSS. Each size runs in
 * its own child process (`reach-child.js`) so that peak RSS is the reach's own; in-process
 * mode (quick/smoke runs, where the compiled child may not exist) reports this process's RSS.
 *
 * Guarantees: the figures come from the child's own clock and `process.resourceUsage()`;
 * a child that fails makes the benchmark throw with its stderr.
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { ClusterSim } from '../../src/sim/cluster/cluster-sim.js';
import { generateCluster } from '../gen/cluster-gen.js';
import type { Row } from '../lib/results.js';
import type { ReachChildResult } from './reach-child.js';
import { countReach } from './reach-count.js';

export interface ReachSize {
  readonly pods: number;
  readonly policies: number;
}

function inProcess(size: ReachSize): ReachChildResult {
  const t0 = performance.now();
  const sim = new ClusterSim(generateCluster({ pods: size.pods, policies: size.policies }));
  const t1 = performance.now();
  const result = sim.reach({ ports: [80], protocols: ['TCP'], hosts: false });
  const t2 = performance.now();
  return {
    pods: size.pods, policies: size.policies, ...countReach(result),
    buildMs: t1 - t0, reachMs: t2 - t1, peakRssBytes: process.resourceUsage().maxRSS * 1024,
  };
}

function inChild(size: ReachSize, nodeFlags: readonly string[]): ReachChildResult {
  const script = fileURLToPath(new URL('./reach-child.js', import.meta.url));
  const run = spawnSync(process.execPath, [...nodeFlags, script, String(size.pods), String(size.policies)], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (run.status !== 0) throw new Error(`reach child failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as ReachChildResult;
}

export function runReachBench(sizes: readonly ReachSize[], mode: 'child' | 'in-process', nodeFlags: readonly string[], log: (l: string) => void): Row[] {
  const rows: Row[] = [];
  for (const size of sizes) {
    const r = mode === 'child' ? inChild(size, nodeFlags) : inProcess(size);
    const benchmark = `reach, ${size.pods} pods (${r.pairs} pairs, 1 TCP port), ${size.policies} policies`;
    const big = size.pods >= 1000;
    rows.push({
      group: 'reach', benchmark, variant: 'wall time', value: r.reachMs, unit: 'ms',
      ...(big ? { target: '<= 10 s', met: r.reachMs <= 10_000 } : {}),
      note: `${r.allowed} pairs allowed; cluster build ${r.buildMs.toFixed(0)} ms; ${(r.reachMs * 1000 / r.pairs).toFixed(1)} µs per pair` +
        (r.reachCpuMs === undefined ? '' : `; reach CPU ${r.reachCpuMs.toFixed(0)} ms (all threads)`),
    });
    rows.push({
      group: 'reach', benchmark, variant: `peak RSS (${mode})`, value: r.peakRssBytes, unit: 'bytes',
      ...(big ? { target: '<= 2 GiB', met: r.peakRssBytes <= 2 * 1024 ** 3 } : {}),
    });
    log(`  reach ${size.pods} pods: ${(r.reachMs / 1000).toFixed(2)} s, peak RSS ${(r.peakRssBytes / 1048576).toFixed(0)} MiB`);
  }
  return rows;
}
