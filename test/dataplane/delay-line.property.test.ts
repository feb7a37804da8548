/**
 * DelayLine (the fabric's and the vRouter's packet deliveries) against what it replaced: one
 * closure per item scheduled with the same delay. On the real EventLoop, with other events
 * interleaved at random times (some due at the very instant of a delivery, some scheduled by
 * a delivery itself, as a vRouter does when it forwards a packet on), the two must run the
 * same actions at the same times in the same order, with or without a prefetch of the items
 * ahead (the fabric's), which must hand each delivery its own item's prepared value.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DelayLine, PREFETCH_GROUP } from '../../src/dataplane/delay-line.js';
import { EventLoop } from '../../src/sim/event-loop.js';

type Op = { kind: 'push'; at: number; echo: boolean } | { kind: 'other'; at: number; delay: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('push' as const), at: fc.integer({ min: 0, max: 50 }), echo: fc.boolean() }),
  fc.record({ kind: fc.constant('other' as const), at: fc.integer({ min: 0, max: 50 }), delay: fc.integer({ min: 0, max: 12 }) }),
);

/** Run the ops with deliveries either through a DelayLine or as one closure each; the log of what ran when. */
function run(ops: readonly Op[], delay: number, viaLine: boolean, prefetch = false): string[] {
  const loop = new EventLoop(1);
  const log: string[] = [];
  let send: (id: string) => void;
  const received = (id: string, echo: boolean): void => {
    log.push(`${loop.now} deliver ${id}`);
    // A delivery that sends on (a vRouter forwarding): scheduled from inside a delivery.
    if (echo && !id.endsWith("'")) send(`${id}'`);
  };
  const echoes = new Map<string, boolean>();
  if (viaLine) {
    // With a prefetch: each delivery must get its own item's prepared value, prepared before it is delivered.
    const preparedIds = new Set<string>();
    const numberOf = (id: string): number => Number(id.replace(/\D/g, '')) + (id.endsWith("'") ? 0.5 : 0);
    const line = new DelayLine<string, null, null>(
      loop, delay,
      (id, _b, _c, _n, prepared) => {
        if (prefetch) {
          if (!preparedIds.has(id) || prepared !== numberOf(id)) throw new Error(`${id} delivered with prepared ${prepared}`);
        } else if (!Number.isNaN(prepared)) throw new Error(`${id}: prepared ${prepared} without a prefetch`);
        received(id, echoes.get(id.replace(/'$/, '')) ?? false);
      },
      prefetch ? {
        prepare: (id) => {
          if (preparedIds.has(id)) throw new Error(`${id} prepared twice`);
          preparedIds.add(id);
          return numberOf(id);
        },
        touchPrepared: () => {},
      } : undefined,
    );
    send = (id) => line.push(id, null, null, 0);
  } else {
    send = (id) => loop.after(delay, () => received(id, echoes.get(id.replace(/'$/, '')) ?? false));
  }
  ops.forEach((op, k) => {
    loop.at(op.at, () => {
      if (op.kind === 'push') {
        echoes.set(`p${k}`, op.echo);
        send(`p${k}`);
      } else {
        log.push(`${loop.now} other ${k}`);
        loop.after(op.delay, () => log.push(`${loop.now} other-later ${k}`));
      }
    });
  });
  loop.runUntilIdle();
  return log;
}

describe('DelayLine', () => {
  it('runs deliveries at the same times and in the same order, among other events, as one closure per item', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), fc.integer({ min: 0, max: 10 }), (ops, delay) => {
        expect(run(ops, delay, true)).toEqual(run(ops, delay, false));
      }),
      { numRuns: 300 },
    );
  });

  it('with a prefetch: the same events, each item prepared once before its delivery, which gets its value', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 80 }), fc.integer({ min: 0, max: 10 }), (ops, delay) => {
        expect(run(ops, delay, true, true)).toEqual(run(ops, delay, false));
      }),
      { numRuns: 300 },
    );
  });

  it('prepares a group of up to PREFETCH_GROUP items at a time, and touches each group once', () => {
    const loop = new EventLoop(1);
    const calls: string[] = [];
    const line = new DelayLine<null, null, null>(loop, 5, (_a, _b, _c, n, p) => calls.push(`deliver ${n}:${p}`), {
      prepare: (_a, _b, _c, n) => (calls.push(`prepare ${n}`), 100 + n),
      touchPrepared: () => calls.push('touch'),
    });
    for (let i = 0; i < PREFETCH_GROUP + 2; i++) line.push(null, null, null, i);
    loop.runUntilIdle();
    const group = Array.from({ length: PREFETCH_GROUP }, (_, i) => i);
    expect(calls).toEqual([
      ...group.map((i) => `prepare ${i}`), 'touch', ...group.map((i) => `deliver ${i}:${100 + i}`),
      `prepare ${PREFETCH_GROUP}`, `prepare ${PREFETCH_GROUP + 1}`, 'touch', `deliver ${PREFETCH_GROUP}:${100 + PREFETCH_GROUP}`, `deliver ${PREFETCH_GROUP + 1}:${101 + PREFETCH_GROUP}`,
    ]);
  });

  it('keeps its items in order across growth of the ring (more than 16 in flight)', () => {
    const loop = new EventLoop(1);
    const got: number[] = [];
    const line = new DelayLine<null, null, null>(loop, 5, (_a, _b, _c, n) => got.push(n));
    for (let i = 0; i < 40; i++) line.push(null, null, null, i);
    loop.at(2, () => {
      for (let i = 40; i < 100; i++) line.push(null, null, null, i);
    });
    expect(line.size).toBe(40);
    loop.runUntilIdle();
    expect(got).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(line.size).toBe(0);
  });
});
