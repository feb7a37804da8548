/**
 * Fuzzing the manifest loader through the CLI (in-process, `runCli`): one file of a valid
 * manifest set mutated (test/fuzz/mutate.ts), the set given to explain, contrail, reach or
 * diverge. Every input must be well-behaved (test/fuzz/invariants.ts); an input that still
 * loads is also simulated and reach must agree with the policy decision on every cell
 * (test/sim/reach-oracle.ts). Seeded and bounded in time (see fixtures.ts for the seed).
 */
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { isInputError } from '../../src/model/diagnostics.js';
import { loadCluster } from '../../src/model/load.js';
import { ClusterSim } from '../../src/sim/cluster/cluster-sim.js';
import { DEFAULT_SETTINGS } from '../../src/sim/cluster/types.js';
import { expectReachMatchesPolicy, type OracleCounts } from '../sim/reach-oracle.js';
import { MANIFEST_SETS, fixtureText, fuzzParameters, fuzzTimeout, scratchDir } from './fixtures.js';
import { expectWellBehaved } from './invariants.js';
import { mutationArb, mutate } from './mutate.js';

const COMMANDS: readonly (readonly string[])[] = [['explain'], ['explain', '-o', 'json'], ['contrail'], ['reach'], ['reach', '-o', 'json', '--port', '80,53', '--protocol', 'TCP,UDP'], ['diverge', '--port', '80']];

/** Pods reach may simulate for one fuzzed case (reach is quadratic in pods). */
const MAX_REACH_PODS = 16;

describe('fuzzing manifests', () => {
  const dir = scratchDir();
  let n = 0;

  it('every mutated manifest gets exit 0/1/2, located messages, bounded output, no internal error', async () => {
    const outcomes = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fc.nat(MANIFEST_SETS.length - 1), fc.nat(), mutationArb, fc.constantFrom(...COMMANDS), async (setIndex, fileIndex, mutation, command) => {
        const set = MANIFEST_SETS[setIndex]!;
        const target = set.files[fileIndex % set.files.length]!;
        const bytes = mutate(fixtureText(target), mutation);
        const file = join(dir, `${n++}-${basename(target)}`);
        writeFileSync(file, bytes);
        const files = set.files.map((f) => (f === target ? file : f));
        const started = performance.now();
        const run = await cli(...command, ...files.flatMap((f) => ['-f', f]));
        const outcome = expectWellBehaved(run, { files, usageErrors: false, elapsedMs: performance.now() - started });
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      }),
      fuzzParameters('manifests', 400, 14_000),
    );
    console.log(`fuzz manifests: ${[...outcomes.values()].reduce((a, b) => a + b, 0)} inputs, ${outcomes.get('ok') ?? 0} accepted, ${outcomes.size - 1} distinct first error lines`);
    expect(outcomes.get('ok') ?? 0).toBeGreaterThan(0);
    expect(outcomes.size).toBeGreaterThan(10);
  }, fuzzTimeout(14_000));

  it('a mutated manifest that still loads: reach agrees with the policy decision on every cell', () => {
    const counts: OracleCounts = { cells: 0, allowed: 0, noCommonFamily: 0 };
    let simulated = 0;
    fc.assert(
      fc.property(fc.nat(MANIFEST_SETS.length - 1), fc.nat(), mutationArb, fc.nat(0xffff), (setIndex, fileIndex, mutation, seed) => {
        const set = MANIFEST_SETS[setIndex]!;
        const target = set.files[fileIndex % set.files.length]!;
        const inputs = set.files.map((f) => ({ file: f, text: f === target ? Buffer.from(mutate(fixtureText(f), mutation)).toString('utf8') : fixtureText(f) }));
        let cluster;
        try {
          cluster = loadCluster(inputs, { seed }).cluster;
        } catch (e) {
          if (isInputError(e)) return;
          throw e;
        }
        if (cluster.pods.length === 0 || cluster.pods.length > MAX_REACH_PODS) return;
        const sim = new ClusterSim(cluster, { ...DEFAULT_SETTINGS, seed });
        expectReachMatchesPolicy(sim, sim.reach({ ports: [80, 53, 8080], protocols: ['TCP', 'UDP'], hosts: seed % 2 === 0 }), counts);
        simulated++;
      }),
      fuzzParameters('reach of loadable mutants', 200, 8_000),
    );
    console.log(`fuzz reach: ${simulated} clusters, ${counts.cells} cells, ${counts.allowed} allowed`);
    expect(simulated).toBeGreaterThan(5);
    expect(counts.cells).toBeGreaterThan(200);
  }, fuzzTimeout(8_000));
});
