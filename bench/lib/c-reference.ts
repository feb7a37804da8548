/**
 * Builds and runs the C reference of the flow lookup (`bench/c/flow-lookup.c`, the same
 * algorithm as `FlowTable`: 4-slot buckets + chained overflow, lookup3 over the packed key)
 * on the same keys and query order as the JS variants, in the same process window, so that
 * every "x of C" figure is measured, never a constant.
 *
 * Guarantees: the compiler is the machine's own (`cc`, else `gcc`, else `clang`, the first that
 * answers `--version`), built once per process into a fresh temporary directory with
 * `-O2`; when there is none, `cReference()` says so (`available: false` with the reason) and
 * callers print no ratio; a C run that fails or finds a wrong answer is an Error, never a figure.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KeyColumns } from '../lookup/keys.js';

export const C_FLAGS = ['-O2', '-std=c11'] as const;

export type CReference =
  | { readonly available: true; readonly binary: string; readonly compiler: string }
  | { readonly available: false; readonly reason: string };

export interface CLookupFigures {
  /** ops/s of each repeat. */
  readonly hit: readonly number[];
  readonly miss: readonly number[];
  readonly hitBatch: readonly number[];
  readonly missBatch: readonly number[];
}

let built: CReference | undefined;

function source(): string {
  // Compiled JS lives in dist/bench/lib; the C source stays in bench/c of the repository.
  const here = fileURLToPath(new URL('.', import.meta.url));
  const candidates = [join(here, '../../../bench/c/flow-lookup.c'), join(here, '../c/flow-lookup.c')];
  return candidates.find((c) => existsSync(c)) ?? candidates[0]!;
}

/** The C reference binary, built on first use (or why there is none). */
export function cReference(): CReference {
  if (built !== undefined) return built;
  const compiler = ['cc', 'gcc', 'clang'].find((c) => spawnSync(c, ['--version'], { encoding: 'utf8' }).status === 0);
  if (compiler === undefined) {
    built = { available: false, reason: 'no C compiler on this machine (tried cc, gcc, clang): no C ratios in this run' };
    return built;
  }
  const dir = mkdtempSync(join(tmpdir(), 'vrsim-cref-'));
  const binary = join(dir, 'flow-lookup');
  const result = spawnSync(compiler, [...C_FLAGS, '-o', binary, source()], { encoding: 'utf8' });
  if (result.status !== 0) {
    built = { available: false, reason: `${compiler} failed to build bench/c/flow-lookup.c: ${result.stderr.trim().slice(0, 400)}` };
    return built;
  }
  const version = spawnSync(compiler, ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0]?.trim() ?? compiler;
  built = { available: true, binary, compiler: `${version} ${C_FLAGS.join(' ')}` };
  return built;
}

function appendColumns(words: number[], c: KeyColumns): void {
  for (const col of [c.proto, c.nh, c.sport, c.dport, c.s0, c.d0]) for (let i = 0; i < c.length; i++) words.push(col[i]!);
}

/**
 * Run the C lookup over a table of `entries` + `overflow` slots holding `live`, timing `hits`
 * and `misses` (which must have the same length) for at least `minSeconds` per repeat.
 */
export function runCLookup(
  ref: Extract<CReference, { available: true }>,
  table: { readonly entries: number; readonly overflow: number },
  inputs: { readonly live: KeyColumns; readonly hits: KeyColumns; readonly misses: KeyColumns },
  minSeconds: number,
  repeats: number,
): CLookupFigures {
  if (inputs.hits.length !== inputs.misses.length) throw new Error('C lookup: hits and misses must have the same length');
  const words: number[] = [0, table.entries, table.overflow, inputs.live.length, inputs.hits.length];
  appendColumns(words, inputs.live);
  appendColumns(words, inputs.hits);
  appendColumns(words, inputs.misses);
  const buffer = new Int32Array(words);
  new Uint8Array(buffer.buffer).set([0x56, 0x52, 0x46, 0x4b], 0); // "VRFK"
  const dir = mkdtempSync(join(tmpdir(), 'vrsim-cref-in-'));
  const file = join(dir, 'keys.bin');
  writeFileSync(file, new Uint8Array(buffer.buffer));
  const run = spawnSync(ref.binary, [file, String(minSeconds), String(repeats)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (run.status !== 0) throw new Error(`C lookup reference failed (${run.status}): ${run.stderr.trim()}`);
  const parsed = JSON.parse(run.stdout.trim()) as CLookupFigures & { live: number };
  if (parsed.live !== inputs.live.length) throw new Error('C lookup reference: live count mismatch');
  return parsed;
}
