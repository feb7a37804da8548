/**
 * The C reference of the lookup benchmark: it builds with the machine's compiler, finds every
 * live key and no absent one on the same inputs the JS variants use (the binary checks each
 * answer and exits 2 otherwise).
 */
import { describe, expect, it } from 'vitest';
import { cReference, runCLookup } from '../../bench/lib/c-reference.js';
import { makeLookupInputs } from '../../bench/lookup/keys.js';

const ref = cReference();

describe.skipIf(!ref.available)('C lookup reference', () => {
  it('answers every query correctly on the bench keys, with and without overflow chains', () => {
    if (!ref.available) return;
    const inputs = makeLookupInputs(3000, 4096);
    // 1024 main slots for 3000 keys: most keys live in overflow chains, so chains are exercised.
    const figures = runCLookup(ref, { entries: 1024, overflow: 4096 }, inputs, 0.005, 2);
    for (const k of ['hit', 'miss', 'hitBatch', 'missBatch'] as const) {
      expect(figures[k]).toHaveLength(2);
      for (const v of figures[k]) expect(v).toBeGreaterThan(0);
    }
  });

  it('refuses a table too small for the live keys instead of printing a figure', () => {
    if (!ref.available) return;
    const inputs = makeLookupInputs(100, 128);
    expect(() => runCLookup(ref, { entries: 16, overflow: 8 }, inputs, 0.001, 1)).toThrow(/table full/);
  });
});
