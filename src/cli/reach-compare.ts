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

export function runEnforcementComparison(
  io: CliIo, cluster: Cluster, settings: ClusterSettings, pair: [Enforcement, Enforcement], request: ReachDiffRequest, format: string, layout: TableLayout,
): number {
  if (format !== 'table' && format !== 'json') throw new UserError(`--enforcement ${pair.join(',')}: prints the two tables and their differences as text or -o json, not -o ${format}`);
  const [a, b] = pair;
  const first = reachOfCluster(cluster, { ...settings, enforcement: a }, request);
  const second = reachOfCluster(cluster, { ...settings, enforcement: b }, request);
  const diff = diffReachResults(first, second);
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
