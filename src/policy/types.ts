/**
 * The policy layer's public contract: a connection in, a verdict with its explanation out.
 *
 * Words follow the book (chapter 3): an *explicit policy* rule allows the traffic; a pod that
 * some policy selects in a direction gets the *implicit deny-all* for everything its policies do
 * not allow; a pod no policy selects in a direction keeps the *implicit allow-all*.
 */
import type { Endpoint, L4Protocol } from '../model/types.js';

/** ICMP (and ICMPv6) is not nameable in NetworkPolicy: only rules without `ports` match it. */
export type Protocol = L4Protocol | 'ICMP';

export interface Connection {
  readonly src: Endpoint;
  readonly dst: Endpoint;
  readonly protocol: Protocol;
  /** Destination port (0 for ICMP). */
  readonly port: number;
}

/** Which rule of which policy allowed a connection on one side. Indexes are 0-based, in YAML order. */
export interface RuleRef {
  /** `namespace/name` of the NetworkPolicy. */
  readonly policy: string;
  readonly direction: 'ingress' | 'egress';
  readonly ruleIndex: number;
  /** Index in `from`/`to`, or null when the rule has no peers (every peer). */
  readonly peerIndex: number | null;
  /** Index in `ports`, or null when the rule has no ports (every port and protocol). */
  readonly portIndex: number | null;
}

/**
 * The verdict of one side: egress of the source, ingress of the destination.
 * - `not-isolated`: no policy selects the pod in this direction (implicit allow-all).
 * - `allowed`: isolated by `isolatedBy`, and these explicit rules allow the connection.
 * - `denied`: isolated by `isolatedBy` and no rule of those policies matches (implicit deny-all).
 * - `not-a-pod`: a node host or external address; NetworkPolicy does not restrict it.
 */
export type SideVerdict =
  | { readonly kind: 'not-isolated' }
  | { readonly kind: 'allowed'; readonly isolatedBy: readonly string[]; readonly allowedBy: readonly RuleRef[] }
  | { readonly kind: 'denied'; readonly isolatedBy: readonly string[] }
  | { readonly kind: 'not-a-pod' };

export interface Decision {
  readonly allowed: boolean;
  readonly egress: SideVerdict;
  readonly ingress: SideVerdict;
}

/**
 * Added by the policy engine (append-only): `Decision` (merged declaration) may carry `selfTraffic: true` when the
 * source and destination are the same pod — allowed regardless of policy (a pod can always
 * reach itself); the side verdicts then still show what the policies alone would say.
 */
export interface Decision {
  readonly selfTraffic?: boolean;
}
