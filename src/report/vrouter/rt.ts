/**
 * `rt --dump <vrf>` of the inet family as tf-vrouter prints it (utils/rt.c): the legend of
 * `dump_legend` (`Flags: L=Label Valid, P=Proxy ARP, T=Trap ARP, F=Flood ARP, Ml=MAC-IP learnt
 * route`), the title and column header of `vr_print_rtable_header`, then per route
 * `route_req_process`: `%s/%-2d` padded to 21 columns, `%4d` (the replacement prefix length),
 * 8 spaces, `%5s` flags, 6 spaces, `%5d` label or `%5c` '-', 8 spaces, `%7d` next hop,
 * 8 spaces, and `-` (no stitched MAC).
 * vrsim's VRFs hold host routes only; the kernel mtrie also prints its empty buckets (PPL 0,
 * next hop 0), which are left out here (docs/vrouter-tools.md).
 *
 * `rt --get <address>/<plen> --vrf <vrf>`: `validate_options` prints `Match %s/%u in vRouter
 * inet4 table 0/%u/unicast` and a blank line, `vr_route_op` the same header as the dump, then
 * the kernel's answer (`mtrie_get` -> `mtrie_lookup`, dp-core/vr_ip_mtrie.c): the longest
 * route covering the address that is no longer than `plen`, printed with the address masked
 * to the route's length and PPL 0 (the request's `rtr_replace_plen`, vr_send_route_get);
 * without one, the root entry every bucket inherits: 0.0.0.0/0, no flags, the discard next
 * hop 0.
 * Guarantees: pure over the snapshot; byte-identical to the source's format strings.
 */
import type { RouteRecord } from '../../dataplane/vrouter-snapshot.js';

const LEGEND = 'Flags: L=Label Valid, P=Proxy ARP, T=Trap ARP, F=Flood ARP, Ml=MAC-IP learnt route\n';
const COLUMNS = 'Destination           PPL        Flags        Label         Nexthop    Stitched MAC(Index)\n';

export function rtHeader(vrf: number): string {
  return `${LEGEND}vRouter inet4 routing table 0/${vrf}/unicast\n${COLUMNS}`;
}

export function formatRoute(r: RouteRecord, replacePlen = r.plen): string {
  const flags = (['L', 'P', 'T'] as const).filter((f) => r.flags.includes(f)).join('');
  let s = `${r.prefix}/${String(r.plen).padEnd(2)}`.padEnd(21);
  s += String(replacePlen).padStart(4);
  s += ' '.repeat(8) + flags.padStart(5);
  s += ' '.repeat(6) + (r.flags.includes('L') ? String(r.label).padStart(5) : '-'.padStart(5));
  s += ' '.repeat(8) + String(r.nhId).padStart(7);
  s += `${' '.repeat(8)}-\n`;
  return s;
}

export function renderRtDump(vrf: number, routes: readonly RouteRecord[]): string {
  return rtHeader(vrf) + routes.filter((r) => r.vrf === vrf).map((r) => formatRoute(r)).join('');
}

export function routeJson(r: RouteRecord): Record<string, unknown> {
  return {
    rtr_vrf_id: r.vrf, rtr_prefix: r.prefix, rtr_prefix_len: r.plen, rtr_label_flags: [...r.flags],
    ...(r.flags.includes('L') ? { rtr_label: r.label } : {}), rtr_nh_id: r.nhId,
  };
}

function ipv4Word(address: string): number {
  return address.split('.').reduce((w, o) => ((w << 8) | Number(o)) >>> 0, 0);
}

function prefixMask(plen: number): number {
  return plen === 0 ? 0 : (0xffffffff << (32 - plen)) >>> 0;
}

/** The route `rt --get` answers with: longest match no longer than the query, else the discard root (module comment). */
export function routeGet(vrf: number, routes: readonly RouteRecord[], address: string, plen: number): RouteRecord {
  const word = ipv4Word(address);
  const mask = prefixMask;
  let best: RouteRecord | undefined;
  for (const r of routes) {
    if (r.vrf !== vrf || r.plen > plen || ((word & mask(r.plen)) >>> 0) !== ((r.prefixWord & mask(r.plen)) >>> 0)) continue;
    if (best === undefined || r.plen > best.plen) best = r;
  }
  return best ?? { vrf, prefix: '0.0.0.0', prefixWord: 0, plen: 0, flags: [], label: -1, nhId: 0 };
}

export function renderRtGet(vrf: number, routes: readonly RouteRecord[], address: string, plen: number): string {
  const masked = (ipv4Word(address) & prefixMask(plen)) >>> 0;
  const text = [24, 16, 8, 0].map((s) => (masked >>> s) & 0xff).join('.');
  const r = routeGet(vrf, routes, address, plen);
  return `Match ${text}/${plen} in vRouter inet4 table 0/${vrf}/unicast\n\n${rtHeader(vrf)}${formatRoute(r, 0)}`;
}
