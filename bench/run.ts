/**
 * `npm run bench` entry point. Re-spawns itself with the node flags the suite measures under
 * (`--expose-gc` for memory figures, plus `--max-inlined-bytecode-size-cumulative=4000`
 * unless `--plain`), then runs `runBenchmarks` and prints where the reports went.
 *
 * Flags: `--quick` (smoke run), `--plain` (no inlining flag), `--out=DIR`, `--lookup-runs=N`,
 * `--only=GROUP[,GROUP]` (lookup, setup, path, compile, reach, reach-cli; e.g. `--only=setup`:
 * just those groups; the report then holds only them),
 * `--child=lookup` (internal: one lookup process for the medians).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { lookupChildMain, runBenchmarks } from './suite.js';

const INLINE_FLAG = '--max-inlined-bytecode-size-cumulative=4000';

function arg(name: string): string | undefined {
  const hit = process.argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (hit === undefined) return undefined;
  return hit.includes('=') ? hit.slice(hit.indexOf('=') + 1) : '';
}

function main(): void {
  if (arg('child') === 'lookup') {
    lookupChildMain();
    return;
  }
  const wanted = ['--expose-gc', ...(arg('plain') !== undefined ? [] : [INLINE_FLAG])];
  if (!wanted.every((f) => process.execArgv.includes(f))) {
    const script = fileURLToPath(import.meta.url);
    const child = spawnSync(process.execPath, [...wanted, script, ...process.argv.slice(2)], { stdio: 'inherit' });
    process.exit(child.status ?? 1);
  }
  const lookupRuns = arg('lookup-runs');
  const out = arg('out');
  const only = arg('only');
  const { files } = runBenchmarks({
    quick: arg('quick') !== undefined,
    ...(out ? { outDir: out } : {}),
    ...(lookupRuns ? { lookupRuns: Number(lookupRuns) } : {}),
    ...(only ? { only: only.split(',') } : {}),
    log: (line) => console.log(line),
  });
  console.log(`wrote ${files.json} and ${files.markdown}`);
}

main();
