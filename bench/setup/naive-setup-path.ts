/**
 * Baseline of the flow-setup benchmark: what a straightforward first implementation of the
 * setup path looks like. The flow table is a `Map<string, NaiveEntry>` keyed by a string built
 * from the packet (protocol, addresses, ports), the decision is the naive per-packet walk of
 * the NetworkPolicy records (`naive-policy.ts`), and a setup installs a forward and a reverse
 * entry object; a delete removes both.
 *
 * Guarantees: same decisions as the compiled policy on the bench's flows (the bench checks
 * it); a setup of a key that is already present is a hit (no second entry), like the real table.
 */
import type { IpPacket } from '../../src/packet/types.js';
import type { NaivePolicyEvaluator } from './naive-policy.js';

interface NaiveEntry {
  action: 'F' | 'D';
  reverseKey: string;
  packets: number;
  bytes: number;
}

function keyOf(proto: number, src: string, sport: number, dst: string, dport: number): string {
  return `${proto}/${src}:${sport}>${dst}:${dport}`;
}

export class NaiveSetupPath {
  readonly table = new Map<string, NaiveEntry>();
  delivered = 0;

  constructor(private readonly policy: NaivePolicyEvaluator) {}

  /** The first (or any) packet of a flow from a local pod: look up, set up on a miss, apply the action. */
  fromPod(packet: IpPacket): void {
    const l4 = packet.l4;
    if (l4.kind !== 'tcp' && l4.kind !== 'udp') return;
    const proto = l4.kind === 'tcp' ? 6 : 17;
    const key = keyOf(proto, packet.src.text, l4.srcPort, packet.dst.text, l4.dstPort);
    let entry = this.table.get(key);
    if (entry === undefined) {
      const allowed = this.policy.allows(packet.src.text, packet.dst.text, proto === 6 ? 'TCP' : 'UDP', l4.dstPort);
      const reverseKey = keyOf(proto, packet.dst.text, l4.dstPort, packet.src.text, l4.srcPort);
      entry = { action: allowed ? 'F' : 'D', reverseKey, packets: 0, bytes: 0 };
      this.table.set(key, entry);
      this.table.set(reverseKey, { action: allowed ? 'F' : 'D', reverseKey: key, packets: 0, bytes: 0 });
    }
    entry.packets++;
    entry.bytes += 40;
    if (entry.action === 'F') this.delivered++;
  }

  /** Delete the pair of the flow this packet opened; false when there is none. */
  deleteFlowOf(packet: IpPacket): boolean {
    const l4 = packet.l4;
    if (l4.kind !== 'tcp' && l4.kind !== 'udp') return false;
    const key = keyOf(l4.kind === 'tcp' ? 6 : 17, packet.src.text, l4.srcPort, packet.dst.text, l4.dstPort);
    const entry = this.table.get(key);
    if (entry === undefined) return false;
    this.table.delete(key);
    this.table.delete(entry.reverseKey);
    return true;
  }
}
