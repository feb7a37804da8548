/**
 * Lookup index over a `Cluster`: pods and nodes by name and by IP, and the `Endpoint` an
 * address stands for.
 *
 * Guarantees: addresses are compared in canonical text (ipaddr.js normalisation, so
 * `FD00:0::1` finds `fd00::1`); a hostNetwork pod's addresses resolve to its node's host
 * endpoint, never to a pod endpoint (NetworkPolicy does not isolate them); every address that
 * is neither a pod nor a node is `external`. Built once, O(1) lookups; the cluster is not copied.
 */
import type { Cluster, Endpoint, Namespace, Node, Pod } from './types.js';
import { canonicalIp } from './ip-text.js';

export interface ClusterIndex {
  readonly cluster: Cluster;
  /** The pod (not hostNetwork) holding this address. */
  podByIp(ip: string): Pod | undefined;
  /** The node whose InternalIP (or hostNetwork pod address) this is. */
  nodeByIp(ip: string): Node | undefined;
  podByName(namespace: string, name: string): Pod | undefined;
  nodeByName(name: string): Node | undefined;
  namespace(name: string): Namespace | undefined;
  /** Pods scheduled on a node, in cluster order (namespace, name). */
  podsOnNode(nodeName: string): readonly Pod[];
  /** What sends or receives at this address; throws on text that is not an IP address. */
  endpointForIp(ip: string): Endpoint;
}

function canonicalOrThrow(ip: string): string {
  const canonical = canonicalIp(ip);
  if (canonical === undefined) throw new Error(`not an IP address: "${ip}"`);
  return canonical;
}

export function indexCluster(cluster: Cluster): ClusterIndex {
  const nodesByName = new Map(cluster.nodes.map((n) => [n.name, n] as const));
  const namespaces = new Map(cluster.namespaces.map((n) => [n.name, n] as const));
  const podsByName = new Map(cluster.pods.map((p) => [`${p.namespace}/${p.name}`, p] as const));
  const podsByIp = new Map<string, Pod>();
  const nodesByIp = new Map<string, Node>();
  const podsByNode = new Map<string, Pod[]>();
  for (const node of cluster.nodes) for (const ip of node.internalIPs) nodesByIp.set(ip, node);
  for (const pod of cluster.pods) {
    const onNode = podsByNode.get(pod.nodeName) ?? [];
    onNode.push(pod);
    podsByNode.set(pod.nodeName, onNode);
    const node = nodesByName.get(pod.nodeName);
    for (const ip of pod.ips) {
      if (!pod.hostNetwork) podsByIp.set(ip, pod);
      else if (node !== undefined && !nodesByIp.has(ip)) nodesByIp.set(ip, node);
    }
  }

  return {
    cluster,
    podByIp: (ip) => podsByIp.get(canonicalOrThrow(ip)),
    nodeByIp: (ip) => nodesByIp.get(canonicalOrThrow(ip)),
    podByName: (namespace, name) => podsByName.get(`${namespace}/${name}`),
    nodeByName: (name) => nodesByName.get(name),
    namespace: (name) => namespaces.get(name),
    podsOnNode: (nodeName) => podsByNode.get(nodeName) ?? [],
    endpointForIp(ip: string): Endpoint {
      const canonical = canonicalOrThrow(ip);
      const pod = podsByIp.get(canonical);
      if (pod !== undefined) return { kind: 'pod', pod, ip: canonical };
      const node = nodesByIp.get(canonical);
      if (node !== undefined) return { kind: 'host', node, ip: canonical };
      return { kind: 'external', ip: canonical };
    },
  };
}
