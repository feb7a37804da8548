import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FlowTable } from '../../src/dataplane/flow-table.js';
import { FlowKey, flowKeyText } from '../../src/dataplane/flow-key.js';
import { ReferenceFlowTable } from '../support/reference-flow-table.js';
import { tcpKey } from '../support/flow-keys.js';

// 16 main entries = 4 buckets, 8 overflow entries, 40 keys: most buckets overflow, the table fills.
const MAIN = 16;
const OVERFLOW = 8;
const KEYS: FlowKey[] = Array.from({ length: 40 }, (_, i) =>
  i % 8 === 7 ? tcpKey(`fd00::${i}`, 1000 + i, 'fd00::ffff', 443, 7) : tcpKey('10.0.0.1', 1000 + i, '10.0.0.2', 80, i % 3));

type Op =
  | { kind: 'lookup'; key: number }
  | { kind: 'allocate'; key: number; now: number }
  | { kind: 'release'; pick: number }
  | { kind: 'evict'; pick: number }
  | { kind: 'releaseRaw'; index: number }
  | { kind: 'write'; pick: number; action: number; packets: number; rflow: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('lookup' as const), key: fc.nat(KEYS.length - 1) }),
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('allocate' as const), key: fc.nat(KEYS.length - 1), now: fc.nat(1_000_000) }) },
  fc.record({ kind: fc.constant('release' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('evict' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('releaseRaw' as const), index: fc.nat(MAIN + OVERFLOW - 1) }),
  fc.record({ kind: fc.constant('write' as const), pick: fc.nat(), action: fc.nat(3), packets: fc.nat(), rflow: fc.integer({ min: -1, max: 23 }) }),
);

function compare(t: FlowTable, r: ReferenceFlowTable): void {
  for (const k of KEYS) expect(t.lookup(k), flowKeyText(k)).toBe(r.lookup(k));
  expect(t.counters.overflowInUse).toBe(r.overflowInUse);
  expect(t.counters.created).toBe(r.created);
  expect(t.counters.deleted).toBe(r.deleted);
  const used = r.usedIndexes();
  expect(Array.from(t.activeIndexes())).toEqual(used);
  const out = new FlowKey();
  for (let i = 0; i < r.capacity; i++) {
    const e = r.entries[i];
    if (!e) continue;
    expect(t.isInUse(i)).toBe(e.inUse);
    expect({ i, flags: t.flags(i), genId: t.genId(i) }).toEqual({ i, flags: e.flags, genId: e.genId });
    if (!e.inUse) continue;
    t.readKey(i, out);
    expect(flowKeyText(out)).toBe(e.keyText);
    expect([t.action(i), t.rflow(i), t.packets(i), t.lastUsed(i)]).toEqual([e.action, e.rflow, e.packets, e.lastUsed]);
  }
  for (let b = 3; b < MAIN; b += 4) expect(t.overflowChain(b)).toEqual(r.chainOf(b - 3));
}

describe('FlowTable behaves like the Map-based reference', () => {
  it('on random lookup/allocate/release/evict/write sequences over colliding keys', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 30, maxLength: 100, size: 'max' }), (ops) => {
        const t = new FlowTable({ entries: MAIN, overflowEntries: OVERFLOW, cpus: 2 });
        const r = new ReferenceFlowTable(MAIN, OVERFLOW);
        for (const op of ops) {
          const used = r.usedIndexes();
          switch (op.kind) {
            case 'lookup':
              expect(t.lookup(KEYS[op.key]!)).toBe(r.lookup(KEYS[op.key]!));
              break;
            case 'allocate': {
              const key = KEYS[op.key]!;
              if (r.lookup(key) >= 0) break; // precondition of allocate
              expect(t.allocate(key, op.now)).toBe(r.allocate(key, op.now));
              break;
            }
            case 'release':
            case 'evict': {
              if (used.length === 0) break;
              const index = used[op.pick % used.length]!;
              if (op.kind === 'release') { t.release(index); r.release(index); } else { t.markEvicted(index); r.markEvicted(index); }
              break;
            }
            case 'releaseRaw':
              t.release(op.index);
              r.release(op.index);
              break;
            case 'write': {
              if (used.length === 0) break;
              const index = used[op.pick % used.length]!;
              const e = r.entries[index]!;
              t.setAction(index, e.action = op.action);
              t.setCounters(index, e.packets = op.packets >>> 0, t.bytes(index));
              t.setRflow(index, e.rflow = op.rflow);
              break;
            }
          }
          compare(t, r);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('the oracle is able to fail: a table with a different overflow size diverges', () => {
    const t = new FlowTable({ entries: MAIN, overflowEntries: OVERFLOW - 1 });
    const r = new ReferenceFlowTable(MAIN, OVERFLOW);
    const results = KEYS.map((k) => [t.allocate(k, 0), r.allocate(k, 0)]);
    expect(results.some(([a, b]) => a !== b)).toBe(true);
  });
});
