/**
 * First-match evaluation of a Contrail view: firewall policies in sequence order, rules in
 * sequence order, the first rule whose endpoints and service match decides (pass/deny).
 *
 * Endpoint matching model: a pod carries the tags `k=v` of its own labels, of its
 * namespace's labels (Contrail tags the namespace's project and the pod inherits them) and
 * `namespace=<ns>`; a tag endpoint matches a pod carrying all its tags, never a host or an
 * external address; `any` matches everything; an address group matches any endpoint whose
 * IP is in the CIDR. Services: `any` matches every protocol (ICMP too), a port service the
 * same protocol and a destination port in range; a named-port service matches nothing.
 * Guarantees: connections with no pod on either side are outside the APS (allowed, no match).
 */
import type { Cluster, Endpoint } from '../model/types.js';
import type { ContrailEndpoint, ContrailService, ContrailView, FirewallPolicy, FirewallRule } from './contrail-view.js';
import { parseIpWords, parsePrefix, prefixContains } from './ip-prefix.js';
import type { Connection } from './types.js';

export interface ContrailMatch {
  readonly policy: FirewallPolicy;
  readonly rule: FirewallRule;
}

export interface ContrailVerdict {
  readonly allowed: boolean;
  /** The deciding rule; null when no rule matched (no pod involved, or nothing matched: denied). */
  readonly match: ContrailMatch | null;
}

function tagsOf(cluster: Cluster, endpoint: Endpoint): ReadonlySet<string> | null {
  if (endpoint.kind !== 'pod') return null;
  const pod = endpoint.pod;
  const tags = new Set<string>([`namespace=${pod.namespace}`]);
  const ns = cluster.namespaces.find((n) => n.name === pod.namespace);
  for (const [k, v] of Object.entries(ns?.labels ?? {})) tags.add(`${k}=${v}`);
  for (const [k, v] of Object.entries(pod.labels)) tags.add(`${k}=${v}`);
  return tags;
}

function endpointMatches(endpoint: ContrailEndpoint, tags: ReadonlySet<string> | null, ip: string): boolean {
  switch (endpoint.kind) {
    case 'any':
      return true;
    case 'tags':
      return tags !== null && endpoint.tags.every((t) => tags.has(t));
    case 'address-group': {
      const prefix = parsePrefix(endpoint.cidr);
      const words = parseIpWords(ip);
      return prefix !== null && words !== null && prefixContains(prefix, words);
    }
  }
}

function serviceMatches(service: ContrailService, conn: Connection): boolean {
  switch (service.kind) {
    case 'any':
      return true;
    case 'named-port':
      return false;
    case 'ports':
      return conn.protocol.toLowerCase() === service.protocol && conn.port >= service.start && conn.port <= service.end;
  }
}

export function evaluateContrail(view: ContrailView, cluster: Cluster, conn: Connection): ContrailVerdict {
  if (conn.src.kind !== 'pod' && conn.dst.kind !== 'pod') return { allowed: true, match: null };
  const srcTags = tagsOf(cluster, conn.src);
  const dstTags = tagsOf(cluster, conn.dst);
  const policies = [...view.firewallPolicies].sort((a, b) => (a.sequence < b.sequence ? -1 : a.sequence > b.sequence ? 1 : 0));
  for (const policy of policies) {
    const rules = [...policy.rules].sort((a, b) => (a.sequence < b.sequence ? -1 : a.sequence > b.sequence ? 1 : 0));
    for (const rule of rules) {
      if (
        serviceMatches(rule.service, conn) &&
        endpointMatches(rule.endpoint1, srcTags, conn.src.ip) &&
        endpointMatches(rule.endpoint2, dstTags, conn.dst.ip)
      ) {
        return { allowed: rule.action === 'pass', match: { policy, rule } };
      }
    }
  }
  return { allowed: false, match: null };
}
