/**
 * `rt --dump <vrf>` of the inet family as tf-vrouter prints it (utils/rt.c): the legend of
 * `dump_legend` (`Flags: L=Label Valid, P=Proxy ARP, T=Trap ARP, F=Flood ARP, Ml=MAC-IP learnt
 * route`), the title and column header of `vr_print_rtable_header`, then per route
 * `route_req_process`: `%s/%-2d` padded to 21 columns, `%4d` (the replacement prefix length),
 * 8 spaces, `%5s` flags, 6 spaces, `%5d` label or `%5c` '-', 8 spaces, `%7d` next hop,
 * 8 spaces, and `-` (no stitched MAC).
 * vrsim's VRFs hold host routes only; the kernel mtrie also prints its empty buckets (PPL 0,
 * next hop 0), which are left out here (docs/vrouter-tools.md).
 * Guarantees: pure over the snapshot; byte-identical to the source's format strings.
 */
import type { RouteRecord } from '../../dataplane/vrouter-snapshot.js';

const LEGEND = 'Flags: L=Label Valid, P=Proxy ARP, T=Trap ARP, F=Flood ARP, Ml=MAC-IP learnt route\n';
const COLUMNS = 'Destination           PPL        Flags        Label         Nexthop    Stitched MAC(Index)\n';

export function rtHeader(vrf: number): string {
  return `${LEGEND}vRouter inet4 routing table 0/${vrf}/unicast\n${COLUMNS}`;
}

export function formatRoute(r: RouteRecord): string {
  const flags = (['L', 'P', 'T'] as const).filter((f) => r.flags.includes(f)).join('');
  let s = `${r.prefix}/${String(r.plen).padEnd(2)}`.padEnd(21);
  s += String(r.plen).padStart(4);
  s += ' '.repeat(8) + flags.padStart(5);
  s += ' '.repeat(6) + (r.flags.includes('L') ? String(r.label).padStart(5) : '-'.padStart(5));
  s += ' '.repeat(8) + String(r.nhId).padStart(7);
  s += `${' '.repeat(8)}-\n`;
  return s;
}

export function renderRtDump(vrf: number, routes: readonly RouteRecord[]): string {
  return rtHeader(vrf) + routes.filter((r) => r.vrf === vrf).map(formatRoute).join('');
}

export function routeJson(r: RouteRecord): Record<string, unknown> {
  return {
    rtr_vrf_id: r.vrf, rtr_prefix: r.prefix, rtr_prefix_len: r.plen, rtr_label_flags: [...r.flags],
    ...(r.flags.includes('L') ? { rtr_label: r.label } : {}), rtr_nh_id: r.nhId,
  };
}
