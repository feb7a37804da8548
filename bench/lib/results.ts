/**
 * The record every benchmark produces, and helpers to fill in ratios and targets.
 *
 * Guarantees: a `Row` is plain JSON (numbers finite or null); `ratio` is always
 * `value / baseline value` for throughputs and `baseline / value` for times and bytes, so a
 * ratio above 1 always means "better than the baseline".
 */

export type Unit = 'ops/s' | 'flows/s' | 'packets/s' | 'ms' | 'bytes' | 'bytes/entry';

export interface Row {
  /** Benchmark group, e.g. `lookup`, `setup`, `path`, `compile`, `reach`. */
  readonly group: string;
  /** What is measured, e.g. `hit, 512K flows`. */
  readonly benchmark: string;
  readonly variant: string;
  readonly value: number;
  readonly unit: Unit;
  /** Relative margin of error (percent), when benchmark.js measured it. */
  readonly rme?: number;
  /** Per-process figures when `value` is their median. */
  readonly runs?: readonly number[];
  readonly baseline?: string;
  ratio?: number;
  readonly target?: string;
  met?: boolean;
  readonly note?: string;
}

export function higherIsBetter(unit: Unit): boolean {
  return unit === 'ops/s' || unit === 'flows/s' || unit === 'packets/s';
}

/** Fill `ratio` of every row that names a baseline present in the same group and benchmark. */
export function linkBaselines(rows: Row[]): void {
  for (const row of rows) {
    if (row.baseline === undefined) continue;
    const base = rows.find((r) => r.group === row.group && r.benchmark === row.benchmark && r.variant === row.baseline);
    if (base === undefined || base.value <= 0 || row.value <= 0) continue;
    row.ratio = higherIsBetter(row.unit) ? row.value / base.value : base.value / row.value;
  }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Human figure: 12.3 M, 456 K, 78.9, with the unit. */
export function formatValue(value: number, unit: Unit): string {
  if (unit === 'ms') return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(1)} ms`;
  if (unit === 'bytes') return value >= 1 << 20 ? `${(value / (1 << 20)).toFixed(1)} MiB` : `${(value / 1024).toFixed(1)} KiB`;
  if (unit === 'bytes/entry') return `${value.toFixed(1)} B/entry`;
  const scaled = value >= 1e6 ? `${(value / 1e6).toFixed(2)} M` : value >= 1e3 ? `${(value / 1e3).toFixed(1)} K` : value.toFixed(1);
  return `${scaled} ${unit}`;
}
