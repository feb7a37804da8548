/**
 * A reach's tasks run on this thread and on a pool of worker threads at the same time, their
 * results handed on in task order. This thread is one of the reach's workers: with `--workers
 * N` the pool has N - 1 threads, and this thread probes on the wiring it already has instead
 * of waiting while a worker of its own starts, copies the cluster and wires it.
 *
 * Tasks are claimed in order: the pool is kept at two tasks per thread (one running, one
 * queued, so a thread never waits for this one), and this thread takes the next task itself
 * whenever the first result not yet handed on is still running elsewhere. Between its own
 * tasks it lets the event loop run, so the pool's answers are taken and rows are written as
 * they become final.
 *
 * Guarantees: every task runs exactly once, and results come out in task order whoever ran
 * them; a task's verdicts do not depend on the thread (reach-tasks.ts), so the bytes are the
 * same for any N. A failure is rethrown when its task's turn comes, and then no further task
 * starts here (the caller cancels the pool's queue).
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ReachTask, TaskVerdicts } from './reach-tasks.js';

/** The pool's side: how many threads it has and how to give it a task. */
export interface TaskPool {
  readonly threads: number;
  submit(task: ReachTask): Promise<TaskVerdicts>;
}

export type DoneTask = TaskVerdicts & { readonly task: ReachTask };

export async function* runTasksInOrder(tasks: readonly ReachTask[], runHere: (task: ReachTask) => TaskVerdicts, pool: TaskPool): AsyncGenerator<DoneTask, void, void> {
  const n = tasks.length;
  const done: (TaskVerdicts | undefined)[] = new Array<TaskVerdicts | undefined>(n).fill(undefined);
  const inPool: (Promise<TaskVerdicts> | undefined)[] = new Array<Promise<TaskVerdicts> | undefined>(n).fill(undefined);
  let running = 0;
  let next = 0;
  /** A pool task failed: claim nothing more, and hand on results in order up to the first failure. */
  let failed = false;
  const give = (i: number): void => {
    running++;
    const answer = pool.submit(tasks[i]!).then((verdicts) => {
      done[i] = verdicts;
      return verdicts;
    });
    answer.then(
      () => running--,
      () => {
        running--;
        failed = true;
      },
    );
    inPool[i] = answer;
  };
  for (let emit = 0; emit < n; ) {
    while (!failed && next < n && running < 2 * pool.threads) give(next++);
    const ready = done[emit];
    if (ready !== undefined) {
      done[emit] = undefined;
      inPool[emit] = undefined;
      yield { ...ready, task: tasks[emit]! };
      emit++;
      continue;
    }
    if (!failed && next < n) {
      const i = next++;
      done[i] = runHere(tasks[i]!);
      // Let the pool's answers (and the writer's output) in before the next task here.
      await nextTurn();
      continue;
    }
    // Nothing left to claim (or a failure): wait for the first result not yet handed on, which is in the pool.
    await inPool[emit];
  }
}
