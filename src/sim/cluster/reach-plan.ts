/**
 * What a reach attempts: the sources (rows), the destinations (columns), the port groups (one
 * protocol and port as asked, or each port some destination serves), and per destination and
 * group the port to probe and whether the destination serves it.
 *
 * Guarantees: deterministic from its inputs; with `ports: 'declared'` every destination is
 * probed on exactly the ports it serves (`served-ports.ts`) and on nothing else, groups sorted
 * by protocol (TCP, UDP, SCTP) then port; with a port list, groups are protocols then ports in
 * the order asked, named ports resolved per destination (-1 when it declares no such name).
 */
import type { L4Protocol } from '../../model/types.js';
import { servedPorts, type ServedPort } from './served-ports.js';
import type { EndpointRef } from './types.js';
import type { ClusterWiring } from './wiring.js';

export interface ReachGroup {
  readonly protocol: L4Protocol;
  /** The port as asked (a number's text or a container port name). */
  readonly portLabel: string;
}

export interface ReachRequest {
  readonly sources: readonly EndpointRef[];
  readonly destinations: readonly EndpointRef[];
  /** `declared`: each destination on the ports it serves; else these ports for every destination. */
  readonly ports: 'declared' | readonly (number | string)[];
  /** With a port list: the protocols to try them on. With `declared`: only these protocols (all when absent). */
  readonly protocols?: readonly L4Protocol[] | undefined;
}

export interface ReachPlan {
  readonly sources: readonly EndpointRef[];
  readonly destinations: readonly EndpointRef[];
  readonly groups: readonly ReachGroup[];
  /** `ports[d * groups + g]`: the port to probe, -1 = nothing to probe (a name the destination does not declare, or a port it does not serve in declared mode). */
  readonly ports: Int32Array;
  /** `served[d * groups + g]`: 1 when the destination serves that protocol and port. */
  readonly served: Uint8Array;
  /** True when the groups are the destinations' served ports (no `--port`). */
  readonly declared: boolean;
}

const PROTOCOL_ORDER: Record<L4Protocol, number> = { TCP: 0, UDP: 1, SCTP: 2 };

function servedBy(wiring: ClusterWiring, ref: EndpointRef): ServedPort[] {
  const pod = wiring.podOf(ref);
  return pod === undefined ? [] : servedPorts(pod);
}

function resolvePort(wiring: ClusterWiring, dst: EndpointRef, port: number | string, protocol: L4Protocol): number {
  if (typeof port === 'number') return port;
  const declared = wiring.podOf(dst)?.ports.find((p) => p.name === port && p.protocol === protocol);
  return declared?.containerPort ?? -1;
}

export function planReach(wiring: ClusterWiring, request: ReachRequest): ReachPlan {
  const destinations = request.destinations;
  const served = destinations.map((d) => servedBy(wiring, d));
  const protocols = request.protocols;
  if (request.ports === 'declared') {
    const keys = new Map<string, ServedPort>();
    for (const list of served) for (const p of list) if (protocols === undefined || protocols.includes(p.protocol)) keys.set(`${p.protocol}/${p.port}`, p);
    const sorted = [...keys.values()].sort((a, b) => PROTOCOL_ORDER[a.protocol] - PROTOCOL_ORDER[b.protocol] || a.port - b.port);
    const groups = sorted.map((p) => ({ protocol: p.protocol, portLabel: String(p.port) }));
    const g = groups.length;
    const index = new Map(sorted.map((p, i) => [`${p.protocol}/${p.port}`, i] as const));
    const ports = new Int32Array(destinations.length * g).fill(-1);
    const servedBytes = new Uint8Array(destinations.length * g);
    served.forEach((list, d) => {
      for (const p of list) {
        const i = index.get(`${p.protocol}/${p.port}`);
        if (i === undefined) continue;
        ports[d * g + i] = p.port;
        servedBytes[d * g + i] = 1;
      }
    });
    return { sources: request.sources, destinations, groups, ports, served: servedBytes, declared: true };
  }
  const asked = request.ports;
  const groups: ReachGroup[] = [];
  for (const protocol of protocols ?? ['TCP']) for (const port of asked) groups.push({ protocol, portLabel: String(port) });
  const g = groups.length;
  const ports = new Int32Array(destinations.length * g);
  const servedBytes = new Uint8Array(destinations.length * g);
  destinations.forEach((dst, d) => {
    let i = 0;
    for (const protocol of protocols ?? ['TCP']) {
      for (const port of asked) {
        const resolved = resolvePort(wiring, dst, port, protocol);
        ports[d * g + i] = resolved;
        servedBytes[d * g + i] = resolved >= 0 && served[d]!.some((p) => p.protocol === protocol && p.port === resolved) ? 1 : 0;
        i++;
      }
    }
  });
  return { sources: request.sources, destinations, groups, ports, served: servedBytes, declared: false };
}
