/**
 * vhost0 is provisioned with policy disabled (tf-vrouter looks flows up only on policy-enabled
 * interfaces and next hops): host traffic to a pod on another node makes no flow on the sending
 * node, host traffic to a local pod makes a flow in the fabric VRF (0), and a denied
 * host-sourced flow carries the out-firewall-policy reason, because vhost0 has no firewall
 * policy of its own and the destination pod's policies deny it as the out ACL
 * (flow_entry.cc, FlowEntry::SessionMatch / ActionRecompute: DROP_OUT_FIREWALL_POLICY).
 */
import { describe, expect, it } from 'vitest';
import { ACTION_DROP, DROP_FW_POLICY, DROP_OUT_FW_POLICY, DROP_UNKNOWN } from '../../src/dataplane/flow-codes.js';
import type { FlowTable } from '../../src/dataplane/flow-table.js';
import { FlowKey } from '../../src/dataplane/flow-key.js';
import { bookCluster, ref, sim } from '../support/lab.js';

const WEB = 'http://10.47.255.234';

interface Entry { readonly src: string; readonly vrf: number; readonly action: number; readonly reason: number }

function entries(table: FlowTable): Entry[] {
  const key = new FlowKey();
  return [...table.activeIndexes()].map((i) => {
    table.readKey(i, key);
    const src = [key.s0 >>> 24, (key.s0 >>> 16) & 255, (key.s0 >>> 8) & 255, key.s0 & 255].join('.');
    return { src, vrf: table.vrf(i), action: table.action(i), reason: table.dropReason(i) };
  });
}

describe('the host path (vhost0, policy disabled)', () => {
  it('host -> pod on another node: no flow on the sending node, the pair on the pod\'s node', () => {
    const s = sim(bookCluster('policy1-do.yaml'));
    expect(s.curl(ref('node/cent222'), WEB, { maxTimeSeconds: 5 }).outcome).toBe('success');
    expect(entries(s.flowTable('cent222'))).toEqual([]);
    expect(s.flowTable('cent222').counters.created).toBe(0);
    const remote = entries(s.flowTable('cent333'));
    expect(remote.map((e) => [e.src, e.vrf]).sort()).toEqual([['10.169.25.20', 5], ['10.47.255.234', 5]]);
  });

  it('host -> local pod: the flow is in the fabric VRF, and a denied one is D(OutFwPolicy), its reverse D(Unknown)', () => {
    const s = sim(bookCluster('policy1-do.yaml'));
    // The book: after policy1 the cent333 host cannot reach webserver-dev.
    expect(s.curl(ref('node/cent333'), WEB, { maxTimeSeconds: 5 }).outcome).toBe('timeout');
    const all = entries(s.flowTable('cent333'));
    const forward = all.find((e) => e.src === '10.169.25.21');
    const reverse = all.find((e) => e.src === '10.47.255.234');
    expect(forward).toEqual({ src: '10.169.25.21', vrf: 0, action: ACTION_DROP, reason: DROP_OUT_FW_POLICY });
    expect(reverse).toEqual({ src: '10.47.255.234', vrf: 5, action: ACTION_DROP, reason: DROP_UNKNOWN });
  });

  it('a pod-sourced denied flow keeps D(FwPolicy) in the pod VRF', () => {
    const s = sim(bookCluster('policy1-do.yaml'));
    expect(s.curl(ref('dev/client2-dev'), WEB, { maxTimeSeconds: 5 }).outcome).toBe('timeout');
    const forward = entries(s.flowTable('cent333')).find((e) => e.src === '10.47.255.231');
    expect(forward).toEqual({ src: '10.47.255.231', vrf: 5, action: ACTION_DROP, reason: DROP_FW_POLICY });
  });

  it('pod -> host on another node: the packets for vhost0 make no flow there, the host\'s RST rides the pod\'s reverse flow', () => {
    const s = sim(bookCluster());
    // Nothing listens on the host's port 80: its RST must come back for the outcome to be "refused".
    expect(s.curl(ref('dev/webserver-dev'), 'http://10.169.25.20', { maxTimeSeconds: 5 }).outcome).toBe('refused');
    expect(entries(s.flowTable('cent222'))).toEqual([]);
  });
});
