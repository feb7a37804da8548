/**
 * What must hold for every input the fuzzing suite feeds the CLI (issue 9 §4): no internal
 * error (exit 70, "internal error", a stack frame), an exit code among the documented 0, 1
 * and 2, every diagnostic line naming its file and line (`file:line: ...`; `file: ...` only
 * for the problems of a whole file: empty, unreadable, too big, too many objects), usage
 * errors as `vrsim: ...`, output within a bound, and a run within a bound of wall time.
 */
import { expect } from 'vitest';
import type { CliRun } from '../support/cli.js';

/** Most bytes of stdout plus stderr for one fuzzed run (the largest fixture's reach is far below). */
export const MAX_OUTPUT_BYTES = 2 * 1024 * 1024;
/** Longest wall time of one fuzzed run: far above any fixture (a bound, not a benchmark: the CI machine is shared). */
export const MAX_RUN_MS = 20_000;

/** Whole-file problems, which have no line to name. */
const WHOLE_FILE = /^(no objects in this file|cannot read manifest|more than \d+ objects|not a text file)/;

export interface RunContext {
  /** The input files as the CLI names them in diagnostics. */
  readonly files: readonly string[];
  /** Whether `vrsim: ...` lines (flag and usage errors, not located in a file) are expected. */
  readonly usageErrors: boolean;
  /** Whether diagnostics may also name other manifest files (a scenario's includes). */
  readonly includes?: boolean;
  readonly elapsedMs: number;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Asserts the invariants; returns a short label of the outcome for the suite's statistics. */
export function expectWellBehaved(run: CliRun, context: RunContext): string {
  const shown = `exit ${run.code}\n--- stderr ---\n${run.err.slice(0, 2000)}`;
  expect(run.err, shown).not.toMatch(/internal error/i);
  expect(`${run.err}\n${run.out}`, shown).not.toMatch(/^\s+at .+[:(]\d+:\d+\)?$/m);
  expect([0, 1, 2], shown).toContain(run.code);
  expect(Buffer.byteLength(run.out) + Buffer.byteLength(run.err), shown).toBeLessThan(MAX_OUTPUT_BYTES);
  expect(context.elapsedMs, shown).toBeLessThan(MAX_RUN_MS);
  const files = [...context.files.map(escape), ...(context.includes === true ? ['[^\\s:]+\\.(?:ya?ml|json)'] : [])].join('|');
  const located = new RegExp(`^(${files}):(\\d+): `);
  // A path the command line named (any, with includes: a missing `--after json` is `json: cannot read manifest: ...`).
  const wholeFile = context.includes === true ? /^([^:\s]+): (.*)$/ : new RegExp(`^(${files}): (.*)$`);
  let usageLine = false;
  for (const line of run.err.split('\n')) {
    if (line === '') continue;
    // A usage error may explain itself on the lines after `vrsim: ...` (yargs' "Missing required arguments" and its hints).
    if (usageLine && !located.test(line) && !line.startsWith('vrsim: ')) continue;
    // `# ...`: a command's own commentary on a successful run (flows' per-connection outcome and
    // its mid-teardown note), never an error: allowed only when the command succeeded.
    if (run.code === 0 && line.startsWith('# ')) continue;
    if (line.startsWith('{"level":')) {
      // `--log`: one JSON object a line.
      expect(() => JSON.parse(line), line).not.toThrow();
      continue;
    }
    const at = located.exec(line);
    if (at !== null) {
      expect(Number(at[2]), `${line}\n${shown}`).toBeGreaterThan(0);
      continue;
    }
    if (context.usageErrors && line.startsWith('vrsim: ')) {
      usageLine = true;
      continue;
    }
    const whole = wholeFile.exec(line);
    if (whole !== null) {
      expect(whole[2], `a file's problem without a line: ${line}\n${shown}`).toMatch(WHOLE_FILE);
      continue;
    }
    // A lone continuation line is a bug of its own: every message names where it comes from.
    expect.fail(`a stderr line that names no file and line: ${JSON.stringify(line)}\n${shown}`);
  }
  if (run.code !== 0 && run.err === '' && run.out === '') expect.fail(`exit ${run.code} without a word`);
  return run.code === 0 ? 'ok' : run.err.split('\n')[0]!.replace(/:\d+:/, ':N:').slice(0, 60);
}
