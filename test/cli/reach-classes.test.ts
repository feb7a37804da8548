/**
 * `vrsim reach --classes`: the same bytes as the full run in every output format (Deployments
 * of several replicas, policies, TCP/UDP/SCTP, hosts, a workload view), and the flags it
 * cannot be combined with refused with exit 2.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateWorkloadManifests } from '../../bench/gen/manifest-gen.js';
import { cli } from '../support/cli.js';

let manifests = '';

beforeAll(() => {
  manifests = join(mkdtempSync(join(tmpdir(), 'vrsim-classes-')), 'cluster.yaml');
  writeFileSync(manifests, generateWorkloadManifests({ workloads: 12, replicas: 3, workloadsPerNamespace: 4, seed: 4 }));
});

describe('reach --classes', () => {
  it.each([
    ['table', []],
    ['json', []],
    ['csv', ['--port', 'http,53,5432', '--protocol', 'TCP,UDP']],
    ['md', ['--group', 'workload']],
    ['dot', []],
  ] as const)('-o %s %s: the bytes of the full run', async (format, flags) => {
    const full = await cli('reach', '-f', manifests, '--hosts', '-o', format, ...flags);
    const classes = await cli('reach', '-f', manifests, '--hosts', '-o', format, ...flags, '--classes');
    expect(classes.err).toBe('');
    expect(classes.code).toBe(0);
    expect(full.out.length).toBeGreaterThan(1000);
    expect(classes.out).toBe(full.out);
  });

  it.each([
    ['table', ['--workers', '2']],
    ['json', ['--workers', '3']],
    ['csv', ['--workers', '3', '--port', 'http,53', '--protocol', 'TCP,UDP']],
  ] as const)('-o %s %s: the class pairs attempted on worker threads give the bytes of the full run', async (format, flags) => {
    const full = await cli('reach', '-f', manifests, '--hosts', '-o', format, ...flags.slice(2));
    const classes = await cli('reach', '-f', manifests, '--hosts', '-o', format, ...flags, '--classes', '--log', 'info');
    expect(classes.code).toBe(0);
    expect(full.out.length).toBeGreaterThan(1000);
    expect(classes.out).toBe(full.out);
    // The log says how many threads attempted the class pairs.
    expect(classes.err).toMatch(new RegExp(`"workers":${flags[1]}[,}].*reach by classes`));
  });

  it.each([
    [['--shard', '0/2'], '--classes attempts one pair per class pair in one process; --shard is not supported with it'],
    [['--enforcement', 'flow,packet'], '--classes is not supported with --enforcement flow,packet'],
    [['--enforcement', 'packet'], "--enforcement packet checks each reply against the probe's ephemeral source port, so a verdict can depend on the order of the probes; --classes is not supported with it"],
  ])('--classes %j is refused with exit 2', async (flags, message) => {
    const r = await cli('reach', '-f', manifests, '--classes', ...flags);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });
});
