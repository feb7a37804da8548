/**
 * A HOLD entry as tf-vrouter keeps it (dp-core/vr_flow.c): vr_flow_lookup sets the VRF when it
 * allocates the entry, runs vr_flow_tcp_digest on every packet, and vr_do_flow_action counts
 * the stats before vr_enqueue_flow queues (or drops) the packet; vr_trap_flow clears NEW_FLOW
 * when it traps the first one. The held packets are released through vr_flow_action, not
 * counted again. The hold limit refuses new flows only when the outstanding holds are greater
 * than vr_flow_hold_limit (vr_flow_allow_new_flow).
 */
import { describe, expect, it } from 'vitest';
import { ACTION_HOLD, FLAG_NEW_FLOW, TCPF_SYN } from '../../src/dataplane/flow-codes.js';
import { ipAddr } from '../../src/packet/address.js';
import { formatFlowRecord } from '../../src/report/flow-dump.js';
import { DEFAULT_SETTINGS } from '../../src/sim/cluster/types.js';
import { clusterFromYaml, ref, sim } from '../support/lab.js';
import { opened } from '../support/sockets.js';

const LAB = `
apiVersion: v1
kind: Pod
metadata: {name: server, namespace: lab}
spec: {nodeName: cent222, containers: [{name: web, image: web, ports: [{containerPort: 80}, {containerPort: 53, protocol: UDP}]}]}
status: {podIP: 10.47.255.200}
---
apiVersion: v1
kind: Pod
metadata: {name: client, namespace: lab}
spec: {nodeName: cent333, containers: [{name: c, image: c}]}
status: {podIP: 10.47.255.100}
`;
const cluster = clusterFromYaml(LAB);
const server = ipAddr('10.47.255.200');
const slow = { agent: { ...DEFAULT_SETTINGS.agent, latencyUs: 100_000 } };

describe('a HOLD entry (vr_flow.c)', () => {
  it('dumps with its VRF, without N after the trap, with the SYN digested and counted', () => {
    const s = sim(cluster, slow);
    const stack = s.wiring.stackOf(ref('lab/client'));
    opened(stack.connectTcp(server, 80, {}));
    s.advance(1);
    const t = s.flowTable('cent333');
    const [index] = [...t.activeIndexes()];
    expect(t.action(index!)).toBe(ACTION_HOLD);
    expect(t.flags(index!) & FLAG_NEW_FLOW).toBe(0);
    expect(t.tcpFlags(index!) & TCPF_SYN).toBe(TCPF_SYN);
    expect(t.vrf(index!)).toBe(5);
    const text = formatFlowRecord(t, index!);
    expect(text).toContain('6 (5)');
    expect(text).toContain('Action:H, Flags:, TCP:S,');
    expect(text).toContain('Stats:1/74');
  });

  it('counts the packets the full hold queue drops, and does not count the released ones again', () => {
    const s = sim(cluster, slow);
    const stack = s.wiring.stackOf(ref('lab/client'));
    const sock = opened(stack.openUdp({}));
    for (let k = 0; k < 5; k++) sock.send(server, 53, new Uint8Array([k]));
    s.advance(1);
    const vr = s.wiring.vrouter('cent333');
    const [index] = [...vr.table.activeIndexes()];
    expect(vr.drops['Flow Queue Limit Exceeded']).toBe(2);
    expect([vr.table.packets(index!), vr.heldPackets(index!)]).toEqual([5, 3]);
    s.advance(500);
    // Released through the new action: the entry still says 5 packets (the replies ride the reverse).
    expect(vr.table.action(index!)).not.toBe(ACTION_HOLD);
    expect(vr.table.packets(index!)).toBe(5);
  });

  it('the hold limit compares with ">": limit 1 lets two flows hold, the third is "Flow Unusable"', () => {
    const s = sim(cluster, { agent: { ...DEFAULT_SETTINGS.agent, holdLimit: 1, latencyUs: 100_000 } });
    const stack = s.wiring.stackOf(ref('lab/client'));
    for (let k = 0; k < 3; k++) opened(stack.openUdp({})).send(server, 53, new Uint8Array([k]));
    s.advance(1);
    const vr = s.wiring.vrouter('cent333');
    expect(vr.heldEntries).toBe(2);
    expect(vr.drops['Flow Unusable']).toBe(1);
  });
});
