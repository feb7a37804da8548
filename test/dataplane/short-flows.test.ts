/**
 * Short flows as the agent makes them (tf-controller pkt/pkt_flow_info.cc; FlowEntry::MakeShortFlow
 * gives both entries the reason): no route to the destination -> D(NoDstRt) both ways; an
 * interface past its flow limit (PktFlowInfo::ApplyFlowLimits, flow_count + 2 > max_flows) ->
 * D(FlowLim) both ways. And deleting a pod deletes its flows at once, not after aging.
 */
import { describe, expect, it } from 'vitest';
import { ACTION_DROP, DROP_FLOW_LIMIT, DROP_NO_DST_ROUTE } from '../../src/dataplane/flow-codes.js';
import type { FlowTable } from '../../src/dataplane/flow-table.js';
import { DEFAULT_SETTINGS } from '../../src/sim/cluster/types.js';
import { bookCluster, ref, sim } from '../support/lab.js';

function pairs(table: FlowTable): [number, number][] {
  return [...table.activeIndexes()].map((i) => [table.action(i), table.dropReason(i)]);
}

describe('short flows', () => {
  it('a pod to an address no node owns: D(NoDstRt) on both entries, the packets go nowhere', () => {
    const s = sim(bookCluster());
    expect(s.curl(ref('dev/client1-dev'), 'http://192.0.2.7', { maxTimeSeconds: 2 }).outcome).toBe('timeout');
    expect(pairs(s.flowTable('cent222'))).toEqual([[ACTION_DROP, DROP_NO_DST_ROUTE], [ACTION_DROP, DROP_NO_DST_ROUTE]]);
    const vrouter = s.wiring.vrouter('cent222');
    expect(vrouter.routedOut).toBe(0);
    expect(vrouter.drops['Flow Action Drop']).toBeGreaterThan(0);
  });

  it('an interface past its flow limit: the next flow is D(FlowLim) both ways and fails', () => {
    const s = sim(bookCluster(), { agent: { ...DEFAULT_SETTINGS.agent, maxFlowsPerInterface: 4 } });
    // Two pings = two pairs = four entries on client1-dev's interface: 4 + 2 > 4 for the third.
    expect(s.ping(ref('dev/client1-dev'), ref('dev/webserver-dev'), { count: 1 }).outcome).toBe('success');
    expect(s.ping(ref('dev/client1-dev'), ref('dev/dbserver-dev'), { count: 1 }).outcome).toBe('success');
    expect(s.ping(ref('dev/client1-dev'), ref('dev/client2-dev'), { count: 1 }).outcome).not.toBe('success');
    const limited = pairs(s.flowTable('cent222')).filter(([, reason]) => reason === DROP_FLOW_LIMIT);
    expect(limited).toEqual([[ACTION_DROP, DROP_FLOW_LIMIT], [ACTION_DROP, DROP_FLOW_LIMIT]]);
    // Another pod's interface is not limited.
    expect(s.ping(ref('jtac/client-jtac'), ref('dev/webserver-dev'), { count: 1 }).outcome).toBe('success');
  });

  it('deleting a pod deletes its flows at once, on its node', () => {
    const s = sim(bookCluster());
    expect(s.ping(ref('dev/client1-dev'), ref('dev/webserver-dev'), { count: 1 }).outcome).toBe('success');
    expect(s.ping(ref('qa/client-qa'), ref('dev/client2-dev'), { count: 1 }).outcome).toBe('success');
    const table = s.flowTable('cent333');
    expect(table.activeIndexes().length).toBe(4);
    const deletedBefore = table.counters.deleted;
    s.updateCluster({ ...s.cluster, pods: s.cluster.pods.filter((p) => p.name !== 'webserver-dev') });
    // No time passes: the agent deleted webserver-dev's pair with its interface; qa -> client2 stays.
    expect(table.activeIndexes().length).toBe(2);
    expect(table.counters.deleted - deletedBefore).toBe(2);
  });
});
