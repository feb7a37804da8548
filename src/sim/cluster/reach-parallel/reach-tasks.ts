/**
 * A reach cut into tasks by source rows: each task is one port group and a contiguous range
 * of source rows, and the tasks, in order, cover every (group, row) of the plan exactly once
 * in the order the writers print rows (group by group, row by row). A task runs on any
 * wiring of the same cluster and settings and yields the verdict bytes of its rows.
 *
 * Guarantees: `reachTasks` is a pure function of the plan, the row range and the worker
 * count; `probeRows` fills exactly the rows of its task, with the same verdicts the whole
 * run gives those cells (a verdict depends on the pair, the port and the policy, not on
 * which probes shared a batch: see reach.ts), so results placed by `placeRows` are the same
 * bytes for any cut.
 */
import type { ClusterWiring } from '../wiring.js';
import type { CompactReachResult } from '../reach-result.js';
import type { ReachPlan } from '../reach-plan.js';
import { probeReach, reachResultFor } from '../reach.js';

export interface ReachTask {
  readonly group: number;
  /** Source rows `[rowFrom, rowTo)` of the whole plan. */
  readonly rowFrom: number;
  readonly rowTo: number;
}

/** What a task hands back: the verdict byte of each of its cells, rows then destinations, and how many probes that took. */
export interface TaskVerdicts {
  readonly verdicts: Uint8Array;
  readonly probed: number;
}

/** Fewest probes worth a task: a few of the reach's batches (`reachInFlight` is at most 512). */
const MIN_PROBES_PER_TASK = 2048;
/** Tasks per worker at least, so that uneven rows still keep every worker busy to the end. */
const TASKS_PER_WORKER = 32;

/** Probes one source row makes in group `g`: the destinations with a port to probe there. */
function probesPerRow(plan: ReachPlan, g: number): number {
  const groups = plan.groups.length;
  let n = 0;
  for (let d = 0; d < plan.destinations.length; d++) if (plan.ports[d * groups + g]! >= 0) n++;
  return n;
}

/** The tasks for rows `[from, to)` (default: all), in print order, sized for `workers` workers. */
export function reachTasks(plan: ReachPlan, workers: number, rows?: { readonly from: number; readonly to: number }): ReachTask[] {
  const from = rows?.from ?? 0;
  const to = rows?.to ?? plan.sources.length;
  const tasks: ReachTask[] = [];
  if (to <= from) return tasks;
  for (let g = 0; g < plan.groups.length; g++) {
    const perRow = probesPerRow(plan, g);
    const byBalance = Math.ceil((to - from) / (workers * TASKS_PER_WORKER));
    const byCost = perRow === 0 ? to - from : Math.ceil(MIN_PROBES_PER_TASK / perRow);
    const size = Math.max(1, byBalance, byCost);
    for (let r = from; r < to; r += size) tasks.push({ group: g, rowFrom: r, rowTo: Math.min(to, r + size) });
  }
  return tasks;
}

/** Attempt one task's cells on `wiring` (the cluster and settings the plan was made with). */
export function probeRows(wiring: ClusterWiring, plan: ReachPlan, task: ReachTask): TaskVerdicts {
  const result = reachResultFor(wiring, plan, { from: task.rowFrom, to: task.rowTo });
  let probed = 0;
  for (const step of probeReach(wiring, result, { from: task.group, to: task.group + 1 })) probed = step.probed;
  const cells = (task.rowTo - task.rowFrom) * plan.destinations.length;
  return { verdicts: result.verdicts.slice(task.group * cells, (task.group + 1) * cells), probed };
}

/** Put a task's verdicts where they belong in the result (the whole reach's, or a shard's rows). */
export function placeRows(result: CompactReachResult, task: ReachTask, verdicts: Uint8Array): void {
  const expected = (task.rowTo - task.rowFrom) * result.destinations.length;
  if (verdicts.length !== expected) throw new Error(`invariant: task ${task.group}/${task.rowFrom}-${task.rowTo} returned ${verdicts.length} verdicts, expected ${expected}`);
  result.setRows(task.group, task.rowFrom, verdicts);
}
