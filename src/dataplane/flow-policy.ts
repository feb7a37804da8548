/**
 * The decision interface the vRouter agent calls for a new flow. The policy layer's engine is
 * adapted to it by the cluster simulation; the dataplane itself knows nothing of NetworkPolicy,
 * which keeps the flow table benchmarkable without any policy code.
 */
import type { IpAddr } from '../packet/types.js';

export interface FlowPolicy {
  /**
   * Whether a connection opened by `src` towards `dst` (IANA protocol number, destination
   * port; 0 for ICMP) is allowed. Called once per new flow; must not allocate.
   */
  allows(src: IpAddr, dst: IpAddr, proto: number, dport: number): boolean;
  /** The same decision with a human explanation (for traces); may allocate. */
  explain(src: IpAddr, dst: IpAddr, proto: number, dport: number): { readonly allowed: boolean; readonly reason: string };
}

/** A FlowPolicy that allows everything: enforcement `none` (a plugin that ignores NetworkPolicy). */
export const ALLOW_ALL: FlowPolicy = {
  allows: () => true,
  explain: () => ({ allowed: true, reason: 'not enforced: the network plugin ignores NetworkPolicy' }),
};
