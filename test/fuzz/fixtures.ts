/**
 * The valid inputs the fuzzing suite mutates: every manifest set of the shipped scenarios and
 * of test/fixtures (a directory's manifests load together: policies next to their pods), and
 * every shipped scenario. The real-cluster dump is left out (200 KB: one mutation of it costs
 * as much as a hundred of the others). Also the suite's seed: FUZZ_SEED when set, else a
 * fixed one, printed so that a failure reproduces with `FUZZ_SEED=<seed> npx vitest run test/fuzz`.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ManifestSet {
  /** Paths relative to the repository root, as the CLI is given them. */
  readonly files: readonly string[];
}

const MANIFEST_DIRS = [
  'scenarios/blog-calico',
  'scenarios/book-ch3/manifests',
  'scenarios/book-ch8/manifests',
  'scenarios/book-ch8/manifests/variants',
  'scenarios/cluster-network-policy',
  'scenarios/course-demo',
  'scenarios/services-dns/manifests',
  'test/fixtures/manifests',
  'test/fixtures/manifests/contrail-divergences',
  'test/fixtures/reach',
  'test/fixtures/services',
  'test/fixtures/pcap',
];

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f) && statSync(join(dir, f)).isFile())
    .sort()
    .map((f) => `${dir}/${f}`);
}

export const MANIFEST_SETS: readonly ManifestSet[] = MANIFEST_DIRS.map((dir) => ({ files: yamlFiles(dir) }));

export const SCENARIOS: readonly string[] = yamlFiles('scenarios');

const texts = new Map<string, string>();
export function fixtureText(path: string): string {
  let text = texts.get(path);
  if (text === undefined) {
    text = readFileSync(path, 'utf8');
    texts.set(path, text);
  }
  return text;
}

export function fuzzSeed(): number {
  const env = process.env['FUZZ_SEED'];
  const seed = env === undefined || env === '' ? 20261202 : Number(env);
  if (!Number.isInteger(seed)) throw new Error(`FUZZ_SEED must be an integer, got ${env}`);
  return seed;
}

/**
 * fast-check settings for one property of the suite: seeded, bounded in runs and in time.
 * FUZZ_SCALE=<n> multiplies both (a longer local hunt: `FUZZ_SCALE=20 FUZZ_SEED=$RANDOM`).
 */
export function fuzzParameters(name: string, runs: number, timeMs: number): { seed: number; numRuns: number; interruptAfterTimeLimit: number; markInterruptAsFailure: false } {
  const seed = fuzzSeed();
  const scale = Number(process.env['FUZZ_SCALE'] ?? '1') || 1;
  const numRuns = Math.round(runs * scale);
  const timeLimitMs = Math.round(timeMs * scale);
  console.log(`fuzz ${name}: seed ${seed} (reproduce: FUZZ_SEED=${seed} npx vitest run test/fuzz)`);
  return { seed, numRuns, interruptAfterTimeLimit: timeLimitMs, markInterruptAsFailure: false };
}

export function scratchDir(): string {
  return mkdtempSync(join(tmpdir(), 'vrsim-fuzz-'));
}

/** The vitest timeout of a property bounded by `timeMs` (scaled like fuzzParameters, with room to finish the last case). */
export function fuzzTimeout(timeMs: number): number {
  const scale = Number(process.env['FUZZ_SCALE'] ?? '1') || 1;
  return Math.round(timeMs * scale) + 40_000;
}
