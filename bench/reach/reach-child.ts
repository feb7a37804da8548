/**
 * Child process for the `vrsim reach` benchmark: builds a generated cluster, runs
 * `ClusterSim.reach` for one TCP port over every pod pair (real attempts through the
 * dataplane) and prints one JSON line with the wall time and the peak RSS of this process.
 *
 * Guarantees: the measured process does nothing else, so `maxRSS` is the reach's own peak
 * (cluster generation included, reported separately in time). Verdicts are counted from the
 * result's matrix, as the table view reads them (the cells with reasons are built lazily).
 */
import { performance } from 'node:perf_hooks';
import { ClusterSim } from '../../src/sim/cluster/cluster-sim.js';
import { generateCluster } from '../gen/cluster-gen.js';
import { countReach } from './reach-count.js';

export interface ReachChildResult {
  readonly pods: number;
  readonly policies: number;
  readonly pairs: number;
  readonly allowed: number;
  readonly buildMs: number;
  readonly reachMs: number;
  /** CPU time of this process during the reach (user + system, all threads: GC helpers included). */
  readonly reachCpuMs?: number;
  readonly peakRssBytes: number;
}

function main(): void {
  const pods = Number(process.argv[2] ?? 100);
  const policies = Number(process.argv[3] ?? 10);
  const t0 = performance.now();
  const cluster = generateCluster({ pods, policies });
  const sim = new ClusterSim(cluster);
  const t1 = performance.now();
  const cpu0 = process.cpuUsage();
  const result = sim.reach({ ports: [80], protocols: ['TCP'], hosts: false });
  const t2 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  const { pairs, allowed } = countReach(result);
  const out: ReachChildResult = {
    pods, policies, pairs, allowed,
    buildMs: t1 - t0, reachMs: t2 - t1, reachCpuMs: (cpu.user + cpu.system) / 1000, peakRssBytes: process.resourceUsage().maxRSS * 1024,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main();
