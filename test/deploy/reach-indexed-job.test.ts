/**
 * deploy/reach-indexed-job.yaml: an Indexed Job of reach shards and a merge Job, checked for
 * the shape Kubernetes runs (completionMode Indexed, the shard index from
 * JOB_COMPLETION_INDEX, N the same in completions, parallelism and both Jobs' SHARDS, the
 * manifests from a ConfigMap, the results on one shared volume), and then its own shell
 * scripts run here, index by index, with `vrsim` the built CLI: the merge Job's output is the
 * bytes of a single `vrsim reach`. Spawns dist/ (built by `npm test`).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { generateManifests } from '../../bench/gen/manifest-gen.js';

interface EnvVar { name: string; value?: string }
interface Container { name: string; image: string; command: string[]; args: string[]; env?: EnvVar[]; volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[] }
interface PodSpec { restartPolicy: string; containers: Container[]; initContainers?: Container[]; volumes: { name: string; configMap?: { name: string }; persistentVolumeClaim?: { claimName: string } }[] }
interface Doc { apiVersion: string; kind: string; metadata: { name: string }; spec: Record<string, unknown> & { template?: { spec: PodSpec } } }

const FILE = 'deploy/reach-indexed-job.yaml';
const docs = parseAllDocuments(readFileSync(FILE, 'utf8')).map((d) => {
  expect(d.errors).toEqual([]);
  return d.toJS() as Doc;
});
const shardJob = docs.find((d) => d.kind === 'Job' && d.spec['completionMode'] === 'Indexed')!;
const mergeJob = docs.find((d) => d.kind === 'Job' && d !== shardJob)!;
const pvc = docs.find((d) => d.kind === 'PersistentVolumeClaim')!;

const env = (c: Container, name: string): string | undefined => c.env?.find((e) => e.name === name)?.value;
const mountOf = (spec: PodSpec, c: Container, path: string) => {
  const mount = c.volumeMounts?.find((m) => m.mountPath === path);
  return mount === undefined ? undefined : spec.volumes.find((v) => v.name === mount.name);
};

describe(FILE, () => {
  it('holds a results volume, an Indexed Job of shards and a merge Job', () => {
    expect(docs.map((d) => d.kind).sort()).toEqual(['Job', 'Job', 'PersistentVolumeClaim']);
    expect(shardJob.apiVersion).toBe('batch/v1');
    expect(mergeJob.apiVersion).toBe('batch/v1');
    expect(pvc.spec['accessModes']).toEqual(['ReadWriteMany']);
  });

  it('the shard Job: Indexed, N in completions, parallelism and SHARDS, index from JOB_COMPLETION_INDEX, manifests from a ConfigMap, results on the volume', () => {
    const spec = shardJob.spec.template!.spec;
    const c = spec.containers[0]!;
    const n = shardJob.spec['completions'];
    expect(typeof n).toBe('number');
    expect(shardJob.spec['parallelism']).toBe(n);
    expect(env(c, 'SHARDS')).toBe(String(n));
    expect(spec.restartPolicy).toBe('Never');
    const script = c.args.join('\n');
    expect(script).toContain('vrsim reach');
    expect(script).toContain('--shard "$JOB_COMPLETION_INDEX/$SHARDS"');
    expect(mountOf(spec, c, env(c, 'MANIFESTS')!)?.configMap?.name).toBe('vrsim-manifests');
    expect(mountOf(spec, c, env(c, 'RESULTS')!)?.persistentVolumeClaim?.claimName).toBe(pvc.metadata.name);
  });

  it('the merge Job: waits for SHARDS files on the same volume, then vrsim merge', () => {
    const spec = mergeJob.spec.template!.spec;
    const n = String(shardJob.spec['completions']);
    for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
      expect(env(c, 'SHARDS')).toBe(n);
      expect(mountOf(spec, c, env(c, 'RESULTS')!)?.persistentVolumeClaim?.claimName).toBe(pvc.metadata.name);
      expect(c.image).toBe(shardJob.spec.template!.spec.containers[0]!.image);
    }
    expect(spec.initContainers![0]!.args.join('\n')).toContain("-name 'shard-*.json'");
    expect(spec.containers[0]!.args.join('\n')).toContain('vrsim merge "$RESULTS"/shard-*.json');
  });

  it("its scripts, run here for 3 indexes with the built CLI as vrsim, merge to the bytes of one reach", () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrsim-job-'));
    const manifests = join(dir, 'manifests');
    const results = join(dir, 'results');
    const bin = join(dir, 'bin');
    for (const d of [manifests, results, bin]) mkdirSync(d);
    writeFileSync(join(manifests, 'cluster.yaml'), generateManifests({ pods: 24, podsPerNamespace: 8, seed: 9 }));
    writeFileSync(join(bin, 'vrsim'), `#!/bin/sh\nexec "${process.execPath}" "${resolve('dist/src/cli/main.js')}" "$@"\n`);
    chmodSync(join(bin, 'vrsim'), 0o755);
    const shard = shardJob.spec.template!.spec.containers[0]!;
    const base = { PATH: `${bin}:${process.env['PATH'] ?? ''}`, MANIFESTS: manifests, RESULTS: results, SHARDS: '3' };
    for (let i = 0; i < 3; i++) {
      execFileSync(shard.command[0]!, [...shard.command.slice(1), shard.args[0]!], {
        env: { ...base, JOB_COMPLETION_INDEX: String(i), WORKERS: env(shard, 'WORKERS')!, REACH_FLAGS: env(shard, 'REACH_FLAGS')! },
      });
    }
    const spec = mergeJob.spec.template!.spec;
    const wait = spec.initContainers![0]!;
    execFileSync(wait.command[0]!, [...wait.command.slice(1), wait.args[0]!], { env: base, timeout: 20_000 });
    const merge = spec.containers[0]!;
    const merged = execFileSync(merge.command[0]!, [...merge.command.slice(1), merge.args[0]!], { env: { ...base, OUTPUT: env(merge, 'OUTPUT')! }, maxBuffer: 1 << 26 }).toString();
    const single = spawnSync(process.execPath, ['dist/src/cli/main.js', 'reach', '-f', manifests, ...env(shard, 'REACH_FLAGS')!.split(' ').filter((w) => w !== '')], { encoding: 'utf8' });
    expect(single.status).toBe(0);
    expect(merged.length).toBeGreaterThan(500);
    expect(merged).toBe(single.stdout);
    expect(readFileSync(join(results, 'reach.out'), 'utf8')).toBe(single.stdout);
  });
});
