/**
 * Table-driven tests for every rule of the NetworkPolicy spec the engine implements:
 * selectors, policyTypes, empty lists, peers (AND/OR, ipBlock v4/v6 with except),
 * ports (numeric, named, endPort, protocols, ICMP), union, both-sides, hosts, self.
 */
import { describe, expect, it } from 'vitest';
import type { Endpoint, NetworkPolicy } from '../../src/model/types.js';
import { compilePolicies } from '../../src/policy/compile.js';
import { allows, allowsBetween, decide, protocolCode } from '../../src/policy/evaluate.js';
import { endpointPodIndex, ipWordsOf } from '../../src/policy/endpoint-index.js';
import type { Protocol } from '../../src/policy/types.js';
import { cluster, conn, externalEp, hostEp, ipBlock, namespace, node, pod, podEp, podsPeer, policy, port, rule, sel } from './builders.js';

const namespaces = [namespace('a', { team: 'a', env: 'prod' }), namespace('b', { team: 'b' })];
const nodes = [node('n1', '192.168.0.1')];
const pods = [
  pod('a', 'x', { labels: { app: 'x', tier: 'front' }, ip: '10.0.0.1', ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] }),
  pod('a', 'y', { labels: { app: 'y' }, ip: '10.0.0.2', ports: [{ name: 'http', containerPort: 9090, protocol: 'TCP' }, { name: 'dns', containerPort: 53, protocol: 'UDP' }] }),
  pod('b', 'x', { labels: { app: 'x' }, ip: '10.0.1.1' }),
  pod('b', 'z', { labels: { app: 'z', tier: 'back' }, ips: ['10.0.1.2', 'fd00::12'] }),
];
const ep = (name: string): Endpoint => {
  const [ns, n] = name.split('/');
  return podEp(pods.find((p) => p.namespace === ns && p.name === n)!);
};
const host = hostEp(nodes[0]!);
const ext = (ip: string): Endpoint => externalEp(ip);
const z6: Endpoint = { kind: 'pod', pod: pods[3]!, ip: 'fd00::12' };

type Case = {
  name: string;
  policies: NetworkPolicy[];
  from: Endpoint;
  to: Endpoint;
  protocol?: Protocol;
  port?: number;
  allowed: boolean;
};

function verdict(c: Case): boolean {
  const compiled = compilePolicies(cluster({ namespaces, nodes, pods, policies: c.policies }));
  const connection = conn(c.from, c.to, c.protocol ?? 'TCP', c.port ?? 80);
  const decided = decide(compiled, connection).allowed;
  expect(allows(compiled, connection)).toBe(decided);
  const fast = allowsBetween(
    compiled,
    endpointPodIndex(compiled, c.from),
    ipWordsOf(compiled, c.from.ip),
    endpointPodIndex(compiled, c.to),
    ipWordsOf(compiled, c.to.ip),
    protocolCode(connection.protocol),
    connection.port,
  );
  expect(fast).toBe(decided);
  return decided;
}

const denyIngressTo = (selector = sel({ app: 'x' })): NetworkPolicy => policy('a', 'deny', { podSelector: selector, policyTypes: ['Ingress'] });
const ingressFrom = (peers: Parameters<typeof rule>[0], ports: Parameters<typeof rule>[1] = [], ns = 'a', target = sel({ app: 'x' })): NetworkPolicy =>
  policy(ns, 'allow', { podSelector: target, policyTypes: ['Ingress'], ingress: [rule(peers, ports)] });
const egressTo = (peers: Parameters<typeof rule>[0], ports: Parameters<typeof rule>[1] = [], target = sel({ app: 'y' })): NetworkPolicy =>
  policy('a', 'egress', { podSelector: target, policyTypes: ['Egress'], egress: [rule(peers, ports)] });

const cases: Case[] = [
  // --- target selection ---
  { name: 'no policy: implicit allow-all', policies: [], from: ep('b/z'), to: ep('a/x'), allowed: true },
  { name: 'matchLabels selects the target', policies: [denyIngressTo()], from: ep('a/y'), to: ep('a/x'), allowed: false },
  { name: 'matchLabels does not select other pods', policies: [denyIngressTo()], from: ep('a/x'), to: ep('a/y'), allowed: true },
  { name: 'policy never selects pods of other namespaces', policies: [denyIngressTo()], from: ep('a/y'), to: ep('b/x'), allowed: true },
  { name: 'empty podSelector selects every pod of the namespace', policies: [denyIngressTo(sel())], from: ep('a/x'), to: ep('a/y'), allowed: false },
  { name: 'empty podSelector does not reach into other namespaces', policies: [denyIngressTo(sel())], from: ep('a/x'), to: ep('b/z'), allowed: true },
  { name: 'matchExpressions In selects', policies: [denyIngressTo(sel({}, [{ key: 'app', operator: 'In', values: ['x', 'q'] }]))], from: ep('a/y'), to: ep('a/x'), allowed: false },
  { name: 'matchExpressions In skips others', policies: [denyIngressTo(sel({}, [{ key: 'app', operator: 'In', values: ['q'] }]))], from: ep('a/y'), to: ep('a/x'), allowed: true },
  { name: 'matchExpressions NotIn selects pods with other values', policies: [denyIngressTo(sel({}, [{ key: 'app', operator: 'NotIn', values: ['y'] }]))], from: ep('a/y'), to: ep('a/x'), allowed: false },
  { name: 'matchExpressions NotIn skips listed values', policies: [denyIngressTo(sel({}, [{ key: 'app', operator: 'NotIn', values: ['x'] }]))], from: ep('a/y'), to: ep('a/x'), allowed: true },
  { name: 'matchExpressions NotIn selects pods without the key', policies: [denyIngressTo(sel({}, [{ key: 'tier', operator: 'NotIn', values: ['front'] }]))], from: ep('a/x'), to: ep('a/y'), allowed: false },
  { name: 'matchExpressions Exists', policies: [denyIngressTo(sel({}, [{ key: 'tier', operator: 'Exists', values: [] }]))], from: ep('a/y'), to: ep('a/x'), allowed: false },
  { name: 'matchExpressions Exists skips pods without the key', policies: [denyIngressTo(sel({}, [{ key: 'tier', operator: 'Exists', values: [] }]))], from: ep('a/x'), to: ep('a/y'), allowed: true },
  { name: 'matchExpressions DoesNotExist', policies: [denyIngressTo(sel({}, [{ key: 'tier', operator: 'DoesNotExist', values: [] }]))], from: ep('a/x'), to: ep('a/y'), allowed: false },
  { name: 'matchExpressions DoesNotExist skips pods with the key', policies: [denyIngressTo(sel({}, [{ key: 'tier', operator: 'DoesNotExist', values: [] }]))], from: ep('a/y'), to: ep('a/x'), allowed: true },
  { name: 'matchLabels AND matchExpressions', policies: [denyIngressTo(sel({ app: 'x' }, [{ key: 'tier', operator: 'In', values: ['back'] }]))], from: ep('a/y'), to: ep('a/x'), allowed: true },

  // --- policyTypes ---
  {
    name: 'policyTypes [Ingress] ignores egress rules (book policy2 pitfall)',
    policies: [policy('a', 'p', { podSelector: sel({ app: 'y' }), policyTypes: ['Ingress'], egress: [rule([ipBlock('1.1.1.1/32')])] })],
    from: ep('a/y'),
    to: ep('b/z'),
    allowed: true,
  },
  { name: 'policyTypes [Egress] with no rules denies all egress', policies: [policy('a', 'p', { podSelector: sel({ app: 'y' }), policyTypes: ['Egress'] })], from: ep('a/y'), to: ep('b/z'), allowed: false },
  { name: 'policyTypes [Egress] leaves ingress open', policies: [policy('a', 'p', { podSelector: sel({ app: 'y' }), policyTypes: ['Egress'] })], from: ep('b/z'), to: ep('a/y'), allowed: true },
  { name: 'policyTypes [] isolates nothing', policies: [policy('a', 'p', { podSelector: sel(), policyTypes: [] })], from: ep('b/z'), to: ep('a/y'), allowed: true },

  // --- empty lists ---
  { name: 'isolated ingress with empty rule list denies everything', policies: [denyIngressTo()], from: host, to: ep('a/x'), allowed: false },
  { name: 'rule with no peers allows every peer (pods)', policies: [ingressFrom([], [port('TCP', 80)])], from: ep('b/z'), to: ep('a/x'), allowed: true },
  { name: 'rule with no peers allows every peer (hosts)', policies: [ingressFrom([], [port('TCP', 80)])], from: host, to: ep('a/x'), allowed: true },
  { name: 'rule with no peers allows every peer (external)', policies: [ingressFrom([], [port('TCP', 80)])], from: ext('8.8.8.8'), to: ep('a/x'), allowed: true },
  { name: 'rule with no ports allows every port', policies: [ingressFrom([podsPeer(sel({ app: 'y' }))])], from: ep('a/y'), to: ep('a/x'), port: 31337, allowed: true },
  { name: 'rule with no ports allows UDP', policies: [ingressFrom([podsPeer(sel({ app: 'y' }))])], from: ep('a/y'), to: ep('a/x'), protocol: 'UDP', port: 53, allowed: true },
  { name: 'rule with no ports allows ICMP', policies: [ingressFrom([podsPeer(sel({ app: 'y' }))])], from: ep('a/y'), to: ep('a/x'), protocol: 'ICMP', allowed: true },
  { name: 'rule with ports never matches ICMP', policies: [ingressFrom([podsPeer(sel({ app: 'y' }))], [port('TCP'), port('UDP'), port('SCTP')])], from: ep('a/y'), to: ep('a/x'), protocol: 'ICMP', allowed: false },

  // --- peers ---
  { name: 'podSelector peer matches in the policy namespace', policies: [ingressFrom([podsPeer(sel({ app: 'y' }))])], from: ep('a/y'), to: ep('a/x'), allowed: true },
  { name: 'podSelector peer alone never matches other namespaces', policies: [ingressFrom([podsPeer(sel({ app: 'z' }))])], from: ep('b/z'), to: ep('a/x'), allowed: false },
  { name: 'empty podSelector peer = every pod of the policy namespace', policies: [ingressFrom([podsPeer(sel())])], from: ep('a/y'), to: ep('a/x'), allowed: true },
  { name: 'empty podSelector peer excludes other namespaces', policies: [ingressFrom([podsPeer(sel())])], from: ep('b/x'), to: ep('a/x'), allowed: false },
  { name: 'namespaceSelector alone matches all pods of those namespaces', policies: [ingressFrom([podsPeer(undefined, sel({ team: 'b' }))])], from: ep('b/z'), to: ep('a/x'), allowed: true },
  { name: 'namespaceSelector alone excludes other namespaces', policies: [ingressFrom([podsPeer(undefined, sel({ team: 'b' }))])], from: ep('a/y'), to: ep('a/x'), allowed: false },
  { name: 'namespaceSelector {} = every namespace', policies: [ingressFrom([podsPeer(undefined, sel())])], from: ep('b/z'), to: ep('a/x'), allowed: true },
  { name: 'namespaceSelector {} does not match hosts', policies: [ingressFrom([podsPeer(undefined, sel())])], from: host, to: ep('a/x'), allowed: false },
  { name: 'namespaceSelector matchExpressions', policies: [ingressFrom([podsPeer(undefined, sel({}, [{ key: 'env', operator: 'DoesNotExist', values: [] }]))])], from: ep('b/z'), to: ep('a/x'), allowed: true },
  { name: 'namespaceSelector on kubernetes.io/metadata.name', policies: [ingressFrom([podsPeer(undefined, sel({ 'kubernetes.io/metadata.name': 'b' }))])], from: ep('b/x'), to: ep('a/x'), allowed: true },
  { name: 'both selectors in one peer = AND (match)', policies: [ingressFrom([podsPeer(sel({ app: 'z' }), sel({ team: 'b' }))])], from: ep('b/z'), to: ep('a/x'), allowed: true },
  { name: 'both selectors in one peer = AND (pod label misses)', policies: [ingressFrom([podsPeer(sel({ app: 'z' }), sel({ team: 'b' }))])], from: ep('b/x'), to: ep('a/x'), allowed: false },
  { name: 'both selectors in one peer = AND (namespace misses)', policies: [ingressFrom([podsPeer(sel({ app: 'y' }), sel({ team: 'b' }))])], from: ep('a/y'), to: ep('a/x'), allowed: false },
  { name: 'selectors as separate peers = OR (namespace side)', policies: [ingressFrom([podsPeer(sel({ app: 'q' })), podsPeer(undefined, sel({ team: 'b' }))])], from: ep('b/x'), to: ep('a/x'), allowed: true },
  { name: 'selectors as separate peers = OR (pod side)', policies: [ingressFrom([podsPeer(sel({ app: 'y' })), podsPeer(undefined, sel({ team: 'q' }))])], from: ep('a/y'), to: ep('a/x'), allowed: true },
  { name: 'pod selectors never match hosts', policies: [ingressFrom([podsPeer(sel()), podsPeer(undefined, sel())])], from: host, to: ep('a/x'), allowed: false },
  { name: 'ipBlock matches a host', policies: [ingressFrom([ipBlock('192.168.0.0/24')])], from: host, to: ep('a/x'), allowed: true },
  { name: 'ipBlock matches an external address', policies: [ingressFrom([ipBlock('8.8.0.0/16')])], from: ext('8.8.8.8'), to: ep('a/x'), allowed: true },
  { name: 'ipBlock misses outside the CIDR', policies: [ingressFrom([ipBlock('8.8.0.0/16')])], from: ext('8.9.8.8'), to: ep('a/x'), allowed: false },
  { name: 'ipBlock matches pod IPs too', policies: [ingressFrom([ipBlock('10.0.1.0/24')])], from: ep('b/z'), to: ep('a/x'), allowed: true },
  { name: 'ipBlock except carves a hole', policies: [ingressFrom([ipBlock('10.0.0.0/8', ['10.0.1.0/24'])])], from: ep('b/z'), to: ep('a/x'), allowed: false },
  { name: 'ipBlock except leaves the rest', policies: [ingressFrom([ipBlock('10.0.0.0/8', ['10.0.1.0/24'])])], from: ep('a/y'), to: ep('a/x'), allowed: true },
  { name: 'ipBlock 0.0.0.0/0 matches every IPv4 address', policies: [ingressFrom([ipBlock('0.0.0.0/0')])], from: ext('203.0.113.9'), to: ep('a/x'), allowed: true },
  { name: 'ipBlock IPv6', policies: [ingressFrom([ipBlock('fd00::/64')])], from: z6, to: ep('a/x'), allowed: true },
  { name: 'ipBlock IPv6 except', policies: [ingressFrom([ipBlock('fd00::/64', ['fd00::12/128'])])], from: z6, to: ep('a/x'), allowed: false },
  { name: 'ipBlock IPv6 /0 does not match IPv4', policies: [ingressFrom([ipBlock('::/0')])], from: ext('8.8.8.8'), to: ep('a/x'), allowed: false },
  { name: 'ipBlock IPv4 /0 does not match IPv6', policies: [ingressFrom([ipBlock('0.0.0.0/0')])], from: ext('2001:db8::1'), to: ep('a/x'), allowed: false },
  { name: 'ipBlock with a long IPv6 prefix', policies: [ingressFrom([ipBlock('2001:db8:0:0:8000::/65')])], from: ext('2001:db8::8000:0:0:1'), to: ep('a/x'), allowed: true },
  { name: 'ipBlock with a long IPv6 prefix misses the other half', policies: [ingressFrom([ipBlock('2001:db8:0:0:8000::/65')])], from: ext('2001:db8::1'), to: ep('a/x'), allowed: false },
  { name: 'egress ipBlock to external', policies: [egressTo([ipBlock('8.8.8.8/32')])], from: ep('a/y'), to: ext('8.8.8.8'), allowed: true },
  { name: 'egress ipBlock to another external', policies: [egressTo([ipBlock('8.8.8.8/32')])], from: ep('a/y'), to: ext('8.8.4.4'), allowed: false },

  // --- ports ---
  { name: 'numeric port matches', policies: [ingressFrom([], [port('TCP', 80)])], from: ep('a/y'), to: ep('a/x'), port: 80, allowed: true },
  { name: 'numeric port misses other ports', policies: [ingressFrom([], [port('TCP', 80)])], from: ep('a/y'), to: ep('a/x'), port: 81, allowed: false },
  { name: 'protocol must match (UDP rule, TCP traffic)', policies: [ingressFrom([], [port('UDP', 80)])], from: ep('a/y'), to: ep('a/x'), port: 80, allowed: false },
  { name: 'UDP rule matches UDP', policies: [ingressFrom([], [port('UDP', 53)])], from: ep('a/y'), to: ep('a/x'), protocol: 'UDP', port: 53, allowed: true },
  { name: 'SCTP rule matches SCTP', policies: [ingressFrom([], [port('SCTP', 7777)])], from: ep('a/y'), to: ep('a/x'), protocol: 'SCTP', port: 7777, allowed: true },
  { name: 'port absent = every port of the protocol', policies: [ingressFrom([], [port('TCP')])], from: ep('a/y'), to: ep('a/x'), port: 65535, allowed: true },
  { name: 'port absent still restricts the protocol', policies: [ingressFrom([], [port('TCP')])], from: ep('a/y'), to: ep('a/x'), protocol: 'UDP', port: 53, allowed: false },
  { name: 'endPort range includes both ends', policies: [ingressFrom([], [port('TCP', 8000, 8100)])], from: ep('a/y'), to: ep('a/x'), port: 8100, allowed: true },
  { name: 'endPort range start', policies: [ingressFrom([], [port('TCP', 8000, 8100)])], from: ep('a/y'), to: ep('a/x'), port: 8000, allowed: true },
  { name: 'endPort range excludes beyond', policies: [ingressFrom([], [port('TCP', 8000, 8100)])], from: ep('a/y'), to: ep('a/x'), port: 8101, allowed: false },
  { name: 'named port resolves on the destination (ingress)', policies: [ingressFrom([], [port('TCP', 'http')])], from: ep('a/y'), to: ep('a/x'), port: 8080, allowed: true },
  { name: 'named port: the source’s number does not count (ingress)', policies: [ingressFrom([], [port('TCP', 'http')])], from: ep('a/y'), to: ep('a/x'), port: 9090, allowed: false },
  { name: 'named port resolves on the destination (egress)', policies: [egressTo([], [port('TCP', 'http')], sel({ app: 'x' }))], from: ep('a/x'), to: ep('a/y'), port: 9090, allowed: true },
  { name: 'named port: egress never uses the source’s ports', policies: [egressTo([], [port('TCP', 'http')], sel({ app: 'x' }))], from: ep('a/x'), to: ep('a/y'), port: 8080, allowed: false },
  { name: 'named port never matches a destination without it', policies: [egressTo([], [port('TCP', 'http')], sel({ app: 'x' }))], from: ep('a/x'), to: ep('b/x'), port: 8080, allowed: false },
  { name: 'named port never matches a non-pod destination', policies: [egressTo([], [port('TCP', 'http')], sel({ app: 'x' }))], from: ep('a/x'), to: ext('8.8.8.8'), port: 8080, allowed: false },
  { name: 'named port: container port protocol must equal the rule’s (UDP name, TCP rule)', policies: [egressTo([], [port('TCP', 'dns')], sel({ app: 'x' }))], from: ep('a/x'), to: ep('a/y'), port: 53, allowed: false },
  { name: 'named port: UDP name with UDP rule', policies: [egressTo([], [port('UDP', 'dns')], sel({ app: 'x' }))], from: ep('a/x'), to: ep('a/y'), protocol: 'UDP', port: 53, allowed: true },
  { name: 'several ports: any one matches', policies: [ingressFrom([], [port('UDP', 53), port('TCP', 443), port('TCP', 80)])], from: ep('a/y'), to: ep('a/x'), port: 80, allowed: true },

  // --- union, both sides, hosts, self ---
  {
    name: 'several policies selecting a pod are a union',
    policies: [ingressFrom([podsPeer(sel({ app: 'y' }))]), policy('a', 'allow-b', { podSelector: sel({ app: 'x' }), ingress: [rule([podsPeer(undefined, sel({ team: 'b' }))])] })],
    from: ep('b/z'),
    to: ep('a/x'),
    allowed: true,
  },
  {
    name: 'a deny-all policy does not subtract from an allowing one',
    policies: [denyIngressTo(sel()), ingressFrom([podsPeer(sel({ app: 'y' }))])],
    from: ep('a/y'),
    to: ep('a/x'),
    allowed: true,
  },
  {
    name: 'egress allowed but destination ingress denies',
    policies: [egressTo([podsPeer(sel({ app: 'x' }))]), denyIngressTo()],
    from: ep('a/y'),
    to: ep('a/x'),
    allowed: false,
  },
  {
    name: 'ingress allowed but source egress denies',
    policies: [ingressFrom([podsPeer(sel({ app: 'y' }))]), policy('a', 'deny-egress', { podSelector: sel({ app: 'y' }), policyTypes: ['Egress'] })],
    from: ep('a/y'),
    to: ep('a/x'),
    allowed: false,
  },
  { name: 'hosts are never isolated (host destination)', policies: [denyIngressTo(sel())], from: ep('b/z'), to: host, allowed: true },
  { name: 'external sources are never isolated', policies: [policy('a', 'p', { podSelector: sel(), policyTypes: ['Egress'] })], from: ext('8.8.8.8'), to: ep('b/x'), allowed: true },
  { name: 'a pod can always reach itself', policies: [policy('a', 'p', { podSelector: sel(), policyTypes: ['Ingress', 'Egress'] })], from: ep('a/x'), to: ep('a/x'), allowed: true },
];

describe('NetworkPolicy semantics', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(verdict(c)).toBe(c.allowed);
  });
});

describe('decision explanations', () => {
  it('lists every allowing rule, with the first matching peer and port, isolatedBy in ns/name order', () => {
    const policies = [
      policy('a', 'zeta', { podSelector: sel({ app: 'x' }), ingress: [rule([ipBlock('172.16.0.0/12'), podsPeer(sel({ app: 'y' }))], [port('UDP', 53), port('TCP', 80)])] }),
      policy('a', 'alpha', { podSelector: sel(), ingress: [rule([]), rule([podsPeer(sel({ app: 'q' }))])] }),
    ];
    const compiled = compilePolicies(cluster({ namespaces, nodes, pods, policies }));
    expect(decide(compiled, conn(ep('a/y'), ep('a/x'), 'TCP', 80)).ingress).toEqual({
      kind: 'allowed',
      isolatedBy: ['a/alpha', 'a/zeta'],
      allowedBy: [
        { policy: 'a/alpha', direction: 'ingress', ruleIndex: 0, peerIndex: null, portIndex: null },
        { policy: 'a/zeta', direction: 'ingress', ruleIndex: 0, peerIndex: 1, portIndex: 1 },
      ],
    });
  });

  it('marks self traffic and still reports what the policies alone say', () => {
    const compiled = compilePolicies(cluster({ namespaces, nodes, pods, policies: [denyIngressTo()] }));
    expect(decide(compiled, conn(ep('a/x'), ep('a/x')))).toEqual({
      allowed: true,
      selfTraffic: true,
      egress: { kind: 'not-isolated' },
      ingress: { kind: 'denied', isolatedBy: ['a/deny'] },
    });
  });

  it('hostNetwork pods are never selected by policies', () => {
    const hn = pod('a', 'hn', { labels: { app: 'x' }, ip: '192.168.0.1', hostNetwork: true });
    const compiled = compilePolicies(cluster({ namespaces, nodes, pods: [...pods, hn], policies: [denyIngressTo()] }));
    expect(decide(compiled, conn(ep('a/y'), podEp(hn))).ingress).toEqual({ kind: 'not-isolated' });
  });

  it('rejects a pod that is not in the compiled cluster', () => {
    const compiled = compilePolicies(cluster({ namespaces, nodes, pods, policies: [] }));
    expect(() => decide(compiled, conn(podEp(pod('a', 'ghost')), ep('a/x')))).toThrow(/a\/ghost is not part of the compiled cluster/);
  });
});
