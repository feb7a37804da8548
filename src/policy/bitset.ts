/**
 * Fixed-size bitsets over pod indexes, stored in a Uint32Array.
 *
 * Guarantees: `hasBit` never allocates and returns false for indexes outside the set
 * (including -1, "not a pod"), so the hot path can test any endpoint index directly.
 */

export type Bitset = Uint32Array;

export function newBitset(size: number): Bitset {
  return new Uint32Array((size + 31) >>> 5);
}

export function setBit(bits: Bitset, index: number): void {
  bits[index >>> 5] = (bits[index >>> 5] as number) | (1 << (index & 31));
}

export function hasBit(bits: Bitset, index: number): boolean {
  if (index < 0) return false;
  const word = index >>> 5;
  if (word >= bits.length) return false;
  return ((bits[word] as number) & (1 << (index & 31))) !== 0;
}

/** `into |= from`, both of the same size. */
export function orInto(into: Bitset, from: Bitset): void {
  for (let i = 0; i < into.length; i++) into[i] = (into[i] as number) | (from[i] as number);
}

export function bitsetIndexes(bits: Bitset): number[] {
  const out: number[] = [];
  for (let w = 0; w < bits.length; w++) {
    let word = bits[w] as number;
    while (word !== 0) {
      const low = word & -word;
      out.push(w * 32 + (31 - Math.clz32(low)));
      word ^= low;
    }
  }
  return out;
}
