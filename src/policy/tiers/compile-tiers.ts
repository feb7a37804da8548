/**
 * Compiles ClusterNetworkPolicies once into per-pod Admin and Baseline rule lists (see
 * `compiled-tiers.ts`), next to the NetworkPolicy matchers they share pod numbering and
 * named-port ids with.
 *
 * Semantics (apis/v1alpha2/clusternetworkpolicy_types.go):
 * - `subject.namespaces`: every pod of the matching namespaces; `subject.pods`: pods matching
 *   podSelector in namespaces matching namespaceSelector; host-network pods never;
 * - peers `namespaces`/`pods` likewise (host-network pods are not included); `nodes`: the
 *   InternalIPs of the nodes whose labels match; `networks`: any address in the CIDRs, pods
 *   included; `domainNames`: not simulated (no DNS), so such a peer matches nothing — the safe
 *   failure NPEP-133 describes for an Accept rule whose domain was never resolved;
 * - policies in evaluation order: priority, then kind (cnp, anp, banp), then name.
 * Guarantees: deterministic; allocation happens here, never on the evaluation hot path.
 */
import type { ClusterNetworkPolicy, CnpPeer, CnpPort, CnpRule, CnpSubject } from '../../model/cluster-network-policy.js';
import { clusterPolicyName } from '../../model/cluster-network-policy.js';
import { evaluationOrder } from '../../model/cluster-network-policy-checks.js';
import type { Cluster, LabelSelector, Labels, Pod } from '../../model/types.js';
import { newBitset, orInto, setBit, type Bitset } from '../bitset.js';
import { protocolNumber } from '../compile.js';
import type { CompiledPolicies, CompiledPort } from '../compiled.js';
import { parsePrefix, type IpPrefix } from '../ip-prefix.js';
import { selectorMatches } from '../selector.js';
import {
  ACTION_ACCEPT,
  ACTION_DENY,
  ACTION_PASS,
  ANY_PROTOCOL,
  type CompiledTierRule,
  type CompiledTiers,
  type MatchMode,
} from './compiled-tiers.js';

/** Named-port id that no pod declares. */
const UNKNOWN_PORT_NAME = -2;

interface Context {
  readonly cluster: Cluster;
  readonly np: CompiledPolicies;
  readonly namespaceLabels: ReadonlyMap<string, Labels>;
}

function podsMatching(ctx: Context, namespaceSelector: LabelSelector, podSelector: LabelSelector | undefined): Bitset {
  const bits = newBitset(ctx.np.podCount);
  ctx.cluster.pods.forEach((pod: Pod, index) => {
    if (pod.hostNetwork) return;
    const nsLabels = ctx.namespaceLabels.get(pod.namespace) ?? { 'kubernetes.io/metadata.name': pod.namespace };
    if (!selectorMatches(namespaceSelector, nsLabels)) return;
    if (podSelector === undefined || selectorMatches(podSelector, pod.labels)) setBit(bits, index);
  });
  return bits;
}

function subjectPods(ctx: Context, subject: CnpSubject): Bitset {
  return subject.kind === 'namespaces' ? podsMatching(ctx, subject.namespaceSelector, undefined) : podsMatching(ctx, subject.namespaceSelector, subject.podSelector);
}

function hostPrefix(ip: string): IpPrefix | null {
  return parsePrefix(ip.includes(':') ? `${ip}/128` : `${ip}/32`);
}

function compilePeer(ctx: Context, peer: CnpPeer): { pods: Bitset | null; prefixes: IpPrefix[] } | null {
  switch (peer.kind) {
    case 'namespaces':
      return { pods: podsMatching(ctx, peer.namespaceSelector, undefined), prefixes: [] };
    case 'pods':
      return { pods: podsMatching(ctx, peer.namespaceSelector, peer.podSelector), prefixes: [] };
    case 'nodes': {
      const prefixes: IpPrefix[] = [];
      for (const node of ctx.cluster.nodes) {
        if (!selectorMatches(peer.nodeSelector, node.labels ?? {})) continue;
        for (const ip of node.internalIPs) {
          const p = hostPrefix(ip);
          if (p !== null) prefixes.push(p);
        }
      }
      return { pods: null, prefixes };
    }
    case 'networks':
      return { pods: null, prefixes: peer.cidrs.map(parsePrefix).filter((p): p is IpPrefix => p !== null) };
    case 'domainNames':
    case 'unknown':
      return null;
  }
}

function compilePort(ctx: Context, port: CnpPort): CompiledPort {
  if (port.kind === 'named') return { protocol: ANY_PROTOCOL, low: 0, high: 0, namedPortId: ctx.np.namedPortIds.get(port.name) ?? UNKNOWN_PORT_NAME };
  return { protocol: protocolNumber(port.protocol), low: port.low, high: port.high, namedPortId: -1 };
}

function actionCode(rule: CnpRule): number {
  return rule.action === 'Accept' ? ACTION_ACCEPT : rule.action === 'Deny' ? ACTION_DENY : ACTION_PASS;
}

function compileRule(ctx: Context, policy: ClusterNetworkPolicy, policyIndex: number, direction: 'ingress' | 'egress', rule: CnpRule, ruleIndex: number): CompiledTierRule {
  const peerPods = newBitset(ctx.np.podCount);
  const prefixes: IpPrefix[] = [];
  const peers = rule.peers.map((peer) => {
    const compiled = compilePeer(ctx, peer);
    if (compiled?.pods) orInto(peerPods, compiled.pods);
    if (compiled) prefixes.push(...compiled.prefixes);
    return compiled;
  });
  const failClosed = rule.peers.some((p) => p.kind === 'unknown');
  const onlyDomainNames = rule.peers.every((p) => p.kind === 'domainNames');
  let mode: MatchMode = 'normal';
  let action = actionCode(rule);
  if (failClosed) {
    mode = rule.action === 'Accept' ? 'none' : 'all';
    if (mode === 'all') action = ACTION_DENY;
  } else if (onlyDomainNames) {
    mode = 'none';
  }
  return {
    policyIndex,
    policy: clusterPolicyName(policy),
    tier: policy.tier,
    direction,
    ruleIndex,
    ruleName: rule.name,
    writtenAction: rule.action,
    action,
    mode,
    peerPods,
    prefixes,
    peers,
    anyPort: rule.ports.length === 0,
    ports: rule.ports.map((p) => compilePort(ctx, p)),
  };
}

export function compileTiers(cluster: Cluster, np: CompiledPolicies): CompiledTiers {
  const ctx: Context = { cluster, np, namespaceLabels: new Map(cluster.namespaces.map((n) => [n.name, n.labels])) };
  const policies = [...(cluster.clusterPolicies ?? [])].sort(evaluationOrder);
  const n = np.podCount;
  const lists = (): CompiledTierRule[][] => Array.from({ length: n }, () => []);
  const adminIngress = lists();
  const adminEgress = lists();
  const baselineIngress = lists();
  const baselineEgress = lists();
  const subjects: Bitset[] = [];
  policies.forEach((policy, policyIndex) => {
    const selected = subjectPods(ctx, policy.subject);
    subjects.push(selected);
    const ingress = policy.ingress.map((r, i) => compileRule(ctx, policy, policyIndex, 'ingress', r, i));
    const egress = policy.egress.map((r, i) => compileRule(ctx, policy, policyIndex, 'egress', r, i));
    const [inLists, outLists] = policy.tier === 'Admin' ? [adminIngress, adminEgress] : [baselineIngress, baselineEgress];
    for (let pod = 0; pod < n; pod++) {
      if (((selected[pod >>> 5] as number) & (1 << (pod & 31))) === 0) continue;
      for (const r of ingress) inLists[pod]!.push(r);
      for (const r of egress) outLists[pod]!.push(r);
    }
  });
  return { policies, adminIngress, adminEgress, baselineIngress, baselineEgress, subjects };
}
