/**
 * Cluster IPs of Services, as the API server's allocator hands them out, and their checks.
 *
 * A Service that writes no cluster IP (repository manifests) gets the lowest free address of
 * the service CIDR 10.96.0.0/12 (kubeadm's default `--service-cluster-ip-range`) from
 * 10.96.0.1 upward, in load order; a re-applied Service that writes none keeps its old one.
 * Headless and ExternalName Services get none. Guarantees: deterministic; a cluster IP is
 * never given twice; a written cluster IP used by another Service, a pod or a node is a
 * located error (the API server refuses the first, a real cluster never has the others).
 * NodePort and LoadBalancer ports without a nodePort get one (allocateNodePorts).
 */
import { NODE_PORT_HIGH, NODE_PORT_LOW, type Diagnostic, type Service } from './types.js';
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
export function resolveServices(working: Iterable<WorkingService>, taken: ReadonlyMap<string, string>, diagnostics: Diagnostic[], seed = 1): Service[] {
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
      ...(d.externalTrafficPolicy === undefined ? {} : { externalTrafficPolicy: d.externalTrafficPolicy }),
      labels: d.labels,
      source: d.source,
    });
  }
  return allocateNodePorts(out, diagnostics, seed).sort((a, b) => (a.namespace === b.namespace ? compare(a.name, b.name) : compare(a.namespace, b.namespace)));
}

/**
 * Node ports as the API server's allocator gives them: a written nodePort is reserved (one
 * already taken for the same protocol is a located error, "provided port is already
 * allocated"), and every port of a NodePort or LoadBalancer Service without one gets a free
 * port of 30000-32767, starting at a point drawn from (seed, Service, port) and going up, so
 * the same manifests and seed always get the same node ports.
 */
function allocateNodePorts(services: readonly Service[], diagnostics: Diagnostic[], seed: number): Service[] {
  const used = new Map<string, string>();
  for (const s of services) {
    for (const p of s.ports) {
      if (p.nodePort === undefined) continue;
      const key = `${p.protocol}/${p.nodePort}`;
      const other = used.get(key);
      if (other !== undefined) {
        diagnostics.push({ severity: 'error', file: p.source.file, line: p.source.line, path: 'spec.ports.nodePort', message: `Invalid value: ${p.nodePort}: provided port is already allocated (to ${other})` });
      } else {
        used.set(key, `Service ${s.namespace}/${s.name}`);
      }
    }
  }
  const size = NODE_PORT_HIGH - NODE_PORT_LOW + 1;
  return services.map((s) => {
    if (s.type !== 'NodePort' && s.type !== 'LoadBalancer') return s;
    if (s.ports.every((p) => p.nodePort !== undefined)) return s;
    const ports = s.ports.map((p) => {
      if (p.nodePort !== undefined) return p;
      let at = fnv1a(`${seed >>> 0}:${s.namespace}/${s.name}:${p.protocol}/${p.port}`) % size;
      for (let tried = 0; tried < size && used.has(`${p.protocol}/${NODE_PORT_LOW + at}`); tried++) at = (at + 1) % size;
      const nodePort = NODE_PORT_LOW + at;
      if (used.has(`${p.protocol}/${nodePort}`)) {
        diagnostics.push({ severity: 'error', file: p.source.file, line: p.source.line, path: 'spec.ports.nodePort', message: `no free node port left in ${NODE_PORT_LOW}-${NODE_PORT_HIGH}` });
        return p;
      }
      used.set(`${p.protocol}/${nodePort}`, `Service ${s.namespace}/${s.name}`);
      return { ...p, nodePort };
    });
    return { ...s, ports };
  });
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
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
    ...(s.externalTrafficPolicy === undefined ? {} : { externalTrafficPolicy: s.externalTrafficPolicy }),
    labels: s.labels,
    source: s.source,
  };
}
