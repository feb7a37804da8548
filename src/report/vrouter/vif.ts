/**
 * `vif --list` and `vif --get N` as tf-vrouter prints them on the kernel platform
 * (utils/vif.c): `vr_interface_print_header` (the table title and the flag legend, four flags a
 * line), then per interface `list_get_print`: `vif%d/%d` padded to 12 columns, `OS: <name>`,
 * ` NH: %d` when the interface has a next hop; `Type:%s HWaddr:%s IPaddr:%s`; `IP6addr:` when
 * set; `Vrf:%d Mcast Vrf:%d Flags:%s QOS:%d Ref:%d`; the `RX`/`TX` lines of
 * `vr_interface_pbem_counters_print` (`%s packets:%ld  bytes:%ld errors:%ld`); `Drops:%lu`;
 * and the blank line that ends the entry. Lines printed only on DPDK or vtest (`RX device`,
 * `RX queue errors to lcore`, ...), fat flows, mirrors and speeds are not: vrsim is a kernel
 * vRouter with none of them configured.
 * Guarantees: pure over the snapshot; byte-identical to the source's format strings.
 */
import { VIF_FLAG_ORDER, type VifFlag, type VifRecord } from '../../dataplane/vrouter-snapshot.js';

/** Symbol and meaning of each flag, `flag_metadata` of utils/vif.c. */
const FLAG_LEGEND: readonly (readonly [VifFlag, string])[] = [
  ['P', 'Policy'], ['X', 'Cross Connect'], ['S', 'Service Chain'], ['Mr', 'Receive Mirror'],
  ['Mt', 'Transmit Mirror'], ['Tc', 'Transmit Checksum Offload'], ['L3', 'Layer 3'], ['L2', 'Layer 2'],
  ['D', 'DHCP'], ['Vp', 'Vhost Physical'], ['Pr', 'Promiscuous'], ['Vnt', 'Native Vlan Tagged'],
  ['Mnp', 'No MAC Proxy'], ['Dpdk', 'DPDK PMD Interface'], ['Rfl', 'Receive Filtering Offload'], ['Mon', 'Interface is Monitored'],
  ['Uuf', 'Unknown Unicast Flood'], ['Vof', 'VLAN insert/strip offload'], ['Df', 'Drop New Flows'], ['L', 'MAC Learning Enabled'],
  ['Proxy', 'MAC Requests Proxied Always'], ['Er', 'Etree Root'], ['Mn', 'Mirror without Vlan Tag'], ['HbsL', 'HBS Left Intf'],
  ['HbsR', 'HBS Right Intf'], ['Ig', 'Igmp Trap Enabled'], ['Ml', 'MAC-IP Learning Enabled'],
];

const HEAD = ' '.repeat(12);

/** `vr_interface_print_header`. */
export function vifTableHeader(): string {
  let s = 'Vrouter Interface Table\n\nFlags: ';
  FLAG_LEGEND.forEach(([symbol, meaning], i) => {
    if (i) s += i % 4 === 0 ? '\n       ' : ', ';
    s += `${symbol}=${meaning}`;
  });
  return `${s}\n\n`;
}

export function macText(mac: readonly number[]): string {
  return mac.map((b) => b.toString(16).padStart(2, '0')).join(':');
}

function flagsText(flags: readonly VifFlag[]): string {
  if (flags.length === 0) return 'NULL';
  return VIF_FLAG_ORDER.filter((f) => flags.includes(f)).join('');
}

/** `list_get_print` for one interface, with its trailing blank line. */
export function formatVif(v: VifRecord): string {
  let s = `vif0/${v.index}`.padEnd(12, ' ');
  s += `OS: ${v.name}`;
  if (v.nhId !== 0) s += ` NH: ${v.nhId}`;
  s += '\n';
  s += `${HEAD}Type:${v.type} HWaddr:${macText(v.mac)} IPaddr:${v.ipv4}\n`;
  if (v.ipv6 !== undefined) s += `${HEAD}IP6addr:${v.ipv6}\n`;
  s += `${HEAD}Vrf:${v.vrf} Mcast Vrf:${v.mcastVrf} Flags:${flagsText(v.flags)} QOS:${v.qos} Ref:${v.ref}\n`;
  const c = v.counters;
  s += `${HEAD}RX packets:${c.rxPackets}  bytes:${c.rxBytes} errors:0\n`;
  s += `${HEAD}TX packets:${c.txPackets}  bytes:${c.txBytes} errors:0\n`;
  s += `${HEAD}Drops:${c.drops}\n`;
  return `${s}\n`;
}

/** `vif --list`: the header, then every interface in index order. */
export function renderVifList(vifs: readonly VifRecord[]): string {
  return vifTableHeader() + [...vifs].sort((a, b) => a.index - b.index).map(formatVif).join('');
}

/** `vif --get N`: the header, then the one interface. */
export function renderVifGet(vif: VifRecord): string {
  return vifTableHeader() + formatVif(vif);
}

/** `-o json`: the interface as vr_interface_req names its fields. */
export function vifJson(v: VifRecord): Record<string, unknown> {
  return {
    vifr_idx: v.index, vifr_name: v.name, owner: v.owner, vifr_type: v.type, vifr_mac: macText(v.mac), vifr_ip: v.ipv4,
    ...(v.ipv6 === undefined ? {} : { vifr_ip6: v.ipv6 }), vifr_vrf: v.vrf, vifr_mcast_vrf: v.mcastVrf, vifr_flags: flagsText(v.flags),
    vifr_nh_id: v.nhId, vifr_ref_cnt: v.ref, vifr_ipackets: v.counters.rxPackets, vifr_ibytes: v.counters.rxBytes,
    vifr_opackets: v.counters.txPackets, vifr_obytes: v.counters.txBytes, vifr_dpackets: v.counters.drops,
  };
}
