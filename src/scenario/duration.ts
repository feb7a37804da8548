/**
 * Durations as scenario files write them: `500ms`, `5s`, `2m` (a bare number is seconds).
 * Guarantees: returns whole milliseconds or undefined; never throws.
 */

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000 };

export function parseDurationMs(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.round(value * 1000) : undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)\s*$/.exec(value);
  if (m === null) return undefined;
  const amount = Number(m[1]);
  const unit = UNIT_MS[m[2] ?? ''];
  return unit === undefined ? undefined : Math.round(amount * unit);
}

/** `5000` → `5s`, `1500` → `1500ms`, `120000` → `2m`. */
export function formatDurationMs(ms: number): string {
  if (ms % 60_000 === 0 && ms > 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}
