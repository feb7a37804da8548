/**
 * The tiered decision's public contract: per direction, the chain of tiers that looked at a
 * connection and what each said, in the order they were consulted (Admin -> NetworkPolicy ->
 * Baseline -> the default allow), as Policy Assistant's walkthrough shows it.
 */
import type { CnpAction, CnpTier } from '../../model/cluster-network-policy.js';
import type { Decision, SideVerdict } from '../types.js';

export type TierStep =
  /** A ClusterNetworkPolicy rule matched (the first in its tier): Accept, Deny or Pass. */
  | {
      readonly kind: 'cluster';
      readonly tier: CnpTier;
      /** The effective action (a fail-closed Pass rule denies). */
      readonly action: CnpAction;
      readonly policy: string;
      readonly priority: number;
      readonly direction: 'ingress' | 'egress';
      readonly ruleIndex: number;
      readonly ruleName: string;
      /** Index in from/to of the first matching peer; null when the rule failed closed (matches all). */
      readonly peerIndex: number | null;
      /** Index in protocols of the first matching entry; null when the rule has none. */
      readonly portIndex: number | null;
      readonly failClosed: boolean;
    }
  /** NetworkPolicy selects the pod in this direction and decides (allowed or implicit deny-all). */
  | { readonly kind: 'networkpolicy'; readonly verdict: Extract<SideVerdict, { kind: 'allowed' | 'denied' }> }
  /** No tier decided: the default (allow). */
  | { readonly kind: 'default' }
  /** A node host or external address: no tier applies to it. */
  | { readonly kind: 'not-a-pod' };

export interface TieredSide {
  readonly allowed: boolean;
  readonly steps: readonly TierStep[];
}

export interface TieredDecision {
  readonly allowed: boolean;
  readonly egress: TieredSide;
  readonly ingress: TieredSide;
  /** Source and destination are the same pod: only the Admin tier applies (see evaluate-tiers.ts). */
  readonly selfTraffic?: boolean;
  /** What NetworkPolicy alone says (its sides' verdicts with the matching rules). */
  readonly networkPolicy: Decision;
}
