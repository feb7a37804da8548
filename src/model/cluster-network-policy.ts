/**
 * ClusterNetworkPolicy (policy.networking.k8s.io/v1alpha2, network-policy-api v0.2.0) as
 * validated, typed records: the Admin and Baseline tiers around NetworkPolicy.
 *
 * The deprecated v1alpha1 AdminNetworkPolicy / BaselineAdminNetworkPolicy load into the same
 * record (`origin` says which kind was written): an ANP is the Admin tier with its priority,
 * the BANP the Baseline tier; their `Allow` is `Accept`. Every record keeps its `SourceRef`.
 * Nothing here depends on other layers.
 */
import type { L4Protocol, LabelSelector, SourceRef } from './types.js';

export type CnpTier = 'Admin' | 'Baseline';
export type CnpAction = 'Accept' | 'Deny' | 'Pass';
export type CnpKind = 'ClusterNetworkPolicy' | 'AdminNetworkPolicy' | 'BaselineAdminNetworkPolicy';

/** Who the policy applies to (host-network pods never are). */
export type CnpSubject =
  | { readonly kind: 'namespaces'; readonly namespaceSelector: LabelSelector }
  | { readonly kind: 'pods'; readonly namespaceSelector: LabelSelector; readonly podSelector: LabelSelector };

/**
 * One entry of `from`/`to`. `unknown` is a peer written with none of the fields vrsim knows
 * (an object made against a newer CRD): the API says to fail closed (see the tier evaluator).
 */
export type CnpPeer =
  | { readonly kind: 'namespaces'; readonly namespaceSelector: LabelSelector; readonly source: SourceRef }
  | { readonly kind: 'pods'; readonly namespaceSelector: LabelSelector; readonly podSelector: LabelSelector; readonly source: SourceRef }
  | { readonly kind: 'nodes'; readonly nodeSelector: LabelSelector; readonly source: SourceRef }
  | { readonly kind: 'networks'; readonly cidrs: readonly string[]; readonly source: SourceRef }
  | { readonly kind: 'domainNames'; readonly domainNames: readonly string[]; readonly source: SourceRef }
  | { readonly kind: 'unknown'; readonly fields: readonly string[]; readonly source: SourceRef };

/** One `protocols` entry: a port or inclusive range of a protocol, or a container port name (any protocol). */
export type CnpPort =
  | { readonly kind: 'port'; readonly protocol: L4Protocol; readonly low: number; readonly high: number; readonly source: SourceRef }
  | { readonly kind: 'named'; readonly name: string; readonly source: SourceRef };

export interface CnpRule {
  /** `name` as written ('' when absent). */
  readonly name: string;
  readonly action: CnpAction;
  readonly peers: readonly CnpPeer[];
  /** Empty = every protocol and port (ICMP included). */
  readonly ports: readonly CnpPort[];
  readonly source: SourceRef;
}

export interface ClusterNetworkPolicy {
  readonly name: string;
  readonly origin: CnpKind;
  readonly tier: CnpTier;
  /** 0-1000, lower first. A BaselineAdminNetworkPolicy has none and gets 0. */
  readonly priority: number;
  readonly subject: CnpSubject;
  readonly ingress: readonly CnpRule[];
  readonly egress: readonly CnpRule[];
  readonly source: SourceRef;
}

/** How explanations name a cluster policy: `cnp/<name>`, `anp/<name>`, `banp/<name>`. */
export function clusterPolicyName(policy: Pick<ClusterNetworkPolicy, 'name' | 'origin'>): string {
  const prefix = policy.origin === 'ClusterNetworkPolicy' ? 'cnp' : policy.origin === 'AdminNetworkPolicy' ? 'anp' : 'banp';
  return `${prefix}/${policy.name}`;
}
