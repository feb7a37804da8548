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
