import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { HoldQueues, MAX_HELD_PACKETS_PER_FLOW } from '../../src/dataplane/hold-queue.js';
import type { IpPacket } from '../../src/packet/types.js';

/** Distinct stand-in packets (HoldQueues only stores references). */
const PACKETS = Array.from({ length: 8 }, (_, i) => ({ id: i }) as unknown as IpPacket);

type Op = { kind: 'open' | 'add' | 'close' | 'take'; index: number; packet: number };

describe('HoldQueues behaves like a Map of arrays', () => {
  it('on random open/add/close/take sequences (entry indexes collide in the small hash)', () => {
    const op: fc.Arbitrary<Op> = fc.record({
      kind: fc.constantFrom('open', 'add', 'add', 'close', 'take'),
      index: fc.oneof(fc.nat(40), fc.nat(1 << 20).map((x) => x * 64)),
      packet: fc.nat(PACKETS.length - 1),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const h = new HoldQueues();
        const model = new Map<number, IpPacket[]>();
        for (const o of ops) {
          const p = PACKETS[o.packet]!;
          if (o.kind === 'open') { h.open(o.index, p); model.set(o.index, [p]); }
          if (o.kind === 'add') {
            const q = model.get(o.index);
            const ok = q === undefined ? (model.set(o.index, [p]), true) : q.length < MAX_HELD_PACKETS_PER_FLOW && (q.push(p), true);
            expect(h.add(o.index, p)).toBe(ok);
          }
          if (o.kind === 'close') { h.close(o.index); model.delete(o.index); }
          if (o.kind === 'take') { expect(h.take(o.index)).toEqual(model.get(o.index) ?? []); model.delete(o.index); }
          expect(h.size).toBe(model.size);
        }
        for (const [index, q] of model) {
          expect(h.has(index)).toBe(true);
          expect(h.count(index)).toBe(q.length);
          expect(h.first(index)).toBe(q[0]);
          q.forEach((p, k) => expect(h.packetAt(index, k)).toBe(p));
        }
        expect([...h.indexes()].sort((a, b) => a - b)).toEqual([...model.keys()].sort((a, b) => a - b));
        for (let i = 0; i < 41; i++) if (!model.has(i)) expect([h.has(i), h.count(i), h.first(i)]).toEqual([false, 0, undefined]);
      }),
      { numRuns: 200 },
    );
  });
});
