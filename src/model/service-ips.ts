/**
 * Cluster IPs of Services, as the API server's allocator hands them out, and their checks.
 *
 * A Service that writes no cluster IP (repository manifests) gets the lowest free address of
 * the service CIDR 10.96.0.0/12 (kubeadm's default `--service-cluster-ip-range`) from
 * 10.96.0.1 upward, in load order; a re-applied Service that writes none keeps its old one.
 * Headless and ExternalName Services get none. Guarantees: deterministic; a cluster IP is
 * never given twice; a written cluster IP used by another Service, a pod or a node is a
 * located error (the API server refuses the first, a real cluster never has the others).
 */
import type { Diagnostic, Service } from './types.js';
import type { ServiceDraft } from './read-service.js';
import { ipv4ToNumber, numberToIpv4 } from './ip-text.js';

export const SERVICE_CIDR = '10.96.0.0/12';
const FIRST = ipv4ToNumber('10.96.0.1');
const LAST = ipv4ToNumber('10.111.255.254');

/** A Service being resolved: its draft, and the cluster IPs it inherits from the base cluster. */
export interface WorkingService {
  readonly draft: ServiceDraft;
  readonly inherited: readonly string[];
}

/**
 * Final Services, by namespace then name. `taken` maps the addresses of pods and nodes to a
 * description of their owner (for collision errors).
 */
export function resolveServices(working: Iterable<WorkingService>, taken: ReadonlyMap<string, string>, diagnostics: Diagnostic[]): Service[] {
  const owners = new Map<string, string>();
  const services: { draft: ServiceDraft; ips: readonly string[] }[] = [];
  for (const w of working) {
    const d = w.draft;
    const ips = d.headless || d.type === 'ExternalName' ? [] : d.declaredClusterIPs.length > 0 ? d.declaredClusterIPs : w.inherited;
    services.push({ draft: d, ips });
  }
  for (const s of services) {
    for (const ip of s.ips) {
      const where = `${s.draft.clusterIpSource.file}:${s.draft.clusterIpSource.line}`;
      const other = owners.get(ip) ?? taken.get(ip);
      if (other !== undefined) {
        diagnostics.push({ severity: 'error', file: s.draft.clusterIpSource.file, line: s.draft.clusterIpSource.line, path: s.draft.clusterIpPath, message: `cluster IP ${ip} is already ${other}` });
      } else {
        owners.set(ip, `the cluster IP of Service ${s.draft.namespace}/${s.draft.name} (${where})`);
      }
    }
  }
  let cursor = FIRST;
  const out: Service[] = [];
  for (const s of services) {
    let ips = s.ips;
    const d = s.draft;
    if (ips.length === 0 && !d.headless && d.type !== 'ExternalName') {
      while (cursor <= LAST && (owners.has(numberToIpv4(cursor)) || taken.has(numberToIpv4(cursor)))) cursor++;
      if (cursor > LAST) {
        diagnostics.push({ severity: 'error', file: d.source.file, line: d.source.line, path: '', message: `the service CIDR ${SERVICE_CIDR} has no free address left` });
      } else {
        const ip = numberToIpv4(cursor++);
        owners.set(ip, `the cluster IP of Service ${d.namespace}/${d.name}`);
        ips = [ip];
      }
    }
    out.push({
      namespace: d.namespace,
      name: d.name,
      type: d.type,
      headless: d.headless,
      clusterIPs: ips,
      ...(d.selector === undefined ? {} : { selector: d.selector }),
      ports: d.ports,
      labels: d.labels,
      source: d.source,
    });
  }
  return out.sort((a, b) => (a.namespace === b.namespace ? compare(a.name, b.name) : compare(a.namespace, b.namespace)));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A resolved Service as a draft again (for re-resolving it unchanged). */
export function draftOfService(s: Service): ServiceDraft {
  return {
    namespace: s.namespace,
    name: s.name,
    type: s.type,
    headless: s.headless,
    declaredClusterIPs: s.clusterIPs,
    clusterIpSource: s.source,
    clusterIpPath: 'spec.clusterIP',
    ...(s.selector === undefined ? {} : { selector: s.selector }),
    ports: s.ports,
    labels: s.labels,
    source: s.source,
  };
}
