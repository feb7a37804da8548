/**
 * The underlay between nodes: which vRouter and vif own each address, and MPLS-over-UDP
 * tunnels between the nodes' fabric IPs. A packet put on a tunnel arrives at the remote
 * vRouter after the link latency carrying the outer source IP, the UDP source port taken
 * from the sender's flow entry and the MPLS label of the destination interface.
 */
import type { IpAddr, IpPacket } from '../packet/types.js';
import type { Scheduler } from './scheduler.js';
import { DelayLine } from './delay-line.js';

/** Where an address lives: a vRouter and the vif of the pod or host that owns it. */
export interface AddressLocation {
  readonly vrouter: FabricMember;
  readonly vif: number;
}

/** What the fabric needs from a vRouter. */
export interface FabricMember {
  readonly name: string;
  readonly fabricIp: IpAddr;
  /** Its position among the fabric's members, set by `Fabric.join` (-1 before). */
  fabricSlot: number;
  /** `prepared`: `prepareFabric`'s value for the packet (NaN when not prepared). */
  fromFabric(outerSource: IpAddr, label: number, packet: IpPacket, prepared: number): void;
  /** Work ahead of a packet's arrival (its flow hash, its bucket noted for `touchPrepared`), handed back to fromFabric: NaN for none. */
  prepareFabric(label: number, packet: IpPacket): number;
  /** Start loading what the packets prepared since the last call will read (cache state only). */
  touchPrepared(): void;
}

export class Fabric {
  /** Where each address lives, indexed by `IpAddr.id` (a dense array: no Map on the per-packet path). */
  private readonly locations: (AddressLocation | undefined)[] = [];
  private readonly members: FabricMember[] = [];
  /** `peerOrdinal` for every (member, peer) pair by their slots, members × members (from `peersOf`); computed on first use after each join. */
  private ordinals: Int32Array | undefined = undefined;
  readonly scheduler: Scheduler;
  readonly linkLatencyUs: number;
  /** Packets carried over tunnels, for statistics. */
  tunnelPackets = 0;
  /** Packets on the tunnels: (receiver, outer source, packet, label), arriving after the link latency. */
  private readonly wire: DelayLine<FabricMember, IpAddr, IpPacket>;

  constructor(scheduler: Scheduler, linkLatencyUs: number) {
    this.scheduler = scheduler;
    this.linkLatencyUs = linkLatencyUs;
    // The packets on the wire are prepared a group at a time before they arrive: their flow
    // hashes computed and buckets touched together, so their cache misses overlap (delay-line.ts).
    this.wire = new DelayLine(scheduler, linkLatencyUs, (to, outer, packet, label, prepared) => to.fromFabric(outer, label, packet, prepared), {
      prepare: (to, _outer, packet, label) => to.prepareFabric(label, packet),
      touchPrepared: () => {
        for (const member of this.members) member.touchPrepared();
      },
    });
  }

  join(member: FabricMember): void {
    member.fabricSlot = this.members.length;
    this.members.push(member);
    this.ordinals = undefined;
  }

  /** Other members in name order; a member's tunnel next hops are numbered in this order. */
  peersOf(member: FabricMember): readonly FabricMember[] {
    return this.members.filter((m) => m !== member).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Position of `peer` in `peersOf(member)` (the n of its tunnel next hop), -1 when not a peer. */
  peerOrdinal(member: FabricMember, peer: FabricMember): number {
    const n = this.members.length;
    const ordinals = this.ordinals ?? this.computeOrdinals();
    const from = member.fabricSlot;
    const to = peer.fabricSlot;
    if (from < 0 || from >= n || to < 0 || to >= n || this.members[from] !== member || this.members[to] !== peer) return -1;
    return ordinals[from * n + to]!;
  }

  private computeOrdinals(): Int32Array {
    const n = this.members.length;
    const ordinals = new Int32Array(n * n).fill(-1);
    for (let from = 0; from < n; from++) {
      const peers = this.peersOf(this.members[from]!);
      for (let k = 0; k < peers.length; k++) ordinals[from * n + peers[k]!.fabricSlot] = k;
    }
    this.ordinals = ordinals;
    return ordinals;
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
    this.wire.push(to, from.fabricIp, packet, label);
  }
}
