/**
 * `flow --get <index>` as tf-vrouter prints it (utils/flow.c): `fill_flow_req` refuses an
 * index past the table (`Invalid flow index value %lu`), an inactive entry (`Flow index %lu is
 * not active`) and an evicted one (`Flow at index %lu is EVICTED. Use --show-evicted`);
 * otherwise `flow_get_entry` gathers the source next hop (`flow_get_source`), the routes of
 * source and destination (`flow_get_routes`) and the drop counters, and `flow_dump_entry`
 * prints them: every field name followed by `:` and padded to FLOW_GET_FIELD_LENGTH (30)
 * columns (`flow_print_field_name`), continuation lines indented by 30 spaces
 * (`flow_print_spaces`), next hops as `flow_dump_nexthop` prints them (`NextHop(Index, VRF,
 * Type)`, the interface with its `Interface Statistics(Out, In, Errors)`, `Tunnel Source`,
 * the ECMP members with `*` on the flow's), and the system-wide drop sums of
 * `vr_sum_drop_stats` / `flow_sum_drops_stats`. The screen clear (`system(CLEAN_SCREEN_CMD)`)
 * is a terminal control and is not printed.
 * Guarantees: pure over the table, the snapshot and the drop counters.
 */
import type { DropStats } from '../../dataplane/drop-stats.js';
import {
  ACTION_DROP, ACTION_FORWARD, ACTION_HOLD, ACTION_NAT, FLAG_ACTIVE, FLAG_DNAT, FLAG_DPAT, FLAG_EVICTED, FLAG_EVICT_CANDIDATE,
  FLAG_LINK_LOCAL, FLAG_MIRROR, FLAG_MODIFIED, FLAG_NEW_FLOW, FLAG_RFLOW_VALID, FLAG_SNAT, FLAG_SPAT,
  TCPF_DEAD, TCPF_ESTABLISHED, TCPF_ESTABLISHED_R, TCPF_FIN, TCPF_FIN_R, TCPF_HALF_CLOSE, TCPF_RST, TCPF_SYN, TCPF_SYN_R,
  dropReasonName,
} from '../../dataplane/flow-codes.js';
import { FlowKey, flowKeyDestinationText, flowKeySourceText } from '../../dataplane/flow-key.js';
import type { FlowTable } from '../../dataplane/flow-table.js';
import { routeLookup, type NhRecord, type VifRecord, type VrouterSnapshot } from '../../dataplane/vrouter-snapshot.js';

const FIELD = 30;
const SPACES = ' '.repeat(FIELD);

/** What `flow --get` refuses, with the utility's message. */
export type FlowGetResult = { readonly kind: 'entry'; readonly text: string } | { readonly kind: 'refused'; readonly message: string };

function field(name: string): string {
  return `${name}:`.padEnd(FIELD);
}

/** utils/vr_util.c `vr_proto_string`. */
export function protoString(proto: number): string {
  switch (proto) {
    case 6: return 'TCP';
    case 17: return 'UDP';
    case 1: return 'ICMP';
    case 132: return 'SCTP';
    case 58: return 'ICMPv6';
    default: return 'UNKNOWN';
  }
}

/** utils/vr_util.c `vr_nexthop_type_string`. */
function nhTypeString(nh: NhRecord): string {
  switch (nh.type) {
    case 'Receive': return 'RECEIVE';
    case 'Encap': return 'ENCAP';
    case 'Tunnel': return 'TUNNEL';
    case 'Drop': return 'DISCARD';
    case 'Composite': return 'COMPOSITE';
  }
}

/** The drop counters `flow_sum_drops_stats` adds up (the flow-block drops). */
const FLOW_BLOCK_DROPS = ['Flow Queue Limit Exceeded', 'Flow No Memory', 'Flow Invalid Protocol', 'Flow NAT no rflow', 'Flow Action Drop', 'Flow Action Invalid', 'Flow Unusable', 'Flow Table Full'] as const;

interface Context {
  readonly snapshot: VrouterSnapshot;
  nh(id: number): NhRecord | undefined;
  vif(index: number): VifRecord | undefined;
  /** The member of the flow's ECMP next hop (from the reverse entry), -1 = none. */
  readonly ecmpIndex: number;
}

function hasVif(nh: NhRecord): boolean {
  return nh.type === 'Encap' || nh.type === 'Tunnel' || nh.type === 'Receive';
}

function printVif(vif: VifRecord | undefined, ingress: boolean): string {
  if (vif === undefined) return '';
  const c = vif.counters;
  return `${SPACES}${ingress ? 'Ingress ' : 'Egress '}Interface(Index, VRF, OS): vif0/${vif.index}, ${vif.vrf}, ${vif.name}\n`
    + `${SPACES}Interface Statistics(Out, In, Errors): ${c.txPackets}, ${c.rxPackets}, 0\n`;
}

/** `flow_dump_nexthop` (Drop and other types print nothing). */
function dumpNexthop(ctx: Context, nh: NhRecord | undefined, vif: VifRecord | undefined, ingress: boolean): string {
  if (nh === undefined) return '';
  const header = `NextHop(Index, VRF, Type): ${nh.id}, ${nh.vrf}, ${nhTypeString(nh)}\n`;
  switch (nh.type) {
    case 'Encap':
    case 'Receive':
      return header + printVif(vif, ingress);
    case 'Tunnel':
      return `${header}${SPACES}Tunnel Source: ${nh.tunnel?.dip ?? '0.0.0.0'}\n${printVif(vif, ingress)}`;
    case 'Composite': {
      let s = `${header}${SPACES}ECMP\n${SPACES}`;
      nh.members.slice(0, 16).forEach((m, i) => { s += `${m.nh}${ctx.ecmpIndex === i ? '*' : ''}, `; });
      s += `\n${SPACES}`;
      const chosen = ctx.ecmpIndex >= 0 ? nh.members[ctx.ecmpIndex] : undefined;
      if (chosen !== undefined) s += dumpNexthop(ctx, ctx.nh(chosen.nh), vif, ingress);
      return s;
    }
    default:
      return '';
  }
}

function routeSection(ctx: Context, title: string, vrf: number, address: string, ingress: boolean): string {
  const rt = routeLookup(ctx.snapshot, vrf, address);
  let s = `${field(title)}VRF: ${rt.vrf}\n${SPACES}Layer 3 Route Information\n`;
  s += `${SPACES}Matching Route: ${rt.prefix}/${String(rt.plen).padEnd(2)}\n`;
  const nh = ctx.nh(rt.nhId);
  if (nh !== undefined) s += SPACES + dumpNexthop(ctx, nh, hasVif(nh) ? ctx.vif(nh.oif) : undefined, ingress);
  return s;
}

function natText(flags: number): string {
  let s = '';
  for (let bit = 0; bit < 16; bit++) {
    switch (flags & (1 << bit)) {
      case FLAG_SNAT: s += 'SourceNAT, '; break;
      case FLAG_DNAT: s += 'DestinationNAT, '; break;
      case FLAG_SPAT: s += 'SourcePortNAT, '; break;
      case FLAG_DPAT: s += 'DestinationPortNAT, '; break;
      case FLAG_LINK_LOCAL: s += 'LinkLocalNAT, '; break;
      default: break;
    }
  }
  return s;
}

function tcpText(bits: number): string {
  const names: [number, string][] = [
    [TCPF_SYN, 'SYN, '], [TCPF_SYN_R, 'SYN(REVERSE), '], [TCPF_ESTABLISHED, 'ESTABLISHED, '], [TCPF_ESTABLISHED_R, 'ESTABLISHED(REVERSE), '],
    [TCPF_FIN, 'FIN, '], [TCPF_FIN_R, 'FIN(REVERSE), '], [TCPF_RST, 'RESET, '], [TCPF_HALF_CLOSE, 'HALFCLOSED, '], [TCPF_DEAD, 'DEAD, '],
  ];
  return names.filter(([b]) => (bits & b) !== 0).map(([, n]) => n).join('');
}

/** `flow --get <index>` (`showEvicted`: `--show-evicted`). */
export function renderFlowGet(table: FlowTable, index: number, snapshot: VrouterSnapshot, drops: DropStats, showEvicted = false): FlowGetResult {
  if (!Number.isInteger(index) || index < 0 || index >= table.capacity) return { kind: 'refused', message: `Invalid flow index value ${index}` };
  const flags = table.flags(index);
  if ((flags & FLAG_ACTIVE) === 0) return { kind: 'refused', message: `Flow index ${index} is not active` };
  if (!showEvicted && (flags & FLAG_EVICTED) !== 0) return { kind: 'refused', message: `Flow at index ${index} is EVICTED. Use --show-evicted` };

  const nhById = new Map(snapshot.nexthops.map((n) => [n.id, n]));
  const vifByIndex = new Map(snapshot.vifs.map((v) => [v.index, v]));
  const key = new FlowKey();
  table.readKey(index, key);
  const src = flowKeySourceText(key);
  const dst = flowKeyDestinationText(key);
  const rindex = table.rflow(index);
  const hasReverse = (flags & FLAG_RFLOW_VALID) !== 0 && rindex >= 0;
  const rkey = new FlowKey();
  if (hasReverse) table.readKey(rindex, rkey);
  // flow_get_source: the member index is read from the reverse entry, and only when the source next hop is an ECMP composite.
  const srcNh = nhById.get(table.srcNh(index) >>> 0);
  const ecmpIndex = srcNh?.type === 'Composite' && hasReverse && (table.flags(rindex) & FLAG_ACTIVE) !== 0 ? table.ecmpIndex(rindex) : -1;
  const ctx: Context = { snapshot, nh: (id) => nhById.get(id), vif: (i) => vifByIndex.get(i), ecmpIndex };

  let s = `${field('Flow Index')}${index}\n`;
  s += `${field('Flow Generation ID')}${table.genId(index)}\n`;
  s += `${field('Reverse Flow Index')}${hasReverse ? rindex : -1}\n`;
  const vrf = table.vrf(index);
  s += `${field('VRF')}${vrf}\n`;
  s += `${field('Destination VRF')}${vrf}\n`;
  s += `${field('Flow Source')}[${src}]:${String(key.sport).padEnd(5)}\n`;
  s += `${field('Flow Destination')}[${dst}]:${String(key.dport).padEnd(5)}\n`;
  s += `${field('Flow Protocol')}${protoString(key.proto)}\n`;
  const action = table.action(index);
  s += field('Flow Action');
  if (action === ACTION_HOLD) s += 'HOLD';
  else if (action === ACTION_FORWARD) s += 'FORWARD';
  else if (action === ACTION_DROP) s += `DROP:${SPACES}${dropReasonName(table.dropReason(index))}`;
  else if (action === ACTION_NAT) s += `NAT: ${natText(flags)}`;
  else s += 'Unknown';
  s += '\n';
  if (action === ACTION_NAT) {
    s += `${SPACES}NAT(Source, Destination): `;
    if (hasReverse) {
      const rsrc = flowKeySourceText(rkey);
      const rdst = flowKeyDestinationText(rkey);
      s += `[${(flags & FLAG_SNAT) !== 0 ? rdst : src}]:${(flags & FLAG_SPAT) !== 0 ? rkey.dport : key.sport}, `;
      s += `[${(flags & FLAG_DNAT) !== 0 ? rsrc : dst}]:${(flags & FLAG_DPAT) !== 0 ? rkey.sport : key.dport}`;
    }
    s += '\n';
  }

  if (srcNh !== undefined) {
    const srcVif = hasVif(srcNh) ? vifByIndex.get(srcNh.oif) : undefined;
    s += field('Expected Source') + dumpNexthop(ctx, srcNh, srcVif, true);
  }
  const routed = action !== ACTION_NAT || hasReverse;
  if (routed) {
    s += routeSection(ctx, 'Source Information', vrf, src, true);
    const dstAddress = (flags & FLAG_DNAT) !== 0 && hasReverse ? flowKeySourceText(rkey) : dst;
    s += routeSection(ctx, 'Destination Information', vrf, dstAddress, false);
  }

  s += `\n${field('Flow Flags')}`;
  if (flags & FLAG_EVICTED) s += 'EVICTED ';
  if (flags & FLAG_EVICT_CANDIDATE) s += 'EVICT CANDIDATE ';
  if (flags & FLAG_NEW_FLOW) s += 'NEW ';
  if (flags & FLAG_MODIFIED) s += 'MODIFIED ';
  if (flags & FLAG_MIRROR) s += 'MIRROR ';
  s += '\n';
  if (key.proto === 6) s += `${field('TCP FLAGS')}${tcpText(table.tcpFlags(index))}\n`;
  s += `${field('UDP Source Port')}${table.udpSrcPort(index)}\n`;
  s += `\n${field('Flow Statistics')}${table.packets(index)}/${table.bytes(index)}\n`;
  const all = Object.values(drops).reduce((a, b) => a + b, 0);
  s += `${field('System Wide Packet Drops')}${all}\n`;
  s += `${SPACES}Reverse Path Failures: 0\n`;
  s += `${SPACES}Flow Block Drops: ${FLOW_BLOCK_DROPS.reduce((a, n) => a + drops[n], 0)}\n`;
  return { kind: 'entry', text: s };
}
