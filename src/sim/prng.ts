/**
 * Seeded pseudo-random number generator: sfc32 (Small Fast Counting, 32-bit), seeded through
 * splitmix32. Guarantees: the same seed always yields the same sequence on every platform
 * (pure 32-bit integer arithmetic, no floating-point state), and `fork(label)` yields an
 * independent deterministic sub-stream that depends only on the parent's seed and the label,
 * never on how many numbers the parent has drawn. Nothing here reads the wall clock.
 */

/** splitmix32 step: returns [next state, output]. */
function splitmix32(state: number): [number, number] {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return [next, z >>> 0];
}

/** FNV-1a over the UTF-16 code units of a label, for deriving fork seeds. */
function hashLabel(label: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    hash ^= label.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  /** The seed this stream was built from (forks derive from it, not from the current state). */
  readonly seed: number;

  constructor(seed: number) {
    if (!Number.isInteger(seed)) throw new Error(`invariant: PRNG seed must be an integer, got ${seed}`);
    this.seed = seed >>> 0;
    let state = this.seed;
    let out: number;
    [state, out] = splitmix32(state);
    this.a = out;
    [state, out] = splitmix32(state);
    this.b = out;
    [state, out] = splitmix32(state);
    this.c = out;
    [, out] = splitmix32(state);
    this.d = out;
    // Warm up so that close seeds diverge fully.
    for (let i = 0; i < 12; i++) this.nextU32();
  }

  /** Uniform unsigned 32-bit integer. */
  nextU32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform float in [0, 1) with 32 bits of randomness. */
  nextFloat(): number {
    return this.nextU32() / 4294967296;
  }

  /** Uniform integer in [0, n), without modulo bias. `n` must be a positive integer ≤ 2^32. */
  nextInt(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > 4294967296) {
      throw new Error(`invariant: nextInt bound must be an integer in 1..2^32, got ${n}`);
    }
    const limit = 4294967296 - (4294967296 % n);
    for (;;) {
      const value = this.nextU32();
      if (value < limit) return value % n;
    }
  }

  /** An independent stream derived from this stream's seed and `label` (stable across runs). */
  fork(label: string): Prng {
    const [, mixed] = splitmix32((this.seed ^ hashLabel(label)) | 0);
    return new Prng((mixed ^ Math.imul(hashLabel(label), 0x27d4eb2d)) >>> 0);
  }
}
