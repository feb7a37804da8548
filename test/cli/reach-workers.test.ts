/**
 * `vrsim reach --workers N`: the same bytes for N = 1, 2 and 3 in every output format, on a
 * generated cluster with policies and TCP, UDP and SCTP ports (hosts too, a workload view
 * and a filtered one); bad values refused with exit 2. The worker threads run the compiled
 * worker under dist/ (built by `npm test`).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateManifests } from '../../bench/gen/manifest-gen.js';
import { cli } from '../support/cli.js';
import { startPoolEarly } from '../../src/cli/reach-workers.js';

let manifests = '';

beforeAll(() => {
  manifests = join(mkdtempSync(join(tmpdir(), 'vrsim-workers-')), 'cluster.yaml');
  writeFileSync(manifests, generateManifests({ pods: 40, podsPerNamespace: 14, seed: 3 }));
});

describe('reach --workers', () => {
  it.each(['table', 'json', 'csv', 'md', 'dot'])('-o %s: the same bytes with 1, 2 and 3 workers', async (format) => {
    const runs = [];
    for (const workers of ['1', '2', '3']) runs.push(await cli('reach', '-f', manifests, '--hosts', '-o', format, '--workers', workers));
    for (const r of runs) {
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
    }
    expect(runs[0]!.out.length).toBeGreaterThan(1000);
    expect(runs[1]!.out).toBe(runs[0]!.out);
    expect(runs[2]!.out).toBe(runs[0]!.out);
  });

  it('the cluster really has what the comparison needs: blocked and allowed cells on TCP, UDP and SCTP', async () => {
    const r = await cli('reach', '-f', manifests, '-o', 'csv', '--workers', '2');
    for (const proto of ['TCP', 'UDP', 'SCTP']) {
      expect(r.out).toMatch(new RegExp(`,${proto},.*,allowed,`));
      expect(r.out).toMatch(new RegExp(`,${proto},.*,blocked,`));
    }
  });

  it.each([
    ['--group workload', ['--group', 'workload']],
    ['--port and --protocol', ['--port', '53,http,9999', '--protocol', 'udp,tcp']],
    ['--from and --namespace', ['--from', 'app=api', '--namespace', 'ns-0,ns-1']],
  ])('%s: the same bytes with 1 and 3 workers', async (_name, flags) => {
    const one = await cli('reach', '-f', manifests, ...flags, '--workers', '1');
    const three = await cli('reach', '-f', manifests, ...flags, '--workers', '3');
    expect(one.code).toBe(0);
    expect(three.err).toBe('');
    expect(three.out).toBe(one.out);
  });

  it.each([
    [['--workers', '2'], '--workers'],
    [['--shard', '0/2'], '--shard'],
  ])('--enforcement packet with %j is refused: a verdict can depend on the probes\' source ports', async (flags, flag) => {
    const r = await cli('reach', '-f', manifests, '--enforcement', 'packet', ...flags);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`--enforcement packet checks each reply against the probe's ephemeral source port, so a verdict can depend on the order of the probes; ${flag} is not supported with it`);
  });

  it.each([
    ['0', '--workers: "0" is not a number of worker threads from 1 to 256'],
    ['-2', '--workers: "-2" is not a number of worker threads'],
    ['1.5', '--workers: "1.5" is not a number of worker threads'],
    ['many', '--workers: "many" is not a number of worker threads'],
    ['257', '--workers: "257" is not a number of worker threads'],
  ])('--workers %s is refused with exit 2', async (value, message) => {
    const r = await cli('reach', '-f', manifests, `--workers=${value}`);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(r.out).toBe('');
  });

  it('a bad manifest with --workers 2 exits 1 at once with its located error (as without workers): the threads started before the parse are stopped', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrsim-workers-bad-'));
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: 7\n');
    const r = spawnSync(process.execPath, ['dist/src/cli/main.js', 'reach', '-f', bad, '--workers', '2'], { encoding: 'utf8', timeout: 30_000 });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/bad\.yaml:6/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('--workers 3 on a reach of one task (one port, 40 pods): the threads started early are stopped, same bytes as one thread', async () => {
    const one = await cli('reach', '-f', manifests, '--port', '80', '--workers', '1');
    const three = await cli('reach', '-f', manifests, '--port', '80', '--workers', '3');
    expect(one.code).toBe(0);
    expect(three.err).toBe('');
    expect(three.out).toBe(one.out);
  });

  it('the threads start before the parse only when more than one is asked, or by default for manifests of objects enough', () => {
    const small = [{ file: 'a.yaml', text: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n' }];
    expect(startPoolEarly(1, small)).toBeUndefined();
    expect(startPoolEarly(undefined, small)).toBeUndefined();
    const asked = startPoolEarly(2, small);
    expect(asked?.threads).toBe(1);
    void asked?.destroy();
  });
});
