/**
 * The tier view behind `explain` when a cluster has ClusterNetworkPolicies: the policies in
 * evaluation order with the pods each subject selects, and per pod and direction the chain of
 * tiers that applies to it — its Admin rules in order, whether NetworkPolicy selects it, its
 * Baseline rules (not reached when NetworkPolicy decides).
 *
 * Guarantees: plain JSON-serialisable data; deterministic order (pods in cluster order,
 * policies in evaluation order, rules as written).
 */
import type { CnpRule } from '../../model/cluster-network-policy.js';
import { clusterPolicyName } from '../../model/cluster-network-policy.js';
import { qualifiedName, type Pod } from '../../model/types.js';
import { bitsetIndexes } from '../bitset.js';
import type { CompiledPolicies } from '../compiled.js';
import { selectorText } from '../selector.js';
import type { CompiledTierRule, CompiledTiers } from './compiled-tiers.js';
import { cnpPeerText, cnpPortText } from './tier-text.js';

export interface TierPolicySummary {
  readonly policy: string;
  readonly tier: 'Admin' | 'Baseline';
  readonly priority: number;
  readonly subject: string;
  readonly selects: readonly string[];
}

export interface TierRuleEntry {
  readonly policy: string;
  readonly priority: number;
  readonly ruleIndex: number;
  readonly ruleName: string;
  /** The effective action (a fail-closed Deny/Pass rule denies everything). */
  readonly action: 'Accept' | 'Deny' | 'Pass';
  readonly peers: readonly string[];
  /** Empty = every protocol and port. */
  readonly ports: readonly string[];
  readonly note?: string;
}

export interface TierDirection {
  readonly admin: readonly TierRuleEntry[];
  /** The NetworkPolicies isolating the pod in this direction (empty = not isolated). */
  readonly networkPolicy: readonly string[];
  /** Baseline rules; not reached when `networkPolicy` is non-empty. */
  readonly baseline: readonly TierRuleEntry[];
}

export interface PodTiers {
  readonly pod: string;
  readonly hostNetwork: boolean;
  readonly ingress: TierDirection;
  readonly egress: TierDirection;
}

export interface TierView {
  readonly policies: readonly TierPolicySummary[];
  readonly pods: readonly PodTiers[];
}

const LIMIT = 10;

function entry(t: CompiledTiers, rule: CompiledTierRule): TierRuleEntry {
  const policy = t.policies[rule.policyIndex]!;
  const written: CnpRule = (rule.direction === 'ingress' ? policy.ingress : policy.egress)[rule.ruleIndex]!;
  const note = rule.mode === 'all' ? 'fails closed (a peer sets no known field): denies every connection'
    : rule.mode === 'none' ? (written.peers.some((p) => p.kind === 'unknown') ? 'fails closed (a peer sets no known field): matches nothing' : 'domainNames only: not simulated, matches nothing')
      : undefined;
  return {
    policy: rule.policy, priority: policy.priority, ruleIndex: rule.ruleIndex, ruleName: rule.ruleName,
    action: rule.action === 0 ? 'Accept' : rule.action === 1 ? 'Deny' : 'Pass',
    peers: written.peers.map(cnpPeerText), ports: written.ports.map(cnpPortText),
    ...(note === undefined ? {} : { note }),
  };
}

function direction(t: CompiledTiers, np: CompiledPolicies, pod: number, d: 'ingress' | 'egress'): TierDirection {
  const isolating = (d === 'ingress' ? np.ingressPolicies : np.egressPolicies)[pod]!.map((i) => np.policyNames[i]!);
  return {
    admin: (d === 'ingress' ? t.adminIngress : t.adminEgress)[pod]!.map((r) => entry(t, r)),
    networkPolicy: isolating,
    baseline: (d === 'ingress' ? t.baselineIngress : t.baselineEgress)[pod]!.map((r) => entry(t, r)),
  };
}

export function buildTierView(t: CompiledTiers, np: CompiledPolicies): TierView {
  const pods = np.cluster.pods;
  const names = (indexes: number[]): string[] => {
    const all = indexes.map((i) => qualifiedName(pods[i] as Pod));
    return all.length > LIMIT ? [...all.slice(0, LIMIT), `(+${all.length - LIMIT} more)`] : all;
  };
  return {
    policies: t.policies.map((p, i) => ({
      policy: clusterPolicyName(p), tier: p.tier, priority: p.priority,
      subject: p.subject.kind === 'namespaces' ? `namespaces {${selectorText(p.subject.namespaceSelector)}}` : `pods {${selectorText(p.subject.namespaceSelector)}} / {${selectorText(p.subject.podSelector)}}`,
      selects: names(bitsetIndexes(t.subjects[i]!)),
    })).sort((a, b) => (a.tier === b.tier ? 0 : a.tier === 'Admin' ? -1 : 1)),
    pods: pods.map((pod, i) => ({ pod: qualifiedName(pod), hostNetwork: pod.hostNetwork, ingress: direction(t, np, i, 'ingress'), egress: direction(t, np, i, 'egress') })),
  };
}
