/**
 * Packets on the fabric are prepared a group at a time before they arrive (their flow hashes
 * computed and buckets touched together, delay-line.ts / `Vrouter.prepareFabric`). What a user
 * sees must not change: a burst arriving at one instant leaves the receiver's flow table as
 * the same packets handed over one by one without preparation, and a prepared value computed
 * with a next hop the interface no longer has is not trusted (the hash is computed again).
 */
import { describe, expect, it } from 'vitest';
import { Fabric } from '../../src/dataplane/fabric.js';
import { FlowKey, flowKeyText, setFlowKey } from '../../src/dataplane/flow-key.js';
import type { FlowPolicy } from '../../src/dataplane/flow-policy.js';
import { labelOfVif } from '../../src/dataplane/topology.js';
import { Vrouter } from '../../src/dataplane/vrouter.js';
import { ipAddr } from '../../src/packet/address.js';
import type { IpPacket } from '../../src/packet/types.js';
import { EventLoop } from '../../src/sim/event-loop.js';
import { udpPacket } from '../../bench/lib/packets.js';

const ALLOW: FlowPolicy = { allows: () => true, explain: () => ({ allowed: true, reason: 'test: allow all' }) };
const sink = { receive: (_p: IpPacket): void => {} };

function pair() {
  const loop = new EventLoop(1);
  const fabric = new Fabric(loop, 10);
  const options = (name: string, ip: string) => ({
    name, fabricIp: ipAddr(ip),
    flowTable: { entries: 4096, overflowEntries: 512 },
    agent: { latencyUs: 100, setupRatePerSecond: Number.POSITIVE_INFINITY, holdLimit: 1000, agingSeconds: 180 },
    enforcement: 'flow' as const, policy: ALLOW,
  });
  const n1 = new Vrouter(options('n1', '192.168.40.1'), fabric, loop);
  const n2 = new Vrouter(options('n2', '192.168.40.2'), fabric, loop);
  const a = ipAddr('10.40.0.1');
  const b = ipAddr('10.40.0.2');
  const va = n1.attachPod('lab/a', [a], sink);
  const vb = n2.attachPod('lab/b', [b], sink);
  return { loop, n1, n2, a, b, va, vb };
}

/** Every active entry of a table as "index key action". */
function entries(vr: Vrouter): string[] {
  const key = new FlowKey();
  return [...vr.table.activeIndexes()].map((i) => {
    vr.table.readKey(i, key);
    return `${i} ${flowKeyText(key)} ${vr.actionText(i)}`;
  });
}

describe('the fabric prefetch', () => {
  it('a burst of 40 first packets at one instant leaves the table of the same packets handed over one by one', () => {
    const burst = pair();
    for (let p = 0; p < 40; p++) burst.n1.fromVif(burst.va, udpPacket(burst.a, burst.b, 2000 + p, 53));
    burst.loop.run(10_000);
    const byHand = pair();
    const vif = byHand.n2.vif(byHand.vb)!;
    const label = labelOfVif(byHand.vb);
    for (let p = 0; p < 40; p++) byHand.n2.fromFabric(byHand.n1.fabricIp, label, udpPacket(byHand.a, byHand.b, 2000 + p, 53));
    byHand.loop.run(10_000);
    expect(vif.kind).toBe('pod');
    expect(entries(burst.n2).length).toBe(80);
    expect(entries(burst.n2)).toEqual(entries(byHand.n2));
  });

  it('a prepared value with another next hop than the interface has is not trusted', () => {
    const { n1, n2, b, a, vb } = pair();
    const label = labelOfVif(vb);
    const packet = udpPacket(a, b, 3000, 53);
    const prepared = n2.prepareFabric(label, packet);
    expect(Number.isNaN(prepared)).toBe(false);
    const nh = n2.vif(vb)!.nextHop;
    // A wrong hash packed with a next hop the interface does not have.
    const stale = ((prepared >>> 0) ^ 0x5a5a5a5a) >>> 0;
    n2.fromFabric(n1.fabricIp, label, packet, stale + (nh + 1) * 4294967296);
    const key = new FlowKey();
    setFlowKey(key, 17, nh, 3000, 53, a, b);
    expect(n2.table.lookup(key)).toBeGreaterThanOrEqual(0);
    expect(entries(n2)).toHaveLength(1);
  });

  it('nothing is prepared for a label without an interface or for the host (no flow lookup there)', () => {
    const { n2, a, b } = pair();
    expect(Number.isNaN(n2.prepareFabric(labelOfVif(999), udpPacket(a, b, 1, 2)))).toBe(true);
    expect(Number.isNaN(n2.prepareFabric(labelOfVif(1), udpPacket(a, b, 1, 2)))).toBe(true);
  });
});
