/**
 * A reach on several cores: worker threads from a tinypool pool, each with its own wiring of
 * the cluster (a simulated dataplane is event-loop state and cannot be shared between
 * threads), given tasks of source rows (reach-tasks.ts) and answering with their verdicts.
 * The loaded cluster, the settings and the plan go to every worker once, as `workerData`
 * (structured clone): measured cheaper than each worker reading and loading the manifests again.
 *
 * Guarantees: each task's verdicts are those of its rows whichever thread ran it (reach-tasks.ts),
 * so results put in task order (ordered-tasks.ts) are the same bytes for any number of
 * workers; a task's failure rejects with its kind (a simulation limit stays a SimulationLimitError).
 */
import { existsSync } from 'node:fs';
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

export class ReachPool {
  private readonly pool: Tinypool;

  constructor(job: ReachJob, readonly threads: number) {
    this.pool = new Tinypool({
      filename: workerFile(),
      minThreads: threads,
      maxThreads: threads,
      workerData: job,
      // A worker keeps its wiring from task to task.
      isolateWorkers: false,
    });
  }

  /** Run one task on whichever thread is free first (a failure rejects with its kind). */
  submit(task: ReachTask): Promise<TaskVerdicts> {
    return (this.pool.run(task) as Promise<WorkerAnswer>).then(answerOf);
  }

  /** Drop the tasks no thread has started (after a failure, or when the reader stops early). */
  cancelPending(): void {
    this.pool.cancelPendingTasks();
  }

  destroy(): Promise<void> {
    return this.pool.destroy();
  }
}
