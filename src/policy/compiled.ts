/**
 * The compiled form of a cluster's NetworkPolicies: flat, index-based matchers per pod.
 *
 * Layout (what the hot path touches):
 * - pods are numbered 0..n-1 in `cluster.pods` order; -1 means "not a pod" (host/external);
 * - `ingressIsolated[pod]` / `egressIsolated[pod]` are 0/1 flags;
 * - `ingressRules[pod]` / `egressRules[pod]` are the union of the rules of every policy that
 *   selects the pod in that direction, policies in `ns/name` order, rules in YAML order.
 *   Rule objects are shared between the pods a policy selects, never copied;
 * - a rule's peers are one pod bitset (union of its pod peers) plus its ipBlocks;
 * - a rule's ports are protocol numbers (IANA: TCP 6, UDP 17, SCTP 132) with inclusive
 *   port ranges, or an interned named-port id resolved against the destination pod.
 * Guarantees: built only by `compilePolicies`; immutable afterwards except the address
 * parse cache, which only ever memoises `parseIpWords`.
 */
import type { Cluster, Pod } from '../model/types.js';
import type { Bitset } from './bitset.js';
import type { IpPrefix, IpWords } from './ip-prefix.js';

export const PROTOCOL_ICMP = 1;
export const PROTOCOL_TCP = 6;
export const PROTOCOL_UDP = 17;
export const PROTOCOL_ICMPV6 = 58;
export const PROTOCOL_SCTP = 132;

export interface CompiledIpBlock {
  readonly cidr: IpPrefix | null;
  readonly except: readonly IpPrefix[];
}

/** One entry of `from`/`to`, kept for explanations (which peer matched). */
export type CompiledPeer =
  | { readonly kind: 'pods'; readonly pods: Bitset }
  | { readonly kind: 'ipBlock'; readonly block: CompiledIpBlock };

export interface CompiledPort {
  readonly protocol: number;
  /** Inclusive range; 0..65535 when the port is absent. Unused for named ports. */
  readonly low: number;
  readonly high: number;
  /** Interned name of a named port, or -1 for a numeric/absent port. */
  readonly namedPortId: number;
}

export interface CompiledRule {
  readonly policyIndex: number;
  /** `ns/name` of the policy. */
  readonly policy: string;
  readonly direction: 'ingress' | 'egress';
  readonly ruleIndex: number;
  /** Rule without peers: every peer. */
  readonly anyPeer: boolean;
  /** Union of the pod sets of every `pods` peer (empty bitset when there is none). */
  readonly peerPods: Bitset;
  readonly ipBlocks: readonly CompiledIpBlock[];
  readonly peers: readonly CompiledPeer[];
  /** Rule without ports: every port and protocol, ICMP included. */
  readonly anyPort: boolean;
  readonly ports: readonly CompiledPort[];
}

export interface CompiledPolicies {
  readonly cluster: Cluster;
  readonly podCount: number;
  readonly podIndexByName: ReadonlyMap<string, number>;
  readonly podIndexByObject: ReadonlyMap<Pod, number>;
  /** Per policy (cluster order): `ns/name`. */
  readonly policyNames: readonly string[];
  /** Per policy (cluster order): the pods its podSelector selects. */
  readonly policySelects: readonly Bitset[];
  readonly ingressIsolated: Uint8Array;
  readonly egressIsolated: Uint8Array;
  readonly ingressRules: readonly (readonly CompiledRule[])[];
  readonly egressRules: readonly (readonly CompiledRule[])[];
  /** Per pod: indexes of the policies isolating it, sorted by `ns/name`. */
  readonly ingressPolicies: readonly (readonly number[])[];
  readonly egressPolicies: readonly (readonly number[])[];
  /** Per pod: container ports as triples (namedPortId, protocol, port); unnamed ports omitted. */
  readonly podNamedPorts: readonly Int32Array[];
  readonly namedPortIds: ReadonlyMap<string, number>;
  /** Memo of parsed endpoint addresses (pod and node IPs are preloaded). */
  readonly addressCache: Map<string, IpWords | null>;
}
