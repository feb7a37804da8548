/**
 * Compiles a cluster's NetworkPolicies once into per-pod matchers (see `compiled.ts`).
 *
 * Semantics implemented here (Kubernetes NetworkPolicy, networking.k8s.io/v1):
 * - a policy selects the pods of its own namespace matching `podSelector` ({} = all);
 * - it isolates them for each direction in `policyTypes` (rules of other directions are ignored);
 * - peers: podSelector alone = pods of the policy's namespace; namespaceSelector alone = all
 *   pods of the matching namespaces; both in one peer = AND; ipBlock = CIDR minus `except`;
 * - hostNetwork pods are never selected and never matched by pod peers: on the wire they are
 *   their node's host, which NetworkPolicy matches by ipBlock only.
 * Guarantees: deterministic; cost ~ (policies x pods of the namespaces they touch); selector
 * results are memoised, so many policies sharing selectors stay cheap to rebuild.
 */
import type { Cluster, Labels, LabelSelector, NetworkPolicy, Pod, PolicyPeer, PolicyPort, PolicyRule } from '../model/types.js';
import { qualifiedName } from '../model/types.js';
import { newBitset, orInto, setBit, type Bitset } from './bitset.js';
import {
  PROTOCOL_SCTP,
  PROTOCOL_TCP,
  PROTOCOL_UDP,
  type CompiledIpBlock,
  type CompiledPeer,
  type CompiledPolicies,
  type CompiledPort,
  type CompiledRule,
} from './compiled.js';
import { parseIpWords, parsePrefix, type IpPrefix, type IpWords } from './ip-prefix.js';
import { selectorKey, selectorMatches } from './selector.js';

export function protocolNumber(protocol: 'TCP' | 'UDP' | 'SCTP'): number {
  return protocol === 'TCP' ? PROTOCOL_TCP : protocol === 'UDP' ? PROTOCOL_UDP : PROTOCOL_SCTP;
}

/** Creation order: the loader's optional `order`, else the position in `cluster.policies`. */
export function policyCreationOrder(policy: NetworkPolicy, arrayIndex: number): number {
  const order = (policy as NetworkPolicy & { readonly order?: number }).order;
  return typeof order === 'number' ? order : arrayIndex;
}

interface CompileContext {
  readonly cluster: Cluster;
  readonly podCount: number;
  readonly podsByNamespace: ReadonlyMap<string, readonly number[]>;
  readonly namespaceLabels: ReadonlyMap<string, Labels>;
  readonly namedPortIds: Map<string, number>;
  readonly selectorCache: Map<string, Bitset>;
}

function namespaceLabelsOf(ctx: CompileContext, namespace: string): Labels {
  return ctx.namespaceLabels.get(namespace) ?? { 'kubernetes.io/metadata.name': namespace };
}

function allNamespaceNames(ctx: CompileContext): string[] {
  return [...ctx.podsByNamespace.keys()];
}

/** Pods (non-hostNetwork) of the given namespaces matching `podSelector` (undefined = all). */
function podsOf(ctx: CompileContext, namespaces: readonly string[], podSelector: LabelSelector | undefined): Bitset {
  const bits = newBitset(ctx.podCount);
  for (const ns of namespaces) {
    for (const index of ctx.podsByNamespace.get(ns) ?? []) {
      const pod = ctx.cluster.pods[index] as Pod;
      if (pod.hostNetwork) continue;
      if (podSelector === undefined || selectorMatches(podSelector, pod.labels)) setBit(bits, index);
    }
  }
  return bits;
}

function cached(ctx: CompileContext, key: string, build: () => Bitset): Bitset {
  const hit = ctx.selectorCache.get(key);
  if (hit) return hit;
  const bits = build();
  ctx.selectorCache.set(key, bits);
  return bits;
}

function peerPods(ctx: CompileContext, policyNamespace: string, peer: Extract<PolicyPeer, { kind: 'pods' }>): Bitset {
  const podKey = peer.podSelector ? selectorKey(peer.podSelector) : '*';
  if (peer.namespaceSelector === undefined) {
    return cached(ctx, `ns:${policyNamespace}|${podKey}`, () => podsOf(ctx, [policyNamespace], peer.podSelector));
  }
  const nsSelector = peer.namespaceSelector;
  return cached(ctx, `nsSel:${selectorKey(nsSelector)}|${podKey}`, () => {
    const namespaces = allNamespaceNames(ctx).filter((ns) => selectorMatches(nsSelector, namespaceLabelsOf(ctx, ns)));
    return podsOf(ctx, namespaces, peer.podSelector);
  });
}

function compileIpBlock(cidr: string, except: readonly string[]): CompiledIpBlock {
  return {
    cidr: parsePrefix(cidr),
    except: except.map(parsePrefix).filter((p): p is IpPrefix => p !== null),
  };
}

function compilePort(ctx: CompileContext, port: PolicyPort): CompiledPort {
  const protocol = protocolNumber(port.protocol);
  if (typeof port.port === 'string') {
    return { protocol, low: 0, high: 0, namedPortId: internPortName(ctx.namedPortIds, port.port) };
  }
  if (port.port === undefined) return { protocol, low: 0, high: 65535, namedPortId: -1 };
  const high = port.endPort !== undefined && port.endPort >= port.port ? port.endPort : port.port;
  return { protocol, low: port.port, high, namedPortId: -1 };
}

function internPortName(ids: Map<string, number>, name: string): number {
  let id = ids.get(name);
  if (id === undefined) {
    id = ids.size;
    ids.set(name, id);
  }
  return id;
}

function compileRule(
  ctx: CompileContext,
  policy: NetworkPolicy,
  policyIndex: number,
  direction: 'ingress' | 'egress',
  rule: PolicyRule,
  ruleIndex: number,
): CompiledRule {
  const union = newBitset(ctx.podCount);
  const ipBlocks: CompiledIpBlock[] = [];
  const peers: CompiledPeer[] = rule.peers.map((peer) => {
    if (peer.kind === 'ipBlock') {
      const block = compileIpBlock(peer.cidr, peer.except);
      ipBlocks.push(block);
      return { kind: 'ipBlock', block };
    }
    const pods = peerPods(ctx, policy.namespace, peer);
    orInto(union, pods);
    return { kind: 'pods', pods };
  });
  return {
    policyIndex,
    policy: qualifiedName(policy),
    direction,
    ruleIndex,
    anyPeer: rule.peers.length === 0,
    peerPods: union,
    ipBlocks,
    peers,
    anyPort: rule.ports.length === 0,
    ports: rule.ports.map((p) => compilePort(ctx, p)),
  };
}

function buildContext(cluster: Cluster): CompileContext {
  const podsByNamespace = new Map<string, number[]>();
  for (const ns of cluster.namespaces) podsByNamespace.set(ns.name, []);
  cluster.pods.forEach((pod, index) => {
    let list = podsByNamespace.get(pod.namespace);
    if (!list) {
      list = [];
      podsByNamespace.set(pod.namespace, list);
    }
    list.push(index);
  });
  return {
    cluster,
    podCount: cluster.pods.length,
    podsByNamespace,
    namespaceLabels: new Map(cluster.namespaces.map((ns) => [ns.name, ns.labels])),
    namedPortIds: new Map(),
    selectorCache: new Map(),
  };
}

export function compilePolicies(cluster: Cluster): CompiledPolicies {
  const ctx = buildContext(cluster);
  const podCount = cluster.pods.length;
  const ingressRules: CompiledRule[][] = Array.from({ length: podCount }, () => []);
  const egressRules: CompiledRule[][] = Array.from({ length: podCount }, () => []);
  const ingressPolicies: number[][] = Array.from({ length: podCount }, () => []);
  const egressPolicies: number[][] = Array.from({ length: podCount }, () => []);
  const ingressIsolated = new Uint8Array(podCount);
  const egressIsolated = new Uint8Array(podCount);
  const policyNames = cluster.policies.map(qualifiedName);

  const policySelects = cluster.policies.map((policy) =>
    cached(ctx, `target:${policy.namespace}|${selectorKey(policy.podSelector)}`, () =>
      podsOf(ctx, [policy.namespace], policy.podSelector),
    ),
  );

  // Policies in `ns/name` order so per-pod rule lists and `isolatedBy` come out sorted.
  const byName = cluster.policies.map((_, i) => i).sort((a, b) => compareText(policyNames[a] as string, policyNames[b] as string));
  for (const policyIndex of byName) {
    const policy = cluster.policies[policyIndex] as NetworkPolicy;
    const selected = ctx.podsByNamespace.get(policy.namespace) ?? [];
    const targets = policySelects[policyIndex] as Bitset;
    const directions: ReadonlyArray<['ingress' | 'egress', boolean]> = [
      ['ingress', policy.policyTypes.includes('Ingress')],
      ['egress', policy.policyTypes.includes('Egress')],
    ];
    for (const [direction, enabled] of directions) {
      if (!enabled) continue;
      const source = direction === 'ingress' ? policy.ingress : policy.egress;
      const rules = source.map((rule, i) => compileRule(ctx, policy, policyIndex, direction, rule, i));
      for (const pod of selected) {
        if (((targets[pod >>> 5] as number) & (1 << (pod & 31))) === 0) continue;
        (direction === 'ingress' ? ingressIsolated : egressIsolated)[pod] = 1;
        (direction === 'ingress' ? ingressPolicies : egressPolicies)[pod]?.push(policyIndex);
        const list = (direction === 'ingress' ? ingressRules : egressRules)[pod] as CompiledRule[];
        for (const rule of rules) list.push(rule);
      }
    }
  }

  const addressCache = new Map<string, IpWords | null>();
  for (const pod of cluster.pods) for (const ip of pod.ips) addressCache.set(ip, parseIpWords(ip));
  for (const node of cluster.nodes) for (const ip of node.internalIPs) addressCache.set(ip, parseIpWords(ip));

  return {
    cluster,
    podCount,
    podIndexByName: new Map(cluster.pods.map((pod, i) => [qualifiedName(pod), i])),
    podIndexByObject: new Map(cluster.pods.map((pod, i) => [pod, i])),
    policyNames,
    policySelects,
    ingressIsolated,
    egressIsolated,
    ingressRules,
    egressRules,
    ingressPolicies,
    egressPolicies,
    podNamedPorts: cluster.pods.map((pod) => namedPortTriples(ctx, pod)),
    namedPortIds: ctx.namedPortIds,
    addressCache,
  };
}

function namedPortTriples(ctx: CompileContext, pod: Pod): Int32Array {
  const named = pod.ports.filter((p) => p.name !== undefined && p.name !== '');
  const out = new Int32Array(named.length * 3);
  named.forEach((p, i) => {
    out[i * 3] = internPortName(ctx.namedPortIds, p.name as string);
    out[i * 3 + 1] = protocolNumber(p.protocol);
    out[i * 3 + 2] = p.containerPort;
  });
  return out;
}

/** Plain code-unit comparison (locale-independent, deterministic). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
