/**
 * vRouter's TCP state tracking on flow entries (`vr_flow_tcp_digest` and
 * `vr_flow_tcp_rflow_set` in tf-vrouter dp-core/vr_flow.c), translated branch by branch:
 * - every segment with ACK records its acknowledgement number (`fe_tcp_ack`);
 * - RST: with `vr_uncond_close_flow_on_tcp_rst` off (the default), a RST whose sequence number
 *   is not what the reverse flow last acknowledged is ignored (RFC 5961 section 3.2); otherwise
 *   (or with no reverse) R on the flow and its reverse, then D (dead) on both;
 * - SYN: remember seq, S on the flow, Sr on the reverse; a SYN-ACK (flow already has Sr)
 *   whose ack = reverse's seq + 1 sets E on the reverse and Er on the flow;
 * - FIN: remember seq + payload length, F on the flow, Fr on the reverse;
 * - then, for an ACK on a flow with Fr, or with Sr but not yet Er: if ack = reverse's seq + 1
 *   and Fr is set, C (half close) on the reverse, and D on both when the flow is already C;
 *   otherwise, if ack != reverse's seq and the flow has no Er, E on the reverse / Er on the flow.
 *
 * Deviation: vRouter consults the reverse only when VR_RFLOW_VALID is set; here the reverse is
 * used whenever `rflow[index] >= 0` (the table keeps rflow = -1 for "no reverse").
 * Guarantees: touches only `tcpFlags` and `tcpSeq` of the flow and its reverse; no allocation.
 */

import { TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN } from '../packet/types.js';
import {
  TCPF_DEAD, TCPF_ESTABLISHED, TCPF_ESTABLISHED_R, TCPF_FIN, TCPF_FIN_R, TCPF_HALF_CLOSE,
  TCPF_RST, TCPF_SYN, TCPF_SYN_R,
} from './flow-codes.js';
import type { FlowTable } from './flow-table.js';

/** vr_uncond_close_flow_on_tcp_rst: 0 by default in tf-vrouter. */
const UNCONDITIONAL_CLOSE_ON_RST = false;

/** 'dead': the flow carries TCPF_DEAD after this segment (vRouter then marks it for eviction). */
export type TcpDigestResult = 'none' | 'dead';

function reverseOf(table: FlowTable, index: number): number {
  const r = table.rflow(index);
  return r >= 0 && r < table.capacity ? r : -1;
}

function setBits(table: FlowTable, index: number, bits: number): void {
  table.setTcpFlags(index, table.tcpFlags(index) | bits);
}

/** vr_flow_init_close: D on the flow and its reverse. */
function closeBoth(table: FlowTable, index: number, reverse: number): void {
  setBits(table, index, TCPF_DEAD);
  if (reverse >= 0) setBits(table, reverse, TCPF_DEAD);
}

/**
 * Update the TCP bits of flow `index` (hit by a segment with wire `tcpFlags`, `seq`, `ack` and
 * `payloadLength` data bytes) and of its reverse.
 */
export function tcpDigest(table: FlowTable, index: number, tcpFlags: number, seq: number, ack: number, payloadLength: number): TcpDigestResult {
  const reverse = reverseOf(table, index);
  if (tcpFlags & TCP_ACK) table.setTcpAck(index, ack);
  if (tcpFlags & TCP_RST) {
    // RFC 5961 3.2: the RST must carry the sequence number the peer acknowledged last.
    if (!UNCONDITIONAL_CLOSE_ON_RST && reverse >= 0 && (seq | 0) !== table.tcpAck(reverse)) {
      return table.tcpFlags(index) & TCPF_DEAD ? 'dead' : 'none';
    }
    setBits(table, index, TCPF_RST);
    if (reverse >= 0) setBits(table, reverse, TCPF_RST);
    closeBoth(table, index, reverse);
    return 'dead';
  }
  if (tcpFlags & TCP_SYN) {
    table.setTcpSeq(index, seq | 0);
    setBits(table, index, TCPF_SYN);
    if (reverse >= 0) {
      setBits(table, reverse, TCPF_SYN_R);
      if ((table.tcpFlags(index) & TCPF_SYN_R) && (tcpFlags & TCP_ACK) && (ack | 0) === ((table.tcpSeq(reverse) + 1) | 0)) {
        setBits(table, reverse, TCPF_ESTABLISHED);
        setBits(table, index, TCPF_ESTABLISHED_R);
      }
    }
  } else if (tcpFlags & TCP_FIN) {
    table.setTcpSeq(index, (seq + payloadLength) | 0);
    setBits(table, index, TCPF_FIN);
    if (reverse >= 0) setBits(table, reverse, TCPF_FIN_R);
  }
  if (tcpFlags & TCP_ACK) digestAck(table, index, reverse, ack);
  return table.tcpFlags(index) & TCPF_DEAD ? 'dead' : 'none';
}

function digestAck(table: FlowTable, index: number, reverse: number, ack: number): void {
  const bits = table.tcpFlags(index);
  const watching = (bits & TCPF_FIN_R) !== 0 || ((bits & TCPF_ESTABLISHED_R) === 0 && (bits & TCPF_SYN_R) !== 0);
  if (!watching || reverse < 0) return;
  const reverseSeq = table.tcpSeq(reverse);
  if ((ack | 0) === ((reverseSeq + 1) | 0) && (bits & TCPF_FIN_R)) {
    setBits(table, reverse, TCPF_HALF_CLOSE);
    if (table.tcpFlags(index) & TCPF_HALF_CLOSE) closeBoth(table, index, reverse);
  } else if ((ack | 0) !== reverseSeq && (bits & TCPF_ESTABLISHED_R) === 0) {
    setBits(table, reverse, TCPF_ESTABLISHED);
    setBits(table, index, TCPF_ESTABLISHED_R);
  }
}

/**
 * vr_flow_tcp_rflow_set: when the agent links flow `index` to its reverse, copy what the
 * reverse has already seen (its S → Sr, R → R, D → D, F → Fr, E → E and Er) into `index`.
 */
export function inheritReverseTcpState(table: FlowTable, index: number): void {
  const reverse = reverseOf(table, index);
  if (reverse < 0) return;
  const r = table.tcpFlags(reverse);
  let bits = 0;
  if (r & TCPF_SYN) bits |= TCPF_SYN_R;
  if (r & TCPF_RST) bits |= TCPF_RST;
  if (r & TCPF_DEAD) bits |= TCPF_DEAD;
  if (r & TCPF_FIN) bits |= TCPF_FIN_R;
  if (r & TCPF_ESTABLISHED) bits |= TCPF_ESTABLISHED | TCPF_ESTABLISHED_R;
  setBits(table, index, bits);
}
