import { describe, expect, it } from 'vitest';
import { FlowTable } from '../../src/dataplane/flow-table.js';
import { ACTION_HOLD, FLAG_ACTIVE, FLAG_NEW_FLOW } from '../../src/dataplane/flow-codes.js';
import { tcpKey } from '../support/flow-keys.js';

describe('FlowTable defaults', () => {
  it('has the vRouter default geometry', () => {
    const t = new FlowTable();
    expect([t.mainEntries, t.overflowEntries, t.capacity]).toEqual([524288, 105472, 629760]);
    expect(t.bytesPerEntry()).toBeLessThanOrEqual(64);
  });

  it('allocates a HOLD entry in the key bucket and finds it', () => {
    const t = new FlowTable();
    const k = tcpKey('10.47.255.233', 42282, '10.47.255.232', 80);
    expect(t.lookup(k)).toBe(-1);
    const i = t.allocate(k, 1234);
    expect(i).toBe(t.bucketStart(k));
    expect(t.lookup(k)).toBe(i);
    expect(t.action(i)).toBe(ACTION_HOLD);
    expect(t.flags(i)).toBe(FLAG_ACTIVE | FLAG_NEW_FLOW);
    expect(t.genId(i)).toBe(1);
    expect(t.rflow(i)).toBe(-1);
    expect(t.lastUsed(i)).toBe(1234);
  });
});

describe('FlowTable memory', () => {
  it.each([
    ['lazily mapped (default)', false],
    ['prefaulted', true],
  ])('%s: a never-used slot reads as empty and the table behaves the same', (_name, prefault) => {
    const t = new FlowTable({ entries: 1024, prefault });
    for (const i of [0, 7, 1023, t.capacity - 1]) {
      expect([t.isInUse(i), t.rflow(i), t.srcInfo(i), t.srcInfoKind(i), t.action(i), t.genId(i)]).toEqual([false, -1, -1, 0, 0, 0]);
    }
    const k = tcpKey('10.47.255.233', 42282, '10.47.255.232', 80);
    const i = t.allocate(k, 5);
    t.setSrcInfoVif(i, 0);
    t.setRflow(i, 0);
    expect([t.lookup(k), t.srcInfo(i), t.rflow(i)]).toEqual([i, 0, 0]);
  });
});
