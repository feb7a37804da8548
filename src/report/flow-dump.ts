/**
 * `flow -l` / `flow --match` of tf-vrouter utils/flow.c (flow_dump_table), byte for byte:
 * the header with its `Changed %luProcessed` quirk, the legend, the optional `Listing flows
 * matching (...)` line, the 83-dash rule, one record per listed entry with the utility's
 * paddings, the wrap at 70 printed characters before ` Stats:` / ` SPort`, the `Sinfo` text,
 * and the `Oflow entries:` lines of bucket chains.
 *
 * Guarantees: output depends only on the table and the options. Fields the simulator does not
 * model print their "not configured" values as vRouter does (`QOS:-1`, `TTL 0`, no mirror,
 * no `->dvrf`); `E:n` appears on flows given an ECMP member (a Service address); `(oflows 0)` is the never-overflowing hold counter.
 */

import {
  FLAG_ACTIVE, FLAG_EVICTED, SRC_INFO_FABRIC, SRC_INFO_VIF, ACTION_DROP, ACTION_NAT,
  actionLetter, dropReasonName, flagsText, natFlagsText, tcpFlagsText,
} from '../dataplane/flow-codes.js';
import { FlowKey, flowKeyDestinationText, flowKeySourceText } from '../dataplane/flow-key.js';
import { ipv4Text, littleEndianIpv4Text } from '../dataplane/flow-ip-text.js';
import type { FlowTable } from '../dataplane/flow-table.js';
import { compileFlowMatch, flowMatches, type FlowMatch, type FlowMatchTerm } from './flow-match.js';

export interface FlowListOptions {
  /** `--match ip:port[,ip:port]`. */
  match?: readonly FlowMatchTerm[];
  /** sizeof(struct vr_flow_entry): 128 (R5.0, the book) or 256 (current tf-vrouter). Default 128. */
  entrySize?: 128 | 256;
  /** `--show-evicted`: also list evicted entries not yet reused. */
  showEvicted?: boolean;
  /** Only entries whose key this accepts (the CLI's `--namespace`); applied after `match`. */
  keep?: (key: FlowKey) => boolean;
}

export const FLOW_LEGEND =
  'Action:F=Forward, D=Drop N=NAT(S=SNAT, D=DNAT, Ps=SPAT, Pd=DPAT, L=Link Local Port)\n' +
  ' Other:K(nh)=Key_Nexthop, S(nh)=RPF_Nexthop\n' +
  ' Flags:E=Evicted, Ec=Evict Candidate, N=New Flow, M=Modified Dm=Delete Marked\n' +
  'TCP(r=reverse):S=SYN, F=FIN, R=RST, C=HalfClose, E=Established, D=Dead\n' +
  '\n';

const COLUMN_HEADER =
  '    Index            ' + '    ' + 'Source:Port/Destination:Port                  ' + '    ' + 'Proto(V)\n' +
  '-'.repeat(83) + '\n';

/** Values the simulator does not model, printed as an unconfigured vRouter prints them. */
export const QOS_NONE = -1;
export const TTL_NONE = 0;

const WRAP_AT = 70;

/** The header block up to and including the column rule. */
export function flowListHeader(table: FlowTable, options: FlowListOptions = {}, match = compileFlowMatch(options.match)): string {
  const c = table.counters;
  const size = table.capacity * (options.entrySize ?? 128);
  let s = `Flow table(size ${size}, entries ${table.capacity})\n\n`;
  s += `Entries: Created ${c.created} Added ${c.added} Deleted ${c.deleted} Changed ${c.changed}Processed ${c.processed} Used Overflow entries ${c.overflowInUse}\n`;
  s += `(Created Flows/CPU: ${c.createdPerCpu.join(' ')})(oflows 0)\n\n`;
  s += FLOW_LEGEND;
  if (match) s += `${match.listingLine}\n\n`;
  return s + COLUMN_HEADER;
}

/** Whether the entry is a listing candidate (ACTIVE and not evicted, or evicted under --show-evicted). */
export function isListable(table: FlowTable, index: number, showEvicted: boolean): boolean {
  const f = table.flags(index);
  if (f & FLAG_EVICTED) return showEvicted;
  return (f & FLAG_ACTIVE) !== 0;
}

/** Indexes flow -l lists, ascending. */
export function listedFlowIndexes(table: FlowTable, options: FlowListOptions = {}, match = compileFlowMatch(options.match)): number[] {
  const out: number[] = [];
  const key = new FlowKey();
  for (let i = 0; i < table.capacity; i++) {
    if (!isListable(table, i, options.showEvicted ?? false)) continue;
    if (match || options.keep) {
      table.readKey(i, key);
      if (match && !flowMatches(match, key)) continue;
      if (options.keep && !options.keep(key)) continue;
    }
    out.push(i);
  }
  return out;
}

/** The `Sinfo` text: fabric → outer source IP; vif N → inet_ntop of N little-endian; none → 0.0.0.0. */
export function sinfoText(table: FlowTable, index: number): string {
  const kind = table.srcInfoKind(index);
  if (kind === SRC_INFO_FABRIC) return ipv4Text(table.srcInfo(index));
  if (kind === SRC_INFO_VIF) return littleEndianIpv4Text(table.srcInfo(index));
  return '0.0.0.0';
}

/** `%-Nd`: left-justified in a field of `width`. */
function leftJustified(n: number, width: number): string {
  return String(n).padEnd(width, ' ');
}

/** One record (without the trailing blank line). */
export function formatFlowRecord(table: FlowTable, index: number, key: FlowKey = new FlowKey()): string {
  table.readKey(index, key);
  const ipv6Gap = key.family === 6 ? '    ' : '';
  const rflow = table.rflow(index);
  let s = String(index).padStart(9, ' ');
  s += rflow >= 0 ? `<=>${leftJustified(rflow, 9)}` : ' '.repeat(12);
  s += '    ';
  s += `${flowKeySourceText(key)}:${leftJustified(key.sport, 5)}${ipv6Gap}`.padEnd(46, ' ');
  s += '    ';
  s += `${String(key.proto).padStart(3, ' ')} (${table.vrf(index)})\n`;
  s += ' '.repeat(25) + `${flowKeyDestinationText(key)}:${leftJustified(key.dport, 5)}${ipv6Gap}\n`;

  const action = table.action(index);
  let line = `(Gen: ${table.genId(index)}, K(nh):${key.nh >>> 0}, Action:${actionLetter(action)}`;
  if (action === ACTION_NAT) line += `(${natFlagsText(table.flags(index))})`;
  if (action === ACTION_DROP) line += `(${dropReasonName(table.dropReason(index))})`;
  line += `, Flags:${flagsText(table.flags(index))}, `;
  if (key.proto === 6) line += `TCP:${tcpFlagsText(table.tcpFlags(index))}, `;
  const ecmp = table.ecmpIndex(index);
  if (ecmp >= 0) line += `E:${ecmp}, `;
  line += `QOS:${QOS_NONE}, S(nh):${table.srcNh(index) >>> 0}, `;
  let printed = line.length;
  const wrap = (): void => {
    if (printed >= WRAP_AT) { line += '\n'; printed = 0; }
  };
  const add = (text: string): void => { line += text; printed += text.length; };
  wrap();
  add(` Stats:${table.packets(index)}/${table.bytes(index)}, `);
  wrap();
  add(` SPort ${table.udpSrcPort(index)},`);
  wrap();
  line += ` TTL ${TTL_NONE},`; // printed, not counted (flow.c)
  wrap();
  line += ` Sinfo ${sinfoText(table, index)})`;
  return s + line;
}

/** The overflow entries printed after entry `index`: the bucket chain after slot 3, or the rest of a chain after an overflow entry. */
function chainAfter(table: FlowTable, index: number): number[] {
  if (index < table.mainEntries) return (index & 3) === 3 ? table.overflowChain(index) : [];
  const chain: number[] = [];
  for (let o = table.overflowNextOf(index); o >= 0; o = table.overflowNextOf(o)) chain.push(o);
  return chain;
}

function formatChain(chain: readonly number[]): string {
  let s = '\n     Oflow entries:\n\t';
  let printed = 0;
  for (const o of chain) {
    const item = ` ${o}`;
    s += item;
    printed += item.length;
    if (printed > 65) { s += '\n     '; printed = 0; }
  }
  return s;
}

/** The whole `flow -l` (or `flow --match ...`) output. */
export function formatFlowList(table: FlowTable, options: FlowListOptions = {}): string {
  const match: FlowMatch | undefined = compileFlowMatch(options.match);
  const showEvicted = options.showEvicted ?? false;
  const parts: string[] = [flowListHeader(table, options, match)];
  const key = new FlowKey();
  for (let i = 0; i < table.capacity; i++) {
    const listable = isListable(table, i, showEvicted);
    if (listable && (match || options.keep)) {
      table.readKey(i, key);
      if (match && !flowMatches(match, key)) continue;
      if (options.keep && !options.keep(key)) continue;
    }
    if (listable) parts.push(formatFlowRecord(table, i, key));
    const chain = chainAfter(table, i);
    if (chain.length > 0) {
      if (!listable) parts.push(String(i).padStart(6, ' '));
      parts.push(formatChain(chain));
    }
    if (listable || chain.length > 0) parts.push('\n\n');
  }
  return parts.join('');
}
