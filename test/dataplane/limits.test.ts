/**
 * Flow table limits and life cycle through the whole dataplane: a full table refuses new
 * flows, the hold limit and the 3-packet hold queue drop and count, dead TCP flows are evicted
 * and their slots reused, idle flows age out, and where flows are created for same-node,
 * cross-node and host traffic.
 */
import { describe, expect, it } from 'vitest';
import { FLAG_EVICTED } from '../../src/dataplane/flow-codes.js';
import { FlowKey } from '../../src/dataplane/flow-key.js';
import { ipAddr } from '../../src/packet/address.js';
import type { DataplaneEvent } from '../../src/dataplane/trace-events.js';
import { DEFAULT_SETTINGS } from '../../src/sim/cluster/types.js';
import { clusterFromYaml, ref, sim } from '../support/lab.js';
import { opened } from '../support/sockets.js';

const LAB = `
apiVersion: v1
kind: Pod
metadata: {name: server, namespace: lab, labels: {app: server}}
spec: {nodeName: cent222, containers: [{name: web, image: web, ports: [{containerPort: 80}, {containerPort: 53, protocol: UDP}]}]}
status: {podIP: 10.47.255.200}
---
apiVersion: v1
kind: Pod
metadata: {name: neighbour, namespace: lab, labels: {app: neighbour}}
spec: {nodeName: cent222, containers: [{name: c, image: c}]}
status: {podIP: 10.47.255.150}
---
apiVersion: v1
kind: Pod
metadata: {name: client, namespace: lab, labels: {app: client}}
spec: {nodeName: cent333, containers: [{name: c, image: c}]}
status: {podIP: 10.47.255.100}
`;
const cluster = clusterFromYaml(LAB);
const server = ipAddr('10.47.255.200');

describe('flow table limits', () => {
  it('a full table refuses the first packet of a new flow and counts "Flow Table Full"', () => {
    const s = sim(cluster, { flowTable: { entries: 4, overflowEntries: 0 } });
    expect(s.udp(ref('lab/client'), ref('lab/server'), 53, {}).outcome).toBe('success');
    expect(s.udp(ref('lab/client'), ref('lab/server'), 53, {}).outcome).toBe('success');
    const third = s.udp(ref('lab/client'), ref('lab/server'), 53, {});
    expect(third.outcome).toBe('timeout');
    const cent333 = s.wiring.vrouter('cent333');
    expect(cent333.drops['Flow Table Full']).toBeGreaterThanOrEqual(1);
    expect([...cent333.table.activeIndexes()]).toHaveLength(4);
  });

  it('beyond the hold limit new flows are dropped as "Flow Unusable"', () => {
    const s = sim(cluster, { agent: { ...DEFAULT_SETTINGS.agent, holdLimit: 1, latencyUs: 100_000 } });
    const stack = s.wiring.stackOf(ref('lab/client'));
    // vr_flow_allow_new_flow refuses when the holds are greater than the limit: 2 hold, the 3rd is refused.
    for (let k = 0; k < 3; k++) opened(stack.openUdp({})).send(server, 53, new Uint8Array([k]));
    s.advance(1);
    const vr = s.wiring.vrouter('cent333');
    expect(vr.drops['Flow Unusable']).toBe(1);
    expect(vr.heldEntries).toBe(2);
  });

  it('a HOLD entry queues at most 3 packets; the 4th SYN is dropped, then the 3 are released', () => {
    const s = sim(cluster, { agent: { ...DEFAULT_SETTINGS.agent, latencyUs: 10_000_000 } });
    const r = s.curl(ref('lab/client'), 'http://10.47.255.200', { maxTimeSeconds: 30 });
    expect(r.outcome).toBe('success');
    expect(s.wiring.vrouter('cent333').drops['Flow Queue Limit Exceeded']).toBe(1); // SYNs at 0, 1, 3, 7 s
  });

  it('a closed TCP connection becomes dead, is evicted, and its slot is reused with a new generation', () => {
    const s = sim(cluster);
    expect(s.curl(ref('lab/client'), 'http://10.47.255.200', {}).outcome).toBe('success');
    s.advance(10);
    const t = s.flowTable('cent333');
    expect([...t.activeIndexes()]).toEqual([]);
    const key = new FlowKey();
    let evicted = -1;
    for (let i = 0; i < t.capacity && evicted < 0; i++) if ((t.flags(i) & FLAG_EVICTED) !== 0) evicted = i;
    expect(evicted).toBeGreaterThanOrEqual(0);
    t.readKey(evicted, key);
    const gen = t.genId(evicted);
    expect(t.allocate(key, s.nowMs())).toBe(evicted);
    expect(t.genId(evicted)).toBe((gen + 1) & 0xff);
  });

  it('idle flows age out after 180 s of virtual time (both entries)', () => {
    const s = sim(cluster);
    expect(s.udp(ref('lab/client'), ref('lab/server'), 53, {}).outcome).toBe('success');
    const t = s.flowTable('cent333');
    expect([...t.activeIndexes()]).toHaveLength(2);
    s.advance(178_000);
    expect([...t.activeIndexes()]).toHaveLength(2);
    s.advance(3_000);
    expect([...t.activeIndexes()]).toHaveLength(0);
    expect(t.counters.deleted).toBe(2);
  });

  it('aging is configurable', () => {
    const s = sim(cluster, { agingSeconds: 5 });
    s.udp(ref('lab/client'), ref('lab/server'), 53, {});
    s.advance(6_000);
    expect([...s.flowTable('cent333').activeIndexes()]).toHaveLength(0);
  });
});

describe('where flows are created', () => {
  it('same-node traffic: one pair on that node, keyed by each pod vif next hop; nothing on the other node', () => {
    const s = sim(cluster);
    expect(s.udp(ref('lab/neighbour'), ref('lab/server'), 53, {}).outcome).toBe('success');
    const t = s.flowTable('cent222');
    const indexes = [...t.activeIndexes()];
    expect(indexes).toHaveLength(2);
    const nhs = indexes.map((i) => t.keyNh(i)).sort();
    const vr = s.wiring.vrouter('cent222');
    const podNhs = vr.vifs().filter((v) => v.kind === 'pod').map((v) => v.nextHop).sort();
    expect(nhs).toEqual(podNhs);
    expect([...s.flowTable('cent333').activeIndexes()]).toEqual([]);
    expect(s.wiring.fabric.tunnelPackets).toBe(0);
  });

  it('cross-node traffic: a pair on each node, tunnelled over the fabric', () => {
    const s = sim(cluster);
    expect(s.udp(ref('lab/client'), ref('lab/server'), 53, {}).outcome).toBe('success');
    expect([...s.flowTable('cent333').activeIndexes()]).toHaveLength(2);
    expect([...s.flowTable('cent222').activeIndexes()]).toHaveLength(2);
    expect(s.wiring.fabric.tunnelPackets).toBe(2);
  });

  it('host traffic: the node host sends through vhost0 and the flow is set up on its own vRouter', () => {
    const s = sim(cluster);
    expect(s.curl(ref('node/cent333'), 'http://10.47.255.200', { maxTimeSeconds: 5 }).outcome).toBe('success');
    expect(s.curl(ref('lab/server'), 'http://10.169.25.21', { maxTimeSeconds: 5 }).outcome).toBe('refused');
  });

  it('traces the first packet through miss, hold, trap, agent decision, install, tunnel and delivery', () => {
    const s = sim(cluster);
    const events: DataplaneEvent[] = [];
    s.setTraceListener((e) => events.push(e));
    s.udp(ref('lab/client'), ref('lab/server'), 53, {});
    const firstAtSource = events.filter((e) => e.node === 'cent333').slice(0, 7).map((e) => e.kind);
    expect(firstAtSource).toEqual(['vif-rx', 'flow-miss', 'hold', 'trap', 'agent-decision', 'flow-install', 'tunnel-tx']);
    const firstAtDestination = events.filter((e) => e.node === 'cent222').slice(0, 7).map((e) => e.kind);
    expect(firstAtDestination).toEqual(['fabric-rx', 'flow-miss', 'hold', 'trap', 'agent-decision', 'flow-install', 'deliver']);
    const reply = events.filter((e) => e.node === 'cent222' && e.kind === 'flow-hit');
    expect(reply[0]).toMatchObject({ direction: 'reverse', action: 'F' });
  });
});
