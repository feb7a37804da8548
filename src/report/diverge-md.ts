/**
 * `vrsim diverge -o md`: the divergence report as Markdown for a CI summary or a review: a
 * summary paragraph, then per cause a table of connection, the two verdicts, the Kubernetes
 * explanation and the deciding Contrail firewall policy and rule (rows merged as in the text).
 * Guarantees: pure; deterministic; `|` inside cells escaped; ends with a single newline.
 */
import type { DivergenceReport } from '../sim/cluster/diverge.js';
import { connectionRows, rowText, summaryLine } from './diverge-text.js';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

export function renderDivergeMarkdown(report: DivergenceReport): string {
  const out: string[] = ['# Kubernetes vs Contrail: divergences', '', summaryLine(report)];
  if (report.selection !== '') out.push('', `Only \`${cell(report.selection)}\`.`);
  for (const group of report.groups) {
    out.push('', `## ${cell(group.label)} (${group.connections.length})`, '');
    out.push('| connection | kubernetes | contrail | kubernetes explanation | contrail firewall policy | contrail rule |');
    out.push('|---|---|---|---|---|---|');
    for (const row of connectionRows(group.connections)) {
      const c = row.first;
      const rule = c.contrail.rule === null ? '(implicit deny)' : `${c.contrail.sequence} ${c.contrail.rule} (${c.contrail.action})`;
      out.push(
        `| ${cell(rowText(row))} | ${c.kubernetes.allowed ? 'allowed' : 'denied'} | ${c.contrail.allowed ? 'allowed' : 'denied'} | ${cell(c.kubernetes.reason)} | ${cell(c.contrail.firewallPolicy ?? '-')} | ${cell(rule)} |`,
      );
    }
  }
  return `${out.join('\n')}\n`;
}
