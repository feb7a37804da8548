/**
 * Behaviours implementations disagree on, as cluster settings: enforcement flow / packet /
 * none, and what a policy change does to established connections (reevaluate / keep).
 */
import { describe, expect, it } from 'vitest';
import { ACTION_DROP, ACTION_FORWARD, DROP_FW_POLICY } from '../../src/dataplane/flow-codes.js';
import { clusterFromYaml, ref, sim, withYaml } from '../support/lab.js';

const LAB = `
apiVersion: v1
kind: Namespace
metadata: {name: lab}
---
apiVersion: v1
kind: Pod
metadata: {name: server, namespace: lab, labels: {app: server}}
spec: {nodeName: cent222, containers: [{name: web, image: web, ports: [{containerPort: 80}]}]}
status: {podIP: 10.47.255.200}
---
apiVersion: v1
kind: Pod
metadata: {name: client, namespace: lab, labels: {app: client}}
spec: {nodeName: cent333, containers: [{name: c, image: c}]}
status: {podIP: 10.47.255.100}
`;

/** The chapter 3 example: ingress allowed from the client on TCP 80, egress isolated with no rule. */
const SERVER_INGRESS_ONLY = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: server-ingress, namespace: lab}
spec:
  podSelector: {matchLabels: {app: server}}
  policyTypes: [Ingress, Egress]
  ingress:
  - from: [{podSelector: {matchLabels: {app: client}}}]
    ports: [{protocol: TCP, port: 80}]
`;

const DENY_ALL_INGRESS = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all, namespace: lab}
spec:
  podSelector: {matchLabels: {app: server}}
  policyTypes: [Ingress]
`;

describe('enforcement modes', () => {
  const cluster = withYaml(clusterFromYaml(LAB), SERVER_INGRESS_ONLY);
  it.each([
    ['flow', 'success'],
    ['packet', 'timeout'],
    ['none', 'success'],
  ] as const)('ingress-allowed, egress-isolated server under %s enforcement: curl %s', (enforcement, outcome) => {
    const s = sim(cluster, { enforcement });
    expect(s.curl(ref('lab/client'), 'http://10.47.255.200', { maxTimeSeconds: 5 }).outcome).toBe(outcome);
  });

  it('packet-based: the SYN passes, the SYN-ACK is dropped at the server node by its own policy verdict', () => {
    const s = sim(cluster, { enforcement: 'packet' });
    s.curl(ref('lab/client'), 'http://10.47.255.200', { maxTimeSeconds: 5 });
    const t = s.flowTable('cent222');
    const [a, b] = [...t.activeIndexes()];
    const actions = [t.action(a!), t.action(b!)].sort();
    expect(actions).toEqual([ACTION_DROP, ACTION_FORWARD].sort());
    const dropped = t.action(a!) === ACTION_DROP ? a! : b!;
    expect(t.dropReason(dropped)).toBe(DROP_FW_POLICY);
    expect(t.packets(dropped)).toBeGreaterThanOrEqual(2); // the SYN-ACK and its retransmission
  });

  it('none: policies load but nothing is enforced', () => {
    const s = sim(withYaml(clusterFromYaml(LAB), DENY_ALL_INGRESS), { enforcement: 'none' });
    expect(s.curl(ref('lab/client'), 'http://10.47.255.200', { maxTimeSeconds: 5 }).outcome).toBe('success');
    const flow = sim(withYaml(clusterFromYaml(LAB), DENY_ALL_INGRESS), { enforcement: 'flow' });
    expect(flow.curl(ref('lab/client'), 'http://10.47.255.200', { maxTimeSeconds: 5 }).outcome).toBe('timeout');
  });
});

describe('policy change on an established keep-alive connection', () => {
  function run(policyChange: 'reevaluate' | 'keep'): { before: number; after: number; newConnection: string } {
    const base = clusterFromYaml(LAB);
    const s = sim(base, { policyChange });
    s.startPoller('p', ref('lab/client'), 'http://10.47.255.200', { intervalMs: 1000, keepAlive: true });
    s.advance(5000);
    s.updateCluster(withYaml(base, DENY_ALL_INGRESS));
    const t0 = s.nowMs();
    s.advance(5000);
    const ticks = s.pollerTicks('p');
    const before = ticks.filter((t) => t.sentAtMs < t0 && t.respondedAtMs !== null).length;
    const after = ticks.filter((t) => t.sentAtMs > t0 + 500 && t.respondedAtMs !== null).length;
    s.stopPoller('p');
    const newConnection = s.curl(ref('lab/client'), 'http://10.47.255.200', { maxTimeSeconds: 5 }).outcome;
    return { before, after, newConnection };
  }

  it('reevaluate (Contrail): the established connection is cut, new ones are refused', () => {
    const r = run('reevaluate');
    expect(r.before).toBeGreaterThanOrEqual(4);
    expect(r.after).toBe(0);
    expect(r.newConnection).toBe('timeout');
  });

  it('keep (conntrack plugins): the established connection keeps working, new ones are refused', () => {
    const r = run('keep');
    expect(r.before).toBeGreaterThanOrEqual(4);
    expect(r.after).toBeGreaterThanOrEqual(4);
    expect(r.newConnection).toBe('timeout');
  });

  it('reevaluate turns the installed F entries into D(FwPolicy) in place', () => {
    const base = clusterFromYaml(LAB);
    const s = sim(base, { policyChange: 'reevaluate' });
    s.startPoller('p', ref('lab/client'), 'http://10.47.255.200', { intervalMs: 1000, keepAlive: true });
    s.advance(2500);
    const t = s.flowTable('cent333');
    const indexes = [...t.activeIndexes()];
    expect(indexes.map((i) => t.action(i))).toEqual([ACTION_FORWARD, ACTION_FORWARD]);
    s.updateCluster(withYaml(base, DENY_ALL_INGRESS));
    const forward = indexes.find((i) => t.dropReason(i) === DROP_FW_POLICY);
    expect(forward).toBeDefined();
    expect(indexes.map((i) => t.action(i))).toEqual([ACTION_DROP, ACTION_DROP]);
  });
});
