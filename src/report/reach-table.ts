/**
 * Reachability truth tables in cyclonus' layout: sources as rows, destinations as columns,
 * `.` allowed and `X` blocked, one table per port and protocol, then a summary line.
 * And the JSON form: `{"results":[{"from","to","port","protocol","allowed","reason"}]}`.
 */
import type { ReachCell, ReachResult } from '../sim/cluster/types.js';

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - text.length));
}

function groupKey(cell: ReachCell): string {
  return `${cell.protocol}/${cell.portLabel}`;
}

/** The tables, one per `PROTOCOL/port`, in the order the cells list them. */
export function formatReachTables(result: ReachResult): string {
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
  const width = Math.max(3, ...result.sources.map((s) => s.length), ...result.destinations.map((d) => d.length));
  const out: string[] = [];
  for (const [key, group] of groups) {
    let allowed = 0;
    const lines: string[] = [];
    lines.push(`${key}:`);
    lines.push(`| ${pad('-', width)} | ${result.destinations.map((d) => pad(d, width)).join(' | ')} |`);
    lines.push(`+${'-'.repeat(width + 2)}+${result.destinations.map(() => '-'.repeat(width + 2)).join('+')}+`);
    for (const source of result.sources) {
      const marks = result.destinations.map((destination) => {
        const cell = group.get(`${source}\u0000${destination}`);
        if (cell === undefined) return pad('?', width);
        if (cell.allowed) allowed++;
        return pad(cell.allowed ? '.' : 'X', width);
      });
      lines.push(`| ${pad(source, width)} | ${marks.join(' | ')} |`);
    }
    const total = result.sources.length * result.destinations.length;
    lines.push(`${allowed} allowed, ${total - allowed} blocked out of ${total} total`);
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
