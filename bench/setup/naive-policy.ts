/**
 * Baseline policy evaluator: walks the NetworkPolicy records for every packet, matching label
 * selectors against pod and namespace labels as it goes; what a straightforward first
 * implementation looks like. Only CIDR texts are parsed once and cached (parsing them per
 * packet would be unreasonably naive).
 *
 * Semantics (Kubernetes NetworkPolicy): allowed iff the source pod's egress and the destination
 * pod's ingress both allow; a pod is isolated in a direction when a policy of its namespace
 * selects it with that policy type; a pod can always reach itself. Guarantees: no precomputed
 * per-pod state besides the IP→pod and namespace→labels maps.
 */
import ipaddr from 'ipaddr.js';
import type {
  Cluster, Labels, LabelSelector, NetworkPolicy, Pod, PolicyPeer, PolicyPort, PolicyRule,
} from '../../src/model/types.js';

function selectorMatches(selector: LabelSelector, labels: Labels): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels)) if (labels[key] !== value) return false;
  for (const req of selector.matchExpressions) {
    const has = key(labels, req.key);
    const value = labels[req.key];
    if (req.operator === 'In' && !(has && req.values.includes(value as string))) return false;
    if (req.operator === 'NotIn' && has && req.values.includes(value as string)) return false;
    if (req.operator === 'Exists' && !has) return false;
    if (req.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

function key(labels: Labels, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(labels, k);
}

export class NaivePolicyEvaluator {
  private readonly podsByIp = new Map<string, Pod>();
  private readonly nsLabels = new Map<string, Labels>();
  private readonly cidrs = new Map<string, [ipaddr.IPv4 | ipaddr.IPv6, number]>();

  constructor(private readonly cluster: Cluster) {
    for (const pod of cluster.pods) for (const ip of pod.ips) this.podsByIp.set(ip, pod);
    for (const ns of cluster.namespaces) this.nsLabels.set(ns.name, ns.labels);
  }

  allows(srcIp: string, dstIp: string, protocol: 'TCP' | 'UDP' | 'SCTP', port: number): boolean {
    const src = this.podsByIp.get(srcIp);
    const dst = this.podsByIp.get(dstIp);
    if (src !== undefined && src === dst) return true;
    if (src !== undefined && !this.sideAllows(src, 'Egress', dst, dstIp, dst, protocol, port)) return false;
    if (dst !== undefined && !this.sideAllows(dst, 'Ingress', src, srcIp, dst, protocol, port)) return false;
    return true;
  }

  private sideAllows(
    pod: Pod, type: 'Ingress' | 'Egress', peer: Pod | undefined, peerIp: string,
    dst: Pod | undefined, protocol: string, port: number,
  ): boolean {
    let isolated = false;
    for (const policy of this.cluster.policies) {
      if (policy.namespace !== pod.namespace || !policy.policyTypes.includes(type)) continue;
      if (!selectorMatches(policy.podSelector, pod.labels)) continue;
      isolated = true;
      const rules = type === 'Ingress' ? policy.ingress : policy.egress;
      for (const rule of rules) if (this.ruleAllows(policy, rule, peer, peerIp, dst, protocol, port)) return true;
    }
    return !isolated;
  }

  private ruleAllows(
    policy: NetworkPolicy, rule: PolicyRule, peer: Pod | undefined, peerIp: string,
    dst: Pod | undefined, protocol: string, port: number,
  ): boolean {
    if (rule.ports.length > 0 && !rule.ports.some((p) => this.portMatches(p, dst, protocol, port))) return false;
    if (rule.peers.length === 0) return true;
    return rule.peers.some((p) => this.peerMatches(policy, p, peer, peerIp));
  }

  private portMatches(p: PolicyPort, dst: Pod | undefined, protocol: string, port: number): boolean {
    if (p.protocol !== protocol) return false;
    if (p.port === undefined) return true;
    if (typeof p.port === 'string') {
      return dst !== undefined && dst.ports.some((c) => c.name === p.port && c.protocol === protocol && c.containerPort === port);
    }
    return port >= p.port && port <= (p.endPort ?? p.port);
  }

  private peerMatches(policy: NetworkPolicy, p: PolicyPeer, peer: Pod | undefined, peerIp: string): boolean {
    if (p.kind === 'ipBlock') {
      if (!this.inCidr(peerIp, p.cidr)) return false;
      return !p.except.some((e) => this.inCidr(peerIp, e));
    }
    if (peer === undefined || peer.hostNetwork) return false;
    if (p.namespaceSelector === undefined) {
      if (peer.namespace !== policy.namespace) return false;
    } else if (!selectorMatches(p.namespaceSelector, this.nsLabels.get(peer.namespace) ?? {})) {
      return false;
    }
    return p.podSelector === undefined || selectorMatches(p.podSelector, peer.labels);
  }

  private inCidr(ip: string, cidr: string): boolean {
    let parsed = this.cidrs.get(cidr);
    if (parsed === undefined) {
      parsed = ipaddr.parseCIDR(cidr);
      this.cidrs.set(cidr, parsed);
    }
    const addr = ipaddr.parse(ip);
    return addr.kind() === parsed[0].kind() && addr.match(parsed);
  }
}
