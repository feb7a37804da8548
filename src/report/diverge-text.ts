/**
 * `vrsim diverge` as text: a summary line, then one section per cause with every divergent
 * connection, the Kubernetes verdict and explanation, and the deciding Contrail rule.
 * Connections of one source and destination with the same verdicts and explanations (only
 * the protocol or port differs) are shown as one line: `e1/y -> e1/x TCP/80,85 SCTP/80`.
 * Guarantees: pure; deterministic; ends with a single newline.
 */
import type { DivergenceReport, DivergentConnection } from '../sim/cluster/diverge.js';

/** Connections that read the same but for protocol and port. */
export interface ConnectionRow {
  readonly first: DivergentConnection;
  readonly services: string;
}

export function connectionRows(connections: readonly DivergentConnection[]): ConnectionRow[] {
  const rows: { first: DivergentConnection; byProtocol: Map<string, number[]> }[] = [];
  for (const c of connections) {
    const last = rows[rows.length - 1];
    const same =
      last !== undefined && last.first.from === c.from && last.first.to === c.to &&
      last.first.kubernetes.reason === c.kubernetes.reason && last.first.contrail.reason === c.contrail.reason &&
      last.first.kubernetes.allowed === c.kubernetes.allowed && last.first.causes.join() === c.causes.join();
    if (same) {
      const ports = last.byProtocol.get(c.protocol) ?? [];
      ports.push(c.port);
      last.byProtocol.set(c.protocol, ports);
    } else {
      rows.push({ first: c, byProtocol: new Map([[c.protocol, [c.port]]]) });
    }
  }
  return rows.map((r) => ({ first: r.first, services: [...r.byProtocol].map(([p, ports]) => `${p}/${ports.join(',')}`).join(' ') }));
}

export function rowText(row: ConnectionRow): string {
  return `${row.first.from} -> ${row.first.to} ${row.services}`;
}

function verdict(allowed: boolean): string {
  return allowed ? 'allowed' : 'denied';
}

export function summaryLine(report: DivergenceReport): string {
  if (report.divergent === 0) return `No divergence: Kubernetes and Contrail agree on all ${report.compared} connections attempted.`;
  return `${report.divergent} of ${report.compared} connections attempted diverge between Kubernetes and Contrail, in ${report.groups.length} cause group(s).`;
}

export function renderDivergeText(report: DivergenceReport): string {
  const out: string[] = [summaryLine(report)];
  const p = report.probes;
  out.push(`probed: ${p.protocols.join(',')} ports ${p.ports.join(',')}${p.hosts ? ', node hosts included' : ''}${report.selection === '' ? '' : `, only ${report.selection}`}`);
  for (const group of report.groups) {
    out.push('', `${group.label} (${group.connections.length})`);
    for (const row of connectionRows(group.connections)) {
      const c = row.first;
      out.push(`  ${rowText(row)}: kubernetes ${verdict(c.kubernetes.allowed)}, contrail ${verdict(c.contrail.allowed)}`);
      out.push(`    kubernetes: ${c.kubernetes.reason}`);
      out.push(`    contrail:   ${c.contrail.reason}`);
    }
  }
  return `${out.join('\n')}\n`;
}
