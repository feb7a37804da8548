/**
 * One run of the real `vrsim` command line in a child process, measured as a user would see
 * it: wall time from spawn to exit (node start-up, loading, wiring and printing included), and
 * the child's own user + system CPU time and peak RSS (all its threads: worker threads and GC
 * helpers included), with its stdout sent to a file.
 *
 * Guarantees: the CPU and RSS figures are the child's `process.resourceUsage()` read by a
 * preloaded hook (`-r`) as its main thread exits, never this process's; a child that exits
 * non-zero, is killed or writes no figures makes `runCli` throw with its stderr. The built CLI
 * is looked up next to this module in dist/ (or in the repository's dist/ when this module
 * runs from source, as under vitest); when it is missing, the error says to build first.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

export interface CliRun {
  readonly wallMs: number;
  /** User + system CPU time of the child, all threads. */
  readonly cpuMs: number;
  readonly peakRssBytes: number;
}

/** `dist/src/cli/main.js`: beside this module when it runs from dist/, else the repository's dist/. */
export function builtCli(): string {
  const beside = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
  if (existsSync(beside)) return beside;
  const fromSource = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));
  if (existsSync(fromSource)) return fromSource;
  throw new Error(`the reach-cli bench runs the built CLI, and neither ${beside} nor ${fromSource} exists: run \`npm run build\` first`);
}

/** The preloaded hook: on the main thread's exit, write this process's resource usage as JSON. */
const HOOK = `'use strict';
const { isMainThread } = require('node:worker_threads');
if (isMainThread) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    require('node:fs').writeFileSync(process.env.VRSIM_BENCH_USAGE, JSON.stringify({ user: u.userCPUTime, system: u.systemCPUTime, maxRSS: u.maxRSS }));
  });
}
`;

/** Runs the CLI in `dir` (a scratch directory this module writes its hook and figures into). */
export class CliRunner {
  private readonly hook: string;
  private readonly usage: string;
  private readonly cli: string;

  /** `cli`: the script to run as vrsim (default: the built CLI). */
  constructor(dir: string, cli?: string) {
    this.cli = cli ?? builtCli();
    this.hook = join(dir, 'usage-hook.cjs');
    this.usage = join(dir, 'usage.json');
    writeFileSync(this.hook, HOOK);
  }

  /** `vrsim <args>` with stdout written to `outFile`; throws on a non-zero exit. */
  run(args: readonly string[], outFile: string): CliRun {
    rmSync(this.usage, { force: true });
    const out = openSync(outFile, 'w');
    let child;
    const t0 = performance.now();
    try {
      child = spawnSync(process.execPath, ['-r', this.hook, this.cli, ...args], {
        stdio: ['ignore', out, 'pipe'], encoding: 'utf8', maxBuffer: 1 << 24,
        env: { ...process.env, VRSIM_BENCH_USAGE: this.usage },
      });
    } finally {
      closeSync(out);
    }
    const wallMs = performance.now() - t0;
    if (child.status !== 0) throw new Error(`vrsim ${args.join(' ')} failed (exit ${child.status}, signal ${child.signal}): ${child.stderr}`);
    if (!existsSync(this.usage)) throw new Error(`vrsim ${args.join(' ')} wrote no resource usage (hook ${this.hook})`);
    const u = JSON.parse(readFileSync(this.usage, 'utf8')) as { user: number; system: number; maxRSS: number };
    return { wallMs, cpuMs: (u.user + u.system) / 1000, peakRssBytes: u.maxRSS * 1024 };
  }
}
