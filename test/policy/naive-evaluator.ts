/**
 * A deliberately naive NetworkPolicy evaluator, written straight from the Kubernetes
 * documentation and sharing no code with src/policy: it walks the policy objects for every
 * question. Used only as a test oracle for the compiled matchers.
 */
import ipaddr from 'ipaddr.js';
import type { Cluster, Endpoint, LabelSelector, Labels, NetworkPolicy, PolicyPeer, PolicyPort } from '../../src/model/types.js';
import type { Connection } from '../../src/policy/types.js';

export function labelsMatch(selector: LabelSelector, labels: Labels): boolean {
  const ok = Object.entries(selector.matchLabels).every(([k, v]) => k in labels && labels[k] === v);
  if (!ok) return false;
  return selector.matchExpressions.every((e) => {
    const present = k(labels, e.key);
    if (e.operator === 'In') return present && e.values.includes(labels[e.key]!);
    if (e.operator === 'NotIn') return !present || !e.values.includes(labels[e.key]!);
    if (e.operator === 'Exists') return present;
    return !present;
  });
}

function k(labels: Labels, key: string): boolean {
  return Object.keys(labels).includes(key);
}

export function namespaceLabels(cluster: Cluster, name: string): Labels {
  return cluster.namespaces.find((n) => n.name === name)?.labels ?? { 'kubernetes.io/metadata.name': name };
}

export function inCidr(ip: string, cidr: string): boolean {
  const addr = ipaddr.parse(ip);
  const range = ipaddr.parseCIDR(cidr);
  if (addr.kind() !== range[0].kind()) return false;
  return addr.match(range);
}

function peerMatches(cluster: Cluster, policy: NetworkPolicy, peer: PolicyPeer, other: Endpoint): boolean {
  if (peer.kind === 'ipBlock') {
    return inCidr(other.ip, peer.cidr) && !peer.except.some((e) => inCidr(other.ip, e));
  }
  if (other.kind !== 'pod' || other.pod.hostNetwork) return false;
  const nsOk = peer.namespaceSelector
    ? labelsMatch(peer.namespaceSelector, namespaceLabels(cluster, other.pod.namespace))
    : other.pod.namespace === policy.namespace;
  const podOk = peer.podSelector ? labelsMatch(peer.podSelector, other.pod.labels) : true;
  return nsOk && podOk;
}

function portMatches(p: PolicyPort, conn: Connection): boolean {
  if (conn.protocol !== p.protocol) return false;
  if (p.port === undefined) return true;
  if (typeof p.port === 'number') {
    const end = p.endPort ?? p.port;
    return conn.port >= p.port && conn.port <= end;
  }
  if (conn.dst.kind !== 'pod') return false;
  return conn.dst.pod.ports.some((cp) => cp.name === p.port && cp.protocol === p.protocol && cp.containerPort === conn.port);
}

function selects(policy: NetworkPolicy, endpoint: Endpoint): boolean {
  return endpoint.kind === 'pod' && !endpoint.pod.hostNetwork && endpoint.pod.namespace === policy.namespace && labelsMatch(policy.podSelector, endpoint.pod.labels);
}

/** One direction alone: not isolated, or some rule of an isolating policy allows (exported for the tiered oracle). */
export function directionAllows(cluster: Cluster, conn: Connection, direction: 'Ingress' | 'Egress'): boolean {
  const self = direction === 'Ingress' ? conn.dst : conn.src;
  const other = direction === 'Ingress' ? conn.src : conn.dst;
  const applicable = cluster.policies.filter((p) => p.policyTypes.includes(direction) && selects(p, self));
  if (applicable.length === 0) return true; // not isolated
  return applicable.some((p) =>
    (direction === 'Ingress' ? p.ingress : p.egress).some(
      (r) => (r.peers.length === 0 || r.peers.some((peer) => peerMatches(cluster, p, peer, other))) && (r.ports.length === 0 || r.ports.some((pp) => portMatches(pp, conn))),
    ),
  );
}

export function naiveAllowed(cluster: Cluster, conn: Connection): boolean {
  if (conn.src.kind === 'pod' && conn.dst.kind === 'pod' && conn.src.pod === conn.dst.pod) return true;
  return directionAllows(cluster, conn, 'Egress') && directionAllows(cluster, conn, 'Ingress');
}

/** Whether some NetworkPolicy selects the pod of this direction for it. */
export function naiveIsolated(cluster: Cluster, conn: Connection, direction: 'Ingress' | 'Egress'): boolean {
  const self = direction === 'Ingress' ? conn.dst : conn.src;
  return cluster.policies.some((p) => p.policyTypes.includes(direction) && selects(p, self));
}
