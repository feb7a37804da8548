/**
 * A reach cut into tasks of source rows (what `--workers` and `--shard` run): the tasks cover
 * every (group, row) once in print order, and verdicts computed task by task, on other wirings
 * of the same cluster, in any order and any cut, are the bytes of the whole single run.
 */
import { describe, expect, it } from 'vitest';
import { generateManifests } from '../../bench/gen/manifest-gen.js';
import { loadCluster } from '../../src/model/load.js';
import { planReach, type ReachPlan } from '../../src/sim/cluster/reach-plan.js';
import { probeReach, reachResultFor, reachSettings } from '../../src/sim/cluster/reach.js';
import { placeRows, probeRows, reachTasks, type ReachTask } from '../../src/sim/cluster/reach-parallel/reach-tasks.js';
import { DEFAULT_SETTINGS } from '../../src/sim/cluster/types.js';
import { ClusterWiring } from '../../src/sim/cluster/wiring.js';

const cluster = loadCluster([{ file: 'generated.yaml', text: generateManifests({ pods: 36, podsPerNamespace: 12, seed: 7 }) }]).cluster;
const settings = reachSettings(DEFAULT_SETTINGS);

function planOf(wiring: ClusterWiring): ReachPlan {
  const refs = wiring.endpointRefs(true);
  return planReach(wiring, { sources: refs, destinations: refs, ports: 'declared' });
}

function wholeRun(): Uint8Array {
  const wiring = new ClusterWiring(cluster, settings);
  const result = reachResultFor(wiring, planOf(wiring));
  for (const _ of probeReach(wiring, result)) {
    // to the end
  }
  return result.verdicts;
}

function cut(plan: ReachPlan, rowsPerTask: number): ReachTask[] {
  const tasks: ReachTask[] = [];
  for (let g = 0; g < plan.groups.length; g++) {
    for (let r = 0; r < plan.sources.length; r += rowsPerTask) tasks.push({ group: g, rowFrom: r, rowTo: Math.min(plan.sources.length, r + rowsPerTask) });
  }
  return tasks;
}

describe('reach tasks', () => {
  const expected = wholeRun();

  it('the generated cluster has several protocols, policies that block and allow, and hosts', () => {
    const wiring = new ClusterWiring(cluster, settings);
    const plan = planOf(wiring);
    expect(new Set(plan.groups.map((g) => g.protocol))).toEqual(new Set(['TCP', 'UDP', 'SCTP']));
    expect(plan.sources.some((r) => r.kind === 'host')).toBe(true);
    expect(expected.includes(0)).toBe(true);
    expect(expected.includes(1)).toBe(true);
  });

  it.each([1, 5, 17])('rows cut %i at a time, run backwards on a fresh wiring, give the bytes of the whole run', (rows) => {
    const wiring = new ClusterWiring(cluster, settings);
    const plan = planOf(wiring);
    const result = reachResultFor(wiring, plan);
    for (const task of cut(plan, rows).reverse()) placeRows(result, task, probeRows(wiring, plan, task).verdicts);
    expect(Buffer.from(result.verdicts).equals(Buffer.from(expected))).toBe(true);
  });

  it('tasks from two wirings (two workers) placed together give the same bytes', () => {
    const a = new ClusterWiring(cluster, settings);
    const b = new ClusterWiring(cluster, settings);
    const plan = planOf(a);
    const result = reachResultFor(a, plan);
    cut(plan, 4).forEach((task, i) => placeRows(result, task, probeRows(i % 2 === 0 ? a : b, plan, task).verdicts));
    expect(Buffer.from(result.verdicts).equals(Buffer.from(expected))).toBe(true);
  });

  it.each([1, 2, 3, 8])('reachTasks for %i workers covers every (group, row) once, in print order', (workers) => {
    const wiring = new ClusterWiring(cluster, settings);
    const plan = planOf(wiring);
    for (const rows of [undefined, { from: 5, to: 23 }, { from: 9, to: 9 }]) {
      const tasks = reachTasks(plan, workers, rows);
      const from = rows?.from ?? 0;
      const to = rows?.to ?? plan.sources.length;
      const covered: string[] = [];
      for (const t of tasks) for (let r = t.rowFrom; r < t.rowTo; r++) covered.push(`${t.group}/${r}`);
      const want: string[] = [];
      for (let g = 0; g < plan.groups.length; g++) for (let r = from; r < to; r++) want.push(`${g}/${r}`);
      expect(covered).toEqual(want);
    }
  });

  it.each([
    [0, 7],
    [11, 30],
    [20, 20],
  ])('a result of rows %i-%i (a shard) holds only those rows, with the whole run\'s bytes for them', (from, to) => {
    const rows = { from, to };
    const wiring = new ClusterWiring(cluster, settings);
    const plan = planOf(wiring);
    const nd = plan.destinations.length;
    const groups = plan.groups.length;
    const window = reachResultFor(wiring, plan, rows);
    expect(window.verdicts.length).toBe(groups * (rows.to - rows.from) * nd);
    for (const _ of probeReach(wiring, window)) {
      // to the end
    }
    for (let g = 0; g < groups; g++) {
      const whole = expected.subarray((g * plan.sources.length + rows.from) * nd, (g * plan.sources.length + rows.to) * nd);
      const own = window.verdicts.subarray(g * (rows.to - rows.from) * nd, (g + 1) * (rows.to - rows.from) * nd);
      expect(Buffer.from(own).equals(Buffer.from(whole))).toBe(true);
    }
    // Its tasks place into it as into the whole result.
    const viaTasks = reachResultFor(wiring, plan, rows);
    for (const task of reachTasks(plan, 3, rows)) placeRows(viaTasks, task, probeRows(wiring, plan, task).verdicts);
    expect(Buffer.from(viaTasks.verdicts).equals(Buffer.from(window.verdicts))).toBe(true);
    // A row outside the window is not a cell of this result.
    expect(() => window.index(0, rows.to, 0)).toThrow(/outside this result's rows/);
  });
});
