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
import { countObjectsAtLeast } from '../model/object-count.js';
import type { ManifestInput } from '../model/load.js';
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
 * `workers - 1` (`early` when it has that many threads; it is destroyed either way), their
 * results taken in task order (ordered-tasks.ts).
 */
async function* poolSteps(prepared: PreparedReach, tasks: readonly ReachTask[], workers: number, total: number, early: ReachPool | undefined): AsyncGenerator<ReachProgress, void, void> {
  const { wiring, result, cluster } = prepared;
  let pool = early;
  if (pool === undefined || pool.threads !== workers - 1) {
    await early?.destroy();
    pool = new ReachPool(workers - 1);
  }
  pool.setJob({ cluster, settings: wiring.settings, plan: result.plan });
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
 * A pool started before the manifests are parsed, so that its threads load their modules
 * meanwhile: when `--workers N` asks for more than one, or by default on a machine of several
 * cores when the manifests hold objects enough for a reach worth several workers (before any
 * parse, `countObjectsAtLeast`). `reachSteps` uses it when the reach runs on that many
 * threads, and destroys it otherwise; the caller destroys it if the reach never runs.
 */
export function startPoolEarly(asked: number | undefined, inputs: readonly ManifestInput[]): ReachPool | undefined {
  const threads = asked ?? availableParallelism();
  if (threads <= 1) return undefined;
  if (asked === undefined) {
    let objects = 0;
    for (const input of inputs) objects += countObjectsAtLeast(input.text);
    // Fewer endpoints than objects, so fewer probes than objects squared: too few for two workers.
    if (objects * objects < 2 * AUTO_PROBES_PER_WORKER) return undefined;
  }
  return new ReachPool(threads - 1);
}

/**
 * The steps of running rows `rows` (default: all) of a prepared reach on `workers` workers
 * (the main thread alone when 1). With every row and one worker, this is the plain
 * single-threaded reach (`probeReach`). `early`: a pool from `startPoolEarly`, used or destroyed.
 */
export function reachSteps(prepared: PreparedReach, workers: number, rows?: RowRange, early?: ReachPool): AsyncIterable<ReachProgress> | Iterable<ReachProgress> {
  const plan = prepared.result.plan;
  if (workers === 1 && rows === undefined) {
    void early?.destroy();
    return probeReach(prepared.wiring, prepared.result);
  }
  const range = rows ?? { from: 0, to: plan.sources.length };
  const tasks = reachTasks(plan, workers, range);
  const threads = Math.min(workers, tasks.length);
  const total = rowProbes(plan, range);
  if (threads > 1) return poolSteps(prepared, tasks, threads, total, early);
  void early?.destroy();
  return taskSteps(prepared, tasks, total);
}
