/**
 * One node's vRouter: vifs, the flow table, and the per-packet path.
 *
 * Every packet entering from a vif (pod or vhost0) or from the fabric is looked up in the flow
 * table by its key (key next hop, protocol, ports, addresses). A miss allocates a HOLD entry,
 * queues the packet (at most 3 per entry) and traps the first one to the node's agent, which
 * decides and installs the forward and reverse entries (`agent.ts`). A hit counts the packet
 * (before the action, so dropped packets are counted), runs the TCP digest, and forwards or
 * drops by the entry's action alone: return traffic never re-runs policy.
 *
 * Forwarding: a destination on this node is delivered to its vif; one on another node is sent
 * over the MPLS-over-UDP tunnel (UDP source port from the flow entry, label of the remote vif);
 * a pod's flow to an address no node owns is a short flow `D(NoDstRt)` (agent.ts); the host's
 * packets to such an address are routed out of the fabric and never answer. A Service address (ClusterIP)
 * leads by ECMP to its backends and is NATed on the backend's node (`service-nat.ts`).
 *
 * vhost0 is policy-disabled (tf-vrouter looks flows up only for policy-enabled interfaces and
 * next hops, `vr_proto_ip.c` / `vr_nexthop.c`): a host packet to another node goes out with no
 * flow on this node, and a packet arriving for the host is delivered to vhost0 without one. A
 * host packet to a local pod meets the pod's policy-enabled interface and makes a flow, in the
 * fabric VRF (vhost0's).
 */
import { frameLength, ipTotalLength } from '../packet/frame.js';
import type { IpAddr, IpPacket } from '../packet/types.js';
import { flowDestinationAddress, flowDestinationPort, flowProto, flowSourceAddress, flowSourcePort } from '../packet/flow-tuple.js';
import { type DropStats, emptyDropStats } from './drop-stats.js';
import type { AddressLocation, Fabric, FabricMember } from './fabric.js';
import {
  ACTION_FORWARD,
  ACTION_HOLD,
  ACTION_NAT,
  FLAG_EVICT_CANDIDATE,
  FLAG_NEW_FLOW,
  SRC_INFO_VIF,
  TCPF_DEAD,
  actionLetter,
  dropReasonName,
  type DropStat,
} from './flow-codes.js';
import { FlowKey, flowKeyHash, flowKeyText, setFlowKey } from './flow-key.js';
import { FlowTable, type FlowTableOptions } from './flow-table.js';
import { HoldQueues, MAX_HELD_PACKETS_PER_FLOW } from './hold-queue.js';
import { describePacket } from './packet-text.js';
import { tcpDigest } from './tcp-digest.js';
import { MPLSOUDP_OVERHEAD, VifCounters } from './vif-counters.js';
import type { Scheduler } from './scheduler.js';
import {
  FIRST_POD_VIF,
  VIF_FABRIC,
  VIF_PKT0,
  VIF_VHOST0,
  interfaceNextHop,
  labelOfVif,
  tunnelNextHop,
  vifOfLabel,
  vrfOfKeyNextHop,
  type PacketSink,
  type Vif,
} from './topology.js';
import type { CaptureTap, DataplaneEvent, TraceListener } from './trace-events.js';
import { VrouterAgent, tunnelSourcePortOfHash, type AgentOptions, type Enforcement } from './agent.js';
import type { FlowPolicy } from './flow-policy.js';
import { ServiceNat } from './service-nat.js';
import { DelayLine } from './delay-line.js';
import type { ServiceVips } from './service-vips.js';

/** 2^32: a prepared packet is `hash + nh * 2^32`. */
const TWO_32 = 4294967296;
/** Key next hops packed with a hash (`prepareFabric`): below 2^20, so the double stays exact. */
const PREPARED_NH_LIMIT = 1 << 20;

export interface VrouterOptions {
  readonly name: string;
  readonly fabricIp: IpAddr;
  readonly flowTable?: FlowTableOptions;
  readonly agent: AgentOptions;
  readonly enforcement: Enforcement;
  readonly policy: FlowPolicy;
  /** Service addresses (ClusterIPs) and their ECMP members; none when absent. */
  readonly services?: ServiceVips;
}

/**
 * The bytes a flow entry counts for a packet (`pkt_len` at vr_flow_lookup): from a tap or
 * vhost0 the Ethernet frame (the book's 74-byte SYNs, `Stats:3/222`); from the fabric the IP
 * packet alone, because vr_mpls_input pulls the label and, for an inet next hop (a pod's L3
 * label), starts the packet at its IP header (tf-vrouter dp-core/vr_mpls.c).
 */
function countedLength(packet: IpPacket, fromFabric: boolean): number {
  return fromFabric ? ipTotalLength(packet) : frameLength(packet);
}

export class Vrouter implements FabricMember {
  readonly name: string;
  readonly fabricIp: IpAddr;
  readonly table: FlowTable;
  readonly drops: DropStats = emptyDropStats();
  /** Per-interface RX/TX/drop counters (`vif --get`, vif-counters.ts). */
  readonly vifCounters = new VifCounters();
  readonly agent: VrouterAgent;
  readonly holds: HoldQueues;
  /** Service NAT/ECMP (service-nat.ts): planned by the agent, applied to `N` entries here. */
  readonly nat: ServiceNat;
  private readonly vifList: Vif[] = [];
  private readonly fabric: Fabric;
  private readonly scheduler: Scheduler;
  private readonly key = new FlowKey();
  /** The key of a packet prepared ahead of its delivery (`prepareFabric`), apart from `key`. */
  private readonly aheadKey = new FlowKey();
  private listener: TraceListener | undefined;
  private tap: CaptureTap | undefined;
  /**
   * Told the forward key and ECMP member index of every Service flow the agent sets up here
   * (what `E:n` records), for tools that need each connection's backend even after its entry
   * is evicted (`reach --services`). Undefined: nobody listens (the default).
   */
  ecmpListener: ((key: FlowKey, member: number) => void) | undefined = undefined;
  /** Packets delivered to local vifs, and routed out of the fabric to unknown addresses. */
  delivered = 0;
  routedOut = 0;
  /** Set by `Fabric.join`. */
  fabricSlot = -1;
  /** Packets on their way to local pods and the host, arriving after the link latency. */
  private readonly toLocal: DelayLine<PacketSink, null, IpPacket>;

  constructor(options: VrouterOptions, fabric: Fabric, scheduler: Scheduler) {
    this.name = options.name;
    this.fabricIp = options.fabricIp;
    this.fabric = fabric;
    this.scheduler = scheduler;
    this.toLocal = new DelayLine(scheduler, fabric.linkLatencyUs, (sink, _none, packet) => sink.receive(packet));
    this.table = new FlowTable(options.flowTable);
    this.holds = new HoldQueues();
    this.nat = new ServiceNat(this, options.services);
    this.agent = new VrouterAgent(this, options.agent, options.enforcement, options.policy);
    const fixed: [number, Vif['kind'], string][] = [
      [VIF_FABRIC, 'fabric', 'eth0'],
      [VIF_VHOST0, 'vhost', 'vhost0'],
      [VIF_PKT0, 'agent', 'pkt0'],
    ];
    for (const [index, kind, name] of fixed) {
      this.vifCounters.ensure(index);
      this.vifList[index] = {
        index, kind, name,
        owner: kind === 'vhost' ? `node/${options.name}` : name,
        addresses: kind === 'vhost' || kind === 'fabric' ? [options.fabricIp] : [],
        nextHop: interfaceNextHop(index),
        label: labelOfVif(index),
        sink: undefined,
      };
    }
    fabric.join(this);
  }

  get now(): number {
    return this.scheduler.now;
  }

  get schedulerRef(): Scheduler {
    return this.scheduler;
  }

  vifs(): readonly Vif[] {
    return this.vifList.filter((v) => v !== undefined);
  }

  vif(index: number): Vif | undefined {
    return this.vifList[index];
  }

  /** Attach the node's host stack to vhost0 and publish the node address on the fabric. */
  attachHost(sink: PacketSink, addresses: readonly IpAddr[]): void {
    const vhost = this.vifList[VIF_VHOST0]!;
    vhost.sink = sink;
    (vhost as { addresses: readonly IpAddr[] }).addresses = addresses;
    for (const a of addresses) this.fabric.setLocation(a, { vrouter: this, vif: VIF_VHOST0 });
  }

  /** Create a tap vif for a pod; returns its index. */
  attachPod(owner: string, addresses: readonly IpAddr[], sink: PacketSink): number {
    let index = FIRST_POD_VIF;
    while (this.vifList[index] !== undefined) index++;
    const vif: Vif = {
      index,
      kind: 'pod',
      name: `tapeth0-${index.toString(16).padStart(6, '0')}`,
      owner,
      addresses,
      nextHop: interfaceNextHop(index),
      label: labelOfVif(index),
      sink,
    };
    this.vifList[index] = vif;
    this.vifCounters.reset(index);
    for (const a of addresses) this.fabric.setLocation(a, { vrouter: this, vif: index });
    return index;
  }

  detachPod(index: number): void {
    const vif = this.vifList[index];
    if (vif === undefined || vif.kind !== 'pod') return;
    this.agent.deleteFlowsOf(index);
    for (const a of vif.addresses) {
      if (this.fabric.locate(a)?.vrouter === this) this.fabric.removeLocation(a);
    }
    delete this.vifList[index];
  }

  setTraceListener(listener: TraceListener | undefined): void {
    this.listener = listener;
  }

  /** Packet capture (`--pcap`): every packet on every vif is handed to the tap while one is set. */
  setCaptureTap(tap: CaptureTap | undefined): void {
    this.tap = tap;
  }

  get tracing(): boolean {
    return this.listener !== undefined;
  }

  emit(event: DataplaneEvent): void {
    this.listener?.(event);
  }

  /** A packet sent by the pod or host attached to `vifIndex`. */
  fromVif(vifIndex: number, packet: IpPacket): void {
    const vif = this.vifList[vifIndex];
    if (vif === undefined) return;
    if (this.listener !== undefined) {
      this.emit({ kind: 'vif-rx', t: this.now, node: this.name, packet: describePacket(packet), vif: vifIndex, vifName: vif.name });
    }
    if (this.tap !== undefined) this.tap.vifPacket(this.name, vifIndex, 'in', packet, this.now);
    this.vifCounters.rx(vifIndex, frameLength(packet));
    if (vif.kind === 'vhost') {
      const location = this.fabric.locate(packet.dst);
      if (location !== undefined && location.vrouter !== this) {
        this.hostToRemote(location, packet);
        return;
      }
      if (location === undefined && this.nat.vips?.vip(packet.dst) === undefined) {
        // The host's own route out of eth0: no flow either.
        if (this.listener !== undefined) {
          this.emit({ kind: 'no-flow', t: this.now, node: this.name, packet: describePacket(packet), why: 'vhost0 is policy-disabled' });
        }
        this.routeOut(packet);
        return;
      }
    }
    this.process(packet, vif.nextHop, vifIndex, undefined);
  }

  /** A host packet to another node: vhost0 is policy-disabled and the tunnel next hop is too, so no flow. */
  private hostToRemote(location: AddressLocation, packet: IpPacket): void {
    if (this.listener !== undefined) {
      this.emit({ kind: 'no-flow', t: this.now, node: this.name, packet: describePacket(packet), why: 'vhost0 is policy-disabled and the destination is on another node' });
    }
    const key = this.key;
    setFlowKey(key, flowProto(packet), interfaceNextHop(VIF_VHOST0), flowSourcePort(packet), flowDestinationPort(packet), flowSourceAddress(packet), flowDestinationAddress(packet));
    this.tunnel(location, packet, tunnelSourcePortOfHash(flowKeyHash(key)));
  }

  /**
   * For the fabric's prefetch of packets on their way here (delay-line.ts): the hash of the
   * flow key this packet will be looked up with, and the key next hop it was computed with, as
   * `hash + nh * 2^32` (exact in a double); NaN when it takes no flow lookup or the next hop
   * is too large to pack. `fromFabric` uses it only when the interface's next hop is still that.
   */
  prepareFabric(label: number, packet: IpPacket): number {
    const vif = this.vifList[vifOfLabel(label)];
    if (vif === undefined || vif.kind === 'vhost' || vif.nextHop < 0 || vif.nextHop >= PREPARED_NH_LIMIT) return NaN;
    const key = this.aheadKey;
    setFlowKey(key, flowProto(packet), vif.nextHop, flowSourcePort(packet), flowDestinationPort(packet), flowSourceAddress(packet), flowDestinationAddress(packet));
    const hash = flowKeyHash(key);
    this.table.queueTouch(hash);
    return hash + vif.nextHop * TWO_32;
  }

  /** Start loading the flow buckets of the packets prepared since the last call; no effect on the table. */
  touchPrepared(): void {
    this.table.touchQueued();
  }

  /**
   * A packet that arrived over a tunnel from another node; `prepared`: `prepareFabric`'s value
   * for it (NaN when not prepared).
   */
  fromFabric(outerSource: IpAddr, label: number, packet: IpPacket, prepared = NaN): void {
    const vifIndex = vifOfLabel(label);
    const vif = this.vifList[vifIndex];
    this.vifCounters.rx(VIF_FABRIC, frameLength(packet) + MPLSOUDP_OVERHEAD);
    if (this.listener !== undefined) {
      this.emit({ kind: 'fabric-rx', t: this.now, node: this.name, packet: describePacket(packet), outerSource: outerSource.text, label, vif: vifIndex });
    }
    // The sender's UDP source port is not carried by the fabric model; the capture pairs it (-1 here).
    if (this.tap !== undefined) this.tap.tunnelPacket(this.name, 'in', packet, { source: outerSource, destination: this.fabricIp, label, udpSourcePort: -1 }, this.now);
    if (vif === undefined) {
      this.countDrop('Flow Unusable', packet, -1, VIF_FABRIC);
      return;
    }
    if (vif.kind === 'vhost') {
      // For the host: vhost0 is policy-disabled, no flow lookup.
      if (this.listener !== undefined) {
        this.emit({ kind: 'no-flow', t: this.now, node: this.name, packet: describePacket(packet), why: 'for the host, vhost0 is policy-disabled' });
      }
      this.deliverLocal(vifIndex, packet);
      return;
    }
    this.process(packet, vif.nextHop, -1, outerSource, prepared);
  }

  /** `prepared`: `prepareFabric`'s value for the packet, or NaN. */
  private process(packet: IpPacket, keyNh: number, ingressVif: number, outerSource: IpAddr | undefined, prepared = NaN): void {
    const key = this.key;
    setFlowKey(key, flowProto(packet), keyNh, flowSourcePort(packet), flowDestinationPort(packet), flowSourceAddress(packet), flowDestinationAddress(packet));
    const table = this.table;
    // Hashed once: the same hash places the entry and gives its tunnel source port. A packet
    // prepared ahead (same packet, same next hop: the same key) brings its hash, its bucket touched.
    let hash: number;
    if (prepared === prepared && Math.floor(prepared / TWO_32) === keyNh) {
      hash = prepared >>> 0;
    } else {
      hash = flowKeyHash(key);
      // Issue the bucket's key line and its first record together (a miss allocates there).
      table.touchBucket(hash);
    }
    let index = table.lookupHashed(key, hash);
    if (index < 0) {
      // vr_flow_allow_new_flow: refused only when the outstanding holds exceed the limit.
      if (this.agent.heldEntries > this.agent.holdLimit) {
        this.countDrop('Flow Unusable', packet, -1, ingressVif);
        return;
      }
      index = table.allocateHashed(key, hash, this.nowMs());
      if (index < 0) {
        this.countDrop('Flow Table Full', packet, -1, ingressVif);
        return;
      }
      if (outerSource === undefined) table.setSrcInfoVif(index, ingressVif);
      else table.setSrcInfoFabric(index, outerSource.w0);
      table.setVrf(index, vrfOfKeyNextHop(keyNh));
      this.countHeld(index, packet, outerSource !== undefined);
      // vr_trap_flow: the trap tells the agent it is a new flow and clears NEW_FLOW.
      table.setFlags(index, table.flags(index) & ~FLAG_NEW_FLOW);
      if (this.listener !== undefined) {
        const t = this.now;
        const text = describePacket(packet);
        this.emit({ kind: 'flow-miss', t, node: this.name, packet: text, key: flowKeyText(key) });
        this.emit({ kind: 'hold', t, node: this.name, packet: text, index, queued: 1 });
        this.emit({ kind: 'trap', t, node: this.name, packet: text, index, reason: 'FLOW_MISS' });
      }
      if (this.tap !== undefined) this.tap.trapPacket(this.name, ingressVif, packet, index, this.now);
      this.vifCounters.tx(VIF_PKT0, frameLength(packet));
      // The agent holds the first packet with the pending setup; the queue only what follows.
      this.agent.trap(index, hash, packet);
      return;
    }
    if ((table.flags(index) & FLAG_EVICT_CANDIDATE) !== 0) {
      this.countDrop('Flow Unusable (Eviction)', packet, index, ingressVif);
      return;
    }
    if (table.action(index) === ACTION_HOLD) {
      this.countHeld(index, packet, outerSource !== undefined);
      if (!this.holds.add(index, packet, MAX_HELD_PACKETS_PER_FLOW - 1)) {
        this.countDrop('Flow Queue Limit Exceeded', packet, index, ingressVif);
      } else if (this.listener !== undefined) {
        this.emit({ kind: 'hold', t: this.now, node: this.name, packet: describePacket(packet), index, queued: this.heldPackets(index) });
      }
      return;
    }
    if (this.listener !== undefined) {
      this.emit({
        kind: 'flow-hit', t: this.now, node: this.name, packet: describePacket(packet), index,
        action: this.actionText(index), direction: this.agent.isForward(index) ? 'forward' : 'reverse',
      });
    }
    if (table.srcInfoKind(index) === 0) {
      if (outerSource === undefined) table.setSrcInfoVif(index, ingressVif);
      else table.setSrcInfoFabric(index, outerSource.w0);
    }
    this.applyAction(index, packet, outerSource !== undefined);
  }

  /**
   * A packet for a HOLD entry, before it is queued (vr_flow_lookup -> vr_flow_tcp_digest ->
   * vr_do_flow_action): the TCP digest runs and the stats count it, so a packet the full hold
   * queue then drops is still in the entry's stats.
   */
  private countHeld(index: number, packet: IpPacket, fromFabric: boolean): void {
    const l4 = packet.l4;
    if (l4.kind === 'tcp') tcpDigest(this.table, index, l4.flags, l4.seq, l4.ack, l4.payload.length);
    this.table.countPacket(index, countedLength(packet, fromFabric), this.nowMs());
  }

  /**
   * Run the TCP digest, count the packet on the entry, then forward or drop by the action.
   * `fromFabric`: it arrived over MPLS (counted without an Ethernet header, `countedLength`).
   */
  applyAction(index: number, packet: IpPacket, fromFabric = false): void {
    const table = this.table;
    const l4 = packet.l4;
    let dead = false;
    if (l4.kind === 'tcp') dead = tcpDigest(table, index, l4.flags, l4.seq, l4.ack, l4.payload.length) === 'dead';
    table.countPacket(index, countedLength(packet, fromFabric), this.nowMs());
    this.act(index, packet, dead);
  }

  /**
   * A held packet released through the entry's new action (vr_flow_flush_pnode ->
   * vr_flow_action): already counted and digested when it arrived.
   */
  releaseHeld(index: number, packet: IpPacket): void {
    this.act(index, packet, (this.table.tcpFlags(index) & TCPF_DEAD) !== 0);
  }

  /** vr_flow_action: forward, NAT or drop; a dead TCP flow is marked for eviction. */
  private act(index: number, packet: IpPacket, dead: boolean): void {
    const table = this.table;
    if (dead) this.agent.evictDead(index);
    const action = table.action(index);
    if (action === ACTION_FORWARD) {
      this.forward(index, packet);
    } else if (action === ACTION_NAT) {
      const translated = this.nat.rewrite(index, packet);
      if (translated === undefined) this.countDrop('Flow NAT no rflow', packet, index);
      else this.forward(index, translated);
    } else {
      this.countDrop('Flow Action Drop', packet, index);
    }
  }

  private forward(index: number, packet: IpPacket): void {
    // An `F` entry with an ECMP index (a Service address) goes to its member's node.
    // Checked first: a NodePort's address is also its node host's, but the flow goes to the member.
    const location = this.nat.ecmpLocation(index, packet, flowProto(packet), flowDestinationPort(packet)) ?? this.fabric.locate(packet.dst);
    if (location === undefined) {
      this.routeOut(packet);
      return;
    }
    if (location.vrouter === this) {
      this.deliverLocal(location.vif, packet);
      return;
    }
    this.tunnel(location, packet, this.table.udpSrcPort(index));
  }

  /** Out of eth0 towards an address no node owns (only the host does this: a pod's flow there is D(NoDstRt)). */
  private routeOut(packet: IpPacket): void {
    this.routedOut++;
    this.vifCounters.tx(VIF_FABRIC, frameLength(packet));
    if (this.listener !== undefined) {
      this.emit({ kind: 'route-out', t: this.now, node: this.name, packet: describePacket(packet), destination: packet.dst.text });
    }
    if (this.tap !== undefined) this.tap.vifPacket(this.name, VIF_FABRIC, 'out', packet, this.now);
  }

  /** MPLS over UDP to the node of `location`, with the label of its vif. */
  private tunnel(location: AddressLocation, packet: IpPacket, udpSourcePort: number): void {
    const label = labelOfVif(location.vif);
    if (this.listener !== undefined) {
      this.emit({
        kind: 'tunnel-tx', t: this.now, node: this.name, packet: describePacket(packet),
        outerSource: this.fabricIp.text, outerDestination: location.vrouter.fabricIp.text,
        udpSourcePort, label,
      });
    }
    if (this.tap !== undefined) {
      this.tap.tunnelPacket(this.name, 'out', packet, { source: this.fabricIp, destination: location.vrouter.fabricIp, label, udpSourcePort }, this.now);
    }
    this.vifCounters.tx(VIF_FABRIC, frameLength(packet) + MPLSOUDP_OVERHEAD);
    this.fabric.send(this, location.vrouter, label, packet);
  }

  private deliverLocal(vifIndex: number, packet: IpPacket): void {
    const vif = this.vifList[vifIndex];
    if (vif === undefined || vif.sink === undefined) return;
    this.delivered++;
    this.vifCounters.tx(vifIndex, frameLength(packet));
    if (this.listener !== undefined) {
      this.emit({ kind: 'deliver', t: this.now, node: this.name, packet: describePacket(packet), vif: vifIndex, vifName: vif.name });
    }
    if (this.tap !== undefined) this.tap.vifPacket(this.name, vifIndex, 'out', packet, this.now);
    this.toLocal.push(vif.sink, null, packet, 0);
  }

  /** Entries in HOLD (flows trapped to the agent and not set up yet). */
  get heldEntries(): number {
    return this.agent.heldEntries;
  }

  /**
   * Packets held on entry `index`: a live HOLD entry holds its trapped first packet (with the
   * agent's pending setup) and up to two more in the hold queue; any other entry none.
   */
  heldPackets(index: number): number {
    const table = this.table;
    if (index < 0 || index >= table.capacity || !table.isInUse(index) || table.action(index) !== ACTION_HOLD) return 0;
    return 1 + this.holds.count(index);
  }

  /** Where an address lives, for the agent (RPF next hops, reverse keys). */
  locate(address: IpAddr): AddressLocation | undefined {
    return this.fabric.locate(address);
  }

  /** The RPF next hop (`S(nh)`) towards `address`: its vif's next hop if local, else the tunnel to its node. */
  rpfNextHop(address: IpAddr): number {
    return this.rpfNextHopOf(this.fabric.locate(address));
  }

  /** `rpfNextHop` of an address already located. */
  rpfNextHopOf(location: AddressLocation | undefined): number {
    if (location === undefined) return interfaceNextHop(VIF_FABRIC);
    if (location.vrouter === this) return interfaceNextHop(location.vif);
    return tunnelNextHop(this.fabric.peerOrdinal(this, location.vrouter));
  }

  private dropVif(index: number, ingressVif: number | undefined): number {
    if (ingressVif !== undefined) return ingressVif < 0 ? VIF_FABRIC : ingressVif;
    if (index < 0) return VIF_FABRIC;
    const kind = this.table.srcInfoKind(index);
    if (kind === SRC_INFO_VIF) return this.table.srcInfo(index);
    return VIF_FABRIC;
  }

  nowMs(): number {
    return Math.floor(this.scheduler.now / 1000);
  }

  actionText(index: number): string {
    const action = this.table.action(index);
    const letter = actionLetter(action);
    return letter === 'D' ? `D(${dropReasonName(this.table.dropReason(index))})` : letter;
  }

  /**
   * Count a drop: globally (`dropstats`) and on the interface the packet came in on, which is
   * `ingressVif` (-1 = the fabric) or, for a packet on a flow entry, the entry's source info.
   */
  countDrop(stat: DropStat, packet: IpPacket, index: number, ingressVif?: number): void {
    this.drops[stat]++;
    this.vifCounters.drop(this.dropVif(index, ingressVif));
    if (this.listener !== undefined) {
      const reason = stat === 'Flow Action Drop' && index >= 0 ? `${stat} ${this.actionText(index)}` : stat;
      this.emit({ kind: 'drop', t: this.now, node: this.name, packet: describePacket(packet), reason, index });
    }
  }
}
