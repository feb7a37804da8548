/**
 * `vrsim reach -f <manifests>`: every pod to every pod (node hosts too with `--hosts`), each
 * connection really attempted through the simulated dataplane, printed as cyclonus-style truth
 * tables (`.` allowed, `X` blocked, `-` not served) or as JSON, CSV, Markdown, DOT or SVG.
 *
 * Without `--port` each destination is probed on the container ports it declares, with their
 * protocols (TCP/80 for a pod that declares none: the book's web server). The cluster is wired
 * and its policies compiled once (and once more in each worker thread, `--workers`); output is
 * streamed row by row as the rows become final, the same bytes for any number of workers.
 * `--shard i/N` runs only the i-th of N slices of the source rows and writes a shard file that
 * `vrsim merge` (merge.ts) puts back together into exactly the output of a single run.
 */
import type { Argv } from 'yargs';
import type { L4Protocol } from '../model/types.js';
import type { TableLayout } from '../report/reach-table.js';
import { REACH_FORMATS, type ReachFormat } from '../report/writers/reach-formats.js';
import { encodeShard } from '../report/reach-shard.js';
import type { CliCommand } from './command.js';
import { loadClusterFromArgs, loadClusterFromInputs, readInputsFromArgs, settingsFrom, withManifestFiles, withSimulationSettings } from './cluster-options.js';
import { requireGraphviz } from './graphviz.js';
import { type CliIo, UserError } from './io.js';
import { checkHeatMapSize, commandLine, enforcementPair, runEnforcementComparison, settingsText } from './reach-compare.js';
import { outputPath, writeOutputFile } from './output-files.js';
import { topologyOf } from '../report/html/collector.js';
import { reachPage } from '../report/html/reach-page.js';
import { knownRows, nothingToProbe, prepareReach, reachFlagsFrom, writeReach, type PreparedReach, type ReachFlags } from './reach-setup.js';
import { reduceByClasses } from '../sim/cluster/reach-classes.js';
import { probeCount, reachResultFor, reachSettings, type ReachProgress } from '../sim/cluster/reach.js';
import type { ReachPool } from '../sim/cluster/reach-parallel/reach-pool.js';
import { MAX_WORKERS, parseWorkers, reachSteps, rowProbes, startPoolEarly, workerCount } from './reach-workers.js';
import { packageVersion } from './version.js';
import { parseServiceReachArgs, runServiceReach } from './reach-services.js';
import { ClusterWiring } from '../sim/cluster/wiring.js';

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

export const reachCommand: CliCommand = {
  builder: (y: Argv) =>
    withSimulationSettings(withManifestFiles(y))
      .option('output', { alias: 'o', choices: REACH_FORMATS, describe: 'Output format (default: table; svg needs Graphviz)' })
      .option('layout', {
        choices: LAYOUTS,
        describe: 'Table layout: full = destination names as column heads; compact = numbered columns with a key; auto (default) = full when it fits in 120 characters',
      })
      .option('workers', { type: 'string', describe: `Worker threads that run the probes, 1-${MAX_WORKERS} (default: the machine's cores when the reach is large enough to gain from them); the output is the same for any number` })
      .option('classes', { type: 'boolean', default: false, describe: 'Attempt one pair per pair of equivalence classes (pods no policy can tell apart) and expand: the same output, far fewer attempts' })
      .option('shard', { type: 'string', describe: 'i/N: run only the i-th (0-based) of N slices of the source rows and write a shard file for `vrsim merge` (JSON on stdout; -o and --layout go to merge)' })
      .option('port', { type: 'string', describe: 'Comma-separated ports, numbers or container port names (default: each destination\'s declared container ports)' })
      .option('protocol', { type: 'string', describe: 'Comma-separated protocols: TCP, UDP, SCTP (default: TCP with --port, every declared protocol without)' })
      .option('hosts', { type: 'boolean', default: false, describe: 'Include the node hosts as sources and destinations' })
      .option('namespace', { alias: 'n', type: 'string', describe: 'Only pods in these namespaces (comma-separated), as sources and destinations' })
      .option('from', { type: 'string', array: true, describe: 'Only these sources: a pod, <ns>/<pod>, a namespace, a label selector (app=web,tier in (a,b)), a workload (<ns>/<name>[Deployment]) or node/<name> (repeatable: any of them)' })
      .option('to', { type: 'string', array: true, describe: 'Only these destinations, named as for --from (repeatable)' })
      .option('services', { type: 'boolean', default: false, describe: 'Columns are the Services (ns/name:port), each tried at its cluster IP until every backend was hit: . all backends answer, ~ some, X none' })
      .option('group', {
        choices: ['pod', 'workload'] as const,
        default: 'pod',
        describe: 'Rows and columns: pods, or workloads (ns/name[Deployment], ns/pod[Pod]); a workload cell is allowed only if every pod pair is (~ when some are)',
      })
      .option('html', { type: 'string', describe: 'Also write the truth table as a heat map in a self-contained HTML report (both modes with --enforcement flow,packet)' })
      // Two modes side by side: both tables and the cells that differ (reach-compare.ts).
      .choices('enforcement', ['flow,packet', 'packet,flow']),
  async run(args, io) {
    const ports = typeof args['port'] === 'string' ? parsePortList(args['port']) : ('declared' as const);
    const protocols = typeof args['protocol'] === 'string' ? parseProtocolList(args['protocol']) : undefined;
    const format = (args['output'] as ReachFormat | undefined) ?? 'table';
    const layout = (args['layout'] as TableLayout | undefined) ?? 'auto';
    const workers = parseWorkers(args['workers']);
    const shard = args['shard'] === undefined ? undefined : parseShard(args['shard']);
    const pair = enforcementPair(args['enforcement']);
    const htmlPath = outputPath(io, '--html', args['html']);
    if (args['services'] === true) {
      if (pair !== undefined) throw new UserError(`--enforcement ${pair.join(',')} compares pods; --services is not supported with it`);
      if (shard !== undefined) throw new UserError('--services runs in one process; --shard is not supported with it');
      if (args['group'] === 'workload') throw new UserError('--services rows are pods; --group workload is not supported with it');
      if (htmlPath !== undefined) throw new UserError('--services prints in the reach formats; --html is not supported with it');
      if (format === 'svg') requireGraphviz();
      const cluster = loadClusterFromArgs(args, io);
      const wiring = new ClusterWiring(cluster, reachSettings(settingsFrom(args)));
      const request = parseServiceReachArgs(args, cluster, ports, protocols);
      return runServiceReach(io, wiring, request, format, layout, (result, steps, f, l) => writeReach(io, { view: result, result }, f, l, steps));
    }
    if (pair !== undefined && shard !== undefined) throw new UserError(`--enforcement ${pair.join(',')} compares two runs in one process; --shard is not supported with it`);
    const classes = args['classes'] === true;
    if (args['enforcement'] === 'packet') {
      // The reply is checked as a new connection, against the probe's ephemeral source port:
      // a verdict can depend on which port the source's stack allocated, which only one
      // single-threaded run over every row allocates in its own order.
      const split = classes ? '--classes' : shard !== undefined ? '--shard' : workers !== undefined && workers > 1 ? '--workers' : undefined;
      if (split !== undefined) throw new UserError(`--enforcement packet checks each reply against the probe's ephemeral source port, so a verdict can depend on the order of the probes; ${split} is not supported with it`);
    }
    if (classes) {
      if (shard !== undefined) throw new UserError('--classes attempts one pair per class pair in one process; --shard is not supported with it');
      if (pair !== undefined) throw new UserError(`--classes is not supported with --enforcement ${pair.join(',')}`);
    }
    if (shard !== undefined) {
      for (const flag of ['output', 'layout']) {
        if (args[flag] !== undefined) throw new UserError(`--shard writes a shard file for \`vrsim merge\`; give --${flag} to merge instead`);
      }
      if (htmlPath !== undefined) throw new UserError('--shard writes a shard file for `vrsim merge`; --html is not supported with it');
      return runShard(io, args, { ports, protocols }, shard, workers);
    }
    if (pair !== undefined) {
      for (const flag of ['namespace', 'from', 'to']) {
        if (args[flag] !== undefined) throw new UserError(`--enforcement ${pair.join(',')} compares every pod and host; --${flag} is not supported with it`);
      }
      if (args['group'] === 'workload') throw new UserError(`--enforcement ${pair.join(',')} compares pods; --group workload is not supported with it`);
      const request = { ports, ...(protocols === undefined ? {} : { protocols }), hosts: args['hosts'] === true };
      // Two reaches compared cell by cell in this process (--workers does not apply).
      return runEnforcementComparison(io, loadClusterFromArgs(args, io), settingsFrom(args), pair, request, format, layout, htmlPath === undefined ? undefined : { path: htmlPath, command: commandLine(args) });
    }
    if (format === 'svg') requireGraphviz();
    const inputs = readInputsFromArgs(args, io);
    const single = args['enforcement'] === 'packet';
    // The worker threads boot while this one parses the manifests (with --classes only when
    // asked for: the class pairs are far fewer than the cells, usually too few for a second thread).
    const early = single || (classes && (workers ?? 1) <= 1) ? undefined : startPoolEarly(workers, inputs);
    try {
      const prepared = prepareReach(loadClusterFromInputs(inputs, args, io), reachFlagsFrom(args, ports, protocols));
      const { result } = prepared;
      if (htmlPath !== undefined) checkHeatMapSize(result.sources.length, result.destinations.length);
      const nothing = nothingToProbe(prepared, format);
      if (nothing !== undefined) {
        io.stdout(nothing);
        return 0;
      }
      if (classes) {
        const steps = classSteps(io, prepared, workers, early);
        await writeReach(io, prepared, format, layout, steps);
        return afterReach(io, args, prepared, htmlPath, steps.used);
      }
      const threads = single ? 1 : workerCount(workers, rowProbes(result.plan, { from: 0, to: result.sources.length }));
      await writeReach(io, prepared, format, layout, reachSteps(prepared, threads, undefined, early));
      return afterReach(io, args, prepared, htmlPath, threads);
    } finally {
      await early?.destroy();
    }
  },
};

/** After the rows: the HTML report when asked, and the log line. */
function afterReach(io: CliIo, args: Record<string, unknown>, prepared: PreparedReach, htmlPath: string | undefined, threads: number): number {
  const { result, wiring } = prepared;
  if (htmlPath !== undefined) {
    const table = { title: `enforcement: ${wiring.settings.enforcement}`, sources: result.sources, destinations: result.destinations, cells: result.cells };
    writeOutputFile('--html', htmlPath, reachPage({ command: commandLine(args), settings: settingsText(wiring.settings), topology: topologyOf(wiring), table: { kind: 'one', table } }));
  }
  io.logger?.info({ sources: result.sources.length, destinations: result.destinations.length, groups: result.groups.length, workers: threads }, 'reach done');
  return 0;
}

const LAYOUTS = ['auto', 'full', 'compact'] as const;

/**
 * `--classes`: one attempt per class pair (on `workers` threads, as a reach of the
 * representatives: by default the cores when there are attempts enough), expanded to every
 * cell; then the rows, a few at a time (a slow reader is waited for). No row is final before
 * the expansion, so the steps until then only carry the progress.
 */
function classSteps(io: CliIo, prepared: PreparedReach, workers: number | undefined, early: ReachPool | undefined): AsyncIterable<ReachProgress> & { used: number } {
  const reduction = reduceByClasses(prepared.wiring, prepared.result.plan);
  const reduced = reachResultFor(prepared.wiring, reduction.plan);
  const threads = workerCount(workers, probeCount(reduction.plan));
  async function* steps(): AsyncGenerator<ReachProgress, void, void> {
    let probed = 0;
    for await (const step of reachSteps({ ...prepared, result: reduced, view: reduced }, threads, undefined, early)) {
      probed = step.probed;
      yield { group: 0, rows: 0, probed, total: step.total };
    }
    reduction.expand(prepared.result, reduced);
    io.logger?.info({ classes: reduction.classes, attempts: probed, sources: reduction.attempted.sources, destinations: reduction.attempted.destinations, workers: threads }, 'reach by classes');
    yield* knownRows(prepared.result);
  }
  return Object.assign(steps(), { used: threads });
}

/** Most shards a reach can be cut into. */
const MAX_SHARDS = 100_000;

/** `--shard i/N`: 0 <= i < N. */
export function parseShard(value: unknown): { index: number; count: number } {
  const text = String(value).trim();
  const m = /^(\d+)\/(\d+)$/.exec(text);
  if (m === null) throw new UserError(`--shard: "${text}" is not i/N (the 0-based shard index and the number of shards, e.g. 0/4)`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || count > MAX_SHARDS) throw new UserError(`--shard: "${text}": the number of shards must be from 1 to ${MAX_SHARDS}`);
  if (index >= count) throw new UserError(`--shard: "${text}": the shard index is 0-based and must be below ${count} (0..${count - 1})`);
  return { index, count };
}

/** One shard of the reach: its rows probed, written as a shard file (JSON) on stdout. */
async function runShard(
  io: CliIo, args: Record<string, unknown>, asked: { ports: ReachFlags['ports']; protocols: L4Protocol[] | undefined }, shard: { index: number; count: number }, workers: number | undefined,
): Promise<number> {
  const inputs = readInputsFromArgs(args, io);
  const cluster = loadClusterFromInputs(inputs, args, io);
  const flags = reachFlagsFrom(args, asked.ports, asked.protocols);
  // The result holds only this shard's rows: its verdicts are the shard file's bytes as they are.
  const prepared = prepareReach(cluster, flags, shard);
  const { result } = prepared;
  const rows = { from: result.rowFrom, to: result.rowTo };
  const threads = workerCount(workers, rowProbes(result.plan, rows));
  for await (const _ of reachSteps(prepared, threads, rows)) {
    // run to the end: the shard file is written whole
  }
  const nd = result.destinations.length;
  const verdicts = result.verdicts;
  io.stdout(encodeShard({
    vrsim: packageVersion(),
    shard: shard.index,
    shards: shard.count,
    rows,
    sources: result.sources.length,
    destinations: nd,
    groups: result.groups.length,
    flags: { ...flags },
    inputs,
    verdicts,
  }));
  io.logger?.info({ shard: `${shard.index}/${shard.count}`, rows: `${rows.from}-${rows.to}`, workers: threads }, 'reach shard done');
  return 0;
}

