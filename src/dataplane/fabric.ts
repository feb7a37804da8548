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
  private readonly locations = new Map<IpAddr, AddressLocation>();
  private readonly members: FabricMember[] = [];
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
  }

  /** Other members in name order; a member's tunnel next hops are numbered in this order. */
  peersOf(member: FabricMember): readonly FabricMember[] {
    return this.members.filter((m) => m !== member).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  memberByFabricIp(ip: IpAddr): FabricMember | undefined {
    return this.members.find((m) => m.fabricIp === ip);
  }

  setLocation(address: IpAddr, location: AddressLocation): void {
    this.locations.set(address, location);
  }

  removeLocation(address: IpAddr): void {
    this.locations.delete(address);
  }

  locate(address: IpAddr): AddressLocation | undefined {
    return this.locations.get(address);
  }

  send(from: FabricMember, to: FabricMember, label: number, packet: IpPacket): void {
    this.tunnelPackets++;
    const outer = from.fabricIp;
    this.scheduler.after(this.linkLatencyUs, () => to.fromFabric(outer, label, packet));
  }
}
