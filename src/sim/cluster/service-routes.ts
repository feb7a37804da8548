/**
 * The Service addresses every vRouter is given, built from the inventory: for each Service
 * with a cluster IP, each of its ports leads to the ready backends (address and resolved
 * target port) of the cluster IP's family, in cluster order — the ECMP members that Contrail's
 * floating IP on the backend interfaces gives the VIP route. Headless Services have no address;
 * hostNetwork backends are left out (a floating IP sits on a pod interface, which they lack).
 *
 * NodePort (and LoadBalancer) Services also get every node address as a VIP on their node
 * ports (`addNodePorts`), the way Cloud-Native Contrail documents NodePort ("implemented using
 * the InstanceIP and FloatingIP resources, similar to the ClusterIP service"): vrsim carries it
 * with the same ECMP and NAT, which keeps the client's address (see docs/services.md).
 *
 * Guarantees: deterministic for a given cluster and seed (composite next hops numbered in
 * Service order, then the node addresses).
 */
import { ipAddr } from '../../packet/address.js';
import { PROTO_SCTP, PROTO_TCP, PROTO_UDP } from '../../packet/types.js';
import type { Cluster, L4Protocol, Node } from '../../model/types.js';
import { serviceEndpoints } from '../../model/service-endpoints.js';
import { ServiceVips, type ServiceVipPort } from '../../dataplane/service-vips.js';

export function protocolNumber(protocol: L4Protocol): number {
  return protocol === 'TCP' ? PROTO_TCP : protocol === 'UDP' ? PROTO_UDP : PROTO_SCTP;
}

export function buildServiceVips(cluster: Cluster, seed: number): ServiceVips {
  const vips = new ServiceVips(seed);
  for (const service of cluster.services ?? []) {
    for (const ip of service.clusterIPs) {
      const ports: ServiceVipPort[] = serviceEndpoints(cluster, service, ip.includes(':')).map((e) => ({
        proto: protocolNumber(e.port.protocol),
        port: e.port.port,
        members: e.backends.filter((b) => !b.pod.hostNetwork).map((b) => ({ address: ipAddr(b.ip), port: b.targetPort })),
      }));
      vips.add(ipAddr(ip), `${service.namespace}/${service.name}`, ports);
    }
  }
  addNodePorts(cluster, vips);
  return vips;
}

/**
 * The node ports: every node address leads, on each node port of a NodePort or LoadBalancer
 * Service, to its ready backends of that family: all of them with externalTrafficPolicy
 * Cluster, only those on that node with Local (none there: no route, the packet is dropped,
 * as kube-proxy drops it). Other ports of a node address stay the node host's.
 */
function addNodePorts(cluster: Cluster, vips: ServiceVips): void {
  const external = (cluster.services ?? []).filter((s) => (s.type === 'NodePort' || s.type === 'LoadBalancer') && s.clusterIPs.length > 0);
  if (external.length === 0) return;
  for (const node of cluster.nodes) {
    for (const address of node.internalIPs) {
      const ports = nodePortsOf(cluster, node, address.includes(':'));
      if (ports.length > 0) vips.add(ipAddr(address), `node/${node.name}`, ports, true);
    }
  }
}

/** The node ports `node` serves over one address family, with their members. */
export function nodePortsOf(cluster: Cluster, node: Node, v6: boolean): ServiceVipPort[] {
  const out: ServiceVipPort[] = [];
  for (const service of cluster.services ?? []) {
    if ((service.type !== 'NodePort' && service.type !== 'LoadBalancer') || service.clusterIPs.length === 0) continue;
    const local = service.externalTrafficPolicy === 'Local';
    serviceEndpoints(cluster, service, v6).forEach((e) => {
      if (e.port.nodePort === undefined) return;
      const backends = e.backends.filter((b) => !b.pod.hostNetwork && (!local || b.pod.nodeName === node.name));
      out.push({ proto: protocolNumber(e.port.protocol), port: e.port.nodePort, members: backends.map((b) => ({ address: ipAddr(b.ip), port: b.targetPort })) });
    });
  }
  return out;
}
