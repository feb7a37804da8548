/**
 * `dropstats` as tf-vrouter prints it (utils/vr_util.c, `vr_print_drop_stats`, kernel
 * platform, all cores): every counter name left-aligned in 30 columns, then the value, in the
 * source's groups separated by blank lines, and the trailing blank line. The DPDK-only VLAN
 * lines are not printed (the simulated vRouter is the kernel module).
 *
 * Values: the flow counters the simulated vRouter keeps (`Vrouter.drops`: Flow Unusable, Flow
 * Table Full, Flow Action Drop, Flow Queue Limit Exceeded, Flow Unusable (Eviction), ...);
 * every other counter counts a drop the simulation never makes (no ARP, no fragments, no
 * checksum errors, ...) and is 0.
 * Guarantees: pure; byte-identical layout to the source's format strings.
 */
import type { DropStats } from '../../dataplane/drop-stats.js';
import type { DropStat } from '../../dataplane/flow-codes.js';

/** `[printed name, counter kept by the simulation or null]`, groups separated by null rows. */
const LAYOUT: readonly (readonly [string, DropStat | null] | null)[] = [
  ['Invalid IF', null], ['Trap No IF', null], ['IF TX Discard', null], ['IF Drop', null], ['IF RX Discard', null],
  null,
  ['Flow Unusable', 'Flow Unusable'], ['Flow No Memory', 'Flow No Memory'], ['Flow Table Full', 'Flow Table Full'],
  ['Flow NAT no rflow', 'Flow NAT no rflow'], ['Flow Action Drop', 'Flow Action Drop'], ['Flow Action Invalid', 'Flow Action Invalid'],
  ['Flow Invalid Protocol', 'Flow Invalid Protocol'], ['Flow Queue Limit Exceeded', 'Flow Queue Limit Exceeded'],
  ['New Flow Drops', null], ['Flow Unusable (Eviction)', 'Flow Unusable (Eviction)'],
  null,
  ['Original Packet Trapped', null],
  null,
  ['Discards', null], ['TTL Exceeded', null], ['Mcast Clone Fail', null], ['Cloned Original', null],
  null,
  ['Invalid NH', null], ['Invalid Label', null], ['Invalid Protocol', null], ['Etree Leaf to Leaf', null],
  ['Bmac/ISID Mismatch', null], ['Rewrite Fail', null], ['Invalid Mcast Source', null], ['Packet Loop', null],
  null,
  ['Push Fails', null], ['Pull Fails', null], ['Duplicated', null], ['Head Alloc Fails', null], ['PCOW fails', null], ['Invalid Packets', null],
  null,
  ['Misc', null], ['Nowhere to go', null], ['Checksum errors', null], ['No Fmd', null], ['Invalid VNID', null],
  ['Fragment errors', null], ['Invalid Source', null], ['Jumbo Mcast Pkt with DF Bit', null], ['No L2 Route', null],
  ['Memory Failures', null], ['Fragment Queueing Failures', null],
  null,
];

export function renderDropstats(drops: DropStats): string {
  return LAYOUT.map((row) => (row === null ? '' : `${row[0].padEnd(30)}${row[1] === null ? 0 : drops[row[1]]}`)).join('\n') + '\n';
}

/** The same counters as JSON, named as dropstats prints them. */
export function dropstatsJson(drops: DropStats): Record<string, number> {
  const out: Record<string, number> = {};
  for (const row of LAYOUT) if (row !== null) out[row[0]] = row[1] === null ? 0 : drops[row[1]];
  return out;
}
