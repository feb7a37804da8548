/**
 * Durations as scenario files write them: `500ms`, `5s`, `2m` (a bare number is seconds).
 * Guarantees: a duration is a whole number of milliseconds from 0 to MAX_VIRTUAL_TIME_MS
 * (24 h), computed exactly from the decimal text; anything else (`1.5ms`, `0.0001s`,
 * `100000000000000000000s`, digits past what the clock can hold) is a reason, never a rounded
 * or imprecise value. Never throws.
 */
import { MAX_VIRTUAL_TIME_MS } from '../sim/limits.js';

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000 };

export type DurationRead = { readonly kind: 'ok'; readonly ms: number } | { readonly kind: 'error'; readonly reason: 'syntax' | 'too-long' | 'not-whole-ms' };

/** Exact milliseconds of `<digits>[.<digits>]` × `unitMs`, by integer arithmetic on the digits. */
function exactMs(intPart: string, fracPart: string, unitMs: number): DurationRead {
  const scale = 10n ** BigInt(fracPart.length);
  const numerator = BigInt(intPart + fracPart) * BigInt(unitMs);
  if (numerator % scale !== 0n) return { kind: 'error', reason: 'not-whole-ms' };
  const ms = numerator / scale;
  if (ms > BigInt(MAX_VIRTUAL_TIME_MS)) return { kind: 'error', reason: 'too-long' };
  return { kind: 'ok', ms: Number(ms) };
}

export function readDurationMs(value: string | number): DurationRead {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) return { kind: 'error', reason: 'syntax' };
    // The shortest decimal that reads back as this number: what the file said, for any sane value.
    const text = String(value);
    if (text.includes('e')) return { kind: 'error', reason: value >= 1 ? 'too-long' : 'not-whole-ms' };
    const [intPart = '0', fracPart = ''] = text.split('.');
    return exactMs(intPart, fracPart, 1000);
  }
  const m = /^\s*(\d+)(?:\.(\d+))?\s*(ms|s|m)\s*$/.exec(value);
  if (m === null) return { kind: 'error', reason: 'syntax' };
  const unit = UNIT_MS[m[3] ?? ''];
  if (unit === undefined) return { kind: 'error', reason: 'syntax' };
  return exactMs(m[1] ?? '0', m[2] ?? '', unit);
}

/** Whole milliseconds, or undefined for anything `readDurationMs` refuses. */
export function parseDurationMs(value: string | number): number | undefined {
  const read = readDurationMs(value);
  return read.kind === 'ok' ? read.ms : undefined;
}

/** `5000` → `5s`, `1500` → `1500ms`, `120000` → `2m`. */
export function formatDurationMs(ms: number): string {
  if (ms % 60_000 === 0 && ms > 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}
