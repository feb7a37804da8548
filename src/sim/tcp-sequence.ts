/**
 * TCP sequence-number arithmetic modulo 2^32 (RFC 9293 §3.4). Guarantees: results are
 * unsigned 32-bit integers, and comparisons are correct across wrap-around as long as the
 * two numbers are less than 2^31 apart.
 */

/** `seq + n` modulo 2^32. */
export function seqAdd(seq: number, n: number): number {
  return (seq + n) >>> 0;
}

/** Signed distance `a - b` (positive when `a` is after `b`). */
export function seqDiff(a: number, b: number): number {
  return (a - b) | 0;
}

/** `low < seq <= high` in sequence space. */
export function seqInHalfOpen(seq: number, low: number, high: number): boolean {
  return seqDiff(seq, low) > 0 && seqDiff(seq, high) <= 0;
}
