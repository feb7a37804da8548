/**
 * Text for one policy Decision, for `trace`, `reach` and flow explanations:
 * - `decisionReason`: one line for tables and JSON, e.g.
 *   `egress dev/webserver-dev: explicit policy dev/policy1 egress rule 0; ingress dev/dbserver-dev: implicit allow-all`;
 * - `decisionDetails`: several lines naming which peer and port of each allowing rule matched.
 * With ClusterNetworkPolicies the same lines carry the tier chain: see `tiers/tier-text.ts`.
 * Guarantees: pure; the words are the book's ("explicit policy", "implicit deny-all",
 * "implicit allow-all"); every line is free of trailing whitespace.
 */
import type { Cluster, Endpoint, NetworkPolicy, PolicyPeer, PolicyPort } from '../model/types.js';
import { qualifiedName } from '../model/types.js';
import { selectorText } from './selector.js';
import type { Connection, Decision, RuleRef, SideVerdict } from './types.js';
import { appendAll } from '../model/append-all.js';

export function endpointName(endpoint: Endpoint): string {
  switch (endpoint.kind) {
    case 'pod':
      return qualifiedName(endpoint.pod);
    case 'host':
      return `host ${endpoint.node.name}`;
    case 'external':
      return endpoint.ip;
  }
}

export function ruleText(ref: RuleRef): string {
  return `${ref.policy} ${ref.direction} rule ${ref.ruleIndex}`;
}

function sideText(verdict: SideVerdict): string {
  switch (verdict.kind) {
    case 'not-a-pod':
      return 'not a pod, not restricted by NetworkPolicy';
    case 'not-isolated':
      return 'implicit allow-all';
    case 'allowed':
      return `explicit policy ${verdict.allowedBy.map(ruleText).join(', ')}`;
    case 'denied':
      return `implicit deny-all (isolated by ${verdict.isolatedBy.join(', ')})`;
  }
}

/** One line. With the connection, each side names its endpoint. */
export function decisionReason(decision: Decision, conn?: Connection): string {
  const egress = conn ? `egress ${endpointName(conn.src)}` : 'egress';
  const ingress = conn ? `ingress ${endpointName(conn.dst)}` : 'ingress';
  const sides = `${egress}: ${sideText(decision.egress)}; ${ingress}: ${sideText(decision.ingress)}`;
  return decision.selfTraffic ? `same pod: always allowed (${sides})` : sides;
}

function peerText(peer: PolicyPeer): string {
  if (peer.kind === 'ipBlock') return peer.except.length > 0 ? `ipBlock ${peer.cidr} except ${peer.except.join(', ')}` : `ipBlock ${peer.cidr}`;
  const parts: string[] = [];
  if (peer.namespaceSelector) parts.push(`namespaceSelector ${selectorText(peer.namespaceSelector)}`);
  if (peer.podSelector) parts.push(`podSelector ${selectorText(peer.podSelector)}`);
  return parts.join(' and ');
}

function portText(port: PolicyPort): string {
  if (port.port === undefined) return `${port.protocol}/any`;
  if (port.endPort !== undefined && typeof port.port === 'number' && port.endPort > port.port) return `${port.protocol}/${port.port}-${port.endPort}`;
  return `${port.protocol}/${port.port}`;
}

export function ruleDetail(ref: RuleRef, policies: readonly NetworkPolicy[]): string {
  const policy = policies.find((p) => qualifiedName(p) === ref.policy);
  const rule = policy ? (ref.direction === 'ingress' ? policy.ingress : policy.egress)[ref.ruleIndex] : undefined;
  const list = ref.direction === 'ingress' ? 'from' : 'to';
  const peerPeer = ref.peerIndex === null ? rule?.peers[0] : rule?.peers[ref.peerIndex];
  const peer = ref.peerIndex === null ? `any peer (no ${list})` : `${list}[${ref.peerIndex}] ${peerPeer ? peerText(peerPeer) : '?'}`;
  const chosen = ref.portIndex === null ? undefined : rule?.ports[ref.portIndex];
  const port = ref.portIndex === null ? 'any port and protocol (no ports)' : `ports[${ref.portIndex}] ${chosen ? portText(chosen) : '?'}`;
  return `${ruleText(ref)}: ${peer}; ${port}`;
}

function sideLines(title: string, verdict: SideVerdict, policies: readonly NetworkPolicy[]): string[] {
  switch (verdict.kind) {
    case 'not-a-pod':
      return [`  ${title}: not a pod, never isolated by NetworkPolicy`];
    case 'not-isolated':
      return [`  ${title}: implicit allow-all (no policy selects it in this direction)`];
    case 'denied':
      return [`  ${title}: implicit deny-all — isolated by ${verdict.isolatedBy.join(', ')}, no rule matches`];
    case 'allowed':
      return [`  ${title}: explicit policy — isolated by ${verdict.isolatedBy.join(', ')}, allowed by`, ...verdict.allowedBy.map((r) => `    ${ruleDetail(r, policies)}`)];
  }
}

export function connectionText(conn: Connection): string {
  const port = conn.protocol === 'ICMP' ? '' : `:${conn.port}`;
  return `${conn.protocol} ${endpointName(conn.src)} (${conn.src.ip}) -> ${endpointName(conn.dst)} (${conn.dst.ip})${port}`;
}

/** Multi-line form: verdict, connection, then each side with the matching peer and port of every allowing rule. */
export function decisionDetails(decision: Decision, conn: Connection, cluster: Pick<Cluster, 'policies'>): string[] {
  const lines = [`${decision.allowed ? 'ALLOWED' : 'DENIED'}  ${connectionText(conn)}`];
  if (decision.selfTraffic) lines.push('  same pod: a pod can always reach itself; the policies below do not apply');
  appendAll(lines, sideLines(`egress of ${endpointName(conn.src)}`, decision.egress, cluster.policies));
  appendAll(lines, sideLines(`ingress of ${endpointName(conn.dst)}`, decision.ingress, cluster.policies));
  return lines;
}
