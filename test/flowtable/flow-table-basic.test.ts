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
