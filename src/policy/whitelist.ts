/**
 * The per-pod whitelist view behind `explain`: which pods each policy selects, and for each
 * pod and direction either the implicit allow-all, or the isolating policies with their
 * explicit whitelist (one entry per rule and peer: who, on which ports, by which rule).
 *
 * Guarantees: plain JSON-serialisable data, deterministic order (pods in cluster order,
 * policies and entries in `ns/name` then YAML order); named ports of ingress rules are
 * resolved against the pod itself (it is the destination), those of egress rules cannot be
 * (they resolve on each destination) and say so.
 */
import type { Cluster, LabelSelector, NetworkPolicy, Pod, PolicyPeer, PolicyPort, PolicyType } from '../model/types.js';
import { qualifiedName } from '../model/types.js';
import { bitsetIndexes, type Bitset } from './bitset.js';
import type { CompiledPolicies, CompiledRule } from './compiled.js';
import { compareText } from './compile.js';
import { selectorText } from './selector.js';

export interface PolicySummary {
  readonly policy: string;
  readonly namespace: string;
  readonly name: string;
  readonly podSelector: string;
  readonly policyTypes: readonly PolicyType[];
  readonly selects: readonly string[];
}

export type PeerView =
  | { readonly kind: 'any' }
  | { readonly kind: 'pods'; readonly selector: string; readonly pods: readonly string[] }
  | { readonly kind: 'ipBlock'; readonly cidr: string; readonly except: readonly string[] };

export interface WhitelistEntry {
  readonly policy: string;
  readonly direction: 'ingress' | 'egress';
  readonly ruleIndex: number;
  /** Index in `from`/`to`; null when the rule has no peers. */
  readonly peerIndex: number | null;
  readonly peer: PeerView;
  /** Readable ports, e.g. `TCP/80`, `TCP/8000-8100`, `UDP/any`, `TCP/http (=8080)`; empty = any port and protocol. */
  readonly ports: readonly string[];
  readonly text: string;
}

export type DirectionWhitelist =
  | { readonly kind: 'implicit-allow-all' }
  | { readonly kind: 'isolated'; readonly isolatedBy: readonly string[]; readonly entries: readonly WhitelistEntry[] };

export interface PodWhitelist {
  readonly pod: string;
  readonly namespace: string;
  readonly name: string;
  readonly node: string;
  readonly ips: readonly string[];
  readonly hostNetwork: boolean;
  readonly ingress: DirectionWhitelist;
  readonly egress: DirectionWhitelist;
}

export interface WhitelistView {
  readonly policies: readonly PolicySummary[];
  readonly pods: readonly PodWhitelist[];
}

const LIST_LIMIT = 10;

function podNames(cluster: Cluster, bits: Bitset): string[] {
  return bitsetIndexes(bits).map((i) => qualifiedName(cluster.pods[i] as Pod));
}

function listText(names: readonly string[]): string {
  if (names.length === 0) return '(no pods match)';
  const shown = names.slice(0, LIST_LIMIT).join(', ');
  return names.length > LIST_LIMIT ? `${shown} (+${names.length - LIST_LIMIT} more)` : shown;
}

function braces(selector: LabelSelector): string {
  return `{${selectorText(selector)}}`;
}

function peerView(cluster: Cluster, peer: PolicyPeer, compiledPods: Bitset | null): PeerView {
  if (peer.kind === 'ipBlock') return { kind: 'ipBlock', cidr: peer.cidr, except: peer.except };
  const pods = compiledPods ? podNames(cluster, compiledPods) : [];
  let selector: string;
  if (peer.namespaceSelector && peer.podSelector) selector = `namespaces ${braces(peer.namespaceSelector)} and pods ${braces(peer.podSelector)}`;
  else if (peer.namespaceSelector) selector = `namespaces ${braces(peer.namespaceSelector)}`;
  else selector = `podSelector ${selectorText(peer.podSelector ?? { matchLabels: {}, matchExpressions: [] })}`;
  return { kind: 'pods', selector, pods };
}

function peerText(peer: PeerView): string {
  switch (peer.kind) {
    case 'any':
      return 'any peer';
    case 'ipBlock':
      return peer.except.length > 0 ? `ipBlock ${peer.cidr} except ${peer.except.join(', ')}` : `ipBlock ${peer.cidr}`;
    case 'pods':
      return peer.selector.startsWith('podSelector') ? `pods ${listText(peer.pods)} (${peer.selector})` : `${peer.selector}: ${listText(peer.pods)}`;
  }
}

function portText(port: PolicyPort, direction: 'ingress' | 'egress', self: Pod): string {
  if (port.port === undefined) return `${port.protocol}/any`;
  if (typeof port.port === 'number') {
    return port.endPort !== undefined && port.endPort > port.port ? `${port.protocol}/${port.port}-${port.endPort}` : `${port.protocol}/${port.port}`;
  }
  if (direction === 'egress') return `${port.protocol}/${port.port} (named port of each destination)`;
  const resolved = self.ports.find((p) => p.name === port.port && p.protocol === port.protocol);
  return resolved ? `${port.protocol}/${port.port} (=${resolved.containerPort})` : `${port.protocol}/${port.port} (not a port of this pod: matches nothing)`;
}

function entriesOf(cluster: Cluster, rule: CompiledRule, policy: NetworkPolicy, self: Pod): WhitelistEntry[] {
  const source = (rule.direction === 'ingress' ? policy.ingress : policy.egress)[rule.ruleIndex];
  if (!source) return [];
  const ports = source.ports.map((p) => portText(p, rule.direction, self));
  const verb = rule.direction === 'ingress' ? 'from' : 'to';
  const portsText = ports.length === 0 ? 'any port and protocol' : ports.join(', ');
  const make = (peerIndex: number | null, peer: PeerView): WhitelistEntry => ({
    policy: rule.policy,
    direction: rule.direction,
    ruleIndex: rule.ruleIndex,
    peerIndex,
    peer,
    ports,
    text: `${verb} ${peerText(peer)} on ${portsText}`,
  });
  if (source.peers.length === 0) return [make(null, { kind: 'any' })];
  return source.peers.map((peer, i) => {
    const compiledPeer = rule.peers[i];
    return make(i, peerView(cluster, peer, compiledPeer && compiledPeer.kind === 'pods' ? compiledPeer.pods : null));
  });
}

function directionView(compiled: CompiledPolicies, podIndex: number, direction: 'ingress' | 'egress'): DirectionWhitelist {
  const isolated = (direction === 'ingress' ? compiled.ingressIsolated : compiled.egressIsolated)[podIndex] === 1;
  if (!isolated) return { kind: 'implicit-allow-all' };
  const cluster = compiled.cluster;
  const pod = cluster.pods[podIndex] as Pod;
  const isolatedBy = ((direction === 'ingress' ? compiled.ingressPolicies : compiled.egressPolicies)[podIndex] ?? []).map((i) => compiled.policyNames[i] as string);
  const rules = (direction === 'ingress' ? compiled.ingressRules : compiled.egressRules)[podIndex] ?? [];
  const entries = rules.flatMap((rule) => entriesOf(cluster, rule, cluster.policies[rule.policyIndex] as NetworkPolicy, pod));
  return { kind: 'isolated', isolatedBy, entries };
}

export function buildWhitelistView(compiled: CompiledPolicies): WhitelistView {
  const cluster = compiled.cluster;
  const policies = cluster.policies
    .map((policy, i): PolicySummary => ({
      policy: qualifiedName(policy),
      namespace: policy.namespace,
      name: policy.name,
      podSelector: selectorText(policy.podSelector),
      policyTypes: policy.policyTypes,
      selects: podNames(cluster, compiled.policySelects[i] as Bitset),
    }))
    .sort((a, b) => compareText(a.policy, b.policy));
  const pods = cluster.pods.map(
    (pod, i): PodWhitelist => ({
      pod: qualifiedName(pod),
      namespace: pod.namespace,
      name: pod.name,
      node: pod.nodeName,
      ips: pod.ips,
      hostNetwork: pod.hostNetwork,
      ingress: directionView(compiled, i, 'ingress'),
      egress: directionView(compiled, i, 'egress'),
    }),
  );
  return { policies, pods };
}
