/**
 * A deliberately naive evaluator of the cluster tiers, written from the ClusterNetworkPolicy
 * API text (apis/v1alpha2/clusternetworkpolicy_types.go) and sharing no code with
 * src/policy/tiers: for every question it walks the policy objects. Test oracle only.
 */
import type { ClusterNetworkPolicy, CnpPeer, CnpPort, CnpRule } from '../../src/model/cluster-network-policy.js';
import type { Cluster, Endpoint } from '../../src/model/types.js';
import type { Connection } from '../../src/policy/types.js';
import { directionAllows, inCidr, labelsMatch, namespaceLabels, naiveIsolated } from './naive-evaluator.js';

function isPod(e: Endpoint): e is Extract<Endpoint, { kind: 'pod' }> {
  return e.kind === 'pod' && !e.pod.hostNetwork;
}

function subjectSelects(cluster: Cluster, policy: ClusterNetworkPolicy, e: Endpoint): boolean {
  if (!isPod(e)) return false;
  if (!labelsMatch(policy.subject.namespaceSelector, namespaceLabels(cluster, e.pod.namespace))) return false;
  return policy.subject.kind === 'namespaces' || labelsMatch(policy.subject.podSelector, e.pod.labels);
}

function peerMatches(cluster: Cluster, peer: CnpPeer, other: Endpoint): boolean {
  switch (peer.kind) {
    case 'namespaces':
      return isPod(other) && labelsMatch(peer.namespaceSelector, namespaceLabels(cluster, other.pod.namespace));
    case 'pods':
      return isPod(other) && labelsMatch(peer.namespaceSelector, namespaceLabels(cluster, other.pod.namespace)) && labelsMatch(peer.podSelector, other.pod.labels);
    case 'nodes':
      return cluster.nodes.some((n) => labelsMatch(peer.nodeSelector, n.labels ?? {}) && n.internalIPs.includes(other.ip));
    case 'networks':
      return peer.cidrs.some((c) => inCidr(other.ip, c));
    case 'domainNames':
    case 'unknown':
      return false;
  }
}

function portMatches(port: CnpPort, conn: Connection): boolean {
  if (port.kind === 'port') return port.protocol === conn.protocol && conn.port >= port.low && conn.port <= port.high;
  return isPod(conn.dst) && conn.dst.pod.ports.some((cp) => cp.name === port.name && cp.protocol === conn.protocol && cp.containerPort === conn.port);
}

/** The action a rule applies to this connection, or undefined when it does not match. */
function ruleAction(cluster: Cluster, rule: CnpRule, other: Endpoint, conn: Connection): 'Accept' | 'Deny' | 'Pass' | undefined {
  if (rule.peers.some((p) => p.kind === 'unknown')) return rule.action === 'Accept' ? undefined : 'Deny';
  if (!rule.peers.some((p) => peerMatches(cluster, p, other))) return undefined;
  if (rule.ports.length > 0 && !rule.ports.some((p) => portMatches(p, conn))) return undefined;
  return rule.action;
}

const rank = (p: ClusterNetworkPolicy): number => (p.origin === 'ClusterNetworkPolicy' ? 0 : p.origin === 'AdminNetworkPolicy' ? 1 : 2);

function tierAction(cluster: Cluster, tier: 'Admin' | 'Baseline', direction: 'Ingress' | 'Egress', conn: Connection): 'Accept' | 'Deny' | 'Pass' | undefined {
  const self = direction === 'Ingress' ? conn.dst : conn.src;
  const other = direction === 'Ingress' ? conn.src : conn.dst;
  const policies = (cluster.clusterPolicies ?? [])
    .filter((p) => p.tier === tier && subjectSelects(cluster, p, self))
    .sort((a, b) => a.priority - b.priority || rank(a) - rank(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const policy of policies) {
    for (const rule of direction === 'Ingress' ? policy.ingress : policy.egress) {
      const action = ruleAction(cluster, rule, other, conn);
      if (action !== undefined) return action;
    }
  }
  return undefined;
}

function sideAllowed(cluster: Cluster, conn: Connection, direction: 'Ingress' | 'Egress', selfTraffic: boolean): boolean {
  const self = direction === 'Ingress' ? conn.dst : conn.src;
  if (!isPod(self)) return true;
  const admin = tierAction(cluster, 'Admin', direction, conn);
  if (admin === 'Accept') return true;
  if (admin === 'Deny') return false;
  if (selfTraffic) return true;
  if (naiveIsolated(cluster, conn, direction)) return directionAllows(cluster, conn, direction);
  return tierAction(cluster, 'Baseline', direction, conn) !== 'Deny';
}

export function naiveTieredAllowed(cluster: Cluster, conn: Connection): boolean {
  const selfTraffic = conn.src.kind === 'pod' && conn.dst.kind === 'pod' && conn.src.pod === conn.dst.pod;
  return sideAllowed(cluster, conn, 'Egress', selfTraffic) && sideAllowed(cluster, conn, 'Ingress', selfTraffic);
}
