/**
 * The Service addresses every vRouter is given, built from the inventory: for each Service
 * with a cluster IP, each of its ports leads to the ready backends (address and resolved
 * target port) of the cluster IP's family, in cluster order — the ECMP members that Contrail's
 * floating IP on the backend interfaces gives the VIP route. Headless Services have no address;
 * hostNetwork backends are left out (a floating IP sits on a pod interface, which they lack).
 *
 * Guarantees: deterministic for a given cluster and seed (composite next hops numbered in
 * Service order).
 */
import { ipAddr } from '../../packet/address.js';
import { PROTO_SCTP, PROTO_TCP, PROTO_UDP } from '../../packet/types.js';
import type { Cluster, L4Protocol } from '../../model/types.js';
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
  return vips;
}
