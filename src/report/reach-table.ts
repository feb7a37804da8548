/**
 * Reachability truth tables in cyclonus' layout: sources as rows, destinations as columns,
 * `.` allowed and `X` blocked, one table per port and protocol, then a summary line.
 * And the JSON form: `{"results":[{"from","to","port","protocol","allowed","reason"}]}`.
 */
import type { ReachCell, ReachMatrix, ReachResult } from '../sim/cluster/types.js';

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - text.length));
}

function groupKey(cell: ReachCell): string {
  return `${cell.protocol}/${cell.portLabel}`;
}

/** One table per `PROTOCOL/port` from the verdicts by position (a repeated group shows its last cell). */
function formatMatrixTables(result: ReachResult, matrix: ReachMatrix, width: number): string {
  const lastOfKey = new Map<string, number>();
  matrix.groups.forEach((group, g) => lastOfKey.set(`${group.protocol}/${group.portLabel}`, g));
  const marks = { allowed: pad('.', width), blocked: pad('X', width) };
  const out: string[] = [];
  for (const [key, g] of lastOfKey) {
    let allowed = 0;
    const lines: string[] = [...tableHead(key, result, width)];
    for (let s = 0; s < result.sources.length; s++) {
      const row: string[] = [];
      for (let d = 0; d < result.destinations.length; d++) {
        const ok = matrix.allowed(s, d, g);
        if (ok) allowed++;
        row.push(ok ? marks.allowed : marks.blocked);
      }
      lines.push(`| ${pad(result.sources[s]!, width)} | ${row.join(' | ')} |`);
    }
    lines.push(summary(result, allowed));
    out.push(lines.join('\n'));
  }
  return out.join('\n\n') + '\n';
}

function tableHead(key: string, result: ReachResult, width: number): string[] {
  return [
    `${key}:`,
    `| ${pad('-', width)} | ${result.destinations.map((d) => pad(d, width)).join(' | ')} |`,
    `+${'-'.repeat(width + 2)}+${result.destinations.map(() => '-'.repeat(width + 2)).join('+')}+`,
  ];
}

function summary(result: ReachResult, allowed: number): string {
  const total = result.sources.length * result.destinations.length;
  return `${allowed} allowed, ${total - allowed} blocked out of ${total} total`;
}

/** A reach with no source or no destination has no table to draw: say so instead of `+-----++`. */
export function emptyReachText(result: ReachResult): string | undefined {
  const noSources = result.sources.length === 0;
  const noDestinations = result.destinations.length === 0;
  if (!noSources && !noDestinations) return undefined;
  const what = noSources && noDestinations ? 'no sources and no destinations' : noSources ? 'no sources' : 'no destinations';
  return `${what} match: the truth table is empty (the manifests define no pods to probe; --hosts adds the node hosts)\n`;
}

function labelWidth(result: ReachResult): number {
  let width = 3;
  for (const s of result.sources) width = Math.max(width, s.length);
  for (const d of result.destinations) width = Math.max(width, d.length);
  return width;
}

/** The tables, one per `PROTOCOL/port`, in the order the cells list them. */
export function formatReachTables(result: ReachResult): string {
  const empty = emptyReachText(result);
  if (empty !== undefined) return empty;
  const width = labelWidth(result);
  if (result.matrix !== undefined) return formatMatrixTables(result, result.matrix, width);
  const groups = new Map<string, Map<string, ReachCell>>();
  for (const cell of result.cells) {
    const key = groupKey(cell);
    let group = groups.get(key);
    if (group === undefined) {
      group = new Map();
      groups.set(key, group);
    }
    group.set(`${cell.from}\u0000${cell.to}`, cell);
  }
  const out: string[] = [];
  for (const [key, group] of groups) {
    let allowed = 0;
    const lines: string[] = [...tableHead(key, result, width)];
    for (const source of result.sources) {
      const marks = result.destinations.map((destination) => {
        const cell = group.get(`${source}\u0000${destination}`);
        if (cell === undefined) return pad('?', width);
        if (cell.allowed) allowed++;
        return pad(cell.allowed ? '.' : 'X', width);
      });
      lines.push(`| ${pad(source, width)} | ${marks.join(' | ')} |`);
    }
    lines.push(summary(result, allowed));
    out.push(lines.join('\n'));
  }
  return out.join('\n\n') + '\n';
}

export function reachJson(result: ReachResult): { results: object[] } {
  return {
    results: result.cells.map((c) => ({
      from: c.from,
      to: c.to,
      port: c.port,
      ...(c.portLabel !== String(c.port) ? { portName: c.portLabel } : {}),
      protocol: c.protocol,
      allowed: c.allowed,
      reason: c.reason,
    })),
  };
}
