/**
 * What contrail-kube-manager (tf-controller `vnc_security_policy.py`) builds from the same
 * NetworkPolicies: one application policy set `k8s` with firewall policies, in order:
 *   k8s-Ingress            00002.0  (ingress-LB rules; empty: Ingress objects are not modelled)
 *   k8s-<ns>-<np>          00038.0, 00040.0, ... one per NetworkPolicy in creation order (step 2)
 *   k8s-denyall            after the last NP policy (+2): per-policy deny rules
 *   k8s-allowall           denyall + 1: per-namespace pass rules
 * For the book's policy1 + policy2 this yields the book's 00002/00038/00040/00042/00043. The
 * live numbers depend on a cluster's history; this numbering is deterministic and keeps the
 * book's relative order. Rules are numbered 00000.0, 00001.0, ... in kube-manager's order.
 *
 * The translation reproduces kube-manager faithfully, including where it diverges from the
 * Kubernetes spec (docs/contrail-translation.md): target tags use matchLabels only;
 * matchExpressions In/NotIn become one `key=value` tag per key (last value wins), Exists and
 * DoesNotExist vanish; an empty namespaceSelector produces no endpoint; an empty podSelector
 * next to a namespaceSelector adds `namespace=<own ns>`; endPort is dropped; named ports
 * cannot be expressed; ipBlock `except` becomes a deny rule placed before the pass.
 * Guarantees: pure and deterministic; `notes` lists every lossy translation it made.
 */
import type { Cluster, LabelSelector, NetworkPolicy, PolicyPeer, PolicyPort, PolicyRule } from '../model/types.js';
import { qualifiedName } from '../model/types.js';
import { policyCreationOrder } from './compile.js';

export type ContrailEndpoint =
  | { readonly kind: 'any' }
  | { readonly kind: 'tags'; readonly tags: readonly string[] }
  | { readonly kind: 'address-group'; readonly cidr: string };

export type ContrailService =
  | { readonly kind: 'any' }
  | { readonly kind: 'ports'; readonly protocol: 'tcp' | 'udp' | 'sctp'; readonly start: number; readonly end: number }
  | { readonly kind: 'named-port'; readonly protocol: 'tcp' | 'udp' | 'sctp'; readonly name: string };

/** Where a firewall rule came from in the NetworkPolicy (null for denyall/allowall rules). */
export interface ContrailRuleOrigin {
  readonly policy: string;
  readonly direction: 'ingress' | 'egress';
  readonly ruleIndex: number;
  readonly peerIndex: number | null;
  readonly portIndex: number | null;
}

export interface FirewallRule {
  readonly sequence: string;
  readonly name: string;
  readonly action: 'pass' | 'deny';
  readonly service: ContrailService;
  readonly endpoint1: ContrailEndpoint;
  readonly direction: '>';
  readonly endpoint2: ContrailEndpoint;
  readonly origin: ContrailRuleOrigin | null;
}

export interface FirewallPolicy {
  readonly sequence: string;
  readonly name: string;
  readonly role: 'ingress-lb' | 'network-policy' | 'denyall' | 'allowall';
  /** `ns/name` of the NetworkPolicy for role `network-policy`. */
  readonly networkPolicy: string | null;
  readonly rules: readonly FirewallRule[];
}

export interface ContrailView {
  readonly applicationPolicySet: string;
  readonly firewallPolicies: readonly FirewallPolicy[];
  /** Lossy translations, one readable sentence each. */
  readonly notes: readonly string[];
}

export const FIRST_NP_SEQUENCE = 38;
export const INGRESS_LB_SEQUENCE = 2;

/** kube-manager's `"%05d.%d"` of a float: 38 -> `00038.0`. */
export function sequenceText(n: number): string {
  return `${String(Math.trunc(n)).padStart(5, '0')}.0`;
}

function endpointOf(tags: readonly string[]): ContrailEndpoint {
  return tags.length === 0 ? { kind: 'any' } : { kind: 'tags', tags };
}

/** `_get_tags`: matchLabels, or (if any) In/NotIn expressions as key=lastValue; namespace tag appended. */
function selectorTags(selector: LabelSelector, namespace: string | null): string[] {
  const labels = Object.entries(selector.matchLabels).map(([k, v]) => [k, v] as [string, string]);
  const fromExpressions = new Map<string, string>();
  for (const e of selector.matchExpressions) {
    if (e.operator === 'In' || e.operator === 'NotIn') for (const v of e.values) fromExpressions.set(e.key, v);
  }
  const pairs = fromExpressions.size > 0 ? [...fromExpressions.entries()] : labels;
  if (pairs.length === 0) return [];
  if (namespace !== null) pairs.push(['namespace', namespace]);
  return pairs.map(([k, v]) => `${k}=${v}`);
}

function isEmpty(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels).length === 0 && selector.matchExpressions.length === 0;
}

interface PeerEndpoint {
  readonly name: string;
  readonly endpoint: ContrailEndpoint;
  readonly action: 'pass' | 'deny';
  readonly peerIndex: number | null;
}

/** `spec_parser`: one peer -> zero or more named endpoints. */
function peerEndpoints(peer: PolicyPeer, index: number, prefix: string, namespace: string, notes: string[], policy: string): PeerEndpoint[] {
  const out: PeerEndpoint[] = [];
  if (peer.kind === 'ipBlock') {
    for (const cidr of peer.except) out.push({ name: `${prefix}-ipBlock-${index}-${cidr}`, endpoint: { kind: 'address-group', cidr }, action: 'deny', peerIndex: index });
    out.push({ name: `${prefix}-ipBlock-${index}-cidr-${peer.cidr}`, endpoint: { kind: 'address-group', cidr: peer.cidr }, action: 'pass', peerIndex: index });
    return out;
  }
  let nsTags: string[] = [];
  let passNeeded = false;
  let kindName = '';
  if (peer.namespaceSelector) {
    kindName = 'namespaceSelector';
    if (isEmpty(peer.namespaceSelector)) {
      notes.push(`${policy}: empty namespaceSelector in peer ${index} produces no Contrail endpoint`);
    } else {
      nsTags = selectorTags(peer.namespaceSelector, null);
      if (peer.namespaceSelector.matchExpressions[0]?.operator === 'NotIn') {
        out.push({ name: `${prefix}-namespaceSelector-${index}-${nsTags[0] ?? ''}`, endpoint: endpointOf(nsTags), action: 'deny', peerIndex: index });
        out.push({ name: `${prefix}-namespaceSelector-${index}`, endpoint: { kind: 'any' }, action: 'pass', peerIndex: index });
        notes.push(`${policy}: namespaceSelector NotIn in peer ${index} becomes deny ${nsTags[0] ?? ''} then pass any`);
      } else passNeeded = true;
    }
  }
  let podTags: string[] = [];
  if (peer.podSelector) {
    kindName = 'podSelector';
    passNeeded = true;
    podTags = isEmpty(peer.podSelector) ? [`namespace=${namespace}`] : selectorTags(peer.podSelector, peer.namespaceSelector ? null : namespace);
  }
  if (passNeeded) out.push({ name: `${prefix}-${kindName}-${index}`, endpoint: endpointOf([...nsTags, ...podTags]), action: 'pass', peerIndex: index });
  return out;
}

function serviceOf(port: PolicyPort, notes: string[], policy: string): ContrailService {
  const protocol = port.protocol.toLowerCase() as 'tcp' | 'udp' | 'sctp';
  if (typeof port.port === 'string') {
    notes.push(`${policy}: named port ${port.protocol}/${port.port} cannot be expressed as a Contrail service (matches nothing here)`);
    return { kind: 'named-port', protocol, name: port.port };
  }
  if (port.port === undefined) return { kind: 'ports', protocol, start: 0, end: 65535 };
  if (port.endPort !== undefined) notes.push(`${policy}: endPort ${port.endPort} dropped, only port ${port.port} is translated`);
  return { kind: 'ports', protocol, start: port.port, end: port.port };
}

function directionRules(policy: NetworkPolicy, direction: 'ingress' | 'egress', rule: PolicyRule, ruleIndex: number, targetTags: readonly string[], notes: string[]): Omit<FirewallRule, 'sequence'>[] {
  const qn = qualifiedName(policy);
  const prefix = direction === 'ingress' ? `${policy.namespace}-ingress-${policy.name}-${ruleIndex}` : `${policy.namespace}-egress-${policy.name}`;
  let endpoints = rule.peers.flatMap((peer, i) => peerEndpoints(peer, i, prefix, policy.namespace, notes, qn));
  if (endpoints.length === 0) endpoints = [{ name: `${prefix}-allow-all`, endpoint: { kind: 'any' }, action: 'pass', peerIndex: null }];
  const services: [ContrailService, number | null][] = rule.ports.length === 0 ? [[{ kind: 'any' }, null]] : rule.ports.map((p, i) => [serviceOf(p, notes, qn), i]);
  const target = endpointOf(targetTags);
  return endpoints.flatMap((ep) =>
    services.map(([service, portIndex], serviceIndex) => ({
      name: `${ep.name}-${serviceIndex}`,
      action: ep.action,
      service,
      endpoint1: direction === 'ingress' ? ep.endpoint : target,
      direction: '>' as const,
      endpoint2: direction === 'ingress' ? target : ep.endpoint,
      origin: { policy: qn, direction, ruleIndex, peerIndex: ep.peerIndex, portIndex },
    })),
  );
}

function numbered(rules: readonly Omit<FirewallRule, 'sequence'>[]): FirewallRule[] {
  return rules.map((r, i) => ({ sequence: sequenceText(i), ...r }));
}

/** Target tags: matchLabels + namespace=<ns> (`_get_np_pod_selector`; matchExpressions ignored). */
function targetTags(policy: NetworkPolicy, notes: string[]): string[] {
  if (policy.podSelector.matchExpressions.length > 0) {
    notes.push(`${qualifiedName(policy)}: podSelector matchExpressions ignored for the target (selects more pods)`);
  }
  return [...Object.entries(policy.podSelector.matchLabels).map(([k, v]) => `${k}=${v}`), `namespace=${policy.namespace}`];
}

export function buildContrailView(cluster: Cluster, clusterName = 'k8s'): ContrailView {
  const notes: string[] = [];
  const ordered = cluster.policies
    .map((policy, i) => ({ policy, order: policyCreationOrder(policy, i), i }))
    .sort((a, b) => a.order - b.order || a.i - b.i)
    .map((x) => x.policy);
  const firewallPolicies: FirewallPolicy[] = [
    { sequence: sequenceText(INGRESS_LB_SEQUENCE), name: `${clusterName}-Ingress`, role: 'ingress-lb', networkPolicy: null, rules: [] },
  ];
  const denyRules: Omit<FirewallRule, 'sequence'>[] = [];
  ordered.forEach((policy, i) => {
    const target = targetTags(policy, notes);
    const rules: Omit<FirewallRule, 'sequence'>[] = [];
    for (const type of policy.policyTypes) {
      if (type === 'Ingress') {
        policy.ingress.forEach((rule, r) => rules.push(...directionRules(policy, 'ingress', rule, r, target, notes)));
        denyRules.push({ name: `${policy.namespace}-ingress-${policy.name}-denyall`, action: 'deny', service: { kind: 'any' }, endpoint1: { kind: 'any' }, direction: '>', endpoint2: endpointOf(target), origin: null });
      } else {
        policy.egress.forEach((rule, r) => rules.push(...directionRules(policy, 'egress', rule, r, target, notes)));
        denyRules.push({ name: `${policy.namespace}-egress-${policy.name}-default-deny-all`, action: 'deny', service: { kind: 'any' }, endpoint1: endpointOf(target), direction: '>', endpoint2: { kind: 'any' }, origin: null });
      }
    }
    firewallPolicies.push({
      sequence: sequenceText(FIRST_NP_SEQUENCE + 2 * i),
      name: `${clusterName}-${policy.namespace}-${policy.name}`,
      role: 'network-policy',
      networkPolicy: qualifiedName(policy),
      rules: numbered(rules),
    });
  });
  const denyAllSequence = FIRST_NP_SEQUENCE + 2 * ordered.length;
  firewallPolicies.push({ sequence: sequenceText(denyAllSequence), name: `${clusterName}-denyall`, role: 'denyall', networkPolicy: null, rules: numbered(denyRules) });
  const allowRules = cluster.namespaces.flatMap((ns): Omit<FirewallRule, 'sequence'>[] => [
    { name: `${clusterName}-Namespace-${ns.name}-ingress`, action: 'pass', service: { kind: 'any' }, endpoint1: { kind: 'any' }, direction: '>', endpoint2: { kind: 'tags', tags: [`namespace=${ns.name}`] }, origin: null },
    { name: `${clusterName}-Namespace-${ns.name}-egress`, action: 'pass', service: { kind: 'any' }, endpoint1: { kind: 'tags', tags: [`namespace=${ns.name}`] }, direction: '>', endpoint2: { kind: 'any' }, origin: null },
  ]);
  firewallPolicies.push({ sequence: sequenceText(denyAllSequence + 1), name: `${clusterName}-allowall`, role: 'allowall', networkPolicy: null, rules: numbered(allowRules) });
  return { applicationPolicySet: clusterName, firewallPolicies, notes: [...new Set(notes)] };
}
