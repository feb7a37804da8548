/**
 * How a reach's probes are run: in this thread (one worker), or on this thread and a pool of
 * N - 1 worker threads (`--workers N`, default: as many as the machine has cores, when the
 * reach is big enough to pay for starting them), all of it or only some source rows (a shard). Either way the result
 * is a sequence of steps saying how far the rows are final, as `writeReach` reads them.
 *
 * Guarantees: the verdicts are the same bytes for any worker count and any cut into tasks
 * (reach-tasks.ts), and steps only ever say rows are final once they are; `--workers` given
 * explicitly is obeyed (up to the number of tasks), never silently changed.
 */
import { availableParallelism } from 'node:os';
import { probeCount, probeReach, type ReachProgress } from '../sim/cluster/reach.js';
import type { ReachPlan } from '../sim/cluster/reach-plan.js';
import { ReachPool } from '../sim/cluster/reach-parallel/reach-pool.js';
import { placeRows, probeRows, reachTasks, type ReachTask, type TaskVerdicts } from '../sim/cluster/reach-parallel/reach-tasks.js';
import { runTasksInOrder } from '../sim/cluster/reach-parallel/ordered-tasks.js';
import { UserError } from './io.js';
import type { PreparedReach } from './reach-setup.js';

/** Most worker threads accepted (each holds a wiring of the whole cluster). */
export const MAX_WORKERS = 256;

/**
 * Probes per worker below which the default does not start another worker: starting one
 * (loading the modules and wiring the cluster) costs about as much as this many probes.
 */
const AUTO_PROBES_PER_WORKER = 50_000;

/** `--workers`: a whole number 1..256; undefined when not given (the default decides). */
export function parseWorkers(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim();
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > MAX_WORKERS) {
    throw new UserError(`--workers: "${text}" is not a number of worker threads from 1 to ${MAX_WORKERS} (default: the machine's cores, ${availableParallelism()})`);
  }
  return n;
}

/** The workers for a reach of `probes` probes: as asked, or by default the cores when there is work enough for them. */
export function workerCount(asked: number | undefined, probes: number): number {
  if (asked !== undefined) return asked;
  return Math.max(1, Math.min(availableParallelism(), Math.floor(probes / AUTO_PROBES_PER_WORKER)));
}

/** Source rows `[from, to)`. */
export interface RowRange {
  readonly from: number;
  readonly to: number;
}

/** The plan's probes in rows `[from, to)`. */
export function rowProbes(plan: ReachPlan, rows: RowRange): number {
  return probeCount({ ...plan, sources: plan.sources.slice(rows.from, rows.to) });
}

/** How far a task's completion makes the rows final (tasks complete in print order). */
function frontier(task: ReachTask, sources: number): { group: number; rows: number } {
  return task.rowTo >= sources ? { group: task.group + 1, rows: 0 } : { group: task.group, rows: task.rowTo };
}

/** Tasks run one by one on the main thread's wiring. */
function* taskSteps(prepared: PreparedReach, tasks: readonly ReachTask[], total: number): Generator<ReachProgress, void, void> {
  const { wiring, result } = prepared;
  let probed = 0;
  for (const task of tasks) {
    const rows = probeRows(wiring, result.plan, task);
    placeRows(result, task, rows.verdicts);
    probed += rows.probed;
    yield { ...frontier(task, result.sources.length), probed, total };
  }
}

/**
 * Tasks run on `workers` threads: this one (on the prepared wiring) and a pool of
 * `workers - 1`, their results taken in task order (ordered-tasks.ts).
 */
async function* poolSteps(prepared: PreparedReach, tasks: readonly ReachTask[], workers: number, total: number): AsyncGenerator<ReachProgress, void, void> {
  const { wiring, result, cluster } = prepared;
  const pool = new ReachPool({ cluster, settings: wiring.settings, plan: result.plan }, workers - 1);
  const here = (task: ReachTask): TaskVerdicts => probeRows(wiring, result.plan, task);
  try {
    let probed = 0;
    for await (const done of runTasksInOrder(tasks, here, pool)) {
      placeRows(result, done.task, done.verdicts);
      probed += done.probed;
      yield { ...frontier(done.task, result.sources.length), probed, total };
    }
  } finally {
    pool.cancelPending();
    await pool.destroy();
  }
}

/**
 * The steps of running rows `rows` (default: all) of a prepared reach on `workers` workers
 * (the main thread alone when 1). With every row and one worker, this is the plain
 * single-threaded reach (`probeReach`).
 */
export function reachSteps(prepared: PreparedReach, workers: number, rows?: RowRange): AsyncIterable<ReachProgress> | Iterable<ReachProgress> {
  const plan = prepared.result.plan;
  const range = rows ?? { from: 0, to: plan.sources.length };
  if (workers === 1 && rows === undefined) return probeReach(prepared.wiring, prepared.result);
  const tasks = reachTasks(plan, workers, range);
  const total = rowProbes(plan, range);
  const threads = Math.min(workers, tasks.length);
  return threads <= 1 ? taskSteps(prepared, tasks, total) : poolSteps(prepared, tasks, threads, total);
}
