/**
 * A packet capture of the whole simulated cluster (`--pcap`, scenario `capture:`): every
 * packet on every vif of every node, as the vRouter saw it, with a comment saying what the
 * vRouter did with it.
 *
 * It is attached twice: as the vRouters' `CaptureTap` (the packet records, encoded here with
 * the byte-exact codec) and as a `TraceListener` (the flow lookup, hold, agent decision and
 * drop that follow each packet, synchronously, on the same node; they become its comment).
 *
 * What each interface carries (all Ethernet II, LINKTYPE_ETHERNET):
 * - `<node>/tapeth0-…`, `<node>/vhost0`: the pod's or host's frames; `inbound` = sent by the
 *   pod into the vRouter, `outbound` = delivered by the vRouter to the pod.
 * - `<node>/eth0`: MPLS-over-UDP frames between fabric IPs (`frames.ts`), and plain frames
 *   routed out of the fabric to addresses no node owns.
 * - `<node>/pkt0`: each flow-miss packet trapped to the agent. The real vRouter prefixes it
 *   with an Ethernet rewrite and a 30-byte `struct agent_hdr` (tf-vrouter include/vr_defs.h,
 *   dp-core/vr_interface.c `agent_set_rewrite`); Wireshark has no dissector for agent_hdr, so
 *   the frame here is the trapped packet itself (dissectable) and the agent_hdr fields
 *   (hdr_ifindex, hdr_vrf, hdr_cmd AGENT_TRAP_FLOW_MISS = 6, hdr_cmd_param = flow index) are in
 *   its comment.
 *
 * Guarantees: deterministic bytes for a deterministic simulation (virtual time, no clock);
 * nothing is recorded while detached; timestamps are the virtual time in nanoseconds.
 */
import type { CaptureTap, DataplaneEvent, TraceListener } from '../../dataplane/trace-events.js';
import { POD_NETWORK_VRF, VIF_FABRIC, VIF_PKT0, vifOfLabel, type Vif } from '../../dataplane/topology.js';
import { encodePacket } from '../../packet/codec.js';
import type { IpAddr, IpPacket } from '../../packet/types.js';
import { LINKTYPE_ETHERNET, concatBlocks, enhancedPacketBlock, interfaceDescriptionBlock, sectionHeaderBlock } from './blocks.js';
import { VROUTER_MAC, ethernetFrame, mplsOverUdp, nodeMac, podMac, type Mac } from './frames.js';

/** What the capture needs to know of a node's vRouter (a `Vrouter` is one). */
export interface CaptureNode {
  readonly name: string;
  readonly fabricIp: IpAddr;
  vifs(): readonly Vif[];
  vif(index: number): Vif | undefined;
}

export interface CaptureRecord {
  /** `<node>/<vif name>`. */
  readonly interfaceName: string;
  readonly node: string;
  readonly direction: 'inbound' | 'outbound';
  /** Virtual time in microseconds. */
  readonly t: number;
  readonly frame: Uint8Array;
  /** What the vRouter did, joined with `; ` into the packet comment. */
  readonly notes: string[];
}

interface CaptureInterface {
  readonly node: string;
  readonly index: number;
  readonly name: string;
  readonly description: string;
}

interface NodeContext {
  /** The packet that just came in on this node (the trace events that follow are about it). */
  current: CaptureRecord | undefined;
  /** The flow entry and action the packets going out now are forwarded by. */
  flow: number;
  action: string;
  released: boolean;
  /** Packets queued on HOLD entries, by flow index, until the agent installs the flow. */
  readonly held: Map<number, CaptureRecord[]>;
  /** Held packets being released right now (after a flow-install), in queue order. */
  releasing: CaptureRecord[];
  decision: string | undefined;
}

/** A fabric gateway for frames routed out of eth0 to addresses no node owns. */
const FABRIC_GATEWAY_MAC: Mac = Uint8Array.of(0x52, 0x54, 0x00, 0x00, 0x00, 0x01);
const FALLBACK_TUNNEL_PORT = 49152;

function ms(t: number): string {
  return `${(t / 1000).toFixed(3)} ms`;
}

export class PacketCapture implements CaptureTap {
  private readonly nodes: () => readonly CaptureNode[];
  private readonly recordList: CaptureRecord[] = [];
  private readonly interfaceMap = new Map<string, CaptureInterface>();
  private readonly contexts = new Map<string, NodeContext>();
  /** UDP source port and outer IPv4 id of tunnel packets in flight, by `outer src>dst` (the fabric is FIFO). */
  private readonly inFlight = new Map<string, { port: number; id: number }[]>();
  private readonly outerIds = new Map<string, number>();
  /** The trace listener half: attach it next to (or tee'd with) any other listener. */
  readonly listener: TraceListener = (e) => this.onEvent(e);

  constructor(nodes: () => readonly CaptureNode[]) {
    this.nodes = nodes;
    this.registerAll();
  }

  records(): readonly CaptureRecord[] {
    return this.recordList;
  }

  /** Every vif seen, in interface-id order: by node name, then vif index. */
  interfaces(): readonly CaptureInterface[] {
    this.registerAll();
    return [...this.interfaceMap.values()].sort((a, b) => (a.node < b.node ? -1 : a.node > b.node ? 1 : a.index - b.index));
  }

  /** The pcapng file image: SHB, one IDB per vif, one EPB per packet. */
  toPcapng(): Uint8Array {
    const interfaces = this.interfaces();
    const ids = new Map(interfaces.map((i, n) => [`${i.node}/${i.name}`, n]));
    const blocks = [sectionHeaderBlock('vrsim (virtual time from the start of the simulation)')];
    for (const i of interfaces) blocks.push(interfaceDescriptionBlock({ name: `${i.node}/${i.name}`, description: i.description, linkType: LINKTYPE_ETHERNET, snapLength: 262144 }));
    for (const r of this.recordList) {
      blocks.push(
        enhancedPacketBlock({
          interfaceId: ids.get(r.interfaceName)!,
          timestampNs: Math.round(r.t * 1000),
          data: r.frame,
          direction: r.direction,
          comment: r.notes.join('; '),
        }),
      );
    }
    return concatBlocks(blocks);
  }

  // ---- CaptureTap ----

  vifPacket(node: string, vifIndex: number, direction: 'in' | 'out', packet: IpPacket, t: number): void {
    const n = this.node(node);
    const vif = n?.vif(vifIndex);
    if (n === undefined || vif === undefined) return;
    this.register(n, vif);
    const ip = encodePacket(packet);
    const ctx = this.context(node);
    let frame: Uint8Array;
    if (vif.kind === 'fabric') {
      frame = ethernetFrame(FABRIC_GATEWAY_MAC, nodeMac(n.fabricIp), packet.src.family, ip);
    } else {
      const endMac = vif.kind === 'vhost' ? nodeMac(n.fabricIp) : podMac(vif.addresses.find((a) => a.family === packet.src.family) ?? vif.addresses[0]);
      frame = direction === 'in' ? ethernetFrame(VROUTER_MAC, endMac, packet.src.family, ip) : ethernetFrame(endMac, VROUTER_MAC, packet.src.family, ip);
    }
    const record = this.push(node, vif.name, direction, t, frame);
    if (direction === 'in') {
      this.startPacket(ctx, record);
      return;
    }
    if (vif.kind === 'fabric') {
      record.notes.push(`routed out of the fabric: no node owns ${packet.dst.text}`, this.forwardedBy(ctx));
      ctx.current?.notes.push(`routed out of eth0 (no node owns ${packet.dst.text})`);
    } else {
      record.notes.push(`delivered to ${vif.owner}`, this.forwardedBy(ctx));
      this.forwardedNote(ctx, `delivered on ${vif.name}`);
    }
  }

  tunnelPacket(
    node: string,
    direction: 'in' | 'out',
    packet: IpPacket,
    tunnel: { readonly source: IpAddr; readonly destination: IpAddr; readonly label: number; readonly udpSourcePort: number },
    t: number,
  ): void {
    const n = this.node(node);
    const eth0 = n?.vif(VIF_FABRIC);
    if (n === undefined || eth0 === undefined) return;
    this.register(n, eth0);
    const ctx = this.context(node);
    const pathKey = `${tunnel.source.text}>${tunnel.destination.text}`;
    let port = tunnel.udpSourcePort;
    let id: number;
    if (direction === 'out') {
      id = ((this.outerIds.get(node) ?? 0) + 1) & 0xffff;
      this.outerIds.set(node, id);
      const queue = this.inFlight.get(pathKey) ?? [];
      queue.push({ port, id });
      this.inFlight.set(pathKey, queue);
    } else {
      const sent = this.inFlight.get(pathKey)?.shift();
      port = sent?.port ?? FALLBACK_TUNNEL_PORT;
      id = sent?.id ?? 0;
    }
    const peerMac = nodeMac(direction === 'out' ? tunnel.destination : tunnel.source);
    const ownMac = nodeMac(n.fabricIp);
    const outer = mplsOverUdp({ source: tunnel.source, destination: tunnel.destination, udpSourcePort: port, label: tunnel.label, id }, packet);
    const frame = direction === 'out' ? ethernetFrame(peerMac, ownMac, 4, outer) : ethernetFrame(ownMac, peerMac, 4, outer);
    const record = this.push(node, eth0.name, direction, t, frame);
    if (direction === 'in') {
      record.notes.push(`MPLSoUDP from ${tunnel.source.text} label ${tunnel.label} (vif ${vifOfLabel(tunnel.label)})`);
      this.startPacket(ctx, record);
      return;
    }
    record.notes.push(`MPLSoUDP to ${tunnel.destination.text} label ${tunnel.label}, source port ${port} from the flow entry`, this.forwardedBy(ctx));
    this.forwardedNote(ctx, `tunnelled to ${tunnel.destination.text} label ${tunnel.label}`);
  }

  trapPacket(node: string, ingressVif: number, packet: IpPacket, flowIndex: number, t: number): void {
    const n = this.node(node);
    const pkt0 = n?.vif(VIF_PKT0);
    if (n === undefined || pkt0 === undefined) return;
    this.register(n, pkt0);
    const from = ingressVif >= 0 ? n.vif(ingressVif) : undefined;
    const srcMac = from === undefined ? nodeMac(n.fabricIp) : from.kind === 'vhost' ? nodeMac(n.fabricIp) : podMac(from.addresses[0]);
    const frame = ethernetFrame(VROUTER_MAC, srcMac, packet.src.family, encodePacket(packet));
    const record = this.push(node, pkt0.name, 'outbound', t, frame);
    const ifindex = ingressVif >= 0 ? ingressVif : VIF_FABRIC;
    record.notes.push(
      `trap to agent: agent_hdr hdr_ifindex ${ifindex}, hdr_vrf ${POD_NETWORK_VRF}, hdr_cmd AGENT_TRAP_FLOW_MISS (6), hdr_cmd_param ${flowIndex} (flow index)`,
    );
  }

  // ---- TraceListener ----

  private onEvent(e: DataplaneEvent): void {
    const ctx = this.context(e.node);
    const cur = ctx.current;
    switch (e.kind) {
      case 'flow-miss':
        cur?.notes.push('flow lookup: miss');
        return;
      case 'hold': {
        if (cur === undefined) return;
        if (e.queued === 1 && cur.notes.at(-1) === 'flow lookup: miss') cur.notes.push(`new entry ${e.index} action H (hold), packet queued (1 of 3)`);
        else cur.notes.push(`flow ${e.index} is on HOLD (agent deciding): queued (${e.queued} of 3)`);
        const list = ctx.held.get(e.index) ?? [];
        list.push(cur);
        ctx.held.set(e.index, list);
        return;
      }
      case 'trap':
        cur?.notes.push(`trapped to agent over pkt0 (FLOW_MISS), entry ${e.index}`);
        return;
      case 'flow-hit':
        cur?.notes.push(`flow lookup: hit ${e.index} (${e.direction}), action ${e.action}`);
        ctx.flow = e.index;
        ctx.action = e.action;
        ctx.released = false;
        return;
      case 'agent-decision':
        ctx.decision = e.reason;
        return;
      case 'flow-install': {
        const held = [...(ctx.held.get(e.index) ?? []), ...(e.reverseIndex >= 0 ? (ctx.held.get(e.reverseIndex) ?? []) : [])];
        ctx.held.delete(e.index);
        if (e.reverseIndex >= 0) ctx.held.delete(e.reverseIndex);
        const decision = ctx.decision === undefined ? "" : `agent: ${ctx.decision}; `;
        for (const r of held) {
          r.notes.push(`at ${ms(e.t)} ${decision}installed ${e.index} ${e.forwardAction} <=> ${e.reverseIndex} ${e.reverseAction}; released from hold`);
        }
        ctx.decision = undefined;
        ctx.current = undefined;
        ctx.releasing = held;
        ctx.flow = e.index;
        ctx.action = e.forwardAction;
        ctx.released = true;
        return;
      }
      case 'drop': {
        const text = `dropped: ${e.reason}${e.index >= 0 && !e.reason.includes('(') ? ` (entry ${e.index})` : ''}`;
        if (ctx.released && ctx.releasing.length > 0) ctx.releasing.shift()!.notes.push(text);
        else cur?.notes.push(text);
        return;
      }
      default:
        return;
    }
  }

  // ---- helpers ----

  private forwardedBy(ctx: NodeContext): string {
    if (ctx.flow < 0) return 'forwarded';
    return ctx.released ? `released from hold by flow ${ctx.flow} (action ${ctx.action})` : `forwarded by flow ${ctx.flow} (action ${ctx.action})`;
  }

  /** Tell the packet that came in (or is being released) where it went. */
  private forwardedNote(ctx: NodeContext, text: string): void {
    if (ctx.released && ctx.releasing.length > 0) ctx.releasing.shift()!.notes.push(text);
    else ctx.current?.notes.push(text);
  }

  private startPacket(ctx: NodeContext, record: CaptureRecord): void {
    ctx.current = record;
    ctx.flow = -1;
    ctx.action = '';
    ctx.released = false;
    ctx.releasing = [];
  }

  private push(node: string, vifName: string, direction: 'in' | 'out' | 'inbound' | 'outbound', t: number, frame: Uint8Array): CaptureRecord {
    const record: CaptureRecord = {
      interfaceName: `${node}/${vifName}`,
      node,
      direction: direction === 'in' || direction === 'inbound' ? 'inbound' : 'outbound',
      t,
      frame,
      notes: [],
    };
    this.recordList.push(record);
    return record;
  }

  private context(node: string): NodeContext {
    let ctx = this.contexts.get(node);
    if (ctx === undefined) {
      ctx = { current: undefined, flow: -1, action: '', released: false, held: new Map(), releasing: [], decision: undefined };
      this.contexts.set(node, ctx);
    }
    return ctx;
  }

  private node(name: string): CaptureNode | undefined {
    return this.nodes().find((n) => n.name === name);
  }

  private registerAll(): void {
    for (const n of this.nodes()) for (const v of n.vifs()) this.register(n, v);
  }

  private register(n: CaptureNode, vif: Vif): void {
    const key = `${n.name}/${vif.name}`;
    if (this.interfaceMap.has(key)) return;
    this.interfaceMap.set(key, { node: n.name, index: vif.index, name: vif.name, description: describeVif(n, vif) });
  }
}

function describeVif(n: CaptureNode, vif: Vif): string {
  switch (vif.kind) {
    case 'fabric':
      return `vif 0/${vif.index} fabric ${n.fabricIp.text} (MPLS-over-UDP to the other nodes)`;
    case 'vhost':
      return `vif 0/${vif.index} host ${vif.owner} ${vif.addresses.map((a) => a.text).join(' ')}`;
    case 'agent':
      return `vif 0/${vif.index} agent (flow-miss traps)`;
    case 'pod':
      return `vif 0/${vif.index} pod ${vif.owner} ${vif.addresses.map((a) => a.text).join(' ')}`;
  }
}
