/**
 * fast-check generators for ClusterNetworkPolicies on top of the NetworkPolicy clusters of
 * `arbitraries.ts`: both tiers, colliding priorities, namespace/pod subjects, every peer kind
 * (namespaces, pods, nodes, networks, domainNames, and peers with no known field), numeric,
 * ranged and named ports; a labelled node and sometimes a host-network pod.
 */
import fc from 'fast-check';
import type { ClusterNetworkPolicy, CnpPeer, CnpPort, CnpRule, CnpSubject } from '../../src/model/cluster-network-policy.js';
import type { Cluster, Endpoint, LabelSelector } from '../../src/model/types.js';
import type { Connection } from '../../src/policy/types.js';
import { clusterArb, connectionArb } from './arbitraries.js';
import { src } from './builders.js';

const VALUES = ['x', 'y', 'z'];

function selectorArb(keys: readonly string[]): fc.Arbitrary<LabelSelector> {
  return fc.record({
    matchLabels: fc.dictionary(fc.constantFrom(...keys), fc.constantFrom(...VALUES), { maxKeys: 1 }),
    matchExpressions: fc.array(
      fc.record({ key: fc.constantFrom(...keys), operator: fc.constantFrom('In', 'NotIn', 'Exists' as const), values: fc.constantFrom(['x'], ['y', 'z']) })
        .map((r) => (r.operator === 'Exists' ? { ...r, values: [] } : r)),
      { maxLength: 1 },
    ),
  });
}

const nsSel = selectorArb(['team', 'env']);
const podSel = selectorArb(['app', 'tier']);

const subjectArb: fc.Arbitrary<CnpSubject> = fc.oneof(
  nsSel.map((namespaceSelector): CnpSubject => ({ kind: 'namespaces', namespaceSelector })),
  fc.record({ namespaceSelector: nsSel, podSelector: podSel }).map((s): CnpSubject => ({ kind: 'pods', ...s })),
);

function peerArb(direction: 'ingress' | 'egress'): fc.Arbitrary<CnpPeer> {
  const common: fc.Arbitrary<CnpPeer>[] = [
    nsSel.map((namespaceSelector): CnpPeer => ({ kind: 'namespaces', namespaceSelector, source: src })),
    fc.record({ namespaceSelector: nsSel, podSelector: podSel }).map((p): CnpPeer => ({ kind: 'pods', ...p, source: src })),
  ];
  if (direction === 'egress') {
    common.push(
      selectorArb(['role']).map((nodeSelector): CnpPeer => ({ kind: 'nodes', nodeSelector, source: src })),
      fc.uniqueArray(fc.constantFrom('10.0.0.0/8', '10.1.2.0/24', '0.0.0.0/0', 'fd00::/8', '192.168.0.0/24', '8.8.8.8/32'), { minLength: 1, maxLength: 2 })
        .map((cidrs): CnpPeer => ({ kind: 'networks', cidrs, source: src })),
      fc.constant<CnpPeer>({ kind: 'domainNames', domainNames: ['kubernetes.io'], source: src }),
    );
  }
  return fc.oneof({ weight: 12, arbitrary: fc.oneof(...common) }, { weight: 1, arbitrary: fc.constant<CnpPeer>({ kind: 'unknown', fields: ['services'], source: src }) });
}

const portArb: fc.Arbitrary<CnpPort> = fc.oneof(
  fc.record({ protocol: fc.constantFrom('TCP', 'UDP', 'SCTP' as const), low: fc.constantFrom(53, 80, 8080) }).map((p): CnpPort => ({ kind: 'port', ...p, high: p.low, source: src })),
  fc.record({ protocol: fc.constantFrom('TCP', 'UDP' as const), low: fc.constantFrom(50, 80), high: fc.constantFrom(81, 9000) }).map((p): CnpPort => ({ kind: 'port', ...p, source: src })),
  fc.constantFrom('http', 'dns', 'metrics').map((name): CnpPort => ({ kind: 'named', name, source: src })),
);

function ruleArb(direction: 'ingress' | 'egress', tier: 'Admin' | 'Baseline'): fc.Arbitrary<CnpRule> {
  return fc
    .record({
      action: tier === 'Admin' ? fc.constantFrom('Accept', 'Deny', 'Pass' as const) : fc.constantFrom('Accept', 'Deny', 'Deny', 'Pass' as const),
      peers: fc.array(peerArb(direction), { minLength: 1, maxLength: 3 }),
      ports: fc.array(portArb, { maxLength: 2 }),
      name: fc.constantFrom('', 'guard'),
    })
    .map((r) => ({ ...r, source: src }));
}

function cnpArb(index: number): fc.Arbitrary<ClusterNetworkPolicy> {
  return fc.constantFrom('Admin', 'Baseline' as const).chain((tier) =>
    fc.record({
      priority: fc.constantFrom(1, 5, 5, 10),
      subject: subjectArb,
      ingress: fc.array(ruleArb('ingress', tier), { maxLength: 3 }),
      egress: fc.array(ruleArb('egress', tier), { maxLength: 3 }),
      origin: fc.constantFrom('ClusterNetworkPolicy', 'ClusterNetworkPolicy', 'AdminNetworkPolicy' as const),
    }).map((p): ClusterNetworkPolicy => ({ ...p, origin: tier === 'Baseline' && p.origin === 'AdminNetworkPolicy' ? 'BaselineAdminNetworkPolicy' : p.origin, tier, name: `c${index}`, source: src })),
  );
}

export function tieredClusterArb(): fc.Arbitrary<Cluster> {
  return fc
    .record({
      base: clusterArb({ contrailSafe: false }),
      nodeRole: fc.option(fc.constantFrom(...VALUES), { nil: undefined }),
      hostNetworkPod: fc.option(fc.nat(5), { nil: undefined }),
      policies: fc.integer({ min: 0, max: 4 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => cnpArb(i)))),
    })
    .map(({ base, nodeRole, hostNetworkPod, policies }) => ({
      ...base,
      nodes: base.nodes.map((n) => (nodeRole === undefined ? n : { ...n, labels: { role: nodeRole } })),
      pods: base.pods.map((p, i) => (i === hostNetworkPod ? { ...p, hostNetwork: true, ips: base.nodes[0]!.internalIPs } : p)),
      clusterPolicies: policies,
    }));
}

/** A host-network pod's address is its node's host, as the inventory resolves it (`endpointForIp`). */
function asSeenOnTheWire(cluster: Cluster, e: Endpoint): Endpoint {
  return e.kind === 'pod' && e.pod.hostNetwork ? { kind: 'host', node: cluster.nodes[0]!, ip: e.ip } : e;
}

export function tieredScenarioArb(): fc.Arbitrary<{ cluster: Cluster; connections: Connection[] }> {
  return tieredClusterArb().chain((cluster) =>
    fc.record({
      cluster: fc.constant(cluster),
      connections: fc.array(connectionArb(cluster).map((c) => ({ ...c, src: asSeenOnTheWire(cluster, c.src), dst: asSeenOnTheWire(cluster, c.dst) })), { minLength: 1, maxLength: 20 }),
    }));
}
