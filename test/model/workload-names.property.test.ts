/**
 * Properties of the controller-shaped names (src/model/workloads/names.ts) against their
 * definitions: SafeEncodeString maps every character to alphabet[code % 27]; generated names
 * are the base cut to 58 characters plus 5 alphabet characters, unique within a batch, and a
 * function of (seed, namespace, base) only.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RAND_ALPHABET, fnv1a32, safeEncodeString, templateHash } from '../../src/model/workloads/names.js';
import { generatedNames } from '../../src/model/workloads/spec-fields.js';

const base = fc.stringMatching(/^[a-z][a-z0-9-]{0,70}-$/);

describe('controller-shaped names', () => {
  it('safeEncodeString is apimachinery\'s: alphabet[code % 27] per character', () => {
    fc.assert(fc.property(fc.string(), (s) => {
      const expected = [...s].map((c) => RAND_ALPHABET[(c.codePointAt(0) ?? 0) % 27]).join('');
      expect(safeEncodeString(s)).toBe(expected);
    }));
  });

  it('a template hash is the decimal FNV-1a 32 of the canonical JSON, safe-encoded (10 characters at most)', () => {
    fc.assert(fc.property(fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer())), (obj) => {
      const hash = templateHash(obj);
      expect(hash).toMatch(/^[bcdf456789]{1,10}$/);
      const reversed = Object.fromEntries(Object.entries(obj).reverse());
      expect(templateHash(reversed)).toBe(hash);
    }));
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
  });

  it('generated names: base cut to 58 + 5 alphabet characters, unique, deterministic from (seed, namespace, base)', () => {
    fc.assert(fc.property(fc.nat(), fc.stringMatching(/^[a-z]{1,8}$/), base, fc.integer({ min: 0, max: 60 }), (seed, ns, b, count) => {
      const names = generatedNames(seed, ns, b, count);
      expect(names).toHaveLength(count);
      expect(new Set(names).size).toBe(count);
      const prefix = b.slice(0, 58);
      for (const n of names) {
        expect(n.startsWith(prefix)).toBe(true);
        expect(n.slice(prefix.length)).toMatch(new RegExp(`^[${RAND_ALPHABET}]{5}$`));
        expect(n.length).toBeLessThanOrEqual(63);
      }
      expect(generatedNames(seed, ns, b, count)).toEqual(names);
    }));
  });
});
