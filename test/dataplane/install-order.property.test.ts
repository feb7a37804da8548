/**
 * Property: `InstallOrder` (the agent's installed pairs) behaves as the `Set<number>` it
 * replaced: the same members, size and insertion order after random adds, deletes and clears,
 * and a walk that deletes the member it stands on (as aging and re-evaluation do) visits the
 * same members as a Set's iteration would, as does a walk that adds members (new ones, and
 * ones it deleted: both are visited again later in the walk).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InstallOrder } from '../../src/dataplane/install-order.js';

const op = fc.oneof(
  { weight: 25, arbitrary: fc.record({ kind: fc.constant('add' as const), index: fc.nat(300) }) },
  { weight: 15, arbitrary: fc.record({ kind: fc.constant('delete' as const), index: fc.nat(300) }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('walk-delete' as const), index: fc.nat(3) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('walk-add' as const), index: fc.nat(3) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('churn' as const), index: fc.nat(60) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('clear' as const), index: fc.constant(0) }) },
);

describe('InstallOrder vs Set<number>', () => {
  it('same members, size, order and walks under random operations', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const order = new InstallOrder();
        const set = new Set<number>();
        for (const o of ops) {
          if (o.kind === 'add') {
            order.add(o.index);
            set.add(o.index);
          } else if (o.kind === 'delete') {
            expect(order.delete(o.index)).toBe(set.delete(o.index));
          } else if (o.kind === 'walk-add') {
            // Walk both, adding `i + 301` (at most 40 times) for visited members i ≡ o.index (mod 4), and
            // deleting then re-adding every member ≡ o.index + 1 (mod 4) the first time it is seen.
            const walk = (members: { add(i: number): unknown; delete(i: number): unknown } & Iterable<number>): number[] => {
              const seen: number[] = [];
              const readded = new Set<number>();
              let added = 0;
              for (const i of members) {
                seen.push(i);
                if (i % 4 === o.index && added < 40) {
                  members.add(i + 301);
                  added++;
                }
                if (i % 4 === (o.index + 1) % 4 && !readded.has(i)) {
                  readded.add(i);
                  members.delete(i);
                  members.add(i);
                }
              }
              return seen;
            };
            expect(walk(order)).toEqual(walk(set));
          } else if (o.kind === 'churn') {
            // Setups and deletes of short-lived pairs among the long-lived ones (holes to compact).
            for (let k = 0; k < o.index; k++) {
              order.add(1000 + k);
              set.add(1000 + k);
            }
            for (let k = 0; k < o.index; k += 1 + (k % 3)) expect(order.delete(1000 + k)).toBe(set.delete(1000 + k));
          } else if (o.kind === 'clear') {
            order.clear();
            set.clear();
          } else {
            // Walk both, deleting every member whose index is ≡ o.index (mod 4) as it is visited,
            // and the member after it in order (so the walk stands on a run of deleted links).
            const after = (members: number[], i: number): number | undefined => members[members.indexOf(i) + 1];
            // The InstallOrder walk alternates between for...of and forEach (the aging scan's walk).
            const seenOrder: number[] = [];
            const visit = (i: number): void => {
              seenOrder.push(i);
              if (i % 4 === o.index) {
                const next = after([...order], i);
                order.delete(i);
                if (next !== undefined) order.delete(next);
              }
            };
            if (o.index % 2 === 0) for (const i of order) visit(i);
            else order.forEach(visit);
            const seenSet: number[] = [];
            for (const i of set) {
              seenSet.push(i);
              if (i % 4 === o.index) {
                const next = after([...set], i);
                set.delete(i);
                if (next !== undefined) set.delete(next);
              }
            }
            expect(seenOrder).toEqual(seenSet);
          }
          expect(order.size).toBe(set.size);
          for (const i of [o.index, o.index + 1]) expect(order.has(i)).toBe(set.has(i));
        }
        expect([...order]).toEqual([...set]);
      }),
      { numRuns: 500, seed: 16 },
    );
  });
});
