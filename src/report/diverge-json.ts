/**
 * `vrsim diverge -o json`: the divergence report as one JSON document
 * (`{compared, divergent, groups: [{key, causes, label, connections: [...]}], probes, selection}`;
 * `selection` is the `--namespace/--from/--to` narrowing, empty when there is none).
 * Guarantees: pure; deterministic key order; ends with a newline.
 */
import type { DivergenceReport } from '../sim/cluster/diverge.js';

export function renderDivergeJson(report: DivergenceReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
