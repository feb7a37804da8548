/**
 * An evicted entry as tf-vrouter leaves it (dp-core/vr_flow.c, vr_flow_evict_flow then
 * vr_flow_reset_active_entry -> __vr_flow_reset_entry): E set and Ec cleared, no reverse
 * index, action drop, TCP bits 0, SPort 0, Sinfo 0, S(nh) 0, while key, generation and stats
 * stay. `--show-evicted` shows that, never an evicted entry still pointing at a reverse flow
 * or carrying its old TCP state.
 */
import { describe, expect, it } from 'vitest';
import { FLAG_EVICTED } from '../../src/dataplane/flow-codes.js';
import { formatFlowList } from '../../src/report/flow-dump.js';
import { bookCluster, ref, sim } from '../support/lab.js';

describe('eviction of a dead TCP pair', () => {
  it('resets both entries as vRouter does; --show-evicted shows E, D, no reverse, zeroed TCP/SPort/Sinfo/S(nh)', () => {
    const s = sim(bookCluster());
    expect(s.curl(ref('dev/client1-dev'), 'http://10.47.255.234', { maxTimeSeconds: 5 }).outcome).toBe('success');
    s.advance(10);
    const t = s.flowTable('cent222');
    expect([...t.activeIndexes()]).toEqual([]);
    const evicted = [];
    for (let i = 0; i < t.capacity; i++) if ((t.flags(i) & FLAG_EVICTED) !== 0) evicted.push(i);
    expect(evicted).toHaveLength(2);
    const dump = formatFlowList(t, { showEvicted: true });
    expect(dump).not.toContain('<=>');
    const records = dump.split('\n(Gen').slice(1);
    expect(records).toHaveLength(2);
    for (const r of records) {
      expect(r).toMatch(/Action:D\(Unknown\), Flags:E, TCP:, QOS:-1, S\(nh\):0,/);
      expect(r).toMatch(/SPort 0, TTL 0, Sinfo 0\.0\.0\.0\)/);
      expect(r).not.toMatch(/Stats:0\/0/);
    }
  });
});
