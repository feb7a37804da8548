/**
 * The worker thread of a parallel reach (run by the pool in reach-pool.ts): it wires its own
 * copy of the cluster once, from the job its first task message references (shared memory),
 * and then attempts the tasks it is given on it, answering each with the verdict bytes of its rows.
 *
 * Guarantees: one wiring per worker for the whole reach (a task does not rewire); a failure
 * comes back as `{ kind: 'error' }` with the error's name and message, so the CLI reports a
 * simulation limit exactly as in a single-threaded run.
 */
import { deserialize } from 'node:v8';
import { ClusterWiring } from '../wiring.js';
import type { ReachPlan } from '../reach-plan.js';
import { probeRows } from './reach-tasks.js';
import type { ReachJob, TaskMessage, WorkerAnswer } from './reach-pool.js';

let wired: { readonly jobId: number; readonly wiring: ClusterWiring; readonly plan: ReachPlan } | undefined;

export default function runTask(message: TaskMessage): WorkerAnswer {
  try {
    if (wired?.jobId !== message.jobId) {
      const job = deserialize(new Uint8Array(message.job)) as ReachJob;
      wired = { jobId: message.jobId, wiring: new ClusterWiring(job.cluster, job.settings), plan: job.plan };
    }
    const { verdicts, probed } = probeRows(wired.wiring, wired.plan, message.task);
    return { kind: 'rows', verdicts, probed };
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    return { kind: 'error', name: e.name, message: e.message };
  }
}
