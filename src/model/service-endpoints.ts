/**
 * The endpoints of a Service, as the EndpointSlice controller computes them: the ready pods of
 * the Service's namespace whose labels match its selector, each with the target port resolved
 * per pod (a named `targetPort` is looked up among the pod's container ports with the same
 * protocol, as `podutil.FindPort` does; a pod without such a port is no endpoint of that port).
 *
 * Guarantees: pure and deterministic (backends in cluster order: namespace, then pod name);
 * a Service without selector (or with an empty one, which the API server stores as none) has
 * no endpoints, as vrsim does not read Endpoints objects; headless Services have endpoints
 * too (DNS answers with them). "Ready" = a pod the inventory holds with an address of the
 * Service's family: vrsim's inventory keeps only pods that run (terminated pods are not in it).
 */
import type { Cluster, Labels, Pod, Service, ServicePort } from './types.js';

export interface ServiceBackend {
  readonly pod: Pod;
  /** The pod's address of the Service's IP family. */
  readonly ip: string;
  /** The container port the traffic goes to. */
  readonly targetPort: number;
}

export interface ServicePortEndpoints {
  readonly port: ServicePort;
  readonly backends: readonly ServiceBackend[];
}

/** True when every selector label is on the pod (a Service selector is matchLabels only). */
export function selectorMatches(selector: Labels, labels: Labels): boolean {
  for (const key of Object.keys(selector)) if (labels[key] !== selector[key]) return false;
  return true;
}

/** The pods selected by the Service (same namespace, labels match), in cluster order. */
export function selectedPods(cluster: Cluster, service: Service): Pod[] {
  const selector = service.selector;
  if (selector === undefined || Object.keys(selector).length === 0) return [];
  return cluster.pods.filter((p) => p.namespace === service.namespace && selectorMatches(selector, p.labels));
}

/** The container port a Service port reaches on `pod`, or undefined when the pod has no such named port. */
export function resolveTargetPort(port: ServicePort, pod: Pod): number | undefined {
  if (typeof port.targetPort === 'number') return port.targetPort;
  const named = pod.ports.find((c) => c.name === port.targetPort && c.protocol === port.protocol);
  return named?.containerPort;
}

function familyAddress(pod: Pod, v6: boolean): string | undefined {
  return pod.ips.find((ip) => ip.includes(':') === v6);
}

/** Endpoints per Service port, in `spec.ports` order. `v6`: the family of the cluster IP asked about. */
export function serviceEndpoints(cluster: Cluster, service: Service, v6 = false): ServicePortEndpoints[] {
  const pods = selectedPods(cluster, service);
  return service.ports.map((port) => {
    const backends: ServiceBackend[] = [];
    for (const pod of pods) {
      const ip = familyAddress(pod, v6);
      const targetPort = resolveTargetPort(port, pod);
      if (ip !== undefined && targetPort !== undefined) backends.push({ pod, ip, targetPort });
    }
    return { port, backends };
  });
}

/** The Service with this cluster IP, if any. */
export function serviceByClusterIp(cluster: Cluster, ip: string): Service | undefined {
  return (cluster.services ?? []).find((s) => s.clusterIPs.includes(ip));
}

/** The Service `namespace/name`, if any. */
export function serviceByName(cluster: Cluster, namespace: string, name: string): Service | undefined {
  return (cluster.services ?? []).find((s) => s.namespace === namespace && s.name === name);
}
