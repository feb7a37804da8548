/**
 * The worker thread of a parallel reach (run by the pool in reach-pool.ts): it wires its own
 * copy of the cluster once, from the job in `workerData`, and then attempts the tasks it is
 * given on it, answering each with the verdict bytes of its rows.
 *
 * Guarantees: one wiring per worker for the whole reach (a task does not rewire); a failure
 * comes back as `{ kind: 'error' }` with the error's name and message, so the CLI reports a
 * simulation limit exactly as in a single-threaded run.
 */
import Tinypool from 'tinypool';
import { ClusterWiring } from '../wiring.js';
import { probeRows, type ReachTask } from './reach-tasks.js';
import type { ReachJob, WorkerAnswer } from './reach-pool.js';

let wiring: ClusterWiring | undefined;

export default function runTask(task: ReachTask): WorkerAnswer {
  const job = Tinypool.workerData as ReachJob;
  try {
    wiring ??= new ClusterWiring(job.cluster, job.settings);
    const { verdicts, probed } = probeRows(wiring, job.plan, task);
    return { kind: 'rows', verdicts, probed };
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    return { kind: 'error', name: e.name, message: e.message };
  }
}
