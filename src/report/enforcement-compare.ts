/**
 * Flow-based vs packet-based filtering, side by side (`reach --enforcement flow,packet`): the
 * cells whose verdict differs between the two reaches, each with the reason — which
 * direction's packet the stateless filter drops (the server's SYN-ACK, the UDP reply, the
 * SCTP INIT ACK, checked as if it opened a connection of its own).
 */
import type { ReachDiff, ReachDiffEntry } from '../sim/cluster/reach-diff.js';
import { connectionText } from '../sim/cluster/reach-diff.js';

const REPLY_PACKET: Record<ReachDiffEntry['protocol'], string> = { TCP: "SYN-ACK", UDP: 'reply datagram', SCTP: 'INIT ACK' };
const PACKET_PREFIX = /^packet-based: the request is allowed but the reply is checked as a new connection: /;

/** Why the packet-based cell differs from the flow-based one, in one line. */
export function differenceReason(e: ReachDiffEntry): string {
  const flow = e.before;
  const packet = e.after;
  if (flow.allowed && !packet.allowed && PACKET_PREFIX.test(packet.reason)) {
    const reply = packet.reason.replace(PACKET_PREFIX, '').replace(/^denied: /, '');
    return `the request is allowed, but the server's ${REPLY_PACKET[e.protocol]} (${e.to} -> ${e.from}) is checked as a new connection and dropped: ${reply}`;
  }
  return `flow: ${flow.reason}; packet: ${packet.reason}`;
}

/** The differences as text lines (a diff whose "before" is flow and "after" is packet). */
export function formatEnforcementDifferences(diff: ReachDiff): string {
  const entries = [...diff.newlyBlocked, ...diff.newlyAllowed];
  if (entries.length === 0) return `flow-based and packet-based agree on all ${diff.compared} cells\n`;
  const lines = [`${entries.length} of ${diff.compared} cells differ between flow-based and packet-based filtering:`];
  for (const e of entries) {
    lines.push(`  ${connectionText(e)}: flow ${e.before.allowed ? 'allowed' : 'blocked'}, packet ${e.after.allowed ? 'allowed' : 'blocked'}`);
    lines.push(`    ${differenceReason(e)}`);
  }
  return lines.join('\n') + '\n';
}
