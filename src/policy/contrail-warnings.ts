/**
 * Load-time warnings under `semantics: contrail`: one per NetworkPolicy that
 * contrail-kube-manager translates differently from the Kubernetes spec, located at the policy
 * and saying what kube-manager does instead (the view's deviations, joined).
 * Also one per manifest file with ClusterNetworkPolicies, which kube-manager never translated.
 * Guarantees: pure; one diagnostic per policy at most, ordered by file then line (as load warnings).
 */
import type { Cluster, Diagnostic } from '../model/types.js';
import { qualifiedName } from '../model/types.js';
import { buildContrailView } from './contrail-view.js';
import { clusterTierContrailWarnings } from './tiers/contrail-note.js';

export function contrailWarnings(cluster: Cluster): Diagnostic[] {
  const byPolicy = new Map<string, string[]>();
  for (const d of buildContrailView(cluster).deviations) {
    const list = byPolicy.get(d.policy) ?? [];
    if (!list.includes(d.message)) list.push(d.message);
    byPolicy.set(d.policy, list);
  }
  const out: Diagnostic[] = [];
  for (const policy of cluster.policies) {
    const messages = byPolicy.get(qualifiedName(policy));
    if (messages === undefined) continue;
    out.push({ severity: 'warning', file: policy.source.file, line: policy.source.line, path: 'spec', message: `${qualifiedName(policy)}: kube-manager translates this policy differently: ${messages.join('; ')}` });
  }
  out.push(...clusterTierContrailWarnings(cluster)); // ClusterNetworkPolicies: not translated at all
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
}
