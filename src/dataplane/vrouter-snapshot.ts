/**
 * A read-only picture of one vRouter's tables, as the tf-vrouter utilities read them over
 * netlink: interfaces (`vif`), next hops (`nh`), the inet routes of each VRF (`rt`) and the
 * MPLS input label map (`mpls`). Built on demand from the live dataplane state (vifs and their
 * counters, the fabric's address locations, the Service VIPs); nothing here changes the
 * simulation, and the values are the ones the dataplane uses:
 * - a vif's next hop is the `K(nh)` of flows entering on it and the `S(nh)` of flows whose
 *   source lives on it; a tunnel next hop is the `S(nh)` of flows from another node;
 * - the MPLS label of a local vif is the label `trace` shows on tunnels towards it;
 * - a Service VIP routes to its composite (ECMP) next hop, whose members are in the order
 *   whose index a flow's `E:n` names.
 * Numbering conventions are in topology.ts; the fixed ids are NH 0 (discard) and NH 1
 * (receive, to vhost0), as in a real vRouter (docs/vrouter-tools.md).
 * Guarantees: deterministic (every list sorted); pure reads of the vRouter and its peers.
 */
import type { IpAddr } from '../packet/types.js';
import type { DropStats } from './drop-stats.js';
import type { FlowTable } from './flow-table.js';
import type { ServiceVips } from './service-vips.js';
import { FABRIC_VRF, POD_NETWORK_VRF, VIF_FABRIC, VIF_VHOST0, labelOfVif, type Vif } from './topology.js';
import type { VifCounterValues } from './vif-counters.js';
import type { Vrouter } from './vrouter.js';

export const NH_DISCARD_ID = 0;
export const NH_RECEIVE_ID = 1;
/** `Mcast Vrf` and `Vrf` of an interface in no VRF (pkt0), as vRouter prints it. */
export const VRF_NONE = 65535;
/** The MAC vRouter answers with on every virtual interface (`00:00:5e:00:01:00`). */
export const VROUTER_MAC: readonly number[] = [0x00, 0x00, 0x5e, 0x00, 0x01, 0x00];

export type VifTypeName = 'Physical' | 'Host' | 'Agent' | 'Virtual';

/** Flag symbols of utils/vif.c `flag_metadata`, in the order the utility prints them. */
export const VIF_FLAG_ORDER = ['P', 'X', 'S', 'Mr', 'Mt', 'Tc', 'L3', 'L2', 'D', 'Vp', 'Pr', 'Vnt', 'Mnp', 'Dpdk', 'Rfl', 'Mon', 'Uuf', 'Vof', 'Df', 'L', 'Proxy', 'Er', 'Mn', 'HbsL', 'HbsR', 'Ig', 'Ml'] as const;
export type VifFlag = (typeof VIF_FLAG_ORDER)[number];

export interface VifRecord {
  readonly index: number;
  readonly kind: Vif['kind'];
  readonly name: string;
  /** `ns/name` of a pod, `node/<node>` for vhost0. */
  readonly owner: string;
  readonly type: VifTypeName;
  readonly mac: readonly number[];
  readonly ipv4: string;
  readonly ipv6: string | undefined;
  readonly vrf: number;
  readonly mcastVrf: number;
  readonly flags: readonly VifFlag[];
  /** `NH: n` on the first line: the interface next hop (0 = none printed). */
  readonly nhId: number;
  readonly ref: number;
  /** QoS map index; -1 = none (vrsim configures none). */
  readonly qos: number;
  readonly counters: VifCounterValues;
}

export type NhType = 'Drop' | 'Receive' | 'Encap' | 'Tunnel' | 'Composite';

/** NH flag names of utils/nh.c `nh_flags`, in the (bit) order the utility prints them. */
export type NhFlag = 'Valid' | 'Policy' | 'MPLSoUDP' | 'Policy(R)' | 'Ecmp' | 'Etree Root';
export const NH_FLAG_ORDER: readonly NhFlag[] = ['Valid', 'Policy', 'MPLSoUDP', 'Policy(R)', 'Ecmp', 'Etree Root'];

export interface NhRecord {
  readonly id: number;
  readonly type: NhType;
  readonly vrf: number;
  readonly ref: number;
  readonly flags: readonly NhFlag[];
  /** Receive / Encap / Tunnel: the outgoing interface. */
  readonly oif: number;
  /** Encap / Tunnel: the Ethernet header the next hop writes (dst MAC, src MAC, 08 00). */
  readonly encap: readonly number[];
  /** Tunnel: outer source and destination. */
  readonly tunnel: { readonly sip: string; readonly dip: string } | undefined;
  /** Composite: members and their labels (-1 = none). */
  readonly members: readonly { readonly nh: number; readonly label: number }[];
}

export type RouteFlag = 'L' | 'P' | 'T';

export interface RouteRecord {
  readonly vrf: number;
  readonly prefix: string;
  readonly prefixWord: number;
  readonly plen: number;
  /** Route flags: L (label valid), P (proxy ARP), T (trap ARP). */
  readonly flags: readonly RouteFlag[];
  readonly label: number;
  readonly nhId: number;
}

export interface MplsRecord {
  readonly label: number;
  readonly nhId: number;
}

export interface VrouterSnapshot {
  readonly node: string;
  readonly vifs: readonly VifRecord[];
  readonly nexthops: readonly NhRecord[];
  readonly routes: readonly RouteRecord[];
  readonly vrfs: readonly number[];
  readonly mpls: readonly MplsRecord[];
}

/** What the utilities read on one node: the tables, the flow table and the drop counters. */
export interface VrouterState {
  readonly snapshot: VrouterSnapshot;
  readonly table: FlowTable;
  readonly drops: DropStats;
}

/** The state of `self` for the utilities (see `vrouterSnapshot`). */
export function vrouterState(self: Vrouter, all: readonly Vrouter[], services?: ServiceVips): VrouterState {
  return { snapshot: vrouterSnapshot(self, all, services), table: self.table, drops: self.drops };
}

/** The MAC of a node's eth0 and vhost0 (vRouter shares it): 52:54:00 and the low three bytes of the fabric IPv4. */
export function nodeMac(fabricIp: IpAddr): number[] {
  const w = fabricIp.w0 >>> 0;
  return [0x52, 0x54, 0x00, (w >>> 16) & 0xff, (w >>> 8) & 0xff, w & 0xff];
}

/** A pod interface's MAC (the agent's locally administered 02:… address): 02 and the pod's IPv4 bytes, then the vif index. */
export function podMac(vif: Vif): number[] {
  const v4 = vif.addresses.find((a) => a.family === 4);
  const w = v4 === undefined ? 0 : v4.w0 >>> 0;
  return [0x02, (w >>> 24) & 0xff, (w >>> 16) & 0xff, (w >>> 8) & 0xff, w & 0xff, vif.index & 0xff];
}

/**
 * Whether the vRouter looks flows up for packets from this interface (vif flag `P`, NH flag
 * `Policy`): pod interfaces only; vhost0 is provisioned policy-disabled (vrouter.ts,
 * `provision_vrouter.py`).
 */
export function vifPolicyEnabled(vif: Vif): boolean {
  return vif.kind === 'pod';
}

function vifType(kind: Vif['kind']): VifTypeName {
  return kind === 'fabric' ? 'Physical' : kind === 'vhost' ? 'Host' : kind === 'agent' ? 'Agent' : 'Virtual';
}

function vifFlags(vif: Vif): VifFlag[] {
  const set = new Set<VifFlag>();
  if (vifPolicyEnabled(vif)) set.add('P');
  if (vif.kind === 'fabric') ['Tc', 'L3', 'L2', 'Vp', 'Er'].forEach((f) => set.add(f as VifFlag));
  if (vif.kind === 'vhost') ['L3', 'D', 'Er'].forEach((f) => set.add(f as VifFlag));
  if (vif.kind === 'agent') set.add('L3');
  if (vif.kind === 'pod') ['L3', 'L2', 'D', 'Er'].forEach((f) => set.add(f as VifFlag));
  return VIF_FLAG_ORDER.filter((f) => set.has(f));
}

function vifVrf(vif: Vif): number {
  if (vif.kind === 'agent') return VRF_NONE;
  return vif.kind === 'pod' ? POD_NETWORK_VRF : FABRIC_VRF;
}

function ipv4Of(vif: Vif): string {
  if (vif.kind === 'fabric' || vif.kind === 'agent') return '0.0.0.0';
  return vif.addresses.find((a) => a.family === 4)?.text ?? '0.0.0.0';
}

function byNumber(a: number, b: number): number {
  return a - b;
}

/** The snapshot of `self`, with `all` the cluster's vRouters (for remote routes) and its Service VIPs. */
export function vrouterSnapshot(self: Vrouter, all: readonly Vrouter[], services?: ServiceVips): VrouterSnapshot {
  const eth0Mac = nodeMac(self.fabricIp);
  const nexthops = new Map<number, Omit<NhRecord, 'ref'>>();
  const routes: RouteRecord[] = [];
  const mpls: MplsRecord[] = [];

  nexthops.set(NH_DISCARD_ID, { id: NH_DISCARD_ID, type: 'Drop', vrf: 0, flags: ['Valid'], oif: 0, encap: [], tunnel: undefined, members: [] });
  nexthops.set(NH_RECEIVE_ID, { id: NH_RECEIVE_ID, type: 'Receive', vrf: FABRIC_VRF, flags: ['Valid', 'Etree Root'], oif: VIF_VHOST0, encap: [], tunnel: undefined, members: [] });

  for (const vif of self.vifs()) {
    if (vif.kind === 'agent') continue; // pkt0 has no forwarding next hop in vRouter
    const dst = vif.kind === 'pod' ? podMac(vif) : eth0Mac;
    const src = vif.kind === 'pod' ? [...VROUTER_MAC] : eth0Mac;
    const flags: NhFlag[] = vifPolicyEnabled(vif) ? ['Valid', 'Policy', 'Etree Root'] : ['Valid', 'Etree Root'];
    nexthops.set(vif.nextHop, {
      id: vif.nextHop, type: 'Encap', vrf: vif.kind === 'pod' ? POD_NETWORK_VRF : FABRIC_VRF, flags,
      oif: vif.index, encap: [...dst, ...src, 0x08, 0x00], tunnel: undefined, members: [],
    });
    if (vif.kind === 'pod' || vif.kind === 'vhost') mpls.push({ label: vif.label, nhId: vif.nextHop });
  }

  /** The next hop towards an address owned by `owner`'s vif `vif`, and the label a tunnel to it carries. */
  const towards = (owner: Vrouter, vifIndex: number): { nh: number; label: number } => {
    if (owner === self) return { nh: self.vif(vifIndex)?.nextHop ?? NH_DISCARD_ID, label: -1 };
    const nh = self.rpfNextHopOf({ vrouter: owner, vif: vifIndex });
    if (!nexthops.has(nh)) {
      nexthops.set(nh, {
        id: nh, type: 'Tunnel', vrf: FABRIC_VRF, flags: ['Valid', 'MPLSoUDP', 'Etree Root'], oif: VIF_FABRIC,
        encap: [...nodeMac(owner.fabricIp), ...eth0Mac, 0x08, 0x00], tunnel: { sip: self.fabricIp.text, dip: owner.fabricIp.text }, members: [],
      });
    }
    return { nh, label: labelOfVif(vifIndex) };
  };

  for (const owner of all) {
    for (const vif of owner.vifs()) {
      if (vif.kind !== 'pod' && vif.kind !== 'vhost') continue;
      for (const a of vif.addresses) {
        if (a.family !== 4) continue;
        const to = towards(owner, vif.index);
        const label = to.label;
        const route = { prefix: a.text, prefixWord: a.w0 >>> 0, plen: 32, flags: label >= 0 ? ['L', 'P'] as RouteFlag[] : ['P'] as RouteFlag[], label, nhId: to.nh };
        routes.push({ vrf: POD_NETWORK_VRF, ...route });
        // The fabric VRF (vhost0's) reaches the same addresses; the node's own address is received by the host.
        routes.push(vif.kind === 'vhost' && owner === self
          ? { vrf: FABRIC_VRF, ...route, flags: ['T'], label: -1, nhId: NH_RECEIVE_ID }
          : { vrf: FABRIC_VRF, ...route });
      }
    }
  }

  if (services !== undefined) {
    for (const vip of services.all()) {
      if (vip.address.family !== 4) continue;
      const members: { nh: number; label: number }[] = [];
      const seen = new Set<string>();
      for (const port of vip.ports.values()) {
        for (const m of port.members) {
          if (seen.has(m.address.text)) continue;
          seen.add(m.address.text);
          const location = self.locate(m.address);
          const owner = all.find((v) => v === location?.vrouter);
          // Every member carries its interface's label, local ones too, as the agent programs ECMP components.
          members.push(owner === undefined || location === undefined ? { nh: NH_DISCARD_ID, label: -1 } : { nh: towards(owner, location.vif).nh, label: labelOfVif(location.vif) });
        }
      }
      nexthops.set(vip.compositeNh, { id: vip.compositeNh, type: 'Composite', vrf: POD_NETWORK_VRF, flags: ['Valid', 'Policy', 'Ecmp', 'Etree Root'], oif: 0, encap: [], tunnel: undefined, members });
      routes.push({ vrf: POD_NETWORK_VRF, prefix: vip.address.text, prefixWord: vip.address.w0 >>> 0, plen: 32, flags: ['P'], label: -1, nhId: vip.compositeNh });
    }
  }

  routes.sort((a, b) => a.vrf - b.vrf || a.prefixWord - b.prefixWord);
  mpls.sort((a, b) => a.label - b.label);

  // Reference counts: each route, label, vif and composite membership holding the next hop, plus the agent's own.
  const refs = new Map<number, number>();
  const hold = (nh: number): void => void refs.set(nh, (refs.get(nh) ?? 1) + 1);
  for (const r of routes) hold(r.nhId);
  for (const m of mpls) hold(m.nhId);
  for (const nh of nexthops.values()) for (const m of nh.members) hold(m.nh);
  for (const vif of self.vifs()) if (vif.kind !== 'agent') hold(vif.nextHop);

  const nhList: NhRecord[] = [...nexthops.values()].sort((a, b) => a.id - b.id).map((n) => ({ ...n, ref: refs.get(n.id) ?? 1 }));

  const vifs: VifRecord[] = self.vifs().map((vif) => {
    const v6 = vif.kind === 'pod' ? vif.addresses.find((a) => a.family === 6)?.text : undefined;
    // A vif is held by its next hop, its label and the agent.
    const ref = 1 + (vif.kind === 'agent' ? 0 : 1) + (vif.kind === 'pod' || vif.kind === 'vhost' ? 1 : 0) + nhList.filter((n) => n.oif === vif.index && n.type === 'Tunnel').length;
    return {
      index: vif.index, kind: vif.kind, name: vif.name, owner: vif.owner, type: vifType(vif.kind),
      mac: vif.kind === 'pod' || vif.kind === 'agent' ? [...VROUTER_MAC] : eth0Mac,
      ipv4: ipv4Of(vif), ipv6: v6, vrf: vifVrf(vif), mcastVrf: vif.kind === 'pod' ? POD_NETWORK_VRF : VRF_NONE,
      flags: vifFlags(vif), nhId: vif.kind === 'agent' ? 0 : vif.nextHop, ref, qos: -1, counters: self.vifCounters.get(vif.index),
    };
  });

  const vrfs = [...new Set(routes.map((r) => r.vrf))].sort(byNumber);
  return { node: self.name, vifs, nexthops: nhList, routes, vrfs, mpls };
}

/** The longest-prefix match of `address` in `vrf` (only /32 routes exist; a miss is the discard bucket 0.0.0.0/0). */
export function routeLookup(snapshot: VrouterSnapshot, vrf: number, address: string): RouteRecord {
  return snapshot.routes.find((r) => r.vrf === vrf && r.prefix === address)
    ?? { vrf, prefix: '0.0.0.0', prefixWord: 0, plen: 0, flags: [], label: -1, nhId: NH_DISCARD_ID };
}

