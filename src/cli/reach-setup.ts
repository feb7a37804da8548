/**
 * What a reach is, apart from how it is run: the flags that decide its result (`ReachFlags`,
 * plain data, so a shard file can carry them and `merge` can rebuild the same reach), the
 * wiring, plan and result object they give, and the streaming of the result to a writer as
 * its rows become final. Shared by `reach` (one process, several workers, or one shard) and
 * `merge` (shards back into one output).
 *
 * Guarantees: `prepareReach` is deterministic from (cluster, flags): the same sources,
 * destinations and groups in the same order, so rows computed elsewhere (a worker, another
 * process) land in the same cells; `writeReach` writes the same bytes for the same verdicts,
 * however the verdicts arrived.
 */
import type { Cluster, L4Protocol } from '../model/types.js';
import { WorkloadReachView, WorkloadRows } from '../report/reach-group.js';
import { shardRows } from '../report/reach-shard.js';
import { emptyReachText, type TableLayout } from '../report/reach-table.js';
import { reachWriter, type ReachFormat } from '../report/writers/reach-formats.js';
import type { ReachWriter } from '../report/writers/reach-writer.js';
import { planReach } from '../sim/cluster/reach-plan.js';
import type { CompactReachResult, ReachView } from '../sim/cluster/reach-result.js';
import { reachResultFor, reachSettings, type ReachProgress } from '../sim/cluster/reach.js';
import { endpointRefText, type ClusterSettings, type EndpointRef, type Enforcement, type PolicyChangeMode, type Semantics } from '../sim/cluster/types.js';
import { ClusterWiring } from '../sim/cluster/wiring.js';
import { settingsFrom } from './cluster-options.js';
import { type EndpointFilter, parseEndpointFilter, parseNamespaces, selectEndpoints } from './endpoint-filter.js';
import { dotToSvg } from './graphviz.js';
import type { CliIo } from './io.js';
import { Progress } from './progress.js';
import { workloadOfPod } from './workload-of.js';

/** Every flag that changes which cells a reach has or what they say (not how it is printed or run). */
export interface ReachFlags {
  readonly ports: 'declared' | readonly (number | string)[];
  readonly protocols: readonly L4Protocol[] | null;
  readonly hosts: boolean;
  readonly namespace: string | null;
  readonly from: readonly string[];
  readonly to: readonly string[];
  readonly group: 'pod' | 'workload';
  readonly enforcement: Enforcement;
  readonly semantics: Semantics;
  readonly policyChange: PolicyChangeMode;
  readonly seed: number;
}

export function reachFlagsFrom(args: Record<string, unknown>, ports: ReachFlags['ports'], protocols: readonly L4Protocol[] | undefined): ReachFlags {
  const settings = settingsFrom(args);
  return {
    ports,
    protocols: protocols ?? null,
    hosts: args['hosts'] === true,
    namespace: typeof args['namespace'] === 'string' ? args['namespace'] : null,
    from: ((args['from'] as unknown[] | undefined) ?? []).map(String),
    to: ((args['to'] as unknown[] | undefined) ?? []).map(String),
    group: args['group'] === 'workload' ? 'workload' : 'pod',
    enforcement: settings.enforcement,
    semantics: settings.semantics,
    policyChange: settings.policyChange,
    seed: settings.seed,
  };
}

/** The simulation settings of a reach with these flags (before `reachSettings` sizes its tables). */
export function flagSettings(flags: ReachFlags): ClusterSettings {
  return settingsFrom({ enforcement: flags.enforcement, semantics: flags.semantics, policyChange: flags.policyChange, seed: flags.seed });
}

/** A reach ready to run: its wiring (the main thread's), the result its rows fill, and the view the writers read. */
export interface PreparedReach {
  readonly cluster: Cluster;
  readonly wiring: ClusterWiring;
  readonly result: CompactReachResult;
  readonly view: ReachView;
  /** The selecting flags in words (for an empty result). */
  readonly described: string;
}

/** The sources and destinations the flags select, and the flags in words (for an empty result). */
export function endpointSelection(flags: ReachFlags, cluster: Cluster, wiring: ClusterWiring): { sources: EndpointRef[]; destinations: EndpointRef[]; described: string } {
  const namespaces = flags.namespace !== null ? parseNamespaces(flags.namespace, cluster) : [];
  const from = flags.from.map((t) => parseEndpointFilter('--from', t, cluster));
  const to = flags.to.map((t) => parseEndpointFilter('--to', t, cluster));
  const all = wiring.endpointRefs(true);
  const podOf = (ref: EndpointRef) => wiring.podOf(ref);
  const eligible = (filters: readonly EndpointFilter[]) => all.filter((r) => r.kind !== 'host' || flags.hosts || filters.some((f) => f.kind === 'host'));
  const described = [
    ...namespaces.map((n) => `--namespace ${n}`),
    ...from.map((f) => `--from ${f.text}`),
    ...to.map((f) => `--to ${f.text}`),
  ];
  return {
    sources: selectEndpoints(eligible(from), podOf, { namespaces, filters: from }),
    destinations: selectEndpoints(eligible(to), podOf, { namespaces, filters: to }),
    described: described.join(' '),
  };
}

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

/**
 * Wire the cluster (once) and plan the reach the flags ask for; with `shard`, the result holds
 * only that shard's source rows (`shardRows`), so a shard's memory is its own slice.
 */
export function prepareReach(cluster: Cluster, flags: ReachFlags, shard?: { readonly index: number; readonly count: number }): PreparedReach {
  const wiring = new ClusterWiring(cluster, reachSettings(flagSettings(flags)));
  const selection = endpointSelection(flags, cluster, wiring);
  const byWorkload = flags.group === 'workload';
  const workloadKey = (ref: EndpointRef): string => {
    const pod = wiring.podOf(ref);
    return pod === undefined ? endpointRefText(ref) : workloadOfPod(pod);
  };
  // Grouped rows stream only when each workload's pods are contiguous sources.
  const sources = byWorkload ? contiguousBy(selection.sources, workloadKey) : selection.sources;
  const protocols = flags.protocols ?? undefined;
  const plan = planReach(wiring, { sources, destinations: selection.destinations, ports: flags.ports, protocols });
  const result = reachResultFor(wiring, plan, shard === undefined ? undefined : shardRows(shard.index, shard.count, plan.sources.length));
  const view = byWorkload ? new WorkloadReachView(result, sources.map(workloadKey), selection.destinations.map(workloadKey)) : result;
  return { cluster, wiring, result, view, described: selection.described };
}

/** The words printed instead of tables when there is nothing to probe (table and md only). */
export function nothingToProbe(prepared: PreparedReach, format: ReachFormat): string | undefined {
  if (format !== 'table' && format !== 'md') return undefined;
  const empty = emptyReachText(prepared.result, prepared.described);
  if (empty !== undefined) return empty;
  if (prepared.result.groups.length === 0) return 'no destination serves a port: nothing to probe (give --port to probe ports nobody declares)\n';
  return undefined;
}

/**
 * Tell the writer about rows as `steps` says they became final (every row of the groups
 * before `step.group`, rows `[0, step.rows)` of that group), with progress on a terminal.
 * Between steps it waits while stdout's buffer is full, so a slow reader slows the reach down
 * instead of the output piling up in memory (a pipe is not always written at once).
 */
async function streamRows(io: CliIo, result: Pick<ReachView, 'sources' | 'groups'>, writer: ReachWriter, progress: Progress, steps: AsyncIterable<ReachProgress> | Iterable<ReachProgress>): Promise<void> {
  const rows = result.sources.length;
  let group = 0;
  let row = 0;
  writer.start();
  for await (const step of steps) {
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

/**
 * Steps for a result whose verdicts are all known (merged shards, expanded classes): a few
 * rows at a time, so that `writeReach` still waits for a slow reader between them.
 */
export function* knownRows(result: CompactReachResult, rowsPerStep = 16): Generator<ReachProgress, void, void> {
  const rows = result.sources.length;
  for (let g = 0; g < result.groups.length; g++) {
    for (let r = rowsPerStep; r < rows; r += rowsPerStep) yield { group: g, rows: r, probed: 0, total: 0 };
  }
  yield { group: result.groups.length, rows: 0, probed: 0, total: 0 };
}

/** Write the reach in `format` as `steps` fills its verdicts (svg: dot through Graphviz); `reach --services` passes its own view. */
export async function writeReach(
  io: CliIo, prepared: { readonly view: ReachView; readonly result: Pick<ReachView, 'sources' | 'groups'> }, format: ReachFormat, layout: TableLayout, steps: AsyncIterable<ReachProgress> | Iterable<ReachProgress>,
): Promise<void> {
  const { view, result } = prepared;
  const progress = new Progress(io, 'reach');
  const writerFor = (f: ReachFormat, sink: (text: string) => void): ReachWriter => {
    const writer = reachWriter(f, view, sink, layout);
    return view instanceof WorkloadReachView ? new WorkloadRows(view, writer) : writer;
  };
  if (format !== 'svg') {
    await streamRows(io, result, writerFor(format, (t) => io.stdout(t)), progress, steps);
    return;
  }
  const pipe = dotToSvg(io);
  await streamRows(io, result, writerFor('dot', pipe.sink), progress, steps);
  await pipe.finish();
}
