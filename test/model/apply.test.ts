/**
 * Changing a loaded cluster: apply (create/replace), delete and relabel, with failures that
 * leave the base cluster untouched.
 */
import { describe, expect, it } from 'vitest';
import { applyManifests, deleteObjects, setLabels } from '../../src/model/apply.js';
import { formatDiagnostic, isInputError } from '../../src/model/diagnostics.js';
import { loadCluster } from '../../src/model/load.js';
import type { Cluster } from '../../src/model/types.js';
import { policyDoc } from './helpers.js';

const podText = (name: string, extra = ''): string => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: dev\n${extra}`;

function base(): Cluster {
  return loadCluster([
    { file: 'ns.yaml', text: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: dev\n  labels: {project: dev}\n' },
    { file: 'pods.yaml', text: [podText('a'), podText('b'), podText('c', 'status: {podIP: 10.47.255.250}\n')].join('---\n') },
    { file: 'p1.yaml', text: policyDoc('  podSelector: {}\n', 'p1').replace('name: p1', 'name: p1\n  namespace: dev') },
  ]).cluster;
}

function frozenCopy(c: Cluster): string {
  return JSON.stringify(c);
}

describe('applyManifests', () => {
  it('adds a pod with the next free address downward, never one held by an existing pod', () => {
    const before = base();
    expect(before.pods.map((p) => [p.name, p.ips[0], p.nodeName])).toEqual([
      ['a', '10.47.255.252', 'cent222'],
      ['b', '10.47.255.251', 'cent333'],
      ['c', '10.47.255.250', 'cent222'],
    ]);
    const { cluster } = applyManifests(before, [{ file: 'd.yaml', text: podText('d') + '---\n' + podText('e') }]);
    expect(cluster.pods.map((p) => [p.name, p.ips[0], p.nodeName])).toEqual([
      ['a', '10.47.255.252', 'cent222'],
      ['b', '10.47.255.251', 'cent333'],
      ['c', '10.47.255.250', 'cent222'],
      ['d', '10.47.255.249', 'cent333'],
      ['e', '10.47.255.248', 'cent222'],
    ]);
  });

  it('replaces an object with the same kind/namespace/name; a re-applied pod keeps its IP and node', () => {
    const { cluster } = applyManifests(base(), [{ file: 'a2.yaml', text: podText('a').replace('namespace: dev', 'namespace: dev\n  labels: {role: db}') }]);
    const a = cluster.pods.find((p) => p.name === 'a');
    expect(a).toMatchObject({ labels: { role: 'db' }, ips: ['10.47.255.252'], nodeName: 'cent222', source: { file: 'a2.yaml', line: 1 } });
    expect(cluster.pods).toHaveLength(3);
  });

  it('keeps creation order of re-applied policies and numbers new ones after the existing', () => {
    const p1v2 = policyDoc('  podSelector: {}\n  policyTypes: [Egress]\n', 'p1').replace('name: p1', 'name: p1\n  namespace: dev');
    const p0 = policyDoc('  podSelector: {}\n', 'p0').replace('name: p0', 'name: p0\n  namespace: dev');
    const { cluster } = applyManifests(base(), [{ file: 'x.yaml', text: `${p0}---\n${p1v2}` }]);
    expect(cluster.policies.map((p) => [p.name, p.order, p.policyTypes])).toEqual([
      ['p0', 1, ['Ingress']],
      ['p1', 0, ['Egress']],
    ]);
  });

  it('validates the whole result and leaves the base untouched on error', () => {
    const before = base();
    const snapshot = frozenCopy(before);
    let lines: string[] = [];
    try {
      applyManifests(before, [{ file: 'bad.yaml', text: `${podText('x', 'status: {podIP: 10.47.255.250}\n')}---\n${podText('w', '  labels: {"bad key": v}\n')}` }]);
    } catch (e) {
      if (isInputError(e)) lines = e.diagnostics.map(formatDiagnostic);
    }
    expect(lines).toEqual([
      // An existing pod is named by where its object starts (the cluster keeps no per-field lines).
      'bad.yaml:6: status.podIP: 10.47.255.250 is already the IP of pod dev/c (pods.yaml:13)',
      expect.stringMatching(/^bad\.yaml:13: metadata\.labels\.bad key: label key "bad key" is not valid/),
    ]);
    expect(frozenCopy(before)).toBe(snapshot);
  });
});

describe('deleteObjects', () => {
  it('deletes pods and policies by kind/namespace/name; a deleted pod frees nothing taken by others', () => {
    const cluster = deleteObjects(base(), [
      { kind: 'Pod', namespace: 'dev', name: 'a' },
      { kind: 'NetworkPolicy', namespace: 'dev', name: 'p1' },
    ]);
    expect(cluster.pods.map((p) => p.name)).toEqual(['b', 'c']);
    expect(cluster.policies).toEqual([]);
  });

  it('deletes what a namespace holds with it', () => {
    const cluster = deleteObjects(base(), [{ kind: 'Namespace', name: 'dev' }]);
    expect([cluster.namespaces, cluster.pods, cluster.policies]).toEqual([[], [], []]);
    expect(cluster.nodes).toHaveLength(2);
  });

  it.each([
    [{ kind: 'Pod' as const, namespace: 'dev', name: 'nope' }, 'cannot delete Pod dev/nope: not found'],
    [{ kind: 'NetworkPolicy' as const, name: 'p1' }, 'cannot delete NetworkPolicy default/p1: not found'],
    [{ kind: 'Node' as const, name: 'cent222' }, 'cannot delete Node cent222: pods still run on it (dev/a, dev/c); delete them first'],
  ])('refuses %o', (target, message) => {
    const before = base();
    const snapshot = frozenCopy(before);
    expect(() => deleteObjects(before, [target])).toThrow(message);
    expect(frozenCopy(before)).toBe(snapshot);
  });

  it('locates the error when the target carries its scenario line', () => {
    try {
      deleteObjects(base(), [{ kind: 'Pod', namespace: 'dev', name: 'zz', source: { file: 'lab.yaml', line: 12 } }]);
      expect.unreachable();
    } catch (e) {
      expect(isInputError(e) && e.diagnostics.map(formatDiagnostic)).toEqual(['lab.yaml:12: cannot delete Pod dev/zz: not found']);
    }
  });
});

describe('setLabels', () => {
  it('merges pod labels and removes keys set to null (kubectl label)', () => {
    const withRole = setLabels(base(), { kind: 'Pod', namespace: 'dev', name: 'b' }, { role: 'web', tier: 'front' });
    const cluster = setLabels(withRole, { kind: 'Pod', namespace: 'dev', name: 'b' }, { tier: null });
    expect(cluster.pods.find((p) => p.name === 'b')?.labels).toEqual({ role: 'web' });
  });

  it('keeps the automatic namespace label whatever is asked', () => {
    const cluster = setLabels(base(), { kind: 'Namespace', name: 'dev' }, { project: 'prod', 'kubernetes.io/metadata.name': 'other' });
    expect(cluster.namespaces[0]?.labels).toEqual({ 'kubernetes.io/metadata.name': 'dev', project: 'prod' });
  });

  it.each([
    [{ kind: 'Pod' as const, namespace: 'dev', name: 'a' }, { app: 'bad value!' }, /label value "bad value!" is not valid/],
    [{ kind: 'Pod' as const, namespace: 'dev', name: 'ghost' }, { app: 'x' }, /cannot label Pod dev\/ghost: not found/],
    [{ kind: 'Node' as const, name: 'cent222' }, { zone: 'a' }, /Pods and Namespaces only/],
  ])('rejects %o %o', (target, labels, message) => {
    const before = base();
    const snapshot = frozenCopy(before);
    expect(() => setLabels(before, target, labels)).toThrow(message);
    expect(frozenCopy(before)).toBe(snapshot);
  });
});
