/**
 * Fuzzing `vrsim run` (in-process): a shipped scenario mutated (test/fuzz/mutate.ts) and run
 * from a copy of scenarios/ (so its includes resolve), with a random set of run flags. Every
 * input must be well-behaved (test/fuzz/invariants.ts): exit 0, 1 or 2, every diagnostic
 * located in the scenario or an included manifest, bounded output and time.
 */
import fc from 'fast-check';
import { cpSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { SCENARIOS, fixtureText, fuzzParameters, fuzzTimeout, scratchDir } from './fixtures.js';
import { expectWellBehaved } from './invariants.js';
import { mutationArb, mutate } from './mutate.js';

const RUN_FLAGS: readonly (readonly string[])[] = [[], [], ['-o', 'json'], ['--step', '2'], ['--step', '999'], ['--seed', '7'], ['--semantics', 'contrail'], ['--color']];

describe('fuzzing scenarios', () => {
  const dir = scratchDir();
  cpSync('scenarios', join(dir, 'scenarios'), { recursive: true });
  let n = 0;

  it('every mutated scenario gets exit 0/1/2, located messages, bounded output and time, no internal error', async () => {
    const outcomes = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...SCENARIOS), mutationArb, fc.constantFrom(...RUN_FLAGS), async (scenario, mutation, flags) => {
        const file = join(dir, 'scenarios', `fuzz-${n++}-${basename(scenario)}`);
        writeFileSync(file, mutate(fixtureText(scenario), mutation));
        const started = performance.now();
        const run = await cli('run', file, ...flags);
        const outcome = expectWellBehaved(run, { files: [file], includes: true, usageErrors: true, elapsedMs: performance.now() - started });
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      }),
      fuzzParameters('scenarios', 300, 14_000),
    );
    const total = [...outcomes.values()].reduce((a, b) => a + b, 0);
    console.log(`fuzz scenarios: ${total} inputs, ${outcomes.get('ok') ?? 0} ran with every expectation met`);
    expect(total).toBeGreaterThan(20);
    expect(outcomes.size).toBeGreaterThan(5);
  }, fuzzTimeout(14_000));
});
