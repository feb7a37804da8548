/**
 * Property: `PendingSetups` (the agent's trapped flows and their first packets, a ring of
 * typed words) behaves as a plain array of setup objects: the same setups shifted in the same
 * order, the same packets taken and dropped, the same count of setups still holding, across
 * growth of the ring and wrap-around.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PendingSetups } from '../../src/dataplane/pending-setups.js';
import { ipAddr } from '../../src/packet/address.js';
import type { IpPacket } from '../../src/packet/types.js';
import { udpPacket } from '../../bench/lib/packets.js';

const packets: IpPacket[] = Array.from({ length: 8 }, (_, i) => udpPacket(ipAddr(`10.9.0.${i + 1}`), ipAddr('10.9.1.1'), 1000 + i, 53));

const op = fc.oneof(
  { weight: 12, arbitrary: fc.record({ kind: fc.constant('push' as const), index: fc.nat(7), gen: fc.nat(2) }) },
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('shift' as const), index: fc.constant(0), gen: fc.constant(0) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('take' as const), index: fc.nat(7), gen: fc.nat(2) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('drop' as const), index: fc.nat(7), gen: fc.nat(2) }) },
);

interface Ref { index: number; gen: number; hash: number; first: IpPacket | undefined }

describe('PendingSetups vs an array of setups', () => {
  it('same order, packets and holding count under random pushes, shifts, takes and drops', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const ring = new PendingSetups();
        const ref: Ref[] = [];
        let hash = 0x9000_0000;
        for (const o of ops) {
          if (o.kind === 'push') {
            hash = (hash + 0x01234567) >>> 0;
            ring.push(o.index, o.gen, hash, packets[o.index]!);
            ref.push({ index: o.index, gen: o.gen, hash, first: packets[o.index] });
          } else if (o.kind === 'shift') {
            if (ref.length === 0) continue;
            const want = ref.shift()!;
            const got = ring.shift();
            expect({ index: got.index, gen: got.gen, hash: got.hash, first: got.first }).toEqual(want);
          } else if (o.kind === 'take') {
            const hit = ref.find((r) => r.first !== undefined && r.index === o.index && r.gen === o.gen);
            const want = hit?.first;
            if (hit !== undefined) hit.first = undefined;
            expect(ring.take(o.index, o.gen)).toBe(want);
          } else {
            // Drop every holding setup of entry o.index (any generation), as deleting an interface does.
            const seen: number[] = [];
            ring.dropWhere((index) => {
              seen.push(index);
              return index === o.index;
            });
            expect(seen).toEqual(ref.filter((r) => r.first !== undefined).map((r) => r.index));
            for (const r of ref) if (r.index === o.index) r.first = undefined;
          }
          expect(ring.size).toBe(ref.length);
          expect(ring.holding).toBe(ref.filter((r) => r.first !== undefined).length);
        }
      }),
      { numRuns: 300, seed: 18 },
    );
  });

  it('keeps order and packets when the ring grows while wrapped around', () => {
    const ring = new PendingSetups();
    const ref: number[] = [];
    let n = 0;
    // 10 in, 5 out, then 20 more: the ring of 16 wraps, then grows with its head at 5.
    for (const [pushes, shifts] of [[10, 5], [20, 0], [0, 25]] as const) {
      for (let k = 0; k < pushes; k++, n++) {
        ring.push(n, 0, n, packets[n % packets.length]!);
        ref.push(n);
      }
      for (let k = 0; k < shifts; k++) {
        const want = ref.shift()!;
        const got = ring.shift();
        expect([got.index, got.hash, got.first]).toEqual([want, want, packets[want % packets.length]]);
      }
    }
    expect([ring.size, ring.holding]).toEqual([0, 0]);
  });
});
