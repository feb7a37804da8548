import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EventLoop } from '../../src/sim/event-loop.js';
import { Prng } from '../../src/sim/prng.js';

describe('EventLoop', () => {
  it('runs events in (time, scheduling order)', () => {
    const loop = new EventLoop(1);
    const log: string[] = [];
    loop.at(300, () => log.push('c@300'));
    loop.at(100, () => log.push('a@100'));
    loop.at(100, () => log.push('b@100'));
    loop.after(0, () => log.push('z@0'));
    loop.run(1000);
    expect(log).toEqual(['z@0', 'a@100', 'b@100', 'c@300']);
    expect(loop.now).toBe(1000);
  });

  it('runs events scheduled by events, including at the same instant, after earlier ones', () => {
    const loop = new EventLoop(1);
    const log: string[] = [];
    loop.at(10, () => {
      log.push('first');
      loop.after(0, () => log.push('nested'));
    });
    loop.at(10, () => log.push('second'));
    loop.runUntilIdle();
    expect(log).toEqual(['first', 'second', 'nested']);
  });

  it('does not run cancelled events and counts pending correctly', () => {
    const loop = new EventLoop(1);
    const log: number[] = [];
    const ids = [5, 6, 7].map((t) => loop.at(t, () => log.push(t)));
    loop.cancel(ids[1]!);
    loop.cancel(ids[1]!);
    expect(loop.pending()).toBe(2);
    loop.runUntilIdle();
    expect(log).toEqual([5, 7]);
    expect(loop.pending()).toBe(0);
  });

  it('ignores a stale id: cancelling an event that already ran never cancels the event reusing its slot', () => {
    const loop = new EventLoop(1);
    const log: string[] = [];
    const first = loop.at(1, () => log.push('first'));
    loop.run(1);
    const second = loop.at(2, () => log.push('second'));
    expect(second).not.toBe(first);
    loop.cancel(first);
    expect(loop.pending()).toBe(1);
    loop.runUntilIdle();
    expect(log).toEqual(['first', 'second']);
    loop.cancel(second);
    expect(loop.pending()).toBe(0);
  });

  it('keeps (time, scheduling order) across compactions of many cancelled events', () => {
    const loop = new EventLoop(1);
    const ran: number[] = [];
    const ids: number[] = [];
    for (let i = 0; i < 2000; i++) ids.push(loop.at(1000 - (i % 97), () => ran.push(i)));
    for (let i = 0; i < 2000; i++) if (i % 5 !== 0) loop.cancel(ids[i]!);
    for (let i = 2000; i < 2100; i++) loop.at(1000 - (i % 97), () => ran.push(i));
    loop.runUntilIdle();
    const expected = [...Array.from({ length: 2000 }, (_, i) => i).filter((i) => i % 5 === 0), ...Array.from({ length: 100 }, (_, i) => 2000 + i)]
      .sort((a, b) => 1000 - (a % 97) - (1000 - (b % 97)) || a - b);
    expect(ran).toEqual(expected);
    expect(loop.pending()).toBe(0);
  });

  it('run(until) leaves later events queued and sets the clock', () => {
    const loop = new EventLoop(1);
    const log: number[] = [];
    loop.at(50, () => log.push(50));
    loop.at(51, () => log.push(51));
    loop.run(50);
    expect(log).toEqual([50]);
    expect(loop.now).toBe(50);
    expect(loop.pending()).toBe(1);
    loop.runUntilIdle(40_000);
    expect(log).toEqual([50, 51]);
    expect(loop.now).toBe(40_000);
  });

  it('rejects scheduling in the past and non-integer times', () => {
    const loop = new EventLoop(1);
    loop.run(100);
    expect(() => loop.at(99, () => {})).toThrow(/invariant/);
    expect(() => loop.at(100.5, () => {})).toThrow(/invariant/);
    expect(() => loop.after(-1, () => {})).toThrow(/invariant/);
  });

  it('orders any mix of times like a stable sort, even with many cancellations (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ time: fc.integer({ min: 0, max: 50 }), cancelled: fc.boolean() }), { maxLength: 300 }),
        (specs) => {
          const loop = new EventLoop(7);
          const ran: number[] = [];
          const ids = specs.map((spec, index) => loop.at(spec.time, () => ran.push(index)));
          specs.forEach((spec, index) => {
            if (spec.cancelled) loop.cancel(ids[index]!);
          });
          loop.runUntilIdle();
          const expected = specs
            .map((spec, index) => ({ ...spec, index }))
            .filter((spec) => !spec.cancelled)
            .sort((x, y) => x.time - y.time || x.index - y.index)
            .map((spec) => spec.index);
          expect(ran).toEqual(expected);
        },
      ),
    );
  });
});

/** The contract, the slow way: a list of (time, sequence) entries, the earliest run first. */
class ReferenceLoop {
  now = 0;
  private sequence = 0;
  private readonly entries: { time: number; sequence: number; action: () => void; cancelled: boolean }[] = [];

  at(time: number, action: () => void): number {
    this.entries.push({ time, sequence: this.sequence, action, cancelled: false });
    return this.sequence++;
  }

  cancel(id: number): void {
    const entry = this.entries.find((e) => e.sequence === id);
    if (entry !== undefined) entry.cancelled = true;
  }

  runUntil(done: () => boolean, limit: number): boolean {
    for (;;) {
      if (done()) return true;
      const live = this.entries.filter((e) => !e.cancelled).sort((x, y) => x.time - y.time || x.sequence - y.sequence);
      const head = live[0];
      if (head === undefined || head.time > limit) return done();
      head.cancelled = true;
      this.now = head.time;
      head.action();
    }
  }
}

describe('EventLoop across the timer wheel and the heap', () => {
  it('matches the reference for delays near and far, nested scheduling, cancellations and runUntil stops (property)', () => {
    const delay = fc.oneof(fc.constantFrom(0, 1, 50, 32_767, 32_768, 32_769, 65_536), fc.integer({ min: 0, max: 200_000 }), fc.integer({ min: 0, max: 3_000_000 }));
    const step = fc.record({ delay, children: fc.array(delay, { maxLength: 2 }), cancelLater: fc.boolean(), stopAfter: fc.integer({ min: 0, max: 40 }) });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 5_000_000 }), (steps, limit) => {
        const run = (loop: { now: number; at(t: number, a: () => void): number; cancel(id: number): void; runUntil(d: () => boolean, l: number): boolean }) => {
          const log: string[] = [];
          const ids: number[] = [];
          let ran = 0;
          steps.forEach((spec, i) => {
            ids.push(
              loop.at(loop.now + spec.delay, () => {
                ran++;
                log.push(`${i}@${loop.now}`);
                spec.children.forEach((d, k) => loop.at(loop.now + d, () => log.push(`${i}.${k}@${loop.now}`)));
                if (spec.cancelLater && i + 1 < ids.length) loop.cancel(ids[i + 1]!);
              }),
            );
            if (spec.cancelLater && i % 3 === 0) loop.cancel(ids[i]!);
          });
          // Stop early once, then resume to the limit: the clock stays at the last event run.
          const stop = steps[0]!.stopAfter;
          log.push(`stopped:${loop.runUntil(() => ran >= stop, limit)}@${loop.now}`);
          log.push(`ended:${loop.runUntil(() => false, limit)}@${loop.now}`);
          return log;
        };
        expect(run(new EventLoop(1))).toEqual(run(new ReferenceLoop()));
      }),
      { numRuns: 300 },
    );
  });
});

describe('Prng', () => {
  it('is deterministic per seed and differs across seeds', () => {
    const draw = (seed: number) => {
      const prng = new Prng(seed);
      return Array.from({ length: 8 }, () => prng.nextU32());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('forks independent streams that do not depend on how much the parent drew', () => {
    const parentA = new Prng(9);
    const parentB = new Prng(9);
    parentB.nextU32();
    parentB.nextU32();
    const forkA = parentA.fork('tcp-isn');
    const forkB = parentB.fork('tcp-isn');
    expect(forkA.nextU32()).toBe(forkB.nextU32());
    expect(new Prng(9).fork('x').nextU32()).not.toBe(new Prng(9).fork('y').nextU32());
  });

  it.each([1, 2, 3, 7, 28232, 2 ** 32])('nextInt(%d) stays in range', (bound) => {
    const prng = new Prng(3);
    for (let i = 0; i < 500; i++) {
      const value = prng.nextInt(bound);
      expect(Number.isInteger(value) && value >= 0 && value < bound).toBe(true);
    }
  });

  it('nextFloat is in [0, 1) and roughly uniform', () => {
    const prng = new Prng(5);
    let sum = 0;
    for (let i = 0; i < 10_000; i++) {
      const value = prng.nextFloat();
      expect(value >= 0 && value < 1).toBe(true);
      sum += value;
    }
    expect(Math.abs(sum / 10_000 - 0.5)).toBeLessThan(0.02);
  });
});
