/**
 * runTasksInOrder (a reach's tasks on this thread and a pool at once) against what a user
 * relies on: every task runs exactly once, on one side or the other, and results come out in
 * task order however the pool's answers are delayed; a failing pool task is reported when its
 * turn comes, after every result before it, and nothing after it is handed on.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runTasksInOrder, type TaskPool } from '../../src/sim/cluster/reach-parallel/ordered-tasks.js';
import type { ReachTask, TaskVerdicts } from '../../src/sim/cluster/reach-parallel/reach-tasks.js';

function tasksOf(n: number): ReachTask[] {
  return Array.from({ length: n }, (_, i) => ({ group: 0, rowFrom: i, rowTo: i + 1 }));
}

function verdictsOf(task: ReachTask): TaskVerdicts {
  return { verdicts: Uint8Array.of(task.rowFrom & 0xff), probed: task.rowFrom + 1 };
}

/** A pool whose k-th answer comes after delays[k % length] turns of the event loop; `fails` lists rows that reject. */
function fakePool(threads: number, delays: readonly number[], fails: ReadonlySet<number>, ran: number[]): TaskPool {
  let k = 0;
  return {
    threads,
    submit(task) {
      const delay = delays.length === 0 ? 0 : delays[k++ % delays.length]!;
      return new Promise((resolve, reject) => {
        let turns = delay;
        const tick = (): void => {
          if (turns-- > 0) {
            setImmediate(tick);
            return;
          }
          ran.push(task.rowFrom);
          if (fails.has(task.rowFrom)) reject(new Error(`task ${task.rowFrom} failed`));
          else resolve(verdictsOf(task));
        };
        setImmediate(tick);
      });
    },
  };
}

describe('runTasksInOrder', () => {
  it('runs every task once, here or in the pool, and hands results on in task order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 3 }), fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 8 }), async (n, threads, delays) => {
        const ran: number[] = [];
        const here = (task: ReachTask): TaskVerdicts => {
          ran.push(task.rowFrom);
          return verdictsOf(task);
        };
        const out: number[] = [];
        for await (const done of runTasksInOrder(tasksOf(n), here, fakePool(threads, delays, new Set(), ran))) {
          expect(done.verdicts).toEqual(verdictsOf(done.task).verdicts);
          expect(done.probed).toBe(done.task.rowFrom + 1);
          out.push(done.task.rowFrom);
        }
        expect(out).toEqual(Array.from({ length: n }, (_, i) => i));
        expect([...ran].sort((a, b) => a - b)).toEqual(out);
      }),
      { numRuns: 150 },
    );
  });

  it('this thread takes a share of the work while the pool is busy', async () => {
    const hereRan: number[] = [];
    const here = (task: ReachTask): TaskVerdicts => {
      hereRan.push(task.rowFrom);
      return verdictsOf(task);
    };
    for await (const _ of runTasksInOrder(tasksOf(20), here, fakePool(1, [5], new Set(), []))) {
      // consume
    }
    expect(hereRan.length).toBeGreaterThan(5);
    expect(hereRan.length).toBeLessThan(20);
  });

  it('a failing pool task is thrown at its turn, after every result before it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 25 }), fc.integer({ min: 1, max: 3 }), fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 8 }), fc.nat(), async (n, threads, delays, pick) => {
        const ran: number[] = [];
        const poolRan: number[] = [];
        const here = (task: ReachTask): TaskVerdicts => {
          ran.push(task.rowFrom);
          return verdictsOf(task);
        };
        // Fail task 0 (the pool always gets it first) or every m-th task (those the pool gets fail).
        const fails = pick % 2 === 0 ? new Set([0]) : new Set(Array.from({ length: n }, (_, i) => i).filter((i) => i % (2 + (pick % 5)) === 0));
        const out: number[] = [];
        let error: unknown;
        try {
          for await (const done of runTasksInOrder(tasksOf(n), here, fakePool(threads, delays, fails, poolRan))) out.push(done.task.rowFrom);
        } catch (e) {
          error = e;
        }
        const firstFailed = [...fails].filter((i) => poolRan.includes(i)).sort((a, b) => a - b)[0];
        if (firstFailed === undefined) {
          expect(error).toBeUndefined();
          expect(out).toEqual(Array.from({ length: n }, (_, i) => i));
        } else {
          expect((error as Error).message).toBe(`task ${firstFailed} failed`);
          expect(out).toEqual(Array.from({ length: firstFailed }, (_, i) => i));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('after a pool task fails, this thread starts no more tasks (a simulation limit does not wait for the rest of the reach)', async () => {
    let hereRan = 0;
    const here = (task: ReachTask): TaskVerdicts => {
      hereRan++;
      return verdictsOf(task);
    };
    let error: unknown;
    try {
      for await (const _ of runTasksInOrder(tasksOf(200), here, fakePool(1, [0], new Set([0]), []))) {
        // consume
      }
    } catch (e) {
      error = e;
    }
    expect((error as Error).message).toBe('task 0 failed');
    expect(hereRan).toBeLessThan(5);
  });
});
