/**
 * `vrsim reach -f <manifests>`: every pod to every pod (node hosts too with `--hosts`), each
 * connection really attempted through the simulated dataplane, printed as cyclonus-style truth
 * tables (`.` allowed, `X` blocked, `-` not served) or as JSON, CSV, Markdown, DOT or SVG.
 *
 * Without `--port` each destination is probed on the container ports it declares, with their
 * protocols (TCP/80 for a pod that declares none: the book's web server). The cluster is wired
 * and its policies compiled once; output is streamed row by row as the probes finish.
 */
import type { Argv } from 'yargs';
import type { Cluster, L4Protocol } from '../model/types.js';
import { WorkloadReachView, WorkloadRows } from '../report/reach-group.js';
import { emptyReachText, type TableLayout } from '../report/reach-table.js';
import { REACH_FORMATS, reachWriter, type ReachFormat } from '../report/writers/reach-formats.js';
import type { ReachWriter } from '../report/writers/reach-writer.js';
import { planReach } from '../sim/cluster/reach-plan.js';
import type { CompactReachResult, ReachView } from '../sim/cluster/reach-result.js';
import { probeReach, reachResultFor, reachSettings } from '../sim/cluster/reach.js';
import { endpointRefText, type EndpointRef } from '../sim/cluster/types.js';
import { ClusterWiring } from '../sim/cluster/wiring.js';
import type { CliCommand } from './command.js';
import { loadClusterFromArgs, settingsFrom, withManifestFiles, withSimulationSettings } from './cluster-options.js';
import { type EndpointFilter, parseEndpointFilter, parseNamespaces, selectEndpoints } from './endpoint-filter.js';
import { dotToSvg, requireGraphviz } from './graphviz.js';
import { type CliIo, UserError } from './io.js';
import { Progress } from './progress.js';
import { workloadOfPod } from './workload-of.js';
import { enforcementPair, runEnforcementComparison } from './reach-compare.js';

const PORT_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

export function parsePortList(text: string): (number | string)[] {
  const out: (number | string)[] = [];
  for (const raw of text.split(',')) {
    const p = raw.trim();
    let port: number | string;
    if (/^\d+$/.test(p)) {
      port = Number(p);
      if (port < 1 || port > 65535) throw new UserError(`--port: ${p} is outside 1-65535`);
    } else if (p.length > 15 || !PORT_NAME.test(p) || !/[a-z]/.test(p)) {
      throw new UserError(`--port: "${p}" is neither a port number (1-65535) nor a container port name (IANA_SVC_NAME, e.g. http)`);
    } else {
      port = p;
    }
    if (!out.includes(port)) out.push(port);
  }
  return out;
}

export function parseProtocolList(text: string): L4Protocol[] {
  const out: L4Protocol[] = [];
  for (const raw of text.split(',')) {
    const p = raw.trim().toUpperCase();
    if (p !== 'TCP' && p !== 'UDP' && p !== 'SCTP') throw new UserError(`--protocol: "${raw.trim()}" is not one of TCP, UDP, SCTP`);
    if (!out.includes(p)) out.push(p);
  }
  return out;
}

/**
 * Run the probes, telling the writer about rows as they become final, with progress on a
 * terminal. Between batches it waits while stdout's buffer is full, so a slow reader slows the
 * reach down instead of the output piling up in memory (a pipe is not always written at once).
 */
async function streamReach(io: CliIo, wiring: ClusterWiring, result: CompactReachResult, writer: ReachWriter, progress: Progress): Promise<void> {
  const rows = result.sources.length;
  let group = 0;
  let row = 0;
  writer.start();
  for (const step of probeReach(wiring, result)) {
    const wantGroup = Math.min(step.group, result.groups.length);
    const wantRow = step.group >= result.groups.length ? 0 : step.rows;
    if (wantGroup > group || wantRow > row) progress.clear();
    while (group < wantGroup) {
      if (rows > 0) writer.rows(group, row, rows);
      group++;
      row = 0;
    }
    if (group < result.groups.length && wantRow > row) {
      writer.rows(group, row, wantRow);
      row = wantRow;
    }
    progress.update(step.probed, step.total);
    if (io.drained !== undefined) await io.drained();
  }
  progress.clear();
  writer.finish();
}

/** The sources and destinations the flags select, and the flags in words (for an empty result). */
function endpointSelection(args: Record<string, unknown>, cluster: Cluster, wiring: ClusterWiring): { sources: EndpointRef[]; destinations: EndpointRef[]; described: string } {
  const namespaces = typeof args['namespace'] === 'string' ? parseNamespaces(args['namespace'], cluster) : [];
  const from = ((args['from'] as string[] | undefined) ?? []).map((t) => parseEndpointFilter('--from', String(t), cluster));
  const to = ((args['to'] as string[] | undefined) ?? []).map((t) => parseEndpointFilter('--to', String(t), cluster));
  const all = wiring.endpointRefs(true);
  const podOf = (ref: EndpointRef) => wiring.podOf(ref);
  const hosts = args['hosts'] === true;
  const eligible = (filters: readonly EndpointFilter[]) => all.filter((r) => r.kind !== 'host' || hosts || filters.some((f) => f.kind === 'host'));
  const flags = [
    ...namespaces.map((n) => `--namespace ${n}`),
    ...from.map((f) => `--from ${f.text}`),
    ...to.map((f) => `--to ${f.text}`),
  ];
  return {
    sources: selectEndpoints(eligible(from), podOf, { namespaces, filters: from }),
    destinations: selectEndpoints(eligible(to), podOf, { namespaces, filters: to }),
    described: flags.join(' '),
  };
}

function nothingToProbe(result: CompactReachResult, format: ReachFormat, filters: string): string | undefined {
  if (format !== 'table' && format !== 'md') return undefined;
  const empty = emptyReachText(result, filters);
  if (empty !== undefined) return empty;
  if (result.groups.length === 0) return 'no destination serves a port: nothing to probe (give --port to probe ports nobody declares)\n';
  return undefined;
}

export const reachCommand: CliCommand = {
  command: 'reach',
  describe: 'Attempt every pod-to-pod connection through the simulated dataplane and print the truth table',
  builder: (y: Argv) =>
    withSimulationSettings(withManifestFiles(y))
      .option('output', { alias: 'o', choices: REACH_FORMATS, default: 'table', describe: 'Output format (svg needs Graphviz)' })
      .option('layout', {
        choices: ['auto', 'full', 'compact'] as const,
        default: 'auto',
        describe: 'Table layout: full = destination names as column heads; compact = numbered columns with a key; auto = full when it fits in 120 characters',
      })
      .option('port', { type: 'string', describe: 'Comma-separated ports, numbers or container port names (default: each destination\'s declared container ports)' })
      .option('protocol', { type: 'string', describe: 'Comma-separated protocols: TCP, UDP, SCTP (default: TCP with --port, every declared protocol without)' })
      .option('hosts', { type: 'boolean', default: false, describe: 'Include the node hosts as sources and destinations' })
      .option('namespace', { alias: 'n', type: 'string', describe: 'Only pods in these namespaces (comma-separated), as sources and destinations' })
      .option('from', { type: 'string', array: true, describe: 'Only these sources: a pod, <ns>/<pod>, a namespace, a label selector (app=web,tier in (a,b)), a workload (<ns>/<name>[Deployment]) or node/<name> (repeatable: any of them)' })
      .option('to', { type: 'string', array: true, describe: 'Only these destinations, named as for --from (repeatable)' })
      .option('group', {
        choices: ['pod', 'workload'] as const,
        default: 'pod',
        describe: 'Rows and columns: pods, or workloads (ns/name[Deployment], ns/pod[Pod]); a workload cell is allowed only if every pod pair is (~ when some are)',
      })
      // Two modes side by side: both tables and the cells that differ (reach-compare.ts).
      .choices('enforcement', ['flow,packet', 'packet,flow']),
  async run(args, io) {
    const ports = typeof args['port'] === 'string' ? parsePortList(args['port']) : ('declared' as const);
    const protocols = typeof args['protocol'] === 'string' ? parseProtocolList(args['protocol']) : undefined;
    const format = args['output'] as ReachFormat;
    const pair = enforcementPair(args['enforcement']);
    if (pair !== undefined) {
      for (const flag of ['namespace', 'from', 'to']) {
        if (args[flag] !== undefined) throw new UserError(`--enforcement ${pair.join(',')} compares every pod and host; --${flag} is not supported with it`);
      }
      if (args['group'] === 'workload') throw new UserError(`--enforcement ${pair.join(',')} compares pods; --group workload is not supported with it`);
      const request = { ports, ...(protocols === undefined ? {} : { protocols }), hosts: args['hosts'] === true };
      return runEnforcementComparison(io, loadClusterFromArgs(args, io), settingsFrom(args), pair, request, format, args['layout'] as TableLayout);
    }
    if (format === 'svg') requireGraphviz();
    const cluster = loadClusterFromArgs(args, io);
    const wiring = new ClusterWiring(cluster, reachSettings(settingsFrom(args)));
    const selection = endpointSelection(args, cluster, wiring);
    const byWorkload = args['group'] === 'workload';
    const workloadKey = (ref: EndpointRef): string => {
      const pod = wiring.podOf(ref);
      return pod === undefined ? endpointRefText(ref) : workloadOfPod(pod);
    };
    // Grouped rows stream only when each workload's pods are contiguous sources.
    const sources = byWorkload ? contiguousBy(selection.sources, workloadKey) : selection.sources;
    const plan = planReach(wiring, { sources, destinations: selection.destinations, ports, protocols });
    const result = reachResultFor(wiring, plan);
    const view = byWorkload ? new WorkloadReachView(result, sources.map(workloadKey), selection.destinations.map(workloadKey)) : result;
    const nothing = nothingToProbe(result, format, selection.described);
    if (nothing !== undefined) {
      io.stdout(nothing);
      return 0;
    }
    await writeReach(io, wiring, result, view, format, args['layout'] as TableLayout);
    io.logger?.info({ sources: result.sources.length, destinations: result.destinations.length, groups: result.groups.length }, 'reach done');
    return 0;
  },
};

/** The refs in an order where equal keys are adjacent (first appearance of each key, stable within). */
function contiguousBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const byKey = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    let list = byKey.get(k);
    if (list === undefined) byKey.set(k, (list = []));
    list.push(item);
  }
  return [...byKey.values()].flat();
}

async function writeReach(io: CliIo, wiring: ClusterWiring, result: CompactReachResult, view: ReachView, format: ReachFormat, layout: TableLayout): Promise<void> {
  const progress = new Progress(io, 'reach');
  const writerFor = (f: ReachFormat, sink: (text: string) => void): ReachWriter => {
    const writer = reachWriter(f, view, sink, layout);
    return view instanceof WorkloadReachView ? new WorkloadRows(view, writer) : writer;
  };
  if (format !== 'svg') {
    await streamReach(io, wiring, result, writerFor(format, (t) => io.stdout(t)), progress);
    return;
  }
  const pipe = dotToSvg(io);
  await streamReach(io, wiring, result, writerFor('dot', pipe.sink), progress);
  await pipe.finish();
}
