/**
 * A vRouter's static wiring: its interfaces (vifs), the next hops that flow keys and RPF
 * checks name, the MPLS labels that point at local interfaces, and the VRF of the pod network.
 *
 * Numbering is deterministic and documented (real values are environment specific):
 * - vif 0 = fabric (eth0), vif 1 = vhost0 (the node's host stack), vif 2 = pkt0 (the agent),
 *   pod tap interfaces from vif 3 upward in the order pods are attached.
 * - next hop of a local interface: 20 + 3 * vif; tunnel next hop to the n-th other node: 8 + n.
 *   The key next hop of a flow is the interface next hop of the local endpoint (for packets from
 *   the fabric it is the interface the MPLS label points to, as in vRouter).
 * - MPLS label of a local interface: 16 + vif.
 * - VRF 0 is the fabric VRF; the pod network's VRF is 5, the number the book's dump shows.
 *   vhost0 sits in the fabric VRF, so an entry keyed on vhost0's next hop (host -> local pod)
 *   is in VRF 0 and every other entry in the pod network's VRF (`vrfOfKeyNextHop`).
 * - vhost0 is provisioned with policy disabled (`provision_vrouter.py`): no flow lookup for
 *   its packets unless the destination is a policy-enabled local pod interface.
 */
import type { IpAddr } from '../packet/types.js';

export const VIF_FABRIC = 0;
export const VIF_VHOST0 = 1;
export const VIF_PKT0 = 2;
export const FIRST_POD_VIF = 3;
export const POD_NETWORK_VRF = 5;
export const FABRIC_VRF = 0;
/** MPLS-over-UDP destination port (RFC 7510). */
export const MPLS_OVER_UDP_PORT = 6635;

export function interfaceNextHop(vif: number): number {
  return 20 + 3 * vif;
}

/** The vif whose interface next hop is `nh`, or -1 when `nh` is not one (a tunnel next hop). */
export function vifOfNextHop(nh: number): number {
  const vif = (nh - 20) / 3;
  return Number.isInteger(vif) && vif >= 0 ? vif : -1;
}

/** The VRF of an entry with key next hop `nh`: the fabric VRF for vhost0's, else the pod network's. */
export function vrfOfKeyNextHop(nh: number): number {
  return nh === interfaceNextHop(VIF_VHOST0) ? FABRIC_VRF : POD_NETWORK_VRF;
}

export function labelOfVif(vif: number): number {
  return 16 + vif;
}

export function vifOfLabel(label: number): number {
  return label - 16;
}

export function tunnelNextHop(remoteOrdinal: number): number {
  return 8 + remoteOrdinal;
}

/** Something attached to a vif that can take a packet: a pod's or the host's network stack. */
export interface PacketSink {
  receive(packet: import('../packet/types.js').IpPacket): void;
}

export type VifKind = 'fabric' | 'vhost' | 'agent' | 'pod';

export interface Vif {
  readonly index: number;
  readonly kind: VifKind;
  /** `tapeth0-…` style name for pods, `eth0`, `vhost0`, `pkt0` otherwise. */
  readonly name: string;
  /** For pods: `ns/name`; for vhost0: `node/<node>`. */
  readonly owner: string;
  readonly addresses: readonly IpAddr[];
  readonly nextHop: number;
  readonly label: number;
  sink: PacketSink | undefined;
}
