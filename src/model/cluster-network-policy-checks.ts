/**
 * Cluster-wide checks of ClusterNetworkPolicies that no single object shows.
 *
 * Two policies of one tier with the same priority: the API leaves their relative order
 * undefined ("the implementation can apply any of the matching policies", apis/v1alpha2
 * clusternetworkpolicy_types.go, Priority). vrsim orders them by name (kind first: cnp, then
 * the v1alpha1 anp/banp) so its verdicts are deterministic, and warns once per pair that
 * involves a newly loaded policy, at the later one.
 */
import type { ClusterNetworkPolicy } from './cluster-network-policy.js';
import { clusterPolicyName } from './cluster-network-policy.js';
import type { Diagnostic } from './types.js';

export function warnSamePriority(policies: readonly ClusterNetworkPolicy[], fresh: ReadonlySet<string>, diagnostics: Diagnostic[]): void {
  const seen = new Map<string, ClusterNetworkPolicy>();
  const key = (p: ClusterNetworkPolicy): string => `${p.origin}/${p.name}`;
  for (const policy of [...policies].sort((a, b) => evaluationOrder(a, b))) {
    const slot = `${policy.tier}/${policy.priority}`;
    const first = seen.get(slot);
    if (first === undefined) {
      seen.set(slot, policy);
      continue;
    }
    if (!fresh.has(key(policy)) && !fresh.has(key(first))) continue;
    diagnostics.push({
      severity: 'warning', file: policy.source.file, line: policy.source.line, path: 'spec.priority',
      message: `${clusterPolicyName(policy)} has the same ${policy.tier} priority ${policy.priority} as ${clusterPolicyName(first)} (${first.source.file}:${first.source.line}): the API leaves their order undefined; vrsim evaluates ${clusterPolicyName(first)} first (by name)`,
    });
  }
}

const KIND_RANK: Readonly<Record<ClusterNetworkPolicy['origin'], number>> = { ClusterNetworkPolicy: 0, AdminNetworkPolicy: 1, BaselineAdminNetworkPolicy: 2 };

/** The order vrsim evaluates one tier's policies in: priority, then kind, then name. */
export function evaluationOrder(a: ClusterNetworkPolicy, b: ClusterNetworkPolicy): number {
  if (a.priority !== b.priority) return a.priority - b.priority;
  if (a.origin !== b.origin) return KIND_RANK[a.origin] - KIND_RANK[b.origin];
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
