/**
 * fast-check generators for random clusters (namespaces, pods with named container ports,
 * a node host), random policies (selectors with matchExpressions, pod/namespace/ipBlock
 * peers with except, numeric/named/ranged ports) and random connections.
 * `contrailSafe` restricts generation to the class where kube-manager's translation agrees
 * with the spec (see docs/contrail-translation.md).
 */
import fc from 'fast-check';
import type {
  Cluster,
  ContainerPort,
  Endpoint,
  LabelSelector,
  LabelSelectorRequirement,
  Labels,
  NetworkPolicy,
  Pod,
  PolicyPeer,
  PolicyPort,
  PolicyRule,
  PolicyType,
} from '../../src/model/types.js';
import type { Connection, Protocol } from '../../src/policy/types.js';
import { namespace, node, src } from './builders.js';

export interface GenOptions {
  readonly contrailSafe: boolean;
}

const POD_KEYS = ['app', 'tier'];
const NS_KEYS = ['team', 'env'];
const VALUES = ['x', 'y', 'z'];
const NS_NAMES = ['a', 'b', 'c'];
const CIDRS = ['10.0.0.0/8', '10.1.0.0/16', '10.1.2.0/24', '10.2.0.5/32', '192.168.0.0/24', '0.0.0.0/0', 'fd00::/8', 'fd00::1:0/112'];
const EXCEPTS = ['10.1.0.0/16', '10.1.2.3/32', '10.2.0.0/16', 'fd00::1:5/128'];
const PORT_NAMES = ['http', 'dns', 'metrics'];

function labelsArb(keys: readonly string[]): fc.Arbitrary<Labels> {
  return fc.dictionary(fc.constantFrom(...keys), fc.constantFrom(...VALUES), { maxKeys: keys.length });
}

function requirementArb(keys: readonly string[]): fc.Arbitrary<LabelSelectorRequirement> {
  return fc.record({
    key: fc.constantFrom(...keys),
    operator: fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist' as const),
    values: fc.uniqueArray(fc.constantFrom(...VALUES), { minLength: 1, maxLength: 2 }),
  }).map((r) => (r.operator === 'Exists' || r.operator === 'DoesNotExist' ? { ...r, values: [] } : r));
}

function selectorArb(keys: readonly string[], opts: GenOptions, allowEmpty = true): fc.Arbitrary<LabelSelector> {
  const expressions = opts.contrailSafe ? fc.constant([]) : fc.array(requirementArb(keys), { maxLength: 2 });
  return fc
    .record({ matchLabels: fc.dictionary(fc.constantFrom(...keys), fc.constantFrom(...VALUES), { maxKeys: 2 }), matchExpressions: expressions })
    .filter((s) => allowEmpty || Object.keys(s.matchLabels).length > 0 || s.matchExpressions.length > 0);
}

function peerArb(opts: GenOptions): fc.Arbitrary<PolicyPeer> {
  const pods: fc.Arbitrary<PolicyPeer> = fc
    .record({
      podSelector: fc.option(selectorArb(POD_KEYS, opts), { nil: undefined }),
      namespaceSelector: fc.option(selectorArb(NS_KEYS, opts, !opts.contrailSafe), { nil: undefined }),
    })
    .filter((p) => p.podSelector !== undefined || p.namespaceSelector !== undefined)
    // kube-manager turns an empty podSelector next to a namespaceSelector into namespace=<own ns>.
    .filter((p) => !opts.contrailSafe || p.namespaceSelector === undefined || p.podSelector === undefined || Object.keys(p.podSelector.matchLabels).length > 0)
    .map((p) => ({ kind: 'pods' as const, ...(p.podSelector ? { podSelector: p.podSelector } : {}), ...(p.namespaceSelector ? { namespaceSelector: p.namespaceSelector } : {}), source: src }));
  const block: fc.Arbitrary<PolicyPeer> = fc
    .record({ cidr: fc.constantFrom(...CIDRS), except: opts.contrailSafe ? fc.constant([]) : fc.uniqueArray(fc.constantFrom(...EXCEPTS), { maxLength: 2 }) })
    .map((b) => ({ kind: 'ipBlock' as const, cidr: b.cidr, except: b.except, source: src }));
  return fc.oneof(pods, block);
}

function portArb(opts: GenOptions): fc.Arbitrary<PolicyPort> {
  const protocol = fc.constantFrom('TCP', 'UDP', 'SCTP' as const);
  const numeric = fc.constantFrom(53, 80, 8080);
  const variants: fc.Arbitrary<PolicyPort>[] = [
    fc.record({ protocol }).map((p) => ({ ...p, source: src })),
    // The agent matches SCTP with port 0 (FlowEntry::SetPacketHeader): SCTP port rules diverge.
    fc.record({ protocol: opts.contrailSafe ? fc.constantFrom('TCP', 'UDP' as const) : protocol, port: numeric }).map((p) => ({ ...p, source: src })),
  ];
  if (!opts.contrailSafe) {
    variants.push(fc.record({ protocol, port: fc.constantFrom(...PORT_NAMES) }).map((p) => ({ ...p, source: src })));
    variants.push(fc.record({ protocol, port: fc.constantFrom(50, 80), endPort: fc.constantFrom(80, 90, 8080) }).map((p) => ({ ...p, source: src })));
  }
  return fc.oneof(...variants);
}

function ruleArb(opts: GenOptions): fc.Arbitrary<PolicyRule> {
  return fc.record({ peers: fc.array(peerArb(opts), { maxLength: 3 }), ports: fc.array(portArb(opts), { maxLength: 2 }) }).map((r) => ({ ...r, source: src }));
}

function policyArb(opts: GenOptions, index: number): fc.Arbitrary<NetworkPolicy> {
  return fc
    .record({
      namespace: fc.constantFrom(...NS_NAMES),
      podSelector: selectorArb(POD_KEYS, opts),
      policyTypes: fc.subarray(['Ingress', 'Egress'] as PolicyType[]),
      ingress: fc.array(ruleArb(opts), { maxLength: 2 }),
      egress: fc.array(ruleArb(opts), { maxLength: 2 }),
    })
    .map((p) => ({ ...p, name: `p${index}`, policyTypesExplicit: true, source: src }));
}

const containerPortArb: fc.Arbitrary<ContainerPort> = fc.record({
  name: fc.constantFrom(...PORT_NAMES),
  containerPort: fc.constantFrom(53, 80, 8080),
  protocol: fc.oneof({ weight: 3, arbitrary: fc.constant('TCP' as const) }, { weight: 1, arbitrary: fc.constantFrom('UDP', 'SCTP' as const) }),
});

export function clusterArb(opts: GenOptions): fc.Arbitrary<Cluster> {
  const namespaces = fc.tuple(...NS_NAMES.map((n) => labelsArb(NS_KEYS).map((labels) => namespace(n, labels))));
  const pods = fc.array(
    fc.record({ ns: fc.constantFrom(...NS_NAMES), labels: labelsArb(POD_KEYS), ports: fc.uniqueArray(containerPortArb, { maxLength: 2, selector: (p) => p.name }), v6: fc.boolean() }),
    { minLength: 1, maxLength: 6 },
  );
  const policies = fc.integer({ min: 0, max: 4 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => policyArb(opts, i))));
  return fc.record({ namespaces, pods, policies }).map(({ namespaces: nss, pods: ps, policies: pols }) => ({
    namespaces: nss,
    nodes: [node('n1', '192.168.0.1')],
    pods: ps.map(
      (p, i): Pod => ({
        namespace: p.ns,
        name: `pod${i}`,
        labels: p.labels,
        nodeName: 'n1',
        ips: p.v6 ? [`fd00::1:${i}`] : [`10.${i % 3}.${i % 2 === 0 ? 2 : 0}.${i + 1}`],
        ports: p.ports,
        hostNetwork: false,
        source: src,
      }),
    ),
    policies: pols,
  }));
}

export function endpointArb(cluster: Cluster): fc.Arbitrary<Endpoint> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...cluster.pods).map((p): Endpoint => ({ kind: 'pod', pod: p, ip: p.ips[0]! })) },
    { weight: 1, arbitrary: fc.constant<Endpoint>({ kind: 'host', node: cluster.nodes[0]!, ip: cluster.nodes[0]!.internalIPs[0]! }) },
    { weight: 1, arbitrary: fc.constantFrom('10.1.2.3', '8.8.8.8', '10.2.0.5', 'fd00::1:5', '2001:db8::1').map((ip): Endpoint => ({ kind: 'external', ip })) },
  );
}

export function connectionArb(cluster: Cluster): fc.Arbitrary<Connection> {
  return fc
    .record({
      src: endpointArb(cluster),
      dst: endpointArb(cluster),
      protocol: fc.oneof(
        { weight: 4, arbitrary: fc.constant<Protocol>('TCP') },
        { weight: 3, arbitrary: fc.constantFrom<Protocol>('UDP', 'SCTP', 'ICMP') },
      ),
      port: fc.oneof({ weight: 5, arbitrary: fc.constantFrom(53, 80, 8080) }, { weight: 1, arbitrary: fc.constantFrom(85, 9999) }),
    })
    .filter((c) => c.src.kind === 'pod' || c.dst.kind === 'pod')
    .map((c) => ({ ...c, port: c.protocol === 'ICMP' ? 0 : c.port }));
}

export function scenarioArb(opts: GenOptions): fc.Arbitrary<{ cluster: Cluster; connections: Connection[] }> {
  return clusterArb(opts).chain((cluster) => fc.record({ cluster: fc.constant(cluster), connections: fc.array(connectionArb(cluster), { minLength: 1, maxLength: 20 }) }));
}
