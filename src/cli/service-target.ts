/**
 * Services as connection targets on the command line: `svc/<namespace>/<name>` becomes the
 * Service's cluster IP, and a cluster IP given as `--to` is recognised as its Service, so that
 * `trace` can say which backends the address leads to and decide the policy on each of them.
 * Errors say what exists (with a did-you-mean).
 */
import type { Cluster, Service } from '../model/types.js';
import { serviceByClusterIp, serviceByName, serviceEndpoints, type ServicePortEndpoints } from '../model/service-endpoints.js';
import { suggestClosest } from '../model/suggest.js';
import type { EndpointRef } from '../sim/cluster/types.js';
import { UserError } from './io.js';

/** `svc/<ns>/<name>` as an IP endpoint; undefined when `text` is not of that form. */
export function serviceEndpointArg(flag: string, text: string, cluster: Cluster): EndpointRef | undefined {
  const m = /^svc\/([^/]+)\/([^/]+)$/.exec(text.trim());
  if (m === null) {
    if (text.trim().startsWith('svc/')) throw new UserError(`${flag}: "${text}" is not svc/<namespace>/<name>`);
    return undefined;
  }
  const [, namespace, name] = m as unknown as [string, string, string];
  const service = serviceByName(cluster, namespace, name);
  if (service === undefined) {
    const names = (cluster.services ?? []).map((s) => `svc/${s.namespace}/${s.name}`);
    const guess = suggestClosest(text.trim(), names);
    const known = names.length === 0 ? 'the manifests hold no Service' : `Services: ${names.join(', ')}`;
    throw new UserError(`${flag}: no Service ${namespace}/${name}${guess === undefined ? '' : ` (did you mean ${guess}?)`}; ${known}`);
  }
  const ip = service.clusterIPs[0];
  if (ip === undefined) throw new UserError(`${flag}: Service ${namespace}/${name} is headless (clusterIP: None): it has no address to connect to; trace one of its pods instead`);
  return { kind: 'ip', ip };
}

/** The Service a destination address belongs to, and the endpoints of the port asked for. */
export function serviceOfAddress(cluster: Cluster, ip: string, protocol: string, port: number): { service: Service; endpoints: ServicePortEndpoints | undefined } | undefined {
  const service = serviceByClusterIp(cluster, ip);
  if (service === undefined) return undefined;
  const endpoints = serviceEndpoints(cluster, service, ip.includes(':')).find((e) => e.port.port === port && e.port.protocol === protocol);
  return { service, endpoints };
}

/**
 * A node address and one of the node ports of a NodePort/LoadBalancer Service: the Service,
 * the node, and the endpoints the node's address leads to (every ready backend with
 * externalTrafficPolicy Cluster, the node's own with Local); undefined when it is not one.
 */
export function nodePortOfAddress(cluster: Cluster, ip: string, protocol: string, port: number): { service: Service; node: string; policy: 'Cluster' | 'Local'; endpoints: ServicePortEndpoints } | undefined {
  const node = cluster.nodes.find((n) => n.internalIPs.includes(ip));
  if (node === undefined) return undefined;
  for (const service of cluster.services ?? []) {
    if (service.type !== 'NodePort' && service.type !== 'LoadBalancer') continue;
    const endpoints = serviceEndpoints(cluster, service, ip.includes(':')).find((e) => e.port.nodePort === port && e.port.protocol === protocol);
    if (endpoints === undefined) continue;
    const policy = service.externalTrafficPolicy ?? 'Cluster';
    const backends = endpoints.backends.filter((b) => policy === 'Cluster' || b.pod.nodeName === node.name);
    return { service, node: node.name, policy, endpoints: { ...endpoints, backends } };
  }
  return undefined;
}

/**
 * `--to <ip>:<port>` (`[v6]:port` for IPv6): the address and the port; undefined for any other
 * form. A `--port` that says otherwise is an error.
 */
export function addressWithPort(text: string, portFlag: unknown): { address: string; port: number } | undefined {
  const m = /^(\d{1,3}(?:\.\d{1,3}){3}):(\d+)$/.exec(text.trim()) ?? /^\[([0-9a-fA-F:.]+)\]:(\d+)$/.exec(text.trim());
  if (m === null) return undefined;
  const port = Number(m[2]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UserError(`--to: "${text}": port ${m[2]} is outside 1-65535`);
  if (portFlag !== undefined && Number(portFlag) !== port) throw new UserError(`--to ${text} says port ${port} but --port says ${String(portFlag)}: give the port once`);
  return { address: m[1]!, port };
}
