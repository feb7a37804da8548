/**
 * Property: the verdict rows (src/policy/verdict-rows.ts) answer exactly as `allowsBetween`
 * for every pod pair they answer, on every port at and around each class edge (each rule's
 * range ends, each named port), for TCP, UDP and SCTP; they decline (undefined) only where the
 * module says. A row set built with a wrong class edge is caught.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePolicies } from '../../src/policy/compile.js';
import type { CompiledPolicies } from '../../src/policy/compiled.js';
import { allowsBetween } from '../../src/policy/evaluate.js';
import { ipWordsOf } from '../../src/policy/endpoint-index.js';
import { VerdictRows } from '../../src/policy/verdict-rows.js';
import { clusterArb } from './arbitraries.js';
import { probePorts } from './probe-ports.js';

/** Every (src, dst, protocol, port) the rows answer, checked against allowsBetween; returns how many were answered. */
function compare(compiled: CompiledPolicies, rows: VerdictRows): { answered: number; wrong: string[] } {
  const pods = compiled.cluster.pods;
  let answered = 0;
  const wrong: string[] = [];
  for (let s = 0; s < pods.length; s++) {
    for (let d = 0; d < pods.length; d++) {
      for (const protocol of [6, 17, 132, 1]) {
        for (const port of protocol === 1 ? [0] : probePorts(compiled)) {
          const got = rows.allowsPods(s, d, protocol, port);
          const single = pods[s]!.ips.length === 1 && pods[d]!.ips.length === 1;
          if (got === undefined) {
            // Declined only where the module says: ICMP, or a pod with several addresses.
            if (protocol !== 1 && single) wrong.push(`declined ${s}->${d} ${protocol}/${port}`);
            continue;
          }
          answered++;
          const expected = allowsBetween(compiled, s, ipWordsOf(compiled, pods[s]!.ips[0]!), d, ipWordsOf(compiled, pods[d]!.ips[0]!), protocol, port);
          if (got !== expected) wrong.push(`${pods[s]!.name}->${pods[d]!.name} ${protocol}/${port}: rows ${got}, allowsBetween ${expected}`);
        }
      }
    }
  }
  return { answered, wrong };
}

describe('verdict rows vs allowsBetween', () => {
  it('agree on every pod pair, protocol and port around the class edges', () => {
    let answered = 0;
    fc.assert(
      fc.property(clusterArb({ contrailSafe: false }), (cluster) => {
        const compiled = compilePolicies(cluster);
        const result = compare(compiled, new VerdictRows(compiled));
        answered += result.answered;
        expect(result.wrong).toEqual([]);
      }),
      { numRuns: 200, seed: 1313 },
    );
    expect(answered).toBeGreaterThan(10_000);
  });

  it('a tiny row budget (rows dropped and rebuilt all the time) changes no answer', () => {
    fc.assert(
      fc.property(clusterArb({ contrailSafe: false }), (cluster) => {
        const compiled = compilePolicies(cluster);
        expect(compare(compiled, new VerdictRows(compiled, { maxRowBytes: 8 })).wrong).toEqual([]);
      }),
      { numRuns: 40, seed: 7 },
    );
  });

  it('catches a wrong class edge: rows built as if every range ended one port early disagree somewhere', () => {
    let caught = false;
    fc.assert(
      fc.property(clusterArb({ contrailSafe: false }), (cluster) => {
        const compiled = compilePolicies(cluster);
        // Shift every numeric range's end down by one: the edge moves, the rows must notice.
        const shifted: CompiledPolicies = {
          ...compiled,
          ingressRules: compiled.ingressRules.map((rs) => rs.map((r) => ({ ...r, ports: r.ports.map((p) => (p.namedPortId < 0 && p.high > p.low ? { ...p, high: p.high - 1 } : p)) }))),
          egressRules: compiled.egressRules.map((rs) => rs.map((r) => ({ ...r, ports: r.ports.map((p) => (p.namedPortId < 0 && p.high > p.low ? { ...p, high: p.high - 1 } : p)) }))),
        };
        if (compare(compiled, new VerdictRows(shifted)).wrong.length > 0) caught = true;
      }),
      { numRuns: 200, seed: 1313 },
    );
    expect(caught).toBe(true);
  });
});
