/**
 * Property: the compiled matchers (`decide`, `allows`, `allowsBetween`) agree with the naive
 * evaluator over random clusters, policies and connections.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePolicies } from '../../src/policy/compile.js';
import { allows, decide } from '../../src/policy/evaluate.js';
import { scenarioArb } from './arbitraries.js';
import { naiveAllowed } from './naive-evaluator.js';

describe('compiled policies vs naive evaluation', () => {
  it('give the same verdict for every connection', () => {
    fc.assert(
      fc.property(scenarioArb({ contrailSafe: false }), ({ cluster, connections }) => {
        const compiled = compilePolicies(cluster);
        for (const c of connections) {
          const expected = naiveAllowed(cluster, c);
          expect(decide(compiled, c).allowed).toBe(expected);
          expect(allows(compiled, c)).toBe(expected);
        }
      }),
      { numRuns: 2500 },
    );
  });

  it('the generator exercises both verdicts and isolated pods', () => {
    let allowed = 0;
    let denied = 0;
    fc.assert(
      fc.property(scenarioArb({ contrailSafe: false }), ({ cluster, connections }) => {
        for (const c of connections) (naiveAllowed(cluster, c) ? allowed++ : denied++);
      }),
      { numRuns: 500, seed: 20240601 },
    );
    const total = allowed + denied;
    expect(allowed / total).toBeGreaterThan(0.3);
    expect(denied / total).toBeGreaterThan(0.02);
    expect(denied).toBeGreaterThan(100);
  });
});
