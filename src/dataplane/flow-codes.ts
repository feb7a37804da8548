/**
 * vRouter flow-entry codes (tf-vrouter include/vr_flow.h, utils/flow.c, utils/vr_util.c):
 * actions, drop reasons, entry flags, TCP state bits and the flow-related dropstats counters,
 * with the exact letters and names the `flow -l` and `dropstats` utilities print.
 *
 * Guarantees: the numeric values are vRouter's; every name function is total (an unknown
 * drop-reason code prints its number, an unknown action prints `U`).
 */

// ---- fe_action ----
export const ACTION_DROP = 0x0;
export const ACTION_HOLD = 0x1;
export const ACTION_FORWARD = 0x2;
export const ACTION_NAT = 0x3;

export type ActionLetter = 'D' | 'H' | 'F' | 'N' | 'U';

/** The letter `flow -l` prints after `Action:`. */
export function actionLetter(code: number): ActionLetter {
  switch (code) {
    case ACTION_DROP: return 'D';
    case ACTION_HOLD: return 'H';
    case ACTION_FORWARD: return 'F';
    case ACTION_NAT: return 'N';
    default: return 'U';
  }
}

// ---- fe_drop_reason (VR_FLOW_DR_*) ----
export const DROP_UNKNOWN = 0x00;
export const DROP_UNAVAILABLE_INTF = 0x01;
export const DROP_IPV4_FWD_DIS = 0x02;
export const DROP_UNAVAILABLE_VRF = 0x03;
export const DROP_NO_SRC_ROUTE = 0x04;
export const DROP_NO_DST_ROUTE = 0x05;
export const DROP_AUDIT_ENTRY = 0x06;
export const DROP_VRF_CHANGE = 0x07;
export const DROP_NO_REVERSE_FLOW = 0x08;
export const DROP_REVERSE_FLOW_CHANGE = 0x09;
export const DROP_NAT_CHANGE = 0x0a;
export const DROP_FLOW_LIMIT = 0x0b;
export const DROP_LINKLOCAL_SRC_NAT = 0x0c;
export const DROP_FAILED_VROUTER_INSTALL = 0x0d;
export const DROP_INVALID_L2_FLOW = 0x0e;
export const DROP_FLOW_ON_TSN = 0x0f;
export const DROP_NO_MIRROR_ENTRY = 0x10;
export const DROP_SAME_FLOW_RFLOW_KEY = 0x11;
export const DROP_PORT_MAP_DROP = 0x12;
export const DROP_NO_SRC_ROUTE_L2RPF = 0x13;
export const DROP_FAT_FLOW_NAT_CONFLICT = 0x14;
export const DROP_POLICY = 0x15;
export const DROP_OUT_POLICY = 0x16;
export const DROP_SG = 0x17;
export const DROP_OUT_SG = 0x18;
export const DROP_REVERSE_SG = 0x19;
export const DROP_REVERSE_OUT_SG = 0x1a;
export const DROP_FW_POLICY = 0x1b;
export const DROP_OUT_FW_POLICY = 0x1c;
export const DROP_REVERSE_FW_POLICY = 0x1d;
export const DROP_REVERSE_OUT_FW_POLICY = 0x1e;
export const DROP_FWAAS_POLICY = 0x1f;
export const DROP_OUT_FWAAS_POLICY = 0x20;
export const DROP_REVERSE_FWAAS_POLICY = 0x21;
export const DROP_REVERSE_OUT_FWAAS_POLICY = 0x22;

/** flow_get_drop_reason() strings, indexed by code 0x00..0x22. */
export const DROP_REASON_NAMES: readonly string[] = [
  'Unknown', 'IntfErr', 'Ipv4Dis', 'VrfErr', 'NoSrcRt', 'NoDstRt', 'Audit', 'VrfChange',
  'NoRevFlow', 'RevFlowChng', 'NatChng', 'FlowLim', 'LinkSrcNatErr', 'VrouterInstallFail',
  'InvalidL2Flow', 'TSNFlow', 'NoMirrorentry', 'SameFlowRflowKey', 'NoFipPortMap',
  'NoSrcRtRpfNh', 'FatFlowNatConflict', 'Policy', 'OutPolicy', 'SG', 'OutSG', 'RevSG',
  'RevOutSG', 'FwPolicy', 'OutFwPolicy', 'RevFwPolicy', 'RevOutFwPolicy', 'FWAASPolicy',
  'OutFWAASPolicy', 'RevFWAASPolicy', 'RevOutFWAASPolicy',
];

/** The text inside `D(...)`; a code without a name prints as its decimal number (`%u`). */
export function dropReasonName(code: number): string {
  return DROP_REASON_NAMES[code] ?? String(code);
}

// ---- fe_flags ----
export const FLAG_ACTIVE = 0x0001;
/** NAT sub-flags, printed inside `N(...)` in bit order. */
export const FLAG_SNAT = 0x0002;
export const FLAG_SPAT = 0x0004;
export const FLAG_DNAT = 0x0008;
export const FLAG_DPAT = 0x0010;
export const FLAG_DELETE_MARKED = 0x0040;
export const FLAG_MODIFIED = 0x0100;
export const FLAG_NEW_FLOW = 0x0200;
export const FLAG_EVICT_CANDIDATE = 0x0400;
export const FLAG_EVICTED = 0x0800;
export const FLAG_RFLOW_VALID = 0x1000;
export const FLAG_MIRROR = 0x2000;
/** VRF translation: `Proto(V)` shows `(vrf->dvrf)`. */
export const FLAG_VRFT = 0x4000;
export const FLAG_LINK_LOCAL = 0x8000;

/** The `Flags:` text: E, Ec, N, M, Dm in that order. */
export function flagsText(flags: number): string {
  let s = '';
  if (flags & FLAG_EVICTED) s += 'E';
  if (flags & FLAG_EVICT_CANDIDATE) s += 'Ec';
  if (flags & FLAG_NEW_FLOW) s += 'N';
  if (flags & FLAG_MODIFIED) s += 'M';
  if (flags & FLAG_DELETE_MARKED) s += 'Dm';
  return s;
}

/** The NAT text inside `N(...)`: bits scanned upwards, S, Ps, D, Pd, L. */
export function natFlagsText(flags: number): string {
  let s = '';
  if (flags & FLAG_SNAT) s += 'S';
  if (flags & FLAG_SPAT) s += 'Ps';
  if (flags & FLAG_DNAT) s += 'D';
  if (flags & FLAG_DPAT) s += 'Pd';
  if (flags & FLAG_LINK_LOCAL) s += 'L';
  return s;
}

// ---- fe_tcp_flags ----
export const TCPF_FIN = 0x0001;
export const TCPF_HALF_CLOSE = 0x0002;
export const TCPF_FIN_R = 0x0004;
export const TCPF_SYN = 0x0008;
export const TCPF_SYN_R = 0x0010;
export const TCPF_ESTABLISHED = 0x0020;
export const TCPF_ESTABLISHED_R = 0x0040;
export const TCPF_RST = 0x0080;
export const TCPF_DEAD = 0x8000;

/** The `TCP:` text: S, Sr, E, Er, F, Fr, R, C, D in that order. */
export function tcpFlagsText(bits: number): string {
  let s = '';
  if (bits & TCPF_SYN) s += 'S';
  if (bits & TCPF_SYN_R) s += 'Sr';
  if (bits & TCPF_ESTABLISHED) s += 'E';
  if (bits & TCPF_ESTABLISHED_R) s += 'Er';
  if (bits & TCPF_FIN) s += 'F';
  if (bits & TCPF_FIN_R) s += 'Fr';
  if (bits & TCPF_RST) s += 'R';
  if (bits & TCPF_HALF_CLOSE) s += 'C';
  if (bits & TCPF_DEAD) s += 'D';
  return s;
}

// ---- source info kind (ours: vRouter infers it from the receiving interface) ----
/** No packet seen yet: `Sinfo 0.0.0.0`. */
export const SRC_INFO_NONE = 0;
/** Packet came from a VM/pod interface: srcInfo is the vif index (`Sinfo 8.0.0.0`). */
export const SRC_INFO_VIF = 1;
/** Packet came from the fabric: srcInfo is the outer source IPv4 word. */
export const SRC_INFO_FABRIC = 2;
export type SrcInfoKind = typeof SRC_INFO_NONE | typeof SRC_INFO_VIF | typeof SRC_INFO_FABRIC;

// ---- dropstats (utils/vr_util.c), the flow-related counters in dropstats order ----
export const FLOW_DROP_STATS = [
  'Flow Unusable',
  'Flow No Memory',
  'Flow Table Full',
  'Flow NAT no rflow',
  'Flow Action Drop',
  'Flow Action Invalid',
  'Flow Invalid Protocol',
  'Flow Queue Limit Exceeded',
  'Flow Unusable (Eviction)',
] as const;

export type DropStat = (typeof FLOW_DROP_STATS)[number];
