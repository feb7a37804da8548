/**
 * `vrsim reach --services`: pods (rows) to Services (columns `ns/name:port`), each cell tried
 * through the simulated dataplane at the Service's cluster IP until every backend has been hit
 * (sim/cluster/service-reach.ts), in every reach format. `--from` and `--namespace` narrow the
 * sources as for pod reach; `--to` takes `svc/<ns>/<name>` or a namespace; `--port` keeps the
 * Service ports with that number or name, `--protocol` those protocols.
 *
 * Guarantees: a filter naming a Service or namespace the cluster does not have is a UserError
 * listing the candidates; a cluster without a Service with a cluster IP says so (exit 0).
 */
import type { Cluster, L4Protocol, Service } from '../model/types.js';
import { suggestClosest } from '../model/suggest.js';
import { emptyReachText, type TableLayout } from '../report/reach-table.js';
import type { ReachFormat } from '../report/writers/reach-formats.js';
import { probeServiceReach } from '../sim/cluster/service-reach.js';
import { ServiceReachResult, serviceColumns } from '../sim/cluster/service-reach-result.js';
import type { ClusterWiring } from '../sim/cluster/wiring.js';
import { parseEndpointFilter, parseNamespaces, selectEndpoints } from './endpoint-filter.js';
import { type CliIo, UserError } from './io.js';

export interface ServiceReachArgs {
  readonly namespaces: readonly string[];
  readonly from: readonly string[];
  readonly to: readonly string[];
  readonly hosts: boolean;
  readonly ports: readonly (number | string)[] | undefined;
  readonly protocols: readonly L4Protocol[] | undefined;
}

/** The Services `--to` (and `--namespace`) select, in cluster order. */
function selectServices(cluster: Cluster, namespaces: readonly string[], to: readonly string[]): Service[] {
  const all = cluster.services ?? [];
  const names = all.map((s) => `svc/${s.namespace}/${s.name}`);
  const chosen = new Set<Service>();
  for (const raw of to) {
    const text = raw.trim();
    const m = /^svc\/([^/]+)\/([^/]+)$/.exec(text);
    if (m !== null) {
      const service = all.find((s) => s.namespace === m[1] && s.name === m[2]);
      if (service === undefined) {
        const guess = suggestClosest(text, names);
        throw new UserError(`--to: no Service ${m[1]}/${m[2]}${guess === undefined ? '' : ` (did you mean ${guess}?)`}; Services: ${names.join(', ') || 'none'}`);
      }
      chosen.add(service);
      continue;
    }
    if (cluster.namespaces.some((n) => n.name === text)) {
      for (const s of all) if (s.namespace === text) chosen.add(s);
      continue;
    }
    throw new UserError(`--to: with --services give svc/<namespace>/<name> or a namespace, not "${text}" (Services: ${names.join(', ') || 'none'})`);
  }
  return all.filter((s) => (to.length === 0 || chosen.has(s)) && (namespaces.length === 0 || namespaces.includes(s.namespace)));
}

export function parseServiceReachArgs(args: Record<string, unknown>, cluster: Cluster, ports: 'declared' | readonly (number | string)[], protocols: readonly L4Protocol[] | undefined): ServiceReachArgs {
  return {
    namespaces: typeof args['namespace'] === 'string' ? parseNamespaces(args['namespace'], cluster) : [],
    from: ((args['from'] as string[] | undefined) ?? []).map(String),
    to: ((args['to'] as string[] | undefined) ?? []).map(String),
    hosts: args['hosts'] === true,
    ports: ports === 'declared' ? undefined : ports,
    protocols,
  };
}

/** The result to probe and print: sources as pod reach selects them, the Service columns. */
export function serviceReachResult(wiring: ClusterWiring, request: ServiceReachArgs): { result: ServiceReachResult; empty: string | undefined } {
  const cluster = wiring.cluster;
  const from = request.from.map((t) => parseEndpointFilter('--from', t, cluster));
  const services = selectServices(cluster, request.namespaces, request.to);
  const refs = wiring.endpointRefs(true).filter((r) => r.kind !== 'host' || request.hosts || from.some((f) => f.kind === 'host'));
  const sources = selectEndpoints(refs, (ref) => wiring.podOf(ref), { namespaces: request.namespaces, filters: from });
  const columns = serviceColumns(wiring, { sources, services, ...(request.ports === undefined ? {} : { ports: request.ports }), ...(request.protocols === undefined ? {} : { protocols: request.protocols }) });
  const result = new ServiceReachResult(wiring, sources, columns, wiring.policy, wiring.settings.enforcement);
  const addressed = (cluster.services ?? []).filter((s) => s.clusterIPs.length > 0).length;
  let empty: string | undefined;
  if (addressed === 0) empty = 'no Service with a cluster IP: nothing to probe (headless Services have no address; reach their pods instead)\n';
  else if (columns.length === 0) empty = 'no Service port matches the filters: the truth table is empty\n';
  else empty = emptyReachText(result, [...request.from.map((f) => `--from ${f}`), ...request.namespaces.map((n) => `--namespace ${n}`)].join(' '));
  return { result, empty };
}

export type ServiceReachWrite = (result: ServiceReachResult, steps: Iterable<import('../sim/cluster/reach.js').ReachProgress>, format: ReachFormat, layout: TableLayout) => Promise<void>;

export async function runServiceReach(io: CliIo, wiring: ClusterWiring, request: ServiceReachArgs, format: ReachFormat, layout: TableLayout, write: ServiceReachWrite): Promise<number> {
  const { result, empty } = serviceReachResult(wiring, request);
  if (empty !== undefined && (format === 'table' || format === 'md')) {
    io.stdout(empty);
    return 0;
  }
  await write(result, probeServiceReach(wiring, result), format, layout);
  io.logger?.info({ sources: result.sources.length, services: result.columns.length }, 'reach --services done');
  return 0;
}
