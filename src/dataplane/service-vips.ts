/**
 * The Service addresses a vRouter knows, as Contrail programs them (see docs/services.md):
 * kube-manager makes each Service a native loadbalancer whose VIP (the ClusterIP) svc-monitor
 * turns into a floating IP attached to every backend pod's interface, with a port map
 * (Service port -> targetPort); the agents then hold an ECMP route for the VIP whose members
 * are those interfaces. Here: VIP -> (protocol, port) -> the members (backend address and the
 * target port it listens on), in a fixed order, plus the composite next hop id of the route.
 *
 * Guarantees: lookups allocate nothing (addresses are interned `IpAddr`s, ports keyed by one
 * number); the ECMP member of a flow depends only on the flow's key hash and the seed, so the
 * same scenario and seed always pick the same backends, and different flows spread over them.
 */
import type { IpAddr } from '../packet/types.js';

export interface ServiceMember {
  readonly address: IpAddr;
  /** The container port the member listens on (the resolved targetPort). */
  readonly port: number;
}

export interface ServiceVipPort {
  /** IANA protocol number (6, 17, 132). */
  readonly proto: number;
  readonly port: number;
  /** ECMP members in component order; empty when the Service has no ready backend. */
  readonly members: readonly ServiceMember[];
}

export interface ServiceVip {
  readonly address: IpAddr;
  /** `ns/name` of the Service, for traces. */
  readonly service: string;
  /** Next hop id of the VIP's ECMP (composite) route, the `S(nh)` of flows coming back from it. */
  readonly compositeNh: number;
  readonly ports: ReadonlyMap<number, ServiceVipPort>;
  /**
   * True for a node's own address carrying NodePorts: only its node ports lead to Services,
   * any other port is the node host's own traffic (no port-map drop).
   */
  readonly nodeAddress: boolean;
}

/** Composite next hops are numbered after every interface and tunnel next hop of a small cluster. */
export const FIRST_COMPOSITE_NH = 1000;

function portKey(proto: number, port: number): number {
  return proto * 65536 + port;
}

export class ServiceVips {
  private readonly vips = new Map<IpAddr, ServiceVip>();
  private readonly seedMix: number;

  /** `seed`: the simulation seed (mixed into every ECMP choice). */
  constructor(seed: number) {
    this.seedMix = Math.imul((seed | 0) ^ 0x5bd1e995, 0x9e3779b1) | 0;
  }

  get size(): number {
    return this.vips.size;
  }

  add(address: IpAddr, service: string, ports: readonly ServiceVipPort[], nodeAddress = false): void {
    const byKey = new Map<number, ServiceVipPort>();
    for (const p of ports) byKey.set(portKey(p.proto, p.port), p);
    this.vips.set(address, { address, service, compositeNh: FIRST_COMPOSITE_NH + this.vips.size, ports: byKey, nodeAddress });
  }

  vip(address: IpAddr): ServiceVip | undefined {
    return this.vips.size === 0 ? undefined : this.vips.get(address);
  }

  port(vip: ServiceVip, proto: number, port: number): ServiceVipPort | undefined {
    return vip.ports.get(portKey(proto, port));
  }

  all(): IterableIterator<ServiceVip> {
    return this.vips.values();
  }

  /** The ECMP member index for a flow of key hash `hash` among `count` members. */
  pick(hash: number, count: number): number {
    let h = (hash ^ this.seedMix) | 0;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    h ^= h >>> 16;
    return (h >>> 0) % count;
  }
}
