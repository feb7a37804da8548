/**
 * The `flow -l` header counters with vr_flow.c's meanings: `Created` grows only on a datapath
 * miss, `Added` counts the entries the agent creates (the reverse flows), `Processed` the HOLD
 * entries the agent programs, and `Changed` every other agent update, its deletes included
 * (so Changed >= Deleted, the shape of the book's `Created 33 Added 33 Deleted 30 Changed 54
 * Processed 33`). Before, Created and Added counted both entries of a pair and deletes never
 * counted as changes.
 */
import { describe, expect, it } from 'vitest';
import { bookCluster, ref, sim } from '../support/lab.js';

const WEB = 'http://10.47.255.234';

function header(s: ReturnType<typeof sim>, node: string) {
  const c = s.flowTable(node).counters;
  return { created: c.created, added: c.added, deleted: c.deleted, changed: c.changed, processed: c.processed };
}

describe('flow table header counters (vr_flow.c)', () => {
  it('one cross-node connection: one miss and one agent-added entry per node', () => {
    const s = sim(bookCluster());
    expect(s.curl(ref('dev/client1-dev'), WEB, { maxTimeSeconds: 5 }).outcome).toBe('success');
    for (const node of ['cent222', 'cent333']) {
      expect({ node, ...header(s, node) }).toEqual({ node, created: 1, added: 1, deleted: 0, changed: 0, processed: 1 });
    }
  });

  it('agent deletes count in Deleted and in Changed (aging)', () => {
    const s = sim(bookCluster());
    // A ping's flows are not TCP, so no eviction: they age out after 180 s.
    expect(s.ping(ref('dev/client1-dev'), ref('dev/webserver-dev'), { count: 1 }).outcome).toBe('success');
    s.advance(200_000);
    const h = header(s, 'cent333');
    expect(h.deleted).toBeGreaterThan(0);
    expect(h.changed).toBeGreaterThanOrEqual(h.deleted);
    expect(h.created).toBe(h.added);
  });
});
