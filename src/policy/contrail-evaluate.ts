/**
 * First-match evaluation of a Contrail view as the vRouter agent runs it: the firewall policies
 * of the application policy set in sequence order, their rules in sequence order, and the first
 * rule whose service and both endpoints match decides (pass/deny). In tf-controller every
 * firewall rule is a terminal ACL entry: `AclDBEntry::PacketMatch` returns on the first terminal
 * match and `FlowEntry::MatchAcl` stops there; with no match the agent adds the implicit deny.
 *
 * Endpoint matching model (the agent's session match on tags and address groups): a pod
 * carries the tags `k=v` of its own labels, of its namespace's labels (Contrail tags the
 * namespace's project and the pod inherits them) and `namespace=<ns>`; a tag endpoint matches a
 * pod carrying all its tags, never a host or an external address; `any` matches everything; an
 * address group matches any endpoint whose IP is in the CIDR. Services: `any` matches every
 * protocol (ICMP too), a port service the same protocol and a destination port in range; a
 * named-port service matches nothing. The agent matches ports of TCP and UDP only
 * (`FlowEntry::SetPacketHeader` sets both ports to 0 for every other protocol), so SCTP and
 * ICMP are matched with port 0.
 * Guarantees: connections with no pod on either side are outside the APS (allowed, no match);
 * `CompiledContrail.firstMatch` allocates nothing.
 */
import type { Cluster, Endpoint } from '../model/types.js';
import type { ContrailEndpoint, ContrailView, FirewallPolicy, FirewallRule } from './contrail-view.js';
import { parseIpWords, parsePrefix, prefixContains, type IpPrefix, type IpWords } from './ip-prefix.js';
import type { Connection, Protocol } from './types.js';

export interface ContrailMatch {
  readonly policy: FirewallPolicy;
  readonly rule: FirewallRule;
}

export interface ContrailVerdict {
  readonly allowed: boolean;
  /** The deciding rule; null when no rule matched (no pod involved, or nothing matched: denied). */
  readonly match: ContrailMatch | null;
}

/** Tags of an endpoint: null for hosts and external addresses. */
export type EndpointTags = ReadonlySet<string> | null;

const ANY = 0;
const TAGS = 1;
const GROUP = 2;

interface CompiledEndpoint {
  readonly kind: typeof ANY | typeof TAGS | typeof GROUP;
  readonly tags: readonly string[];
  /** null for an address group whose CIDR does not parse (matches nothing). */
  readonly prefix: IpPrefix | null;
}

interface CompiledRule {
  readonly match: ContrailMatch;
  readonly pass: boolean;
  /** -1: any protocol; -2: matches nothing (named port); else the IANA number. */
  readonly proto: number;
  readonly start: number;
  readonly end: number;
  readonly ep1: CompiledEndpoint;
  readonly ep2: CompiledEndpoint;
}

const PROTO_NUMBER = { tcp: 6, udp: 17, sctp: 132 } as const;

function bySequence<T extends { readonly sequence: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.sequence < b.sequence ? -1 : a.sequence > b.sequence ? 1 : 0));
}

function compileEndpoint(endpoint: ContrailEndpoint): CompiledEndpoint {
  switch (endpoint.kind) {
    case 'any':
      return { kind: ANY, tags: [], prefix: null };
    case 'tags':
      return { kind: TAGS, tags: endpoint.tags, prefix: null };
    case 'address-group':
      return { kind: GROUP, tags: [], prefix: parsePrefix(endpoint.cidr) };
  }
}

function endpointMatches(endpoint: CompiledEndpoint, tags: EndpointTags, ip: IpWords | null): boolean {
  if (endpoint.kind === ANY) return true;
  if (endpoint.kind === TAGS) {
    if (tags === null) return false;
    const want = endpoint.tags;
    for (let i = 0; i < want.length; i++) if (!tags.has(want[i]!)) return false;
    return true;
  }
  return endpoint.prefix !== null && ip !== null && prefixContains(endpoint.prefix, ip);
}

/** A view compiled once for repeated first-match decisions. */
export class CompiledContrail {
  private readonly rules: CompiledRule[] = [];

  constructor(readonly view: ContrailView) {
    for (const policy of bySequence(view.firewallPolicies)) {
      for (const rule of bySequence(policy.rules)) {
        const s = rule.service;
        const proto = s.kind === 'any' ? -1 : s.kind === 'named-port' ? -2 : PROTO_NUMBER[s.protocol];
        const start = s.kind === 'ports' ? s.start : 0;
        const end = s.kind === 'ports' ? s.end : 65535;
        this.rules.push({ match: { policy, rule }, pass: rule.action === 'pass', proto, start, end, ep1: compileEndpoint(rule.endpoint1), ep2: compileEndpoint(rule.endpoint2) });
      }
    }
  }

  /**
   * Index of the deciding rule for a connection (`proto` IANA number, `dport` as on the wire),
   * -1 when nothing matched (the agent's implicit deny). The caller handles the no-pod case.
   */
  firstMatch(srcTags: EndpointTags, src: IpWords | null, dstTags: EndpointTags, dst: IpWords | null, proto: number, dport: number): number {
    const port = proto === 6 || proto === 17 ? dport : 0;
    const rules = this.rules;
    for (let i = 0; i < rules.length; i++) {
      const r = rules[i]!;
      if (r.proto === -2 || (r.proto >= 0 && r.proto !== proto) || port < r.start || port > r.end) continue;
      if (endpointMatches(r.ep1, srcTags, src) && endpointMatches(r.ep2, dstTags, dst)) return i;
    }
    return -1;
  }

  passes(index: number): boolean {
    return index >= 0 && this.rules[index]!.pass;
  }

  matchAt(index: number): ContrailMatch | null {
    return index >= 0 ? this.rules[index]!.match : null;
  }
}

/** The tags a pod carries: its labels, its namespace's labels, `namespace=<ns>`. Null for non-pods. */
export function endpointTags(cluster: Cluster, endpoint: Endpoint): EndpointTags {
  if (endpoint.kind !== 'pod') return null;
  const pod = endpoint.pod;
  const tags = new Set<string>([`namespace=${pod.namespace}`]);
  const ns = cluster.namespaces.find((n) => n.name === pod.namespace);
  for (const [k, v] of Object.entries(ns?.labels ?? {})) tags.add(`${k}=${v}`);
  for (const [k, v] of Object.entries(pod.labels)) tags.add(`${k}=${v}`);
  return tags;
}

export function protocolNumber(protocol: Protocol, family: 4 | 6 = 4): number {
  switch (protocol) {
    case 'TCP':
      return 6;
    case 'UDP':
      return 17;
    case 'SCTP':
      return 132;
    case 'ICMP':
      return family === 6 ? 58 : 1;
  }
}

/** One decision without a prepared `CompiledContrail` (compiles the view; for tools and tests). */
export function evaluateContrail(view: ContrailView, cluster: Cluster, conn: Connection, compiled = new CompiledContrail(view)): ContrailVerdict {
  if (conn.src.kind !== 'pod' && conn.dst.kind !== 'pod') return { allowed: true, match: null };
  const src = parseIpWords(conn.src.ip);
  const index = compiled.firstMatch(endpointTags(cluster, conn.src), src, endpointTags(cluster, conn.dst), parseIpWords(conn.dst.ip), protocolNumber(conn.protocol, src?.family ?? 4), conn.port);
  return { allowed: compiled.passes(index), match: compiled.matchAt(index) };
}
