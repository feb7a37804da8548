/**
 * The real-cluster fixtures (test/fixtures/real-cluster/): a `kubectl get ... -A -o yaml` dump
 * of a three-node shop (42 pods from every controller kind, Pending and Completed pods, a
 * reused IP, dual-stack pods, Services, managedFields), the same dump as JSON, and the
 * repository form of the app. Every command loads them without an internal error; explain
 * and contrail have goldens; YAML and JSON give the same bytes.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { cli } from '../support/cli.js';
import { loadCluster } from '../../src/model/load.js';
import { readManifestInputs } from '../../src/model/read-files.js';
import { workloadLabel, workloadOf } from '../../src/model/workloads/workload-ref.js';
import { expectGolden } from '../support/golden.js';

const DIR = 'test/fixtures/real-cluster';
const YAML = `${DIR}/cluster.yaml`;
const JSON_DUMP = `${DIR}/cluster.json`;
const REPO = `${DIR}/repo`;

function podOf(input: string, workload: string): string {
  const { cluster } = loadCluster(readManifestInputs([input]));
  const pod = cluster.pods.find((p) => workloadLabel(workloadOf(p)) === workload);
  if (pod === undefined) throw new Error(`no pod of ${workload} in ${input}`);
  return `${pod.namespace}/${pod.name}`;
}

describe('the real-cluster dump', () => {
  it('is what the issue asks for: 3 nodes, 40+ pods from every controller kind, Pending and Completed pods, a reused IP, dual-stack', () => {
    const text = readFileSync(YAML, 'utf8');
    for (const kind of ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicationController', 'Service', 'NetworkPolicy', 'Node']) {
      expect(text).toContain(`kind: ${kind}\n`);
    }
    expect(text.match(/^  kind: Pod$/gm)?.length).toBeGreaterThanOrEqual(40);
    expect(text).toContain('managedFields:');
    expect(text).toContain('phase: Pending');
    expect(text).toContain('phase: Succeeded');
    const { cluster, warnings } = loadCluster(readManifestInputs([YAML]));
    expect(cluster.nodes.map((n) => [n.name, n.internalIPs])).toEqual([
      ['worker-1', ['192.168.10.11', 'fd00:10::11']],
      ['worker-2', ['192.168.10.12', 'fd00:10::12']],
      ['worker-3', ['192.168.10.13', 'fd00:10::13']],
    ]);
    // the finished nightly-report pod's IP is held by the running report-viewer
    expect(cluster.pods.find((p) => p.ips.includes('10.244.2.90'))?.name).toMatch(/^report-viewer-/);
    expect(cluster.pods.some((p) => p.ips.length === 2)).toBe(true);
    expect(cluster.pods.every((p) => p.generated !== true)).toBe(true); // the dump holds the pods: nothing is created twice
    expect(new Set(cluster.pods.map((p) => workloadOf(p).kind))).toEqual(new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicationController', 'Pod']));
    expect(warnings.map((w) => w.message).join('\n')).toMatch(/3 pods have finished[\s\S]*skipped 1 pod not yet running/);
  });

  it.each([
    ['explain', 'real-cluster-explain.txt', ['explain', '-f', YAML]],
    ['explain --group workload', 'real-cluster-explain-workloads.txt', ['explain', '-f', YAML, '--group', 'workload']],
    ['contrail', 'real-cluster-contrail.txt', ['contrail', '-f', YAML]],
    ['explain on the repository form', 'real-cluster-repo-explain.txt', ['explain', '-f', REPO]],
    ['explain --group workload on the repository form', 'real-cluster-repo-explain-workloads.txt', ['explain', '-f', REPO, '--group', 'workload']],
    ['contrail on the repository form', 'real-cluster-repo-contrail.txt', ['contrail', '-f', REPO]],
  ])('%s (golden)', async (_name, golden, argv) => {
    const r = await cli(...argv);
    expect(r.err).not.toContain('internal error');
    expect(r.code).toBe(0);
    expectGolden(golden, r.out);
  });

  it.each([['explain'], ['contrail'], ['explain', '--group', 'workload']])('the JSON dump gives the same %s bytes as the YAML one', async (...argv) => {
    const fromYaml = await cli(...argv, '-f', YAML);
    const fromJson = await cli(...argv, '-f', JSON_DUMP);
    expect(fromJson.code).toBe(0);
    expect(fromJson.out).toBe(fromYaml.out);
  });
});

describe('every simulating command on the fixtures, without an internal error', () => {
  const cases = [
    { input: YAML, from: 'shop/frontend[Deployment]', to: 'shop/cart[Deployment]', port: '7070' },
    { input: JSON_DUMP, from: 'payments/api[Deployment]', to: 'payments/postgres[StatefulSet]', port: '5432' },
    { input: REPO, from: 'shop/cart[Deployment]', to: 'shop/redis[StatefulSet]', port: '6379' },
  ];
  it.each(cases)('reach, trace and flows on $input', async ({ input, from, to, port }) => {
    const source = podOf(input, from);
    const target = podOf(input, to);
    const reach = await cli('reach', '-f', input);
    expect(reach.err).not.toContain('internal error');
    expect(reach.code).toBe(0);
    expect(reach.out).toMatch(/\d+ allowed, \d+ blocked/);
    const trace = await cli('trace', '-f', input, '--from', source, '--to', target, '--port', port);
    expect(trace.err).not.toContain('internal error');
    expect(trace.code).toBe(0);
    expect(trace.out).toContain('ALLOWED');
    const flows = await cli('flows', '-f', input, '-t', `${source}->${target}:${port}`);
    expect(flows.err).not.toContain('internal error');
    expect(flows.code).toBe(0);
    expect(flows.out).toContain('Action:F');
  }, 120_000);

  it('a blocked connection of the dump is reported as denied by the policy that isolates it', async () => {
    const trace = await cli('trace', '-f', YAML, '--from', podOf(YAML, 'shop/debug-shell[Pod]'), '--to', podOf(YAML, 'shop/redis[StatefulSet]'), '--port', '6379');
    expect(trace.code).toBe(0);
    expect(trace.out).toContain('DENIED');
    expect(trace.out).toContain('shop/redis-from-cart');
  }, 60_000);
});
