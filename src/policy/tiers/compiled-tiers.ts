/**
 * The compiled form of a cluster's ClusterNetworkPolicies: per pod and direction, the Admin and
 * the Baseline tier's rules in evaluation order (policies by priority, then kind, then name;
 * rules as written), flat and index-based like the NetworkPolicy matchers (`../compiled.ts`).
 *
 * Layout (what the hot path touches): a rule's peers are one pod bitset (namespaces and pods
 * peers; host-network pods are never in it) plus address prefixes (`networks` CIDRs and the
 * InternalIPs of the nodes its `nodes` peers select, as host prefixes); ports are CompiledPorts
 * where `protocol` -1 means a destination named port of any protocol. `action` is the
 * effective one: a rule with a peer that sets no known field fails closed (Accept: matches
 * nothing; Deny/Pass: denies everything, as the API's ClusterNetworkPolicyEgressPeer says).
 * Guarantees: built only by `compileTiers`; immutable afterwards.
 */
import type { ClusterNetworkPolicy, CnpAction, CnpTier } from '../../model/cluster-network-policy.js';
import type { Bitset } from '../bitset.js';
import type { CompiledPort } from '../compiled.js';
import type { IpPrefix } from '../ip-prefix.js';

export const ACTION_ACCEPT = 0;
export const ACTION_DENY = 1;
export const ACTION_PASS = 2;

/** Protocol of a compiled destination named port: the container port's own protocol decides. */
export const ANY_PROTOCOL = -1;

export type MatchMode =
  /** Peers and ports decide. */
  | 'normal'
  /** Fail closed, Deny/Pass rule: every connection matches, and the action is Deny. */
  | 'all'
  /** Fail closed, Accept rule; or only domainNames peers (not simulated): nothing matches. */
  | 'none';

export interface CompiledTierRule {
  /** Index of the policy in `CompiledTiers.policies` (evaluation order). */
  readonly policyIndex: number;
  /** `cnp/<name>` (or `anp/`, `banp/`). */
  readonly policy: string;
  readonly tier: CnpTier;
  readonly direction: 'ingress' | 'egress';
  readonly ruleIndex: number;
  readonly ruleName: string;
  readonly writtenAction: CnpAction;
  /** ACTION_ACCEPT / ACTION_DENY / ACTION_PASS, after fail-closed. */
  readonly action: number;
  readonly mode: MatchMode;
  readonly peerPods: Bitset;
  readonly prefixes: readonly IpPrefix[];
  /** Per written peer, for explanations: its pods and prefixes (null for domainNames/unknown). */
  readonly peers: readonly ({ readonly pods: Bitset | null; readonly prefixes: readonly IpPrefix[] } | null)[];
  /** No `protocols`: every protocol and port, ICMP included. */
  readonly anyPort: boolean;
  readonly ports: readonly CompiledPort[];
}

export interface CompiledTiers {
  /** The policies in evaluation order (Admin and Baseline mixed; each rule names its tier). */
  readonly policies: readonly ClusterNetworkPolicy[];
  /** Per pod (cluster order): the rules that apply to it as subject, in evaluation order. */
  readonly adminIngress: readonly (readonly CompiledTierRule[])[];
  readonly adminEgress: readonly (readonly CompiledTierRule[])[];
  readonly baselineIngress: readonly (readonly CompiledTierRule[])[];
  readonly baselineEgress: readonly (readonly CompiledTierRule[])[];
  /** Per policy (evaluation order): the pods its subject selects. */
  readonly subjects: readonly Bitset[];
}
