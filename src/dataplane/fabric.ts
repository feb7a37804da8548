/**
 * The underlay between nodes: which vRouter and vif own each address, and MPLS-over-UDP
 * tunnels between the nodes' fabric IPs. A packet put on a tunnel arrives at the remote
 * vRouter after the link latency carrying the outer source IP, the UDP source port taken
 * from the sender's flow entry and the MPLS label of the destination interface.
 */
import type { IpAddr, IpPacket } from '../packet/types.js';
import type { Scheduler } from './scheduler.js';

/** Where an address lives: a vRouter and the vif of the pod or host that owns it. */
export interface AddressLocation {
  readonly vrouter: FabricMember;
  readonly vif: number;
}

/** What the fabric needs from a vRouter. */
export interface FabricMember {
  readonly name: string;
  readonly fabricIp: IpAddr;
  fromFabric(outerSource: IpAddr, label: number, packet: IpPacket): void;
}

export class Fabric {
  /** Where each address lives, indexed by `IpAddr.id` (a dense array: no Map on the per-packet path). */
  private readonly locations: (AddressLocation | undefined)[] = [];
  private readonly members: FabricMember[] = [];
  /** `peersOf` per member, computed on first use after each join. */
  private readonly peerCache = new Map<FabricMember, readonly FabricMember[]>();
  readonly scheduler: Scheduler;
  readonly linkLatencyUs: number;
  /** Packets carried over tunnels, for statistics. */
  tunnelPackets = 0;

  constructor(scheduler: Scheduler, linkLatencyUs: number) {
    this.scheduler = scheduler;
    this.linkLatencyUs = linkLatencyUs;
  }

  join(member: FabricMember): void {
    this.members.push(member);
    this.peerCache.clear();
  }

  /** Other members in name order; a member's tunnel next hops are numbered in this order. */
  peersOf(member: FabricMember): readonly FabricMember[] {
    let peers = this.peerCache.get(member);
    if (peers === undefined) {
      peers = this.members.filter((m) => m !== member).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      this.peerCache.set(member, peers);
    }
    return peers;
  }

  /** Position of `peer` in `peersOf(member)` (the n of its tunnel next hop), -1 when not a peer. */
  peerOrdinal(member: FabricMember, peer: FabricMember): number {
    return this.peersOf(member).indexOf(peer);
  }

  memberByFabricIp(ip: IpAddr): FabricMember | undefined {
    return this.members.find((m) => m.fabricIp === ip);
  }

  setLocation(address: IpAddr, location: AddressLocation): void {
    const locations = this.locations;
    while (locations.length <= address.id) locations.push(undefined);
    locations[address.id] = location;
  }

  removeLocation(address: IpAddr): void {
    if (address.id < this.locations.length) this.locations[address.id] = undefined;
  }

  locate(address: IpAddr): AddressLocation | undefined {
    return address.id < this.locations.length ? this.locations[address.id] : undefined;
  }

  send(from: FabricMember, to: FabricMember, label: number, packet: IpPacket): void {
    this.tunnelPackets++;
    const outer = from.fabricIp;
    this.scheduler.after(this.linkLatencyUs, () => to.fromFabric(outer, label, packet));
  }
}
