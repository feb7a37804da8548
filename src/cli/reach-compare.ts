/**
 * `reach --enforcement flow,packet`: the same reach under flow-based and under packet-based
 * enforcement, both truth tables, then the cells that differ with the reason (which
 * direction's packet a stateless filter drops). Text tables or `-o json`.
 */
import type { Cluster } from '../model/types.js';
import { formatEnforcementDifferences, differenceReason } from '../report/enforcement-compare.js';
import { ReachTableWriter, type TableLayout } from '../report/reach-table.js';
import { diffReachResults, reachOfCluster, type ReachDiffRequest } from '../sim/cluster/reach-diff.js';
import type { CompactReachResult } from '../sim/cluster/reach-result.js';
import type { ClusterSettings, Enforcement } from '../sim/cluster/types.js';
import { type CliIo, UserError } from './io.js';
import { writeOutputFile } from './output-files.js';
import { connectionText } from '../sim/cluster/reach-diff.js';
import { ClusterWiring } from '../sim/cluster/wiring.js';
import { topologyOf } from '../report/html/collector.js';
import { reachPage } from '../report/html/reach-page.js';

/** `flow,packet` (or any two of flow, packet, none); undefined for a single mode. */
export function enforcementPair(value: unknown): [Enforcement, Enforcement] | undefined {
  if (typeof value !== 'string' || !value.includes(',')) return undefined;
  const parts = value.split(',').map((p) => p.trim());
  const valid = ['flow', 'packet', 'none'];
  if (parts.length !== 2 || parts.some((p) => !valid.includes(p)) || parts[0] === parts[1]) {
    throw new UserError(`--enforcement: "${value}" is not one mode or two different ones (flow,packet)`);
  }
  return [parts[0] as Enforcement, parts[1] as Enforcement];
}

function tableText(result: CompactReachResult, layout: TableLayout): string {
  let text = '';
  const writer = new ReachTableWriter(result, (t) => void (text += t), { layout, legend: true });
  writer.start();
  for (let g = 0; g < result.groups.length; g++) if (result.sources.length > 0) writer.rows(g, 0, result.sources.length);
  writer.finish();
  return text;
}

/** Heat maps larger than this many pairs are refused: no one reads them, and the file would be huge. */
export const MAX_HEAT_MAP_PAIRS = 200 * 200;

export function checkHeatMapSize(sources: number, destinations: number): void {
  if (sources * destinations > MAX_HEAT_MAP_PAIRS) {
    throw new UserError(`--html: a heat map of ${sources} x ${destinations} endpoints is too large to read (at most ${MAX_HEAT_MAP_PAIRS} pairs); narrow it with --namespace, --from or --to`);
  }
}

/** The reach command line as typed, rebuilt from the flags (for the report's subtitle). */
export function commandLine(args: Record<string, unknown>): string {
  const files = ((args['file'] as string[] | undefined) ?? []).map((f) => `-f ${f}`);
  const flags = ['port', 'protocol', 'namespace', 'enforcement', 'semantics', 'group']
    .filter((k) => typeof args[k] === 'string' && !(k === 'group' && args[k] === 'pod'))
    .map((k) => `--${k} ${String(args[k])}`);
  const repeated = ['from', 'to'].flatMap((k) => ((args[k] as string[] | undefined) ?? []).map((v) => `--${k} ${v}`));
  return ['vrsim reach', ...files, ...flags, ...repeated, ...(args['hosts'] === true ? ['--hosts'] : [])].join(' ');
}

export function settingsText(s: ClusterSettings): string {
  return `enforcement ${s.enforcement}${s.semantics === 'contrail' ? ', semantics contrail' : ''}, seed ${s.seed}`;
}

export function runEnforcementComparison(
  io: CliIo, cluster: Cluster, settings: ClusterSettings, pair: [Enforcement, Enforcement], request: ReachDiffRequest, format: string, layout: TableLayout,
  html?: { readonly path: string; readonly command: string },
): number {
  if (format !== 'table' && format !== 'json') throw new UserError(`--enforcement ${pair.join(',')}: prints the two tables and their differences as text or -o json, not -o ${format}`);
  const [a, b] = pair;
  const wiring = html === undefined ? undefined : new ClusterWiring(cluster, settings);
  if (wiring !== undefined) {
    const endpoints = wiring.endpointRefs(request.hosts).length;
    checkHeatMapSize(endpoints, endpoints);
  }
  const first = reachOfCluster(cluster, { ...settings, enforcement: a }, request);
  const second = reachOfCluster(cluster, { ...settings, enforcement: b }, request);
  const diff = diffReachResults(first, second);
  if (html !== undefined && wiring !== undefined) {
    // The report always puts flow-based left and packet-based right.
    const flowFirst = a === 'flow' || (a !== 'packet' && b === 'packet');
    const [left, right] = flowFirst ? [first, second] : [second, first];
    const [lm, rm] = flowFirst ? [a, b] : [b, a];
    const sideDiff = flowFirst ? diff : diffReachResults(left, right);
    const table = (mode: Enforcement, r: CompactReachResult) => ({ title: `${mode}-based`, sources: r.sources, destinations: r.destinations, cells: r.cells });
    const comparison = {
      tables: [table(lm, left), table(rm, right)] as const,
      differences: [...sideDiff.newlyBlocked, ...sideDiff.newlyAllowed].map((e) => ({ connection: connectionText(e), from: e.from, to: e.to, reason: differenceReason(e) })),
    };
    writeOutputFile('--html', html.path, reachPage({ command: html.command, settings: settingsText(settings), topology: topologyOf(wiring), table: { kind: 'two', comparison } }));
  }
  if (format === 'json') {
    const entries = [...diff.newlyBlocked, ...diff.newlyAllowed].map((e) => ({
      from: e.from, to: e.to, protocol: e.protocol, port: e.port, portLabel: e.portLabel,
      [a]: e.before, [b]: e.after, reason: differenceReason(e),
    }));
    const cells = (r: CompactReachResult) => r.cells.map((c) => ({ from: c.from, to: c.to, port: c.port, protocol: c.protocol, allowed: c.allowed, reason: c.reason }));
    io.stdout(JSON.stringify({ enforcement: pair, [a]: cells(first), [b]: cells(second), differences: entries }, null, 2) + '\n');
    return 0;
  }
  io.stdout(`enforcement: ${a}\n${tableText(first, layout)}\nenforcement: ${b}\n${tableText(second, layout)}\n${formatEnforcementDifferences(diff)}`);
  return 0;
}
