import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FlowTable } from '../../src/dataplane/flow-table.js';
import { FlowKey, flowKeyHash, flowKeyText, flowKeysEqual } from '../../src/dataplane/flow-key.js';
import { NH_LIMIT } from '../../src/dataplane/flow-key-words.js';
import { collidingKeys, tcpKey } from '../support/flow-keys.js';

function copy(k: FlowKey): FlowKey {
  const out = new FlowKey();
  Object.assign(out, k);
  return out;
}

describe('FlowTable packed keys (16 bytes per slot, VALID and CHAIN bits)', () => {
  it('keeps key nexthops that do not fit the packed word exactly (side store)', () => {
    const t = new FlowTable({ entries: 64 });
    const nhs = [0, 59, NH_LIMIT - 1, NH_LIMIT, 0x7fffffff, -1, -(2 ** 31)];
    const keys = nhs.map((nh) => tcpKey('10.0.0.1', 1000, '10.0.0.2', 80, nh));
    const indexes = keys.map((k) => t.allocate(k, 0));
    const out = new FlowKey();
    keys.forEach((k, j) => {
      expect(t.lookup(k), `nh ${nhs[j]}`).toBe(indexes[j]);
      t.readKey(indexes[j]!, out);
      expect(flowKeysEqual(out, k), flowKeyText(out)).toBe(true);
      expect(t.keyNh(indexes[j]!)).toBe(nhs[j]);
      expect([t.keyProto(indexes[j]!), t.keyFamily(indexes[j]!)]).toEqual([6, 4]);
    });
  });

  it('distinguishes IPv4 and IPv6 keys that share the packed words', () => {
    const t = new FlowTable({ entries: 16 });
    const v6 = tcpKey('a00:1::', 1000, 'a00:2::', 80);
    const v4 = copy(v6);
    v4.family = 4; v4.s1 = v4.s2 = v4.s3 = v4.d1 = v4.d2 = v4.d3 = 0;
    const i6 = t.allocate(v6, 0);
    expect(t.lookup(v4)).toBe(-1);
    const i4 = t.allocate(v4, 0);
    expect([t.lookup(v6), t.lookup(v4)]).toEqual([i6, i4]);
    expect(t.keyFamily(i6)).toBe(6);
  });

  it('an evicted or released entry keeps its key readable but is not found', () => {
    const t = new FlowTable({ entries: 16 });
    const k = tcpKey('10.0.0.1', 1000, '10.0.0.2', 80, 1 << 20);
    const i = t.allocate(k, 0);
    t.markEvicted(i);
    expect(t.lookup(k)).toBe(-1);
    expect(t.isInUse(i)).toBe(false);
    const out = new FlowKey();
    t.readKey(i, out);
    expect(flowKeysEqual(out, k)).toBe(true);
  });

  it('a bucket whose chain empties again answers misses without the chain', () => {
    const t = new FlowTable({ entries: 16, overflowEntries: 8 });
    const keys = collidingKeys((k) => t.bucketStart(k), 6);
    const idx = keys.map((k) => t.allocate(k, 0));
    expect(idx.slice(4)).toEqual([16, 17]);
    t.release(17);
    t.release(16);
    expect(t.overflowChain(t.bucketStart(keys[0]!) + 3)).toEqual([]);
    expect(keys.map((k) => t.lookup(k))).toEqual([...idx.slice(0, 4), -1, -1]);
    // Slot 3 keeps its entry while the chain bit comes and goes.
    t.release(idx[3]!);
    expect(t.allocate(keys[5]!, 0)).toBe(idx[3]);
    expect(t.allocate(keys[4]!, 0)).toBe(16);
    expect(keys.map((k) => t.lookup(k))).toEqual([...idx.slice(0, 3), -1, 16, idx[3]]);
  });

  it('bucket placement is (hash % mainEntries) & ~3 for power-of-two and other sizes', () => {
    for (const entries of [16, 20, 1024, 1028, 524288]) {
      const t = new FlowTable({ entries });
      for (let p = 1000; p < 1100; p++) {
        const k = tcpKey('10.1.2.3', p, '10.9.8.7', 443);
        expect(t.bucketStart(k)).toBe((flowKeyHash(k) % entries) & ~3);
      }
    }
  });

  it('lookupBatch answers what lookup answers, across rounds, chains and misses', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(40), fc.boolean()), { minLength: 1, maxLength: 60 }), (picks) => {
        const t = new FlowTable({ entries: 16, overflowEntries: 16 });
        const pool = Array.from({ length: 41 }, (_, i) =>
          i % 9 === 8 ? tcpKey(`fd00::${i}`, 2000 + i, 'fd00::1', 80) : tcpKey('10.0.0.1', 2000 + i, '10.0.0.2', 80, i % 2 ? 59 : NH_LIMIT + i));
        for (const [i, live] of picks) if (live && t.lookup(pool[i]!) < 0) t.allocate(pool[i]!, 0);
        const queries = picks.map(([i]) => pool[i]!);
        const out = new Int32Array(queries.length);
        t.lookupBatch(queries, queries.length, out);
        expect(Array.from(out)).toEqual(queries.map((k) => t.lookup(k)));
      }),
      { numRuns: 100 },
    );
  });

  it('lookupBatchInet4 over key columns answers what lookup answers (chains, misses, wide nexthops, offsets)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(40), fc.boolean()), { minLength: 1, maxLength: 60 }), fc.nat(5), (picks, offset) => {
        const t = new FlowTable({ entries: 16, overflowEntries: 16 });
        const pool = Array.from({ length: 41 }, (_, i) =>
          tcpKey(`10.0.${i % 3}.1`, 2000 + i, '10.0.0.2', i % 5 === 0 ? 53 : 80, i % 2 ? 59 : i % 7 === 0 ? NH_LIMIT + i : 3 + i));
        for (const [i, live] of picks) if (live && t.lookup(pool[i]!) < 0) t.allocate(pool[i]!, 0);
        const queries = picks.map(([i]) => pool[i]!);
        const n = queries.length + offset;
        const cols = { proto: new Int32Array(n), nh: new Int32Array(n), sport: new Int32Array(n), dport: new Int32Array(n), s0: new Int32Array(n), d0: new Int32Array(n) };
        queries.forEach((k, j) => {
          const at = offset + j;
          cols.proto[at] = k.proto; cols.nh[at] = k.nh; cols.sport[at] = k.sport; cols.dport[at] = k.dport; cols.s0[at] = k.s0; cols.d0[at] = k.d0;
        });
        const out = new Int32Array(queries.length + 2).fill(-7);
        t.lookupBatchInet4(cols, offset, queries.length, out, 1);
        expect(Array.from(out)).toEqual([-7, ...queries.map((k) => t.lookup(k)), -7]);
      }),
      { numRuns: 100 },
    );
  });
});
