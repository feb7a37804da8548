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
 * Rules of k8s-denyall and k8s-allowall are numbered from 00001.0, as
 * `VncSecurityPolicy.add_firewall_rule` appends them (`construct_sequence_number('1.0')`, then
 * last + 1); an NP's firewall policy numbers its rules from 00000.0 (`fw_rules.index(rule)`).
 * Per policy, the ingress deny-all is appended before the egress one whatever the order of
 * `policyTypes` (`create_firewall_policy`). A port without `protocol` is TCP: the API server
 * defaults it (kubernetes `SetDefaults_NetworkPolicyPort`) before kube-manager reads the object,
 * so `ports_parser`'s fallback to `any` never applies.
 * Guarantees: pure and deterministic; `notes` lists every lossy translation it made, and
 * `deviations` the same as structured records (policy, cause, rule, peer, port).
 */
import type { Cluster, LabelSelector, NetworkPolicy, PolicyPeer, PolicyPort, PolicyRule } from '../model/types.js';
import { qualifiedName } from '../model/types.js';
import { policyCreationOrder } from './compile.js';
import { appendAll } from '../model/append-all.js';

export type ContrailEndpoint =
  | { readonly kind: 'any' }
  | { readonly kind: 'tags'; readonly tags: readonly string[] }
  | { readonly kind: 'address-group'; readonly cidr: string };

export type ContrailService =
  | { readonly kind: 'any' }
  | { readonly kind: 'ports'; readonly protocol: 'tcp' | 'udp' | 'sctp'; readonly start: number; readonly end: number }
  | { readonly kind: 'named-port'; readonly protocol: 'tcp' | 'udp' | 'sctp'; readonly name: string };

/** What in kube-manager's translation makes a rule (or a dropped part of one) differ from the spec. */
export type TranslationCause =
  | 'target-match-expressions'
  | 'peer-match-expressions'
  | 'named-port'
  | 'except-deny'
  | 'empty-namespace-selector'
  | 'empty-pod-selector'
  | 'namespace-labels-as-tags'
  | 'end-port'
  | 'sctp-port';

/** One lossy translation, located in its NetworkPolicy (indexes null where they do not apply). */
export interface ContrailDeviation {
  readonly policy: string;
  readonly cause: TranslationCause;
  readonly direction: 'ingress' | 'egress' | null;
  readonly ruleIndex: number | null;
  readonly peerIndex: number | null;
  readonly portIndex: number | null;
  /** What kube-manager does instead, one sentence. */
  readonly message: string;
}

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
  /** For a k8s-denyall rule: the NetworkPolicy (`ns/name`) and direction it isolates. */
  readonly isolates?: { readonly policy: string; readonly direction: 'ingress' | 'egress' };
  /** Lossy translations this rule carries (absent when none). */
  readonly causes?: readonly TranslationCause[];
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
  /** The same, structured. */
  readonly deviations: readonly ContrailDeviation[];
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

/** Where the translation of one NetworkPolicy records its deviations. */
interface Ctx {
  readonly policy: string;
  readonly namespace: string;
  readonly notes: string[];
  readonly deviations: ContrailDeviation[];
  /** Label keys some namespace carries / some pod carries (tags are one flat space in Contrail). */
  readonly namespaceKeys: ReadonlySet<string>;
  readonly podKeys: ReadonlySet<string>;
}

interface Where {
  readonly direction: 'ingress' | 'egress' | null;
  readonly ruleIndex: number | null;
  readonly peerIndex: number | null;
  readonly portIndex: number | null;
}

const NOWHERE: Where = { direction: null, ruleIndex: null, peerIndex: null, portIndex: null };

function deviate(ctx: Ctx, cause: TranslationCause, where: Where, message: string): TranslationCause {
  ctx.notes.push(`${ctx.policy}: ${message}`);
  ctx.deviations.push({ policy: ctx.policy, cause, ...where, message });
  return cause;
}

function hasExpressions(selector: LabelSelector): boolean {
  return selector.matchExpressions.length > 0;
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

function tagKeys(tags: readonly string[]): string[] {
  return tags.map((t) => t.slice(0, t.indexOf('='))).filter((k) => k !== 'namespace');
}

interface PeerEndpoint {
  readonly name: string;
  readonly endpoint: ContrailEndpoint;
  readonly action: 'pass' | 'deny';
  readonly peerIndex: number | null;
  readonly causes: readonly TranslationCause[];
}

/** `spec_parser`: one peer -> zero or more named endpoints. */
function peerEndpoints(peer: PolicyPeer, index: number, prefix: string, ctx: Ctx, rule: Where): PeerEndpoint[] {
  const out: PeerEndpoint[] = [];
  const where: Where = { ...rule, peerIndex: index };
  if (peer.kind === 'ipBlock') {
    for (const cidr of peer.except) {
      const cause = deviate(ctx, 'except-deny', where, `ipBlock except ${cidr} becomes a deny rule that ends evaluation: ${cidr} is denied even where another policy allows it`);
      out.push({ name: `${prefix}-ipBlock-${index}-${cidr}`, endpoint: { kind: 'address-group', cidr }, action: 'deny', peerIndex: index, causes: [cause] });
    }
    out.push({ name: `${prefix}-ipBlock-${index}-cidr-${peer.cidr}`, endpoint: { kind: 'address-group', cidr: peer.cidr }, action: 'pass', peerIndex: index, causes: [] });
    return out;
  }
  const causes: TranslationCause[] = [];
  let nsTags: string[] = [];
  let passNeeded = false;
  let kindName = '';
  const ns = peer.namespaceSelector;
  if (ns) {
    kindName = 'namespaceSelector';
    if (isEmpty(ns)) {
      causes.push(deviate(ctx, 'empty-namespace-selector', where, `the empty namespaceSelector of peer ${index} is falsy in spec_parser and produces no endpoint${peer.podSelector ? '' : ': the peer is dropped'}`));
    } else {
      nsTags = selectorTags(ns, null);
      if (hasExpressions(ns)) {
        causes.push(deviate(ctx, 'peer-match-expressions', where, `the namespaceSelector matchExpressions of peer ${index} become the tags ${nsTags.join(', ') || '(none: any)'} (In and NotIn alike, last value wins; Exists and DoesNotExist are dropped)`));
      }
      const overlap = tagKeys(nsTags).filter((k) => ctx.podKeys.has(k));
      if (overlap.length > 0) {
        causes.push(deviate(ctx, 'namespace-labels-as-tags', where, `the namespaceSelector ${nsTags.join(', ')} of peer ${index} also matches pods labelled so in any namespace (pod and namespace labels are one tag space)`));
      }
      if (ns.matchExpressions[0]?.operator === 'NotIn') {
        out.push({ name: `${prefix}-namespaceSelector-${index}-${nsTags[0] ?? ''}`, endpoint: endpointOf(nsTags), action: 'deny', peerIndex: index, causes });
        out.push({ name: `${prefix}-namespaceSelector-${index}`, endpoint: { kind: 'any' }, action: 'pass', peerIndex: index, causes });
        deviate(ctx, 'peer-match-expressions', where, `the NotIn namespaceSelector of peer ${index} becomes deny ${nsTags[0] ?? ''} then pass any`);
      } else passNeeded = true;
    }
  }
  let podTags: string[] = [];
  const ps = peer.podSelector;
  if (ps) {
    kindName = 'podSelector';
    passNeeded = true;
    if (isEmpty(ps)) {
      podTags = [`namespace=${ctx.namespace}`];
      if (ns && !isEmpty(ns)) {
        causes.push(deviate(ctx, 'empty-pod-selector', where, `the empty podSelector next to the namespaceSelector of peer ${index} becomes namespace=${ctx.namespace}: only pods of ${ctx.namespace} (if it carries those labels) match, not every pod of the selected namespaces`));
      } else if (ns) {
        causes.push(deviate(ctx, 'empty-pod-selector', where, `peer ${index} (empty namespaceSelector and empty podSelector) becomes namespace=${ctx.namespace}: only pods of ${ctx.namespace} match, not every pod`));
      }
    } else {
      podTags = selectorTags(ps, ns ? null : ctx.namespace);
      if (hasExpressions(ps)) {
        causes.push(deviate(ctx, 'peer-match-expressions', where, `the podSelector matchExpressions of peer ${index} become the tags ${podTags.join(', ') || '(none: any)'} (In and NotIn alike, last value wins; Exists and DoesNotExist are dropped)`));
      }
      const overlap = podTags.filter((t) => ctx.namespaceKeys.has(t.slice(0, t.indexOf('='))) && !t.startsWith('namespace='));
      if (overlap.length > 0) {
        causes.push(deviate(ctx, 'namespace-labels-as-tags', where, `the podSelector ${podTags.join(', ')} of peer ${index} also matches every pod of a namespace labelled ${overlap.join(', ')} (pods carry their namespace's labels as tags)`));
      }
    }
  }
  if (passNeeded) out.push({ name: `${prefix}-${kindName}-${index}`, endpoint: endpointOf([...nsTags, ...podTags]), action: 'pass', peerIndex: index, causes });
  return out;
}

function serviceOf(port: PolicyPort, ctx: Ctx, where: Where): [ContrailService, TranslationCause[]] {
  const protocol = port.protocol.toLowerCase() as 'tcp' | 'udp' | 'sctp';
  if (typeof port.port === 'string') {
    return [{ kind: 'named-port', protocol, name: port.port }, [deviate(ctx, 'named-port', where, `the named port ${port.protocol}/${port.port} is copied as a port number by ports_parser and matches nothing`)]];
  }
  if (port.port === undefined) return [{ kind: 'ports', protocol, start: 0, end: 65535 }, []];
  const causes: TranslationCause[] = [];
  if (port.endPort !== undefined && port.endPort > port.port) {
    causes.push(deviate(ctx, 'end-port', where, `endPort ${port.endPort} is dropped: only port ${port.port} is allowed, not ${port.port}-${port.endPort}`));
  }
  if (protocol === 'sctp') {
    causes.push(deviate(ctx, 'sctp-port', where, `SCTP port ${port.port}: the agent matches SCTP with port 0 (FlowEntry::SetPacketHeader keeps ports for TCP and UDP only), so this rule matches no SCTP traffic`));
  }
  return [{ kind: 'ports', protocol, start: port.port, end: port.port }, causes];
}

type UnnumberedRule = Omit<FirewallRule, 'sequence'>;

function directionRules(policy: NetworkPolicy, direction: 'ingress' | 'egress', rule: PolicyRule, ruleIndex: number, targetTags: readonly string[], targetCauses: readonly TranslationCause[], ctx: Ctx): UnnumberedRule[] {
  const prefix = direction === 'ingress' ? `${policy.namespace}-ingress-${policy.name}-${ruleIndex}` : `${policy.namespace}-egress-${policy.name}`;
  const where: Where = { direction, ruleIndex, peerIndex: null, portIndex: null };
  let endpoints = rule.peers.flatMap((peer, i) => peerEndpoints(peer, i, prefix, ctx, where));
  if (endpoints.length === 0) {
    const dropped = rule.peers.length > 0;
    const causes = dropped ? [deviate(ctx, 'empty-namespace-selector', where, `${direction} rule ${ruleIndex} has no endpoint left and becomes ${prefix}-allow-all with any, which also admits node hosts and external addresses`)] : [];
    endpoints = [{ name: `${prefix}-allow-all`, endpoint: { kind: 'any' }, action: 'pass', peerIndex: null, causes }];
  }
  const services: [ContrailService, number | null, TranslationCause[]][] =
    rule.ports.length === 0 ? [[{ kind: 'any' }, null, []]] : rule.ports.map((p, i) => [...serviceOf(p, ctx, { ...where, portIndex: i }), i]).map(([svc, causes, i]) => [svc as ContrailService, i as number, causes as TranslationCause[]]);
  const target = endpointOf(targetTags);
  return endpoints.flatMap((ep) =>
    services.map(([service, portIndex, serviceCauses], serviceIndex) => {
      const causes = [...new Set([...targetCauses, ...ep.causes, ...serviceCauses])];
      return {
        name: `${ep.name}-${serviceIndex}`,
        action: ep.action,
        service,
        endpoint1: direction === 'ingress' ? ep.endpoint : target,
        direction: '>' as const,
        endpoint2: direction === 'ingress' ? target : ep.endpoint,
        origin: { policy: qualifiedName(policy), direction, ruleIndex, peerIndex: ep.peerIndex, portIndex },
        ...(causes.length > 0 ? { causes } : {}),
      };
    }),
  );
}

function numbered(rules: readonly UnnumberedRule[], first: number): FirewallRule[] {
  return rules.map((r, i) => ({ sequence: sequenceText(first + i), ...r }));
}

/** Target tags: matchLabels + namespace=<ns> (`_get_np_pod_selector`; matchExpressions ignored). */
function targetTags(policy: NetworkPolicy, ctx: Ctx): [string[], TranslationCause[]] {
  const labels = Object.entries(policy.podSelector.matchLabels).map(([k, v]) => `${k}=${v}`);
  const causes: TranslationCause[] = [];
  if (hasExpressions(policy.podSelector)) {
    const which = labels.length === 0 ? `every pod of namespace ${policy.namespace}` : `every pod of namespace ${policy.namespace} with ${labels.join(', ')}`;
    causes.push(deviate(ctx, 'target-match-expressions', NOWHERE, `matchExpressions in the target selector are ignored by kube-manager; this policy selects ${which}`));
  }
  const overlap = labels.filter((t) => ctx.namespaceKeys.has(t.slice(0, t.indexOf('='))));
  if (overlap.length > 0) {
    causes.push(deviate(ctx, 'namespace-labels-as-tags', NOWHERE, `the target ${labels.join(', ')} also selects every pod of ${policy.namespace} when the namespace is labelled ${overlap.join(', ')} (pods carry their namespace's labels as tags)`));
  }
  return [[...labels, `namespace=${policy.namespace}`], causes];
}

/** NetworkPolicies in creation order: the loader's `order`, else array order. */
export function policiesInCreationOrder(cluster: Cluster): NetworkPolicy[] {
  return cluster.policies
    .map((policy, i) => ({ policy, order: policyCreationOrder(policy, i), i }))
    .sort((a, b) => a.order - b.order || a.i - b.i)
    .map((x) => x.policy);
}

export function buildContrailView(cluster: Cluster, clusterName = 'k8s'): ContrailView {
  const notes: string[] = [];
  const deviations: ContrailDeviation[] = [];
  const namespaceKeys = new Set(cluster.namespaces.flatMap((n) => Object.keys(n.labels)));
  const podKeys = new Set(cluster.pods.flatMap((p) => Object.keys(p.labels)));
  const ordered = policiesInCreationOrder(cluster);
  const firewallPolicies: FirewallPolicy[] = [
    { sequence: sequenceText(INGRESS_LB_SEQUENCE), name: `${clusterName}-Ingress`, role: 'ingress-lb', networkPolicy: null, rules: [] },
  ];
  const denyRules: UnnumberedRule[] = [];
  ordered.forEach((policy, i) => {
    const qn = qualifiedName(policy);
    const ctx: Ctx = { policy: qn, namespace: policy.namespace, notes, deviations, namespaceKeys, podKeys };
    const [target, targetCauses] = targetTags(policy, ctx);
    const targetExtra = targetCauses.length > 0 ? { causes: targetCauses } : {};
    const rules: UnnumberedRule[] = [];
    const types = new Set(policy.policyTypes);
    for (const type of policy.policyTypes) {
      if (type === 'Ingress') policy.ingress.forEach((rule, r) => appendAll(rules, directionRules(policy, 'ingress', rule, r, target, targetCauses, ctx)));
      else policy.egress.forEach((rule, r) => appendAll(rules, directionRules(policy, 'egress', rule, r, target, targetCauses, ctx)));
    }
    // create_firewall_policy appends the ingress deny-all, then the egress one.
    if (types.has('Ingress')) {
      denyRules.push({ name: `${policy.namespace}-ingress-${policy.name}-denyall`, action: 'deny', service: { kind: 'any' }, endpoint1: { kind: 'any' }, direction: '>', endpoint2: endpointOf(target), origin: null, isolates: { policy: qn, direction: 'ingress' }, ...targetExtra });
    }
    if (types.has('Egress')) {
      denyRules.push({ name: `${policy.namespace}-egress-${policy.name}-default-deny-all`, action: 'deny', service: { kind: 'any' }, endpoint1: endpointOf(target), direction: '>', endpoint2: { kind: 'any' }, origin: null, isolates: { policy: qn, direction: 'egress' }, ...targetExtra });
    }
    firewallPolicies.push({
      sequence: sequenceText(FIRST_NP_SEQUENCE + 2 * i),
      name: `${clusterName}-${policy.namespace}-${policy.name}`,
      role: 'network-policy',
      networkPolicy: qn,
      rules: numbered(rules, 0),
    });
  });
  const denyAllSequence = FIRST_NP_SEQUENCE + 2 * ordered.length;
  firewallPolicies.push({ sequence: sequenceText(denyAllSequence), name: `${clusterName}-denyall`, role: 'denyall', networkPolicy: null, rules: numbered(denyRules, 1) });
  const allowRules = cluster.namespaces.flatMap((ns): UnnumberedRule[] => [
    { name: `${clusterName}-Namespace-${ns.name}-ingress`, action: 'pass', service: { kind: 'any' }, endpoint1: { kind: 'any' }, direction: '>', endpoint2: { kind: 'tags', tags: [`namespace=${ns.name}`] }, origin: null },
    { name: `${clusterName}-Namespace-${ns.name}-egress`, action: 'pass', service: { kind: 'any' }, endpoint1: { kind: 'tags', tags: [`namespace=${ns.name}`] }, direction: '>', endpoint2: { kind: 'any' }, origin: null },
  ]);
  firewallPolicies.push({ sequence: sequenceText(denyAllSequence + 1), name: `${clusterName}-allowall`, role: 'allowall', networkPolicy: null, rules: numbered(allowRules, 1) });
  return { applicationPolicySet: clusterName, firewallPolicies, notes: [...new Set(notes)], deviations };
}
