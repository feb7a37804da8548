/**
 * Service NAT and ECMP in one vRouter, as the Contrail agent and vRouter carry a ClusterIP
 * (a floating IP on every backend interface, an ECMP route to them; see docs/services.md).
 *
 * For a trapped first packet towards a Service address the agent asks `plan`:
 * - from a local interface: the ECMP member is picked from the flow hash and the seed
 *   (`E:n` on the forward entry). A member on this node is NATed here (pkt_flow_info.cc
 *   FloatingIpDNat: "DestNAT for packets entering into a VM with floating-ip"): forward
 *   `N(D)` (+`Pd` when the target port differs), reverse `N(S)` (+`Ps`) keyed by the backend's
 *   address and port. A member on another node: the forward entry is `F` with `E:n`, the packet
 *   crosses the tunnel still addressed to the VIP with the label of the member's interface, and
 *   that node NATs it (a packet from the fabric is pinned to the labelled interface, no `E:`);
 * - no ready backend at all: no route to the VIP, both entries `D(NoDstRt)`;
 * - a node address (NodePort) on one of its node ports with no member (externalTrafficPolicy
 *   Local and no backend on that node): `D(NoDstRt)`; on any other port: not a Service flow;
 * - a port the Service does not declare: `D(NoFipPortMap)` (the floating IP's port map has no
 *   entry; vrsim refuses it at the first vRouter, the real client node forwards it to a member
 *   node which refuses it there).
 * The policy decision is made on the translated (backend) address and target port.
 *
 * On the packet path `rewrite` translates a packet of a NAT entry using its reverse entry's key,
 * as vr_flow.c does (DNAT: destination := reverse source; DPAT: destination port := reverse
 * source port; SNAT/SPAT the other way round). Guarantees: planning allocates nothing (one
 * reused plan); non-NAT packets never come here; a NAT rewrite builds the translated packet
 * record (records are immutable values the sender may still hold for retransmission, so the
 * in-place rewrite of the kernel module becomes a copy).
 */
import { ipAddrFromWords } from '../packet/address.js';
import type { IpAddr, IpPacket } from '../packet/types.js';
import type { AddressLocation } from './fabric.js';
import { DROP_NO_DST_ROUTE, DROP_PORT_MAP_DROP, FLAG_DNAT, FLAG_DPAT, FLAG_SNAT, FLAG_SPAT, SRC_INFO_FABRIC } from './flow-codes.js';
import { FlowKey } from './flow-key.js';
import type { FlowTable } from './flow-table.js';
import type { ServiceMember, ServiceVip, ServiceVips } from './service-vips.js';
import type { Vif } from './topology.js';

/** Not a Service address: the flow is set up as any other. */
export const PLAN_NONE = 0;
/** A backend on this node: NAT here. */
export const PLAN_NAT = 1;
/** A backend on another node: forward with the ECMP index, the member's node NATs. */
export const PLAN_ECMP = 2;
/** No way to a backend: both entries drop with `reason`. */
export const PLAN_SHORT = 3;

/** What the vRouter offers the NAT module. */
export interface ServiceNatHost {
  readonly table: FlowTable;
  vif(index: number): Vif | undefined;
  locate(address: IpAddr): AddressLocation | undefined;
}

/** The agent's plan for one trapped flow (one instance, reused). */
export class ServicePlan {
  kind = PLAN_NONE;
  /** Destination the policy decides on and the flow goes to: the backend (or the original). */
  dst: IpAddr | undefined;
  dport = 0;
  /** ECMP member index, -1 when none. */
  ecmp = -1;
  /** Drop reason of a PLAN_SHORT flow. */
  reason = 0;
  vip: ServiceVip | undefined;
  member: ServiceMember | undefined;
  /** NAT flags of the forward and reverse entries (PLAN_NAT). */
  forwardFlags = 0;
  reverseFlags = 0;
}

/** vif index of an interface next hop (topology.ts: nh = 20 + 3 * vif). */
function vifOfNextHop(nh: number): number {
  return (nh - 20) / 3;
}

export class ServiceNat {
  vips: ServiceVips | undefined;
  readonly plan = new ServicePlan();
  private readonly host: ServiceNatHost;
  private readonly scratch = new FlowKey();

  constructor(host: ServiceNatHost, vips?: ServiceVips) {
    this.host = host;
    this.vips = vips;
  }

  /** Plans the trapped entry `index` (key `key`, original destination `dst`, key hash `hash`). */
  planFor(index: number, key: FlowKey, dst: IpAddr, hash: number): ServicePlan {
    const p = this.plan;
    p.kind = PLAN_NONE;
    p.dst = dst;
    p.dport = key.dport;
    p.ecmp = -1;
    p.member = undefined;
    p.forwardFlags = 0;
    p.reverseFlags = 0;
    const vips = this.vips;
    const vip = vips?.vip(dst);
    p.vip = vip;
    if (vips === undefined || vip === undefined) return p;
    const port = vips.port(vip, key.proto, key.dport);
    if (port === undefined && vip.nodeAddress) {
      // A node address on a port that is no NodePort: the node host's own traffic.
      p.vip = undefined;
      return p;
    }
    const members = port?.members;
    if (members === undefined || members.length === 0) return this.short(anyMember(vip) && !vip.nodeAddress ? DROP_PORT_MAP_DROP : DROP_NO_DST_ROUTE);
    let member: ServiceMember | undefined;
    if (this.host.table.srcInfoKind(index) === SRC_INFO_FABRIC) {
      // The MPLS label pinned the member's interface: NAT towards it, no ECMP choice here.
      const addresses = this.host.vif(vifOfNextHop(key.nh))?.addresses ?? [];
      member = members.find((m) => addresses.includes(m.address));
      if (member === undefined) return this.short(DROP_PORT_MAP_DROP);
      p.kind = PLAN_NAT;
    } else {
      p.ecmp = vips.pick(hash, members.length);
      member = members[p.ecmp]!;
      const location = this.host.locate(member.address);
      if (location === undefined) return this.short(DROP_NO_DST_ROUTE);
      p.kind = location.vrouter === (this.host as unknown) ? PLAN_NAT : PLAN_ECMP;
    }
    p.member = member;
    p.dst = member.address;
    p.dport = member.port;
    if (p.kind === PLAN_NAT) {
      const portChanged = member.port !== key.dport;
      p.forwardFlags = FLAG_DNAT | (portChanged ? FLAG_DPAT : 0);
      p.reverseFlags = FLAG_SNAT | (portChanged ? FLAG_SPAT : 0);
    }
    return p;
  }

  private short(reason: number): ServicePlan {
    this.plan.kind = PLAN_SHORT;
    this.plan.reason = reason;
    this.plan.ecmp = -1;
    return this.plan;
  }

  /**
   * The destination a forward entry really goes to, for re-evaluating its policy: the backend
   * of a NAT entry (its reverse key's source) or of an ECMP entry (its member), else undefined.
   */
  translatedDestination(index: number, key: FlowKey, dst: IpAddr): ServicePlan | undefined {
    const table = this.host.table;
    const p = this.plan;
    if ((table.flags(index) & FLAG_DNAT) !== 0) {
      const reverse = table.rflow(index);
      if (reverse < 0) return undefined;
      const r = this.scratch;
      table.readKey(reverse, r);
      p.dst = ipAddrFromWords(r.family, r.s0, r.s1, r.s2, r.s3);
      p.dport = r.sport;
      return p;
    }
    const ecmp = table.ecmpIndex(index);
    const vip = ecmp < 0 ? undefined : this.vips?.vip(dst);
    const member = vip === undefined ? undefined : this.vips?.port(vip, key.proto, key.dport)?.members[ecmp];
    if (member === undefined) return undefined;
    p.dst = member.address;
    p.dport = member.port;
    return p;
  }

  /** Where an `F` entry with an ECMP index sends a packet still addressed to the VIP. */
  ecmpLocation(index: number, packet: IpPacket, proto: number, dport: number): AddressLocation | undefined {
    const ecmp = this.host.table.ecmpIndex(index);
    if (ecmp < 0 || this.vips === undefined) return undefined;
    const vip = this.vips.vip(packet.dst);
    const member = vip === undefined ? undefined : this.vips.port(vip, proto, dport)?.members[ecmp];
    return member === undefined ? undefined : this.host.locate(member.address);
  }

  /** The packet of NAT entry `index` translated with its reverse entry's key; undefined without a reverse entry. */
  rewrite(index: number, packet: IpPacket): IpPacket | undefined {
    const table = this.host.table;
    const reverse = table.rflow(index);
    if (reverse < 0) return undefined;
    const r = this.scratch;
    table.readKey(reverse, r);
    const flags = table.flags(index);
    const src = (flags & FLAG_SNAT) !== 0 ? ipAddrFromWords(r.family, r.d0, r.d1, r.d2, r.d3) : packet.src;
    const dst = (flags & FLAG_DNAT) !== 0 ? ipAddrFromWords(r.family, r.s0, r.s1, r.s2, r.s3) : packet.dst;
    const l4 = packet.l4;
    if (l4.kind === 'tcp' || l4.kind === 'udp' || l4.kind === 'sctp') {
      const srcPort = (flags & FLAG_SPAT) !== 0 ? r.dport : l4.srcPort;
      const dstPort = (flags & FLAG_DPAT) !== 0 ? r.sport : l4.dstPort;
      return { ...packet, src, dst, l4: { ...l4, srcPort, dstPort } };
    }
    return { ...packet, src, dst };
  }
}

function anyMember(vip: ServiceVip): boolean {
  for (const p of vip.ports.values()) if (p.members.length > 0) return true;
  return false;
}

/**
 * The reverse key of a NATed flow: from the backend (`backend`:`backendPort`) back to the
 * forward key's source, nexthop `reverseNh` (the backend's interface).
 */
export function setNatReverseKey(out: FlowKey, fwd: FlowKey, backend: IpAddr, backendPort: number, reverseNh: number): void {
  const { s0, s1, s2, s3, sport } = fwd;
  out.family = fwd.family;
  out.proto = fwd.proto;
  out.nh = reverseNh | 0;
  out.sport = backendPort & 0xffff;
  out.dport = sport;
  out.s0 = backend.w0 | 0; out.s1 = backend.w1 | 0; out.s2 = backend.w2 | 0; out.s3 = backend.w3 | 0;
  out.d0 = s0; out.d1 = s1; out.d2 = s2; out.d3 = s3;
}
