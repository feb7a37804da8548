/**
 * Under `semantics: contrail`: contrail-kube-manager never translated ClusterNetworkPolicy (nor
 * the v1alpha1 Admin/Baseline policies) into firewall policies — its vnc_security_policy.py
 * knows networking.k8s.io NetworkPolicies only — so the Contrail decision leaves them out.
 * One warning per manifest file that holds any, at the first, naming them all.
 */
import { clusterPolicyName } from '../../model/cluster-network-policy.js';
import type { Cluster, Diagnostic } from '../../model/types.js';

export function clusterTierContrailWarnings(cluster: Cluster): Diagnostic[] {
  const byFile = new Map<string, { line: number; names: string[] }>();
  for (const policy of cluster.clusterPolicies ?? []) {
    const entry = byFile.get(policy.source.file) ?? { line: policy.source.line, names: [] };
    entry.line = Math.min(entry.line, policy.source.line);
    entry.names.push(clusterPolicyName(policy));
    byFile.set(policy.source.file, entry);
  }
  return [...byFile.entries()].map(([file, { line, names }]) => ({
    severity: 'warning' as const, file, line, path: '',
    message: `kube-manager never translated cluster network policies into Contrail firewall policies: ${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} left out of the Contrail decision (semantics: contrail); run with semantics kubernetes to see the tiers`,
  }));
}
