/**
 * Writes a benchmark run as `latest.json` (machine + rows) and `latest.md` (machine line and a
 * markdown table: benchmark, variant, figure, ratio vs baseline, target, met?).
 *
 * Guarantees: creates the directory if needed; the markdown lists rows in run order; numbers
 * in JSON are the raw measured values (ops/s, ms, bytes).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { machineText, type Machine } from './machine.js';
import { formatValue, type Row } from './results.js';

export interface RunReport {
  readonly mode: 'full' | 'quick';
  readonly startedAt: string;
  readonly durationSeconds: number;
  readonly machine: Machine;
  /** Load averages (1, 5, 15 min) when the run started and ended; absent in older reports. */
  readonly load?: { readonly start: readonly number[]; readonly end: readonly number[] };
  readonly notes: readonly string[];
  readonly rows: readonly Row[];
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** `min-max` of the per-process figures, in the row's unit. */
function spread(runs: readonly number[], r: Row): string {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of runs) { if (v < lo) lo = v; if (v > hi) hi = v; }
  return `${formatValue(lo, r.unit)} - ${formatValue(hi, r.unit)}`;
}

export function markdownTable(rows: readonly Row[]): string {
  const lines = ['| benchmark | variant | figure | ratio vs baseline | target | met? |', '|---|---|---:|---:|---|---|'];
  for (const r of rows) {
    const figure = formatValue(r.value, r.unit) + (r.runs !== undefined ? ` (median of ${r.runs.length}, ${spread(r.runs, r)})` : '');
    const ratio = r.ratio !== undefined ? `${r.ratio.toFixed(2)}x vs ${r.baseline ?? 'the C anchor'}` : '';
    const met = r.met === undefined ? '' : r.met ? 'yes' : '**no**';
    lines.push(`| ${cell(r.benchmark)} | ${cell(r.variant)} | ${figure} | ${cell(ratio)} | ${cell(r.target ?? '')} | ${met} |`);
  }
  return lines.join('\n');
}

export function markdownReport(report: RunReport): string {
  return [
    `# vrsim benchmarks (${report.mode} run)`,
    '',
    `Machine: ${machineText(report.machine)}`,
    '',
    `Started ${report.startedAt}, took ${report.durationSeconds.toFixed(0)} s.` +
      (report.load === undefined ? '' : ` Load average (1, 5, 15 min): ${report.load.start.join(', ')} at the start, ${report.load.end.join(', ')} at the end.`),
    '',
    ...report.notes.map((n) => `- ${n}`),
    '',
    markdownTable(report.rows),
    '',
  ].join('\n');
}

/**
 * Write `<name>.json` and `<name>.md`: a full run is `latest` (committed, quoted in the docs),
 * a quick smoke run is `quick`, so a smoke run never overwrites the measured figures.
 */
export function writeReport(dir: string, report: RunReport): { json: string; markdown: string } {
  mkdirSync(dir, { recursive: true });
  const name = report.mode === 'quick' ? 'quick' : 'latest';
  const json = join(dir, `${name}.json`);
  const markdown = join(dir, `${name}.md`);
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(markdown, markdownReport(report));
  return { json, markdown };
}
