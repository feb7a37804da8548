/**
 * Cluster DNS as the kubelet and CoreDNS set it up: the DNS Service (label `k8s-app: kube-dns`
 * in `kube-system`, as kubeadm and the CoreDNS chart name it), the resolv.conf a pod gets
 * (`nameserver <its ClusterIP>`, `search <ns>.svc.cluster.local svc.cluster.local
 * cluster.local`, `options ndots:5`), and the zone CoreDNS answers from: `<svc>.<ns>.svc.
 * cluster.local` is the Service's ClusterIP (the ready pod IPs for a headless Service); every
 * other name is NXDOMAIN (vrsim has no upstream resolver for names outside the cluster).
 *
 * Guarantees: pure functions of the cluster; deterministic.
 */
import { ipAddr } from '../../packet/address.js';
import type { IpAddr } from '../../packet/types.js';
import type { Cluster, Pod, Service } from '../../model/types.js';
import { selectedPods, selectorMatches } from '../../model/service-endpoints.js';
import type { ResolvConf } from '../apps/dns-resolver.js';
import type { DnsZone } from '../apps/dns-server.js';

export const CLUSTER_DOMAIN = 'cluster.local';

/** The cluster's DNS Service, when it has one with an address. */
export function dnsService(cluster: Cluster): Service | undefined {
  return (cluster.services ?? []).find((s) => s.namespace === 'kube-system' && s.labels['k8s-app'] === 'kube-dns' && s.clusterIPs.length > 0);
}

/** The pods that serve cluster DNS (selected by the DNS Service). */
export function isDnsServerPod(cluster: Cluster, pod: Pod): boolean {
  const service = dnsService(cluster);
  return service?.selector !== undefined && pod.namespace === service.namespace && Object.keys(service.selector).length > 0 && selectorMatches(service.selector, pod.labels);
}

/** The resolv.conf of a pod, or undefined when the cluster has no DNS Service. */
export function podResolvConf(cluster: Cluster, namespace: string): ResolvConf | undefined {
  const service = dnsService(cluster);
  const ip = service?.clusterIPs.find((a) => !a.includes(':'));
  if (ip === undefined) return undefined;
  return {
    nameserver: ipAddr(ip),
    search: [`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN],
    ndots: 5,
    timeoutSeconds: 5,
    attempts: 2,
  };
}

/** The zone CoreDNS serves for the cluster as it is now. */
export function clusterZone(current: () => Cluster): DnsZone {
  const suffix = `.svc.${CLUSTER_DOMAIN}`;
  return (name: string): readonly IpAddr[] | undefined => {
    const n = name.endsWith('.') ? name.slice(0, -1) : name;
    if (!n.endsWith(suffix)) return undefined;
    const parts = n.slice(0, -suffix.length).split('.');
    if (parts.length !== 2) return undefined;
    const [svc, ns] = parts as [string, string];
    const cluster = current();
    const service = (cluster.services ?? []).find((s) => s.namespace === ns && s.name === svc);
    if (service === undefined) return undefined;
    if (service.headless) return selectedPods(cluster, service).flatMap((p) => p.ips.map(ipAddr));
    return service.clusterIPs.map(ipAddr);
  };
}
