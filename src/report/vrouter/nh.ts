/**
 * `nh --list` and `nh --get N` as tf-vrouter prints them (utils/nh.c `nexthop_req_process`):
 * `Id:%-9d  Type:%-13s  Fmly:%8s  Rid:%d  Ref_cnt:%-10d Vrf:%d`, then on lines indented by
 * `nh_print_newline_header` (a newline and 14 spaces) `Flags:` with `nh_flags`' comma-ended
 * names, and per type: `Oif:%d` (Receive); `EncapFmly:%04x Oif:%d Len:%d` and
 * `Encap Data: ` with `%02x ` bytes (Encap); `Oif:%d Len:%d Data:` bytes, then `Sip:%s Dip:%s`
 * (Tunnel); `Sub NH(label):` with ` %d` and `(%d)` per member, wrapped after 60 printed
 * characters (Composite); each entry ends with a blank line. `--get` of a composite also
 * prints each member, as the utility's SANDESH_OP_GET path does.
 * Guarantees: pure over the snapshot; byte-identical to the source's format strings.
 */
import { NH_FLAG_ORDER, type NhRecord } from '../../dataplane/vrouter-snapshot.js';

/** Encap family of an L3 encap next hop: the agent programs ETH_P_ARP (0x0806). */
const ENCAP_FAMILY_ARP = 0x0806;
const NEWLINE = `\n${' '.repeat(14)}`;

function hexBytes(bytes: readonly number[]): string {
  return bytes.map((b) => `${b.toString(16).padStart(2, '0')} `).join('');
}

export function formatNexthop(nh: NhRecord): string {
  let s = `Id:${String(nh.id).padEnd(9)}  Type:${nh.type.padEnd(13)}  Fmly:${'AF_INET'.padStart(8)}  Rid:0  Ref_cnt:${String(nh.ref).padEnd(10)} Vrf:${nh.vrf}`;
  s += `${NEWLINE}Flags:${nh.flags.length === 0 ? 'None' : NH_FLAG_ORDER.filter((f) => nh.flags.includes(f)).map((f) => `${f}, `).join('')}`;
  if (nh.type === 'Receive') {
    s += `${NEWLINE}Oif:${nh.oif}`;
  } else if (nh.type === 'Encap') {
    s += `${NEWLINE}EncapFmly:${ENCAP_FAMILY_ARP.toString(16).padStart(4, '0')} Oif:${nh.oif} Len:${nh.encap.length}`;
    s += `${NEWLINE}Encap Data: ${hexBytes(nh.encap)}`;
  } else if (nh.type === 'Tunnel') {
    s += `${NEWLINE}Oif:${nh.oif} Len:${nh.encap.length} Data:${hexBytes(nh.encap)}${NEWLINE}`;
    s += `Sip:${nh.tunnel?.sip ?? '0.0.0.0'} Dip:${nh.tunnel?.dip ?? '0.0.0.0'}`;
  } else if (nh.type === 'Composite') {
    s += `${NEWLINE}Sub NH(label):`;
    let printed = 0;
    for (const m of nh.members) {
      if (printed > 60) {
        s += `${NEWLINE}${' '.repeat(14)}`;
        printed = 0;
      }
      const item = ` ${m.nh}${m.label >= 0 ? `(${m.label})` : ''}`;
      s += item;
      printed += item.length;
    }
  }
  return `${s}\n\n`;
}

export function renderNhList(nexthops: readonly NhRecord[]): string {
  return nexthops.map(formatNexthop).join('');
}

/** `nh --get N`: the next hop, then (composite) each member's. */
export function renderNhGet(nh: NhRecord, byId: (id: number) => NhRecord | undefined): string {
  let s = formatNexthop(nh);
  for (const m of nh.members) {
    const sub = byId(m.nh);
    if (sub !== undefined) s += formatNexthop(sub);
  }
  return s;
}

export function nhJson(nh: NhRecord): Record<string, unknown> {
  return {
    nhr_id: nh.id, nhr_type: nh.type, nhr_family: 'AF_INET', nhr_vrf: nh.vrf, nhr_ref_cnt: nh.ref, nhr_flags: [...nh.flags],
    ...(nh.type === 'Drop' || nh.type === 'Composite' ? {} : { nhr_encap_oif_id: nh.oif }),
    ...(nh.encap.length > 0 ? { nhr_encap: hexBytes(nh.encap).trim() } : {}),
    ...(nh.tunnel === undefined ? {} : { nhr_tun_sip: nh.tunnel.sip, nhr_tun_dip: nh.tunnel.dip }),
    ...(nh.type === 'Composite' ? { nhr_nh_list: nh.members.map((m) => m.nh), nhr_label_list: nh.members.map((m) => m.label) } : {}),
  };
}
