/**
 * `vrsim reach --shard i/N` and `vrsim merge`: N shard processes run locally (the built CLI,
 * as the pods of an Indexed Job would), their files merged in any order give exactly the
 * bytes of one `vrsim reach` run in every output format; merge refuses, with exit 2 and the
 * file named, a missing or repeated shard, a shard of other flags or manifests, an edited
 * file, and a file that is not a shard. Spawns dist/ (built by `npm test`).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateManifests } from '../../bench/gen/manifest-gen.js';
import { cli } from '../support/cli.js';

const CLI = 'dist/src/cli/main.js';
let dir = '';
let manifests = '';

function vrsim(...argv: string[]): { code: number | null; out: string; err: string } {
  const run = spawnSync(process.execPath, [CLI, ...argv], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

/** Run the N shards as N processes at once; returns the shard files. */
async function shards(n: number, flags: readonly string[], tag: string): Promise<string[]> {
  const { spawn } = await import('node:child_process');
  const files = Array.from({ length: n }, (_, i) => join(dir, `${tag}-${i}.json`));
  await Promise.all(files.map((file, i) => new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'reach', '-f', manifests, ...flags, '--shard', `${i}/${n}`, '--workers', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`shard ${i}/${n} exited ${code}: ${err}`));
      writeFileSync(file, Buffer.concat(out));
      resolve();
    });
  })));
  return files;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vrsim-shards-'));
  manifests = join(dir, 'cluster.yaml');
  writeFileSync(manifests, generateManifests({ pods: 30, podsPerNamespace: 10, seed: 5 }));
});

describe('reach --shard and merge', () => {
  it('3 shard processes merged (in any order) print the bytes of one run, in every format', async () => {
    const files = await shards(3, ['--hosts'], 'hosts');
    for (const format of ['table', 'json', 'csv', 'md', 'dot']) {
      const single = await cli('reach', '-f', manifests, '--hosts', '-o', format, '--workers', '1');
      expect(single.code).toBe(0);
      const merged = await cli('merge', files[2]!, files[0]!, files[1]!, '-o', format);
      expect(merged.err).toBe('');
      expect(merged.code).toBe(0);
      expect(merged.out.length).toBeGreaterThan(1000);
      expect(merged.out).toBe(single.out);
    }
  });

  it('with flags that change the result (--port, --protocol, --group workload, --layout at merge)', async () => {
    const flags = ['--port', 'http,53,3868', '--protocol', 'TCP,UDP,SCTP', '--group', 'workload'];
    const files = await shards(2, flags, 'flags');
    const single = await cli('reach', '-f', manifests, ...flags, '--layout', 'full');
    const merged = await cli('merge', ...files, '--layout', 'full');
    expect(merged.err).toBe('');
    expect(merged.code).toBe(0);
    expect(merged.out).toBe(single.out);
  });

  it('more shards than rows: the empty shards merge too', async () => {
    const files = await shards(4, ['--from', 'ns-0/web-6'], 'empty');
    const single = await cli('reach', '-f', manifests, '--from', 'ns-0/web-6', '-o', 'csv');
    const merged = await cli('merge', ...files, '-o', 'csv');
    expect(merged.err).toBe('');
    expect(merged.out).toBe(single.out);
  });

  describe('merge refuses what is not one whole reach (exit 2)', () => {
    let files: string[] = [];
    let other: string[] = [];
    beforeAll(async () => {
      files = await shards(3, [], 'plain');
      other = await shards(3, ['--port', '80'], 'other');
    }, 180_000);

    const refused = async (argv: string[], message: string | RegExp) => {
      const r = await cli('merge', ...argv);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toMatch(message);
      expect(r.err).not.toMatch(/\n\s+at /);
    };

    it('a missing shard', () => refused([files[0]!, files[2]!], 'missing shard 1 of 3: give all of 0..2'));
    it('a shard given twice', () => refused([files[0]!, files[1]!, files[1]!, files[2]!], `shard 1/3 given twice: ${files[1]} and ${files[1]}`));
    it('a shard of other flags', () => refused([files[0]!, other[1]!, files[2]!], `${other[1]}: not a shard of the same reach as ${files[0]} (other flags`));
    it('a shard of other manifests', async () => {
      const changed = join(dir, 'changed.yaml');
      writeFileSync(changed, generateManifests({ pods: 30, podsPerNamespace: 10, seed: 6 }));
      const shard = join(dir, 'changed-1.json');
      const run = vrsim('reach', '-f', changed, '--shard', '1/3');
      writeFileSync(shard, run.out);
      await refused([files[0]!, shard, files[2]!], 'other manifests');
    });
    it('an edited verdict', async () => {
      const doc = JSON.parse(readFileSync(files[1]!, 'utf8')) as { verdicts: string };
      const bytes = Buffer.from(doc.verdicts, 'base64');
      bytes[0] = bytes[0] === 1 ? 0 : 1;
      const edited = join(dir, 'edited.json');
      writeFileSync(edited, JSON.stringify({ ...doc, verdicts: bytes.toString('base64') }));
      await refused([files[0]!, edited, files[2]!], `${edited}: its verdicts do not match their checksum`);
    });
    it('a file that is not a shard, and one that does not exist', async () => {
      await refused([manifests], `${manifests}: not a vrsim reach shard (not JSON`);
      await refused([join(dir, 'nope.json')], 'cannot read the shard file (no such file)');
    });
  });

  it.each([
    ['3/2', '--shard: "3/2": the shard index is 0-based and must be below 2 (0..1)'],
    ['2/2', 'must be below 2'],
    ['0/0', 'the number of shards must be from 1 to'],
    ['1', '--shard: "1" is not i/N'],
    ['a/b', 'is not i/N'],
  ])('reach --shard %s is refused with exit 2', async (value, message) => {
    const r = await cli('reach', '-f', manifests, `--shard=${value}`);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.out).toBe('');
  });

  it('--shard with -o is refused: the format is chosen at merge', async () => {
    const r = await cli('reach', '-f', manifests, '--shard', '0/2', '-o', 'json');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--shard writes a shard file for `vrsim merge`; give --output to merge instead');
  });
});
