/**
 * Why the Contrail decision and the Kubernetes decision of one connection disagree, as causes
 * named after docs/contrail-translation.md: the lossy translations kube-manager made on the
 * deciding firewall rule, or on the NetworkPolicy rules that allowed the connection in
 * Kubernetes (a named port, a dropped endPort, a vanished peer, ...); when neither carries one,
 * the evaluation model itself (one first-match list instead of "egress AND ingress"); and
 * ClusterNetworkPolicies, when their tier decided the Kubernetes verdict (never translated).
 * Guarantees: pure; at least one cause for every disagreement; causes in a fixed order.
 */
import type { ContrailMatch } from './contrail-evaluate.js';
import type { ContrailDeviation, ContrailView, TranslationCause } from './contrail-view.js';
import type { Decision, RuleRef } from './types.js';

export type DivergenceCause = TranslationCause | 'first-match' | 'cluster-network-policy';

/** Display order and the words users read. */
export const DIVERGENCE_CAUSES: readonly { readonly cause: DivergenceCause; readonly label: string }[] = [
  { cause: 'cluster-network-policy', label: 'ClusterNetworkPolicies, which kube-manager does not translate' },
  { cause: 'first-match', label: 'first match instead of egress AND ingress' },
  { cause: 'target-match-expressions', label: 'matchExpressions dropped from the target selector' },
  { cause: 'peer-match-expressions', label: 'matchExpressions turned into tags' },
  { cause: 'named-port', label: 'named ports' },
  { cause: 'except-deny', label: 'ipBlock except as a terminating deny' },
  { cause: 'empty-namespace-selector', label: 'empty namespaceSelector' },
  { cause: 'empty-pod-selector', label: 'empty podSelector next to a namespaceSelector' },
  { cause: 'namespace-labels-as-tags', label: 'namespace labels as pod tags' },
  { cause: 'end-port', label: 'endPort dropped' },
  { cause: 'sctp-port', label: 'SCTP ports matched as 0 by the agent' },
];

export function causeLabel(cause: DivergenceCause): string {
  return DIVERGENCE_CAUSES.find((c) => c.cause === cause)?.label ?? cause;
}

function sameOrUnset(a: number | null, b: number | null): boolean {
  return a === null || b === null || a === b;
}

function concerns(d: ContrailDeviation, ref: RuleRef): boolean {
  if (d.policy !== ref.policy) return false;
  if (d.direction === null) return true;
  return d.direction === ref.direction && d.ruleIndex === ref.ruleIndex && sameOrUnset(d.peerIndex, ref.peerIndex) && sameOrUnset(d.portIndex, ref.portIndex);
}

/**
 * The causes of one disagreement between `decision` (Kubernetes NetworkPolicy) and `match`
 * (Contrail's deciding rule). `tierDecided`: a ClusterNetworkPolicy tier (Admin or Baseline)
 * gave the Kubernetes verdict against what NetworkPolicy alone says; kube-manager translates
 * no ClusterNetworkPolicy, so that is the cause, whatever the NetworkPolicy translation did.
 */
export function divergenceCauses(view: ContrailView, decision: Decision, match: ContrailMatch | null, tierDecided = false): DivergenceCause[] {
  if (tierDecided) return ['cluster-network-policy'];
  const found = new Set<DivergenceCause>(match?.rule.causes ?? []);
  if (decision.allowed) {
    for (const side of [decision.egress, decision.ingress]) {
      if (side.kind !== 'allowed') continue;
      for (const ref of side.allowedBy) for (const d of view.deviations) if (concerns(d, ref)) found.add(d.cause);
    }
  }
  if (found.size === 0) found.add('first-match');
  return DIVERGENCE_CAUSES.map((c) => c.cause).filter((c) => found.has(c));
}
