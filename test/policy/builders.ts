/**
 * Test builders for Cluster objects: namespaces, nodes, pods, policies, endpoints and
 * connections, plus the book's chapter 8 lab (reference §6) and its three policies.
 */
import type {
  Cluster,
  ContainerPort,
  Endpoint,
  LabelSelector,
  LabelSelectorRequirement,
  Labels,
  Namespace,
  NetworkPolicy,
  Node,
  Pod,
  PolicyPeer,
  PolicyPort,
  PolicyRule,
  PolicyType,
  SourceRef,
} from '../../src/model/types.js';
import type { Connection, Protocol } from '../../src/policy/types.js';

export const src: SourceRef = { file: 'test.yaml', line: 1 };

export function sel(matchLabels: Labels = {}, matchExpressions: LabelSelectorRequirement[] = []): LabelSelector {
  return { matchLabels, matchExpressions };
}

export function namespace(name: string, labels: Labels = {}): Namespace {
  return { name, labels: { 'kubernetes.io/metadata.name': name, ...labels }, source: src };
}

export function node(name: string, ip: string): Node {
  return { name, internalIPs: [ip], source: src };
}

export function pod(
  ns: string,
  name: string,
  opts: { labels?: Labels; ip?: string; ips?: string[]; node?: string; ports?: ContainerPort[]; hostNetwork?: boolean } = {},
): Pod {
  return {
    namespace: ns,
    name,
    labels: opts.labels ?? { app: name },
    nodeName: opts.node ?? 'node1',
    ips: opts.ips ?? [opts.ip ?? '10.0.0.1'],
    ports: opts.ports ?? [],
    hostNetwork: opts.hostNetwork ?? false,
    source: src,
  };
}

export function podsPeer(podSelector?: LabelSelector, namespaceSelector?: LabelSelector): PolicyPeer {
  return { kind: 'pods', ...(podSelector ? { podSelector } : {}), ...(namespaceSelector ? { namespaceSelector } : {}), source: src };
}

export function ipBlock(cidr: string, except: string[] = []): PolicyPeer {
  return { kind: 'ipBlock', cidr, except, source: src };
}

export function port(protocol: 'TCP' | 'UDP' | 'SCTP', p?: number | string, endPort?: number): PolicyPort {
  return { protocol, ...(p !== undefined ? { port: p } : {}), ...(endPort !== undefined ? { endPort } : {}), source: src };
}

export function rule(peers: PolicyPeer[] = [], ports: PolicyPort[] = []): PolicyRule {
  return { peers, ports, source: src };
}

export function policy(
  ns: string,
  name: string,
  spec: { podSelector?: LabelSelector; policyTypes?: PolicyType[]; ingress?: PolicyRule[]; egress?: PolicyRule[] },
): NetworkPolicy {
  const policyTypes: PolicyType[] = spec.policyTypes ?? (spec.egress ? ['Ingress', 'Egress'] : ['Ingress']);
  return {
    namespace: ns,
    name,
    podSelector: spec.podSelector ?? sel(),
    policyTypes,
    policyTypesExplicit: spec.policyTypes !== undefined,
    ingress: spec.ingress ?? [],
    egress: spec.egress ?? [],
    source: src,
  };
}

export function cluster(parts: { namespaces?: Namespace[]; nodes?: Node[]; pods?: Pod[]; policies?: NetworkPolicy[] }): Cluster {
  return { namespaces: parts.namespaces ?? [], nodes: parts.nodes ?? [], pods: parts.pods ?? [], policies: parts.policies ?? [] };
}

export function podEp(p: Pod): Endpoint {
  return { kind: 'pod', pod: p, ip: p.ips[0] as string };
}

export function hostEp(n: Node): Endpoint {
  return { kind: 'host', node: n, ip: n.internalIPs[0] as string };
}

export function externalEp(ip: string): Endpoint {
  return { kind: 'external', ip };
}

export function conn(srcEp: Endpoint, dstEp: Endpoint, protocol: Protocol = 'TCP', p = 80): Connection {
  return { src: srcEp, dst: dstEp, protocol, port: protocol === 'ICMP' ? 0 : p };
}

// ---- The book's chapter 8 lab (reference §6) ----

export const book = (() => {
  const ns = [namespace('dev', { project: 'dev' }), namespace('jtac', { project: 'jtac' }), namespace('qa', { project: 'qa' })];
  const nodes = [node('cent222', '10.169.25.20'), node('cent333', '10.169.25.21')];
  const web = (n: string, p: string, ip: string, nd: string): Pod =>
    pod(n, p, { labels: { app: p, do: 'policy' }, ip, node: nd, ports: [{ containerPort: 80, protocol: 'TCP' }] });
  const pods = [
    web('dev', 'client1-dev', '10.47.255.232', 'cent222'),
    web('dev', 'client2-dev', '10.47.255.231', 'cent333'),
    web('dev', 'dbserver-dev', '10.47.255.233', 'cent333'),
    web('dev', 'webserver-dev', '10.47.255.234', 'cent333'),
    web('jtac', 'client-jtac', '10.47.255.229', 'cent222'),
    web('qa', 'client-qa', '10.47.255.230', 'cent333'),
  ];
  const tcp80 = [port('TCP', 80)];
  const policy1 = policy('dev', 'policy1', {
    podSelector: sel({ app: 'webserver-dev' }),
    policyTypes: ['Ingress', 'Egress'],
    ingress: [
      rule([ipBlock('10.169.25.20/32'), podsPeer(undefined, sel({ project: 'jtac' })), podsPeer(sel({ app: 'client1-dev' }))], tcp80),
    ],
    egress: [rule([podsPeer(sel({ app: 'dbserver-dev' }))], tcp80)],
  });
  const policy2 = policy('dev', 'policy2', {
    podSelector: sel({ app: 'dbserver-dev' }),
    policyTypes: ['Ingress'],
    ingress: [rule([podsPeer(sel({ app: 'webserver-dev' }))], tcp80)],
  });
  const policy2EgressDenyAll = policy('dev', 'policy2', {
    podSelector: sel({ app: 'dbserver-dev' }),
    policyTypes: ['Ingress', 'Egress'],
    ingress: [rule([podsPeer(sel({ app: 'webserver-dev' }))], tcp80)],
  });
  const byName = (name: string): Pod => pods.find((p) => p.name === name) as Pod;
  const hostByName = (name: string): Node => nodes.find((n) => n.name === name) as Node;
  const withPolicies = (policies: NetworkPolicy[]): Cluster => cluster({ namespaces: ns, nodes, pods, policies });
  return { namespaces: ns, nodes, pods, policy1, policy2, policy2EgressDenyAll, pod: byName, host: hostByName, withPolicies };
})();
