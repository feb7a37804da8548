/**
 * Dataplane rigs for benchmarks: real `Vrouter`s (flow table, hold queue, agent with latency 0
 * and no setup-rate limit) on a `Fabric` with zero link latency, driven by a `DrainScheduler`.
 * Pods of the chosen nodes get tap vifs with counting sinks; every other pod's address is
 * located on a counting stand-in for the rest of the fabric, so packets towards it leave
 * through the tunnel and are counted without a second flow setup.
 *
 * With `clock: 'event-loop'` the rig runs on the simulator's real EventLoop instead (link latency,
 * agent aging), for figures of the path as a simulation runs it.
 *
 * Guarantees: deterministic; no policy code here (the caller passes any `FlowPolicy`).
 */
import { ipAddr } from '../../src/packet/address.js';
import type { IpAddr, IpPacket } from '../../src/packet/types.js';
import { Fabric, type FabricMember } from '../../src/dataplane/fabric.js';
import type { FlowPolicy } from '../../src/dataplane/flow-policy.js';
import { Vrouter } from '../../src/dataplane/vrouter.js';
import type { Cluster } from '../../src/model/types.js';
import type { Scheduler } from '../../src/dataplane/scheduler.js';
import { DrainScheduler } from './drain-scheduler.js';
import { EventLoopDriver } from './event-loop-driver.js';

export class CountingSink {
  received = 0;
  receive(_packet: IpPacket): void {
    this.received++;
  }
}

class RestOfFabric implements FabricMember {
  readonly name = 'zz-rest-of-fabric';
  readonly fabricIp = ipAddr('192.168.255.254');
  fabricSlot = -1;
  received = 0;
  fromFabric(_outer: IpAddr, _label: number, _packet: IpPacket, _prepared: number): void {
    this.received++;
  }
  prepareFabric(): number {
    return NaN;
  }
  touchPrepared(): void {}
}

/** A scheduler the benchmark can drain: run what is due (synchronously) after sending packets. */
export type RigScheduler = Scheduler & { drain(): void };

export interface Rig {
  readonly scheduler: RigScheduler;
  readonly fabric: Fabric;
  readonly vrouters: ReadonlyMap<string, Vrouter>;
  /** vRouter and vif of every pod attached to a simulated node, by address. */
  readonly attached: ReadonlyMap<IpAddr, { readonly vrouter: Vrouter; readonly vif: number; readonly sink: CountingSink }>;
  readonly rest: { readonly received: number };
}

export interface RigOptions {
  readonly nodes: readonly string[];
  readonly policy: FlowPolicy;
  readonly flowEntries?: number;
  /**
   * `drain` (default): zero link latency, zero-delay work run in FIFO order right after each
   * send, timers parked; `event-loop`: the simulator's EventLoop with `linkLatencyUs` links and
   * agent aging at `agingSeconds`, drained 1 ms of virtual time at a time.
   */
  readonly clock?: 'drain' | 'event-loop';
  readonly linkLatencyUs?: number;
  readonly agingSeconds?: number;
}

export function buildRig(cluster: Cluster, options: RigOptions): Rig {
  const eventLoop = options.clock === 'event-loop';
  const scheduler: RigScheduler = eventLoop ? new EventLoopDriver(1, 1000) : new DrainScheduler();
  const fabric = new Fabric(scheduler, eventLoop ? (options.linkLatencyUs ?? 50) : 0);
  const vrouters = new Map<string, Vrouter>();
  for (const name of options.nodes) {
    const node = cluster.nodes.find((n) => n.name === name);
    if (node === undefined) throw new Error(`rig: no node ${name}`);
    vrouters.set(name, new Vrouter({
      name,
      fabricIp: ipAddr(node.internalIPs[0]!),
      flowTable: { entries: options.flowEntries ?? 524288, prefault: true },
      agent: { latencyUs: 0, setupRatePerSecond: Number.POSITIVE_INFINITY, holdLimit: 1 << 20, agingSeconds: options.agingSeconds ?? (eventLoop ? 180 : 0) },
      enforcement: 'flow',
      policy: options.policy,
    }, fabric, scheduler));
  }
  const rest = new RestOfFabric();
  fabric.join(rest);
  const attached = new Map<IpAddr, { vrouter: Vrouter; vif: number; sink: CountingSink }>();
  for (const pod of cluster.pods) {
    const addr = ipAddr(pod.ips[0]!);
    const vrouter = vrouters.get(pod.nodeName);
    if (vrouter === undefined) {
      fabric.setLocation(addr, { vrouter: rest, vif: 3 });
      continue;
    }
    const sink = new CountingSink();
    const vif = vrouter.attachPod(`${pod.namespace}/${pod.name}`, [addr], sink);
    attached.set(addr, { vrouter, vif, sink });
  }
  return { scheduler, fabric, vrouters, attached, rest };
}
