import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TimerWheel, WHEEL_SIZE } from '../../src/sim/timer-wheel.js';

describe('TimerWheel', () => {
  it('keeps each bucket FIFO and finds the first non-empty bucket cyclically, across word and summary boundaries (property)', () => {
    const bucket = fc.oneof(fc.integer({ min: 0, max: WHEEL_SIZE - 1 }), fc.constantFrom(0, 31, 32, 1023, 1024, 1025, WHEEL_SIZE - 33, WHEEL_SIZE - 1));
    fc.assert(
      fc.property(fc.array(bucket, { minLength: 1, maxLength: 80 }), bucket, (buckets, start) => {
        const wheel = new TimerWheel();
        const model = new Map<number, number[]>();
        buckets.forEach((b, slot) => {
          wheel.append(b, slot);
          model.set(b, [...(model.get(b) ?? []), slot]);
        });
        let position = start;
        while (model.size > 0) {
          const expected = [...model.keys()].sort((x, y) => ((x - position + WHEEL_SIZE) % WHEEL_SIZE) - ((y - position + WHEEL_SIZE) % WHEEL_SIZE))[0]!;
          const found = wheel.firstFrom(position);
          expect(found).toBe(expected);
          const queue = model.get(found)!;
          expect(wheel.shift(found)).toBe(queue.shift());
          if (queue.length === 0) model.delete(found);
          position = found;
        }
        expect(wheel.size).toBe(0);
      }),
    );
  });
});
