/**
 * A reach on several cores: worker threads from a tinypool pool, each with its own wiring of
 * the cluster (a simulated dataplane is event-loop state and cannot be shared between
 * threads), given tasks of source rows (reach-tasks.ts) and answering with their verdicts.
 * The threads start before there is a reach to run (the CLI starts them before it parses the
 * manifests, so they load their modules meanwhile); `setJob` then serializes the loaded
 * cluster, the settings and the plan once into shared memory, which every task message only
 * references, and each worker deserializes it once: measured cheaper than each worker reading
 * and loading the manifests again.
 *
 * Guarantees: each task's verdicts are those of its rows whichever thread ran it (reach-tasks.ts),
 * so results put in task order (ordered-tasks.ts) are the same bytes for any number of
 * workers; a task's failure rejects with its kind (a simulation limit stays a SimulationLimitError).
 */
import { existsSync } from 'node:fs';
import { serialize } from 'node:v8';
import { fileURLToPath } from 'node:url';
import Tinypool from 'tinypool';
import type { Cluster } from '../../../model/types.js';
import { SimulationLimitError } from '../../limit-error.js';
import type { ReachPlan } from '../reach-plan.js';
import type { ClusterSettings } from '../types.js';
import type { ReachTask, TaskVerdicts } from './reach-tasks.js';

/** Everything a worker needs to attempt any task: the same cluster, settings and plan as the main thread's. */
export interface ReachJob {
  readonly cluster: Cluster;
  /** The reach's settings (`reachSettings`), as the main thread's wiring has them. */
  readonly settings: ClusterSettings;
  readonly plan: ReachPlan;
}

/** What a task message carries: the task, and the job it belongs to (shared memory, not copied). */
export interface TaskMessage {
  readonly task: ReachTask;
  /** `v8.serialize(job)`, shared by every message of the pool. */
  readonly job: SharedArrayBuffer;
  /** Tells a worker whether it has wired this job already. */
  readonly jobId: number;
}

export type WorkerAnswer =
  | { readonly kind: 'rows'; readonly verdicts: Uint8Array; readonly probed: number }
  | { readonly kind: 'error'; readonly name: string; readonly message: string };

/** The compiled worker: beside this module, or under dist/ when this module runs from the TypeScript sources (tests). */
function workerFile(): string {
  const here = new URL('./reach-worker.js', import.meta.url);
  if (existsSync(here)) return fileURLToPath(here);
  const built = new URL(here.href.replace(/\/src\/sim\/cluster\/reach-parallel\/reach-worker\.js$/, '/dist/src/sim/cluster/reach-parallel/reach-worker.js'));
  if (existsSync(built)) return fileURLToPath(built);
  throw new Error(`invariant: the reach worker ${fileURLToPath(here)} is not built (run npm run build)`);
}

function answerOf(answer: WorkerAnswer): TaskVerdicts {
  if (answer.kind === 'rows') return answer;
  if (answer.name === 'SimulationLimitError') throw new SimulationLimitError(answer.message);
  throw new Error(answer.message);
}

let nextJobId = 1;

export class ReachPool {
  private readonly pool: Tinypool;
  private job: { readonly bytes: SharedArrayBuffer; readonly id: number } | undefined = undefined;
  private destroyed: Promise<void> | undefined = undefined;

  constructor(readonly threads: number) {
    this.pool = new Tinypool({
      filename: workerFile(),
      minThreads: threads,
      maxThreads: threads,
      // A worker keeps its wiring from task to task.
      isolateWorkers: false,
    });
  }

  /** The reach every later task belongs to (set once, before the first `submit`). */
  setJob(job: ReachJob): void {
    if (this.job !== undefined) throw new Error('invariant: a reach pool runs one job');
    const bytes = serialize(job);
    const shared = new SharedArrayBuffer(bytes.length);
    new Uint8Array(shared).set(bytes);
    this.job = { bytes: shared, id: nextJobId++ };
  }

  /** Run one task on whichever thread is free first (a failure rejects with its kind). */
  submit(task: ReachTask): Promise<TaskVerdicts> {
    const job = this.job;
    if (job === undefined) throw new Error('invariant: setJob before submit');
    const message: TaskMessage = { task, job: job.bytes, jobId: job.id };
    return (this.pool.run(message) as Promise<WorkerAnswer>).then(answerOf);
  }

  /** Drop the tasks no thread has started (after a failure, or when the reader stops early). */
  cancelPending(): void {
    this.pool.cancelPendingTasks();
  }

  /** Stop the threads (safe to call more than once; a thread that fails to stop changes no result). */
  destroy(): Promise<void> {
    this.destroyed ??= this.pool.destroy().catch(() => undefined);
    return this.destroyed;
  }
}
