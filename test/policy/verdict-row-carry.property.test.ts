/**
 * Property: verdict rows carried over a cluster change (policy/verdict-row-carry.ts) answer as
 * `allowsBetween` under the new policies, for every pod pair, protocol and port around the
 * class edges, whatever the change: a policy added or removed, a pod's or a namespace's labels
 * changed, a pod removed, nothing changed. Rows are carried when the change leaves them alone
 * (all of them when nothing changed) and not when it touches them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../src/model/types.js';
import { compilePolicies } from '../../src/policy/compile.js';
import type { CompiledPolicies } from '../../src/policy/compiled.js';
import { allowsBetween } from '../../src/policy/evaluate.js';
import { ipWordsOf } from '../../src/policy/endpoint-index.js';
import { VerdictRows } from '../../src/policy/verdict-rows.js';
import { clusterArb } from './arbitraries.js';
import { probePorts } from './probe-ports.js';
import { cluster as clusterOf, namespace, pod, podsPeer, policy, port, rule, sel } from './builders.js';

type Change =
  | { kind: 'none' }
  | { kind: 'add-policy'; from: number }
  | { kind: 'remove-policy'; at: number }
  | { kind: 'replace-rules'; at: number; from: number }
  | { kind: 'pod-labels'; pod: number; value: string }
  | { kind: 'namespace-labels'; at: number; value: string }
  | { kind: 'remove-pod'; pod: number };

const changeArb: fc.Arbitrary<Change> = fc.oneof(
  fc.constant<Change>({ kind: 'none' }),
  fc.nat(10).map((from): Change => ({ kind: 'add-policy', from })),
  fc.nat(10).map((at): Change => ({ kind: 'remove-policy', at })),
  fc.record({ at: fc.nat(10), from: fc.nat(10) }).map((c): Change => ({ kind: 'replace-rules', ...c })),
  fc.record({ at: fc.nat(10), from: fc.nat(10) }).map((c): Change => ({ kind: 'replace-rules', ...c })),
  fc.record({ pod: fc.nat(10), value: fc.constantFrom('x', 'y', 'z') }).map((c): Change => ({ kind: 'pod-labels', ...c })),
  fc.record({ at: fc.nat(2), value: fc.constantFrom('x', 'y', 'z') }).map((c): Change => ({ kind: 'namespace-labels', ...c })),
  fc.nat(10).map((pod): Change => ({ kind: 'remove-pod', pod })),
);

/** The cluster after a change (`extra`: a policy the add-policy change takes from another random cluster). */
function applyChange(cluster: Cluster, change: Change, extra: Cluster): Cluster {
  switch (change.kind) {
    case 'none':
      return { ...cluster };
    case 'add-policy': {
      const added = extra.policies[change.from % Math.max(1, extra.policies.length)];
      return added === undefined ? cluster : { ...cluster, policies: [...cluster.policies, { ...added, name: `added-${added.name}` }] };
    }
    case 'replace-rules': {
      // The same pods selected, other rules: the rows of exactly those pods change.
      const other = extra.policies[change.from % Math.max(1, extra.policies.length)];
      if (other === undefined || cluster.policies.length === 0) return cluster;
      const at = change.at % cluster.policies.length;
      return { ...cluster, policies: cluster.policies.map((p, i) => (i === at ? { ...p, policyTypes: other.policyTypes, ingress: other.ingress, egress: other.egress } : p)) };
    }
    case 'remove-policy':
      return { ...cluster, policies: cluster.policies.filter((_, i) => i !== change.at % Math.max(1, cluster.policies.length)) };
    case 'pod-labels': {
      const at = change.pod % cluster.pods.length;
      return { ...cluster, pods: cluster.pods.map((p, i) => (i === at ? { ...p, labels: { ...p.labels, app: change.value } } : p)) };
    }
    case 'namespace-labels':
      return { ...cluster, namespaces: cluster.namespaces.map((n, i) => (i === change.at ? { ...n, labels: { ...n.labels, team: change.value } } : n)) };
    case 'remove-pod': {
      if (cluster.pods.length < 2) return cluster;
      const at = change.pod % cluster.pods.length;
      return { ...cluster, pods: cluster.pods.filter((_, i) => i !== at) };
    }
  }
}

/** Ask the rows every pair on every probed port (building every row), and list the disagreements with allowsBetween. */
function askAll(compiled: CompiledPolicies, rows: VerdictRows): string[] {
  const pods = compiled.cluster.pods;
  const wrong: string[] = [];
  const ports = probePorts(compiled);
  for (let s = 0; s < pods.length; s++) {
    for (let d = 0; d < pods.length; d++) {
      for (const protocol of [6, 17, 132]) {
        for (const port of ports) {
          const got = rows.allowsPods(s, d, protocol, port);
          if (got === undefined) continue;
          const expected = allowsBetween(compiled, s, ipWordsOf(compiled, pods[s]!.ips[0]!), d, ipWordsOf(compiled, pods[d]!.ips[0]!), protocol, port);
          if (got !== expected) wrong.push(`${pods[s]!.name}->${pods[d]!.name} ${protocol}/${port}: rows ${got}, allowsBetween ${expected}`);
        }
      }
    }
  }
  return wrong;
}

describe('verdict rows carried over a cluster change', () => {
  it('answer as allowsBetween under the new policies, whatever the change', () => {
    const carried = new Map<string, number>();
    const kept = new Map<string, number>();
    fc.assert(
      fc.property(clusterArb({ contrailSafe: false }), clusterArb({ contrailSafe: false }), changeArb, (cluster, extra, change) => {
        const before = compilePolicies(cluster);
        const old = new VerdictRows(before);
        expect(askAll(before, old)).toEqual([]);
        const builtBefore = old.bytes;
        const after = compilePolicies(applyChange(cluster, change, extra));
        const rows = new VerdictRows(after, { previous: old });
        carried.set(change.kind, (carried.get(change.kind) ?? 0) + rows.carriedRows);
        if (rows.bytes < builtBefore) kept.set(change.kind, (kept.get(change.kind) ?? 0) + 1);
        // Nothing changed: every row is carried.
        if (change.kind === 'none') expect(rows.bytes).toBe(builtBefore);
        // A removed pod changes every row's width: none is carried.
        if (change.kind === 'remove-pod' && cluster.pods.length >= 2) expect(rows.carriedRows).toBe(0);
        expect(askAll(after, rows)).toEqual([]);
      }),
      { numRuns: 400, seed: 2026 },
    );
    // Rows are carried over policy and label changes, and some are dropped by them (label
    // changes that move a peer are rare in random clusters: the table below has them).
    for (const kind of ['none', 'add-policy', 'remove-policy', 'replace-rules', 'pod-labels', 'namespace-labels']) expect(carried.get(kind) ?? 0).toBeGreaterThan(0);
    for (const kind of ['add-policy', 'remove-policy', 'replace-rules']) expect(kept.get(kind) ?? 0).toBeGreaterThan(0);
  });
});

describe('which rows a change carries over', () => {
  // web takes TCP/80 from client; db takes TCP/5432 from web. Rows asked: web's and db's ingress
  // rows for the classes of 80 and 5432 (two each).
  const pods = [
    pod('shop', 'web', { labels: { app: 'web' }, ip: '10.0.0.1' }),
    pod('shop', 'db', { labels: { app: 'db' }, ip: '10.0.0.2' }),
    pod('shop', 'client', { labels: { app: 'client' }, ip: '10.0.0.3' }),
    pod('shop', 'other', { labels: { app: 'other' }, ip: '10.0.0.4' }),
  ];
  const webPolicy = policy('shop', 'web', { podSelector: sel({ app: 'web' }), ingress: [rule([podsPeer(sel({ app: 'client' }))], [port('TCP', 80)])] });
  const dbPolicy = (p: number) => policy('shop', 'db', { podSelector: sel({ app: 'db' }), ingress: [rule([podsPeer(sel({ app: 'web' }))], [port('TCP', p)])] });
  const base = clusterOf({ namespaces: [namespace('shop')], pods, policies: [webPolicy, dbPolicy(5432)] });

  it.each([
    ['the client relabelled: web\'s rows (their peers changed) are dropped, db\'s kept', { ...base, pods: pods.map((p) => (p.name === 'client' ? { ...p, labels: { app: 'other' } } : p)) }, 2],
    ['a policy added for other pods: every row kept', { ...base, policies: [...base.policies, policy('shop', 'deny-other', { podSelector: sel({ app: 'other' }) })] }, 4],
    ['web\'s policy removed: web\'s rows dropped; db\'s kept for 5432 (the class of 80 merged with its neighbours: its first port, 0, had no row)', { ...base, policies: [dbPolicy(5432)] }, 1],
    ['db\'s port moved to 5433: db\'s rows dropped (its rule changed); web\'s kept for 80 (the class holding 5432 now starts at 81: no row)', { ...base, policies: [webPolicy, dbPolicy(5433)] }, 1],
    ['a pod added (every row gets wider): nothing kept', { ...base, pods: [...pods, pod('shop', 'new', { labels: { app: 'client' }, ip: '10.0.0.5' })] }, 0],
  ] as const)('%s', (_name, next, carried) => {
    const before = compilePolicies(base);
    const old = new VerdictRows(before);
    for (let s = 0; s < pods.length; s++) for (let d = 0; d < pods.length; d++) for (const p of [80, 5432]) old.allowsPods(s, d, 6, p);
    const after = compilePolicies(next);
    const rows = new VerdictRows(after, { previous: old });
    expect(rows.carriedRows).toBe(carried);
    expect(askAll(after, rows)).toEqual([]);
  });
});
