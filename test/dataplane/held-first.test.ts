/**
 * A flow's first packet waits with the agent's pending setup, not in the hold queue (which
 * holds only the packets after it, `agent.ts` / `hold-queue.ts`). What a user of the dataplane
 * sees must not change: both directions trapped before either is set up are released together
 * by the first setup (vr_flow_flush_pnode on the reverse entry), and a HOLD entry deleted while
 * its setup is pending neither delivers its packet nor disturbs the flow that reuses its slot.
 */
import { describe, expect, it } from 'vitest';
import { ACTION_FORWARD, ACTION_HOLD } from '../../src/dataplane/flow-codes.js';
import { Fabric } from '../../src/dataplane/fabric.js';
import type { FlowPolicy } from '../../src/dataplane/flow-policy.js';
import { Vrouter } from '../../src/dataplane/vrouter.js';
import { ipAddr } from '../../src/packet/address.js';
import type { IpPacket } from '../../src/packet/types.js';
import { EventLoop } from '../../src/sim/event-loop.js';
import { udpPacket } from '../../bench/lib/packets.js';

const ALLOW: FlowPolicy = { allows: () => true, explain: () => ({ allowed: true, reason: 'test: allow all' }) };

class Sink {
  readonly packets: IpPacket[] = [];
  receive(packet: IpPacket): void {
    this.packets.push(packet);
  }
}

function node(entries: number) {
  const loop = new EventLoop(1);
  const fabric = new Fabric(loop, 10);
  const vr = new Vrouter({
    name: 'n1', fabricIp: ipAddr('192.168.40.1'),
    flowTable: { entries, overflowEntries: 0 },
    agent: { latencyUs: 1000, setupRatePerSecond: Number.POSITIVE_INFINITY, holdLimit: 100, agingSeconds: 180 },
    enforcement: 'flow', policy: ALLOW,
  }, fabric, loop);
  return { loop, vr };
}

describe('the first packet held with the pending setup', () => {
  it('two directions trapped before either setup: the first setup installs the pair and releases both', () => {
    const { loop, vr } = node(1024);
    const a = ipAddr('10.40.0.1');
    const b = ipAddr('10.40.0.2');
    const sa = new Sink();
    const sb = new Sink();
    const va = vr.attachPod('lab/a', [a], sa);
    const vb = vr.attachPod('lab/b', [b], sb);
    vr.fromVif(va, udpPacket(a, b, 1000, 53));
    vr.fromVif(vb, udpPacket(b, a, 53, 1000));
    vr.fromVif(vb, udpPacket(b, a, 53, 1000));
    expect(vr.heldEntries).toBe(2);
    const [first, second] = [...vr.table.activeIndexes()];
    expect([vr.heldPackets(first!), vr.heldPackets(second!)].sort()).toEqual([1, 2]);
    loop.run(5000);
    expect(vr.agent.setups).toBe(1);
    expect(vr.heldEntries).toBe(0);
    expect([vr.table.action(first!), vr.table.action(second!)]).toEqual([ACTION_FORWARD, ACTION_FORWARD]);
    expect([sb.packets.length, sa.packets.length]).toEqual([1, 2]);
    expect(vr.table.counters.processed).toBe(2);
  });

  it('a HOLD entry deleted while pending: its packet is dropped, and the flow reusing its slot is set up', () => {
    const { loop, vr } = node(4); // one bucket: the new flow takes the freed slot
    const a = ipAddr('10.40.0.1');
    const b = ipAddr('10.40.0.2');
    const c = ipAddr('10.40.0.3');
    const sb = new Sink();
    const va = vr.attachPod('lab/a', [a], new Sink());
    vr.attachPod('lab/b', [b], sb);
    vr.fromVif(va, udpPacket(a, b, 1000, 53));
    const [held] = [...vr.table.activeIndexes()];
    const gen = vr.table.genId(held!);
    vr.detachPod(va);
    expect(vr.heldEntries).toBe(0);
    const vc = vr.attachPod('lab/c', [c], new Sink());
    vr.fromVif(vc, udpPacket(c, b, 2000, 53));
    expect(vr.table.isInUse(held!)).toBe(true);
    expect(vr.table.genId(held!)).not.toBe(gen);
    expect(vr.table.action(held!)).toBe(ACTION_HOLD);
    loop.run(5000);
    expect(vr.table.action(held!)).toBe(ACTION_FORWARD);
    expect(vr.agent.setups).toBe(1);
    expect(sb.packets.map((p) => p.src.text)).toEqual(['10.40.0.3']);
  });
});
