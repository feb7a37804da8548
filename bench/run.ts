/**
 * `npm run bench` entry point. Re-spawns itself with the node flags the suite measures under
 * (`--expose-gc` for memory figures, plus `--max-inlined-bytecode-size-cumulative=4000`
 * unless `--plain`), then runs `runBenchmarks` and prints where the reports went.
 *
 * Flags: `--quick` (smoke run), `--plain` (no inlining flag), `--out=DIR`, `--lookup-runs=N`,
 * `--only=GROUP[,GROUP]` (lookup, setup, path, compile, reach, reach-cli; e.g. `--only=setup`:
 * just those groups; the report then holds only them and goes to bench/results/only/ unless
 * `--out` is given, so latest.json, the README's source, stays a full run),
 * `--readme` (run nothing: rewrite README.md's performance table from bench/results/latest.json,
 * or from `--out=DIR`'s latest.json), `--child=lookup` (internal: one lookup process for the medians).
 * A full run of every group into bench/results rewrites the README's table itself.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readmeTable, replaceReadmeTable } from './lib/readme-table.js';
import type { RunReport } from './lib/report.js';
import { lookupChildMain, runBenchmarks } from './suite.js';

const INLINE_FLAG = '--max-inlined-bytecode-size-cumulative=4000';

function arg(name: string): string | undefined {
  const hit = process.argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (hit === undefined) return undefined;
  return hit.includes('=') ? hit.slice(hit.indexOf('=') + 1) : '';
}

/** Rewrite README.md (in the working directory) between its markers from `json`. */
function writeReadmeTable(json: string): void {
  const report = JSON.parse(readFileSync(json, 'utf8')) as RunReport;
  const before = readFileSync('README.md', 'utf8');
  const after = replaceReadmeTable(before, readmeTable(report));
  writeFileSync('README.md', after);
  console.log(`README.md's performance table ${after === before ? 'was already' : 'is now'} the one of ${json}`);
}

function main(): void {
  if (arg('child') === 'lookup') {
    lookupChildMain();
    return;
  }
  if (arg('readme') !== undefined) {
    writeReadmeTable(join(arg('out') || 'bench/results', 'latest.json'));
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
    ...(out ? { outDir: out } : only ? { outDir: 'bench/results/only' } : {}),
    ...(lookupRuns ? { lookupRuns: Number(lookupRuns) } : {}),
    ...(only ? { only: only.split(',') } : {}),
    log: (line) => console.log(line),
  });
  console.log(`wrote ${files.json} and ${files.markdown}`);
  // Only a full run of every group is the README's: a partial or smoke run never replaces it.
  if (arg('quick') === undefined && !only && !out) writeReadmeTable(files.json);
}

main();
