/**
 * An in-memory network without a dataplane: every packet sent by a registered stack is
 * delivered to the stack owning its destination address after a fixed latency, unless a
 * drop rule matches. For tests and for "no network plugin" baselines. Guarantees:
 * deterministic delivery order (the EventLoop's), every transmission is recorded in `trace`
 * with its fate, and packets to unknown addresses are recorded as `no-route` and dropped.
 */

import type { EventLoop } from './event-loop.js';
import { HostStack } from './host-stack.js';
import type { IpAddr, IpPacket } from '../packet/types.js';

export type PacketFate = 'delivered' | 'dropped' | 'no-route';

export interface TracedPacket {
  /** Virtual time (µs) the packet was transmitted. */
  readonly sentAt: number;
  readonly from: string;
  readonly packet: IpPacket;
  readonly fate: PacketFate;
}

export type DropRule = (packet: IpPacket, now: number) => boolean;

export class MemoryNetwork {
  readonly trace: TracedPacket[] = [];
  private readonly loop: EventLoop;
  private readonly latencyUs: number;
  private readonly stacksByAddress = new Map<IpAddr, HostStack>();
  private dropRule: DropRule = () => false;

  constructor(loop: EventLoop, latencyUs: number) {
    this.loop = loop;
    this.latencyUs = latencyUs;
  }

  addStack(name: string, addresses: readonly IpAddr[]): HostStack {
    const stack = new HostStack(this.loop, name, addresses, { transmit: (packet) => this.transmit(name, packet) });
    for (const address of addresses) {
      if (this.stacksByAddress.has(address)) throw new Error(`invariant: address ${address.text} is already attached`);
      this.stacksByAddress.set(address, stack);
    }
    return stack;
  }

  /** Replace the drop rule (applies to packets transmitted from now on). */
  dropWhen(rule: DropRule): void {
    this.dropRule = rule;
  }

  private transmit(from: string, packet: IpPacket): void {
    const target = this.stacksByAddress.get(packet.dst);
    const fate: PacketFate = target === undefined ? 'no-route' : this.dropRule(packet, this.loop.now) ? 'dropped' : 'delivered';
    this.trace.push({ sentAt: this.loop.now, from, packet, fate });
    if (fate === 'delivered') this.loop.after(this.latencyUs, () => target!.receive(packet));
  }
}
