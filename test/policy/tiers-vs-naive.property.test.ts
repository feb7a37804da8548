/**
 * Property: the compiled tiers (`allowsTiered`, `decideTiered`) agree with the naive tier
 * evaluator over random clusters, ClusterNetworkPolicies of both tiers, NetworkPolicies and
 * connections; and with no ClusterNetworkPolicy they agree with NetworkPolicy alone.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePolicies } from '../../src/policy/compile.js';
import { decide, protocolCode } from '../../src/policy/evaluate.js';
import { endpointPodIndex, ipWordsOf } from '../../src/policy/endpoint-index.js';
import { compileTiers } from '../../src/policy/tiers/compile-tiers.js';
import { allowsTiered, decideTiered } from '../../src/policy/tiers/evaluate-tiers.js';
import type { Connection } from '../../src/policy/types.js';
import type { CompiledPolicies } from '../../src/policy/compiled.js';
import type { CompiledTiers } from '../../src/policy/tiers/compiled-tiers.js';
import { tieredScenarioArb } from './cnp-arbitraries.js';
import { naiveTieredAllowed } from './naive-tiers.js';

function fastVerdict(np: CompiledPolicies, tiers: CompiledTiers, conn: Connection): boolean {
  return allowsTiered(tiers, np, endpointPodIndex(np, conn.src), ipWordsOf(np, conn.src.ip), endpointPodIndex(np, conn.dst), ipWordsOf(np, conn.dst.ip), protocolCode(conn.protocol), conn.port);
}

describe('compiled tiers vs naive evaluation', () => {
  it('give the same verdict for every connection', () => {
    fc.assert(
      fc.property(tieredScenarioArb(), ({ cluster, connections }) => {
        const np = compilePolicies(cluster);
        const tiers = compileTiers(cluster, np);
        for (const c of connections) {
          const expected = naiveTieredAllowed(cluster, c);
          expect(decideTiered(tiers, np, c).allowed).toBe(expected);
          expect(fastVerdict(np, tiers, c)).toBe(expected);
        }
      }),
      { numRuns: 800 },
    );
  });

  it('without ClusterNetworkPolicies the tiers say what NetworkPolicy says', () => {
    fc.assert(
      fc.property(tieredScenarioArb(), ({ cluster, connections }) => {
        const plain = { ...cluster, clusterPolicies: [] };
        const np = compilePolicies(plain);
        const tiers = compileTiers(plain, np);
        for (const c of connections) expect(decideTiered(tiers, np, c).allowed).toBe(decide(np, c).allowed);
      }),
      { numRuns: 300 },
    );
  });

  it('the generator exercises every tier step kind and both verdicts', () => {
    const kinds = new Map<string, number>();
    let allowed = 0;
    let denied = 0;
    fc.assert(
      fc.property(tieredScenarioArb(), ({ cluster, connections }) => {
        const np = compilePolicies(cluster);
        const tiers = compileTiers(cluster, np);
        for (const c of connections) {
          const d = decideTiered(tiers, np, c);
          (d.allowed ? allowed++ : denied++);
          for (const step of [...d.egress.steps, ...d.ingress.steps]) {
            const key = step.kind === 'cluster' ? `${step.tier}/${step.action}${step.failClosed ? '/closed' : ''}` : step.kind === 'networkpolicy' ? `np/${step.verdict.kind}` : step.kind;
            kinds.set(key, (kinds.get(key) ?? 0) + 1);
          }
        }
      }),
      { numRuns: 400, seed: 20261201 },
    );
    for (const k of ['Admin/Accept', 'Admin/Deny', 'Admin/Pass', 'Baseline/Accept', 'Baseline/Deny', 'Baseline/Pass', 'Admin/Deny/closed', 'np/allowed', 'np/denied', 'default', 'not-a-pod']) {
      expect(kinds.get(k) ?? 0, k).toBeGreaterThan(5);
    }
    expect(denied / (allowed + denied)).toBeGreaterThan(0.1);
    expect(allowed / (allowed + denied)).toBeGreaterThan(0.3);
  });
});
