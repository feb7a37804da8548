/**
 * `reach --services`: what is attempted (pods as rows, each port of each Service with a cluster
 * IP as a column `ns/name:port`) and the result, as a `ReachView` the reach writers print.
 *
 * A Service cell sums up its backends: the ECMP members the vRouter's route for the cluster IP
 * has (service-vips.ts), each reached by real connections to the cluster IP (service-reach.ts),
 * each with its own verdict, because the policy is decided on the backend pod and target port
 * the flow is NATed to. The cell is `allowed` when every backend answers, `partial` when some
 * do (a connection then succeeds or not depending on the member ECMP picks), `blocked` when
 * none does, `not-served` when the backends were reached but none serves the target port, or
 * when the Service has no ready backend (its cluster IP has no route: `D(NoDstRt)`).
 *
 * Guarantees: columns in cluster Service order, grouped by protocol (TCP, UDP, SCTP) then port;
 * each column is in exactly one group (the others see it `absent`); backends in member order.
 */
import type { IpAddr } from '../../packet/types.js';
import type { L4Protocol, Pod, Service, ServicePort } from '../../model/types.js';
import type { FlowPolicy } from '../../dataplane/flow-policy.js';
import type { ServiceMember } from '../../dataplane/service-vips.js';
import { ipAddr } from '../../packet/address.js';
import { noCommonFamilyReason, pairAddresses } from './address-pair.js';
import { reachReason, type CellState, type ReachGroup, type ReachView } from './reach-result.js';
import { servedPorts } from './served-ports.js';
import { protocolNumber } from './service-routes.js';
import { endpointRefText, type EndpointRef, type Enforcement, type ReachCell } from './types.js';
import type { ClusterWiring } from './wiring.js';

/** A backend's state: not yet attributed to a probe, answered and served, answered but nothing serves the target port, no answer. */
export const MEMBER_UNKNOWN = 0;
export const MEMBER_ALLOWED = 1;
export const MEMBER_NOT_SERVED = 2;
export const MEMBER_BLOCKED = 3;

export type BackendVerdict = 'allowed' | 'blocked' | 'not-served' | 'unprobed';

export interface ServiceBackendCell {
  readonly pod: string;
  readonly address: string;
  readonly port: number;
  readonly verdict: BackendVerdict;
  readonly reason: string;
}

/** A service cell as the writers see it: a reach cell plus how many backends answer, and each of them. */
export interface ServiceReachCell extends ReachCell {
  readonly service: string;
  readonly reachable: 'all' | 'some' | 'none';
  readonly backends: readonly ServiceBackendCell[];
}

export interface ServiceColumn {
  readonly service: Service;
  readonly port: ServicePort;
  /** `ns/name:port` (`ns/name:port/UDP`, `/SCTP` for those protocols: a Service may use a port number on two). */
  readonly label: string;
  /** The cluster IPs (IPv4 first), interned. */
  readonly vips: readonly IpAddr[];
}

/** One source's attempt at one column: the cluster IP of its family and the members behind it. */
export interface ServiceTarget {
  readonly src: IpAddr;
  readonly vip: IpAddr;
  readonly members: readonly ServiceMember[];
  /** `states[m]`: MEMBER_* of member m. */
  readonly states: Uint8Array;
  attempts: number;
}

export interface ServiceReachRequest {
  readonly sources: readonly EndpointRef[];
  /** The Services to probe (every one with a cluster IP when absent). */
  readonly services?: readonly Service[];
  /** Only Service ports with these numbers or names (all when absent). */
  readonly ports?: readonly (number | string)[];
  readonly protocols?: readonly L4Protocol[];
}

const PROTOCOL_ORDER: Record<L4Protocol, number> = { TCP: 0, UDP: 1, SCTP: 2 };

/** The Service columns a request asks for, in cluster order (headless Services have no address to probe). */
export function serviceColumns(wiring: ClusterWiring, request: ServiceReachRequest): ServiceColumn[] {
  const out: ServiceColumn[] = [];
  for (const service of request.services ?? wiring.cluster.services ?? []) {
    if (service.clusterIPs.length === 0) continue;
    for (const port of service.ports) {
      if (request.protocols !== undefined && !request.protocols.includes(port.protocol)) continue;
      if (request.ports !== undefined && !request.ports.some((p) => p === port.port || p === port.name)) continue;
      const suffix = port.protocol === 'TCP' ? '' : `/${port.protocol}`;
      out.push({ service, port, label: `${service.namespace}/${service.name}:${port.port}${suffix}`, vips: service.clusterIPs.map((ip) => ipAddr(ip)) });
    }
  }
  return out;
}

export class ServiceReachResult implements ReachView {
  readonly sources: readonly string[];
  readonly destinations: readonly string[];
  readonly groups: readonly ReachGroup[];
  readonly declared = false;
  readonly legend: readonly (readonly [string, string])[] = [
    ['.', 'every backend answered (each ECMP member the cluster IP leads to is allowed)'],
    ['~', 'some backends answered: a connection succeeds or not depending on the backend ECMP picks'],
    ['X', 'no backend answered (dropped by policy)'],
    ['-', 'not served (the backends were reached but none serves the target port, or the Service has no ready backend)'],
  ];
  readonly portsNote: readonly string[] = [
    'Services: each port of each Service with a cluster IP (ns/name:port, /UDP or /SCTP when not TCP), tried at the cluster IP',
    '          through the vRouters until every backend was hit; the policy decides on the backend pod and target port.',
  ];
  /** Group of each column. */
  readonly columnGroup: Int32Array;
  /** `targets[s * columns + d]`, undefined when source and Service share no address family. */
  readonly targets: (ServiceTarget | undefined)[];
  private readonly podByAddress = new Map<string, Pod>();

  constructor(
    readonly wiring: ClusterWiring,
    readonly sourceRefs: readonly EndpointRef[],
    readonly columns: readonly ServiceColumn[],
    private readonly policy: FlowPolicy,
    private readonly enforcement: Enforcement,
  ) {
    this.sources = sourceRefs.map(endpointRefText);
    this.destinations = columns.map((c) => c.label);
    const keys = [...new Set(columns.map((c) => `${c.port.protocol}/${c.port.port}`))];
    const groups = keys.map((k) => {
      const [protocol, port] = k.split('/') as [L4Protocol, string];
      return { protocol, portLabel: port };
    });
    groups.sort((a, b) => PROTOCOL_ORDER[a.protocol] - PROTOCOL_ORDER[b.protocol] || Number(a.portLabel) - Number(b.portLabel));
    this.groups = groups;
    this.columnGroup = Int32Array.from(columns, (c) => groups.findIndex((g) => g.protocol === c.port.protocol && g.portLabel === String(c.port.port)));
    for (const pod of wiring.cluster.pods) if (!pod.hostNetwork) for (const ip of pod.ips) this.podByAddress.set(ipAddr(ip).text, pod);
    this.targets = [];
    for (const ref of sourceRefs) {
      const addresses = wiring.addressesOf(ref);
      for (const column of columns) {
        const pair = pairAddresses(addresses, column.vips);
        if (pair === undefined) {
          this.targets.push(undefined);
          continue;
        }
        const vip = wiring.services.vip(pair.dst);
        const members = vip === undefined ? [] : wiring.services.port(vip, protocolNumber(column.port.protocol), column.port.port)?.members ?? [];
        this.targets.push({ src: pair.src, vip: pair.dst, members, states: new Uint8Array(members.length), attempts: 0 });
      }
    }
  }

  target(s: number, d: number): ServiceTarget | undefined {
    return this.targets[s * this.columns.length + d];
  }

  hasColumn(g: number, d: number): boolean {
    return this.columnGroup[d] === g;
  }

  state(g: number, s: number, d: number): CellState {
    if (this.columnGroup[d] !== g) return 'absent';
    const t = this.target(s, d);
    if (t === undefined) return 'blocked';
    if (t.members.length === 0) return 'not-served';
    let allowed = 0;
    let notServed = 0;
    for (const m of t.states) {
      if (m === MEMBER_ALLOWED) allowed++;
      else if (m === MEMBER_NOT_SERVED) notServed++;
    }
    if (allowed === t.members.length) return 'allowed';
    if (allowed > 0) return 'partial';
    return notServed > 0 && notServed === t.members.length ? 'not-served' : 'blocked';
  }

  /** Whether the member's pod serves the member's target port (what the probe's answer means). */
  memberServes(member: ServiceMember, protocol: L4Protocol): boolean {
    const pod = this.podByAddress.get(member.address.text);
    return pod !== undefined && servedPorts(pod).some((p) => p.protocol === protocol && p.port === member.port);
  }

  cell(g: number, s: number, d: number): ServiceReachCell {
    const column = this.columns[d]!;
    const { protocol, port } = column.port;
    const from = this.sources[s]!;
    const service = `${column.service.namespace}/${column.service.name}`;
    const base = { from, to: column.label, port, portLabel: String(port), protocol, service };
    const t = this.target(s, d);
    if (t === undefined) {
      return { ...base, allowed: false, served: true, reachable: 'none', backends: [], reason: noCommonFamilyReason(from, column.vips, column.label) };
    }
    if (t.members.length === 0) {
      return { ...base, allowed: false, served: false, reachable: 'none', backends: [], reason: `${service} has no ready backend for ${protocol}/${port}: its cluster IP ${t.vip.text} has no route (D(NoDstRt))` };
    }
    const backends = t.members.map((m, i) => this.backendCell(t, m, t.states[i]!, protocol));
    const answered = backends.filter((b) => b.verdict === 'allowed');
    const state = this.state(g, s, d);
    const reachable = answered.length === backends.length ? 'all' : answered.length > 0 ? 'some' : 'none';
    const blocked = backends.find((b) => b.verdict !== 'allowed');
    const names = (list: readonly ServiceBackendCell[]) => list.map((b) => b.pod).join(', ');
    let reason: string;
    if (reachable === 'all') reason = `all ${backends.length} backend${backends.length === 1 ? '' : 's'} answer (${names(backends)}): ${backends[0]!.reason}`;
    else if (reachable === 'some') reason = `${answered.length} of ${backends.length} backends answer (${names(answered)}); ${blocked!.pod} ${blocked!.verdict}: ${blocked!.reason}`;
    else reason = `no backend answers (${backends.length}): ${blocked!.pod} ${blocked!.verdict}: ${blocked!.reason}`;
    return { ...base, allowed: state === 'allowed' || state === 'partial', served: state !== 'not-served', reachable, backends, reason };
  }

  private backendCell(t: ServiceTarget, member: ServiceMember, state: number, protocol: L4Protocol): ServiceBackendCell {
    const pod = this.podByAddress.get(member.address.text);
    const label = pod === undefined ? member.address.text : `${pod.namespace}/${pod.name}`;
    const head = { pod: label, address: member.address.text, port: member.port };
    if (state === MEMBER_UNKNOWN) {
      return { ...head, verdict: 'unprobed', reason: `no connection to ${t.vip.text} was given this backend by ECMP in ${t.attempts} attempts` };
    }
    const answered = state !== MEMBER_BLOCKED;
    let reason = reachReason(this.policy, this.enforcement, t.src, member.address, protocol, member.port, answered);
    if (state === MEMBER_NOT_SERVED) reason = `${reason}; but nothing serves ${protocol}/${member.port} on ${label}`;
    return { ...head, verdict: state === MEMBER_ALLOWED ? 'allowed' : state === MEMBER_NOT_SERVED ? 'not-served' : 'blocked', reason };
  }
}
