/**
 * Benchmark 6: the real `vrsim reach` command line (`node dist/src/cli/main.js reach -f
 * <manifests> --port 80`), each run its own child process with stdout to a file, on manifests
 * from `gen/manifest-gen.ts`:
 * - `--workers 1` against `--workers 2` on the same pods, alternated (A B, B A, ...), medians
 *   with min-max of wall time, CPU (user + system, all threads) and peak RSS; the issue's
 *   target "1,000 pods <= 3 s" on the `--workers 2` wall row;
 * - `--classes` on Deployments x replicas (target "<= 10 s" at 100 x 100), against the full run
 *   of the same cells projected from the `--workers 1` attempts per second of this run.
 *
 * Guarantees: every output of the workers comparison is compared byte for byte with the
 * first `--workers 1` output, and any difference makes the benchmark throw (no figures are
 * reported for outputs that differ); the scratch directory is removed after a successful run
 * (after a failure it is kept, and named in the error, for a look at the outputs).
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateManifests, generateWorkloadManifests } from '../gen/manifest-gen.js';
import { median, type Row, type Unit } from '../lib/results.js';
import { CliRunner, type CliRun } from './cli-process.js';

export interface ReachCliSizes {
  /** Pods of the `--workers` comparison (one TCP port: pods^2 attempts). */
  readonly pods: number;
  readonly repetitions: number;
  readonly classes: { readonly workloads: number; readonly replicas: number; readonly repetitions: number };
}

export const FULL_REACH_CLI: ReachCliSizes = { pods: 1000, repetitions: 3, classes: { workloads: 100, replicas: 100, repetitions: 3 } };
export const QUICK_REACH_CLI: ReachCliSizes = { pods: 30, repetitions: 1, classes: { workloads: 4, replicas: 5, repetitions: 1 } };

const WORKERS = [1, 2] as const;
export const wallVariant = (w: number) => `--workers ${w}, wall time (whole command)`;
export const cpuVariant = (w: number) => `--workers ${w}, CPU user+sys (all threads)`;
export const rssVariant = (w: number) => `--workers ${w}, peak RSS`;

const runsText = (n: number): string => `${n} run${n === 1 ? '' : 's'}`;

/** A row of the median of `runs`, with the per-run figures. */
function medianRow(group: string, benchmark: string, variant: string, runs: readonly number[], unit: Unit, extra: Partial<Row> = {}): Row {
  return { group, benchmark, variant, value: median(runs), unit, runs: [...runs], ...extra };
}

function workersRows(runner: CliRunner, dir: string, sizes: ReachCliSizes, log: (l: string) => void): { rows: Row[]; attemptsPerCpuSecond: number } {
  const manifests = join(dir, `pods-${sizes.pods}.yaml`);
  writeFileSync(manifests, generateManifests({ pods: sizes.pods }));
  const runs = new Map<number, CliRun[]>(WORKERS.map((w) => [w, []]));
  let reference: Buffer | undefined;
  for (let rep = 0; rep < sizes.repetitions; rep++) {
    const order = rep % 2 === 0 ? WORKERS : [...WORKERS].reverse();
    for (const w of order) {
      const out = join(dir, `reach-workers-${w}.out`);
      const run = runner.run(['reach', '-f', manifests, '--port', '80', '--workers', String(w)], out);
      const bytes = readFileSync(out);
      if (reference === undefined) reference = bytes;
      else if (!bytes.equals(reference)) {
        throw new Error(`reach-cli: --workers ${w} printed ${bytes.length} bytes that differ from the first run's ${reference.length} (${sizes.pods} pods, repetition ${rep + 1}); outputs in ${dir}`);
      }
      runs.get(w)!.push(run);
      log(`  reach CLI ${sizes.pods} pods --workers ${w}: ${(run.wallMs / 1000).toFixed(2)} s wall, ${(run.cpuMs / 1000).toFixed(2)} s CPU, ${(run.peakRssBytes / 1048576).toFixed(0)} MiB`);
    }
  }
  const attempts = sizes.pods * sizes.pods;
  const benchmark = `reach CLI, ${sizes.pods} pods (${attempts} attempts, --port 80), output to a file`;
  const identical = `output byte-identical to --workers 1 in all ${sizes.repetitions * WORKERS.length} runs (${reference!.length} bytes)`;
  const rows: Row[] = [];
  for (const w of WORKERS) {
    const r = runs.get(w)!;
    const base = w === 1 ? {} : { baseline: wallVariant(1) };
    const target = w === 1 || sizes.pods < 1000 ? {} : { target: '<= 3 s', met: median(r.map((x) => x.wallMs)) <= 3000 };
    const note = w === 1 ? `${runsText(sizes.repetitions)} each, alternated with --workers 2` : identical;
    rows.push(medianRow('reach-cli', benchmark, wallVariant(w), r.map((x) => x.wallMs), 'ms', { ...base, ...target, note }));
  }
  for (const w of WORKERS) {
    rows.push(medianRow('reach-cli', benchmark, cpuVariant(w), runs.get(w)!.map((x) => x.cpuMs), 'ms', w === 1 ? {} : { baseline: cpuVariant(1) }));
  }
  for (const w of WORKERS) {
    rows.push(medianRow('reach-cli', benchmark, rssVariant(w), runs.get(w)!.map((x) => x.peakRssBytes), 'bytes', w === 1 ? {} : { baseline: rssVariant(1) }));
  }
  const cpu1 = median(runs.get(1)!.map((x) => x.cpuMs));
  return { rows, attemptsPerCpuSecond: attempts / (cpu1 / 1000) };
}

export const CLASSES_VARIANT = '--classes, wall time (whole command)';
export const CLASSES_RSS = '--classes, peak RSS';
export const PROJECTED_VARIANT = 'full reach, projected from --workers 1 attempts per CPU-second in this run';

function classesRows(runner: CliRunner, dir: string, sizes: ReachCliSizes, attemptsPerCpuSecond: number, log: (l: string) => void): Row[] {
  const { workloads, replicas, repetitions } = sizes.classes;
  const manifests = join(dir, `workloads-${workloads}x${replicas}.yaml`);
  writeFileSync(manifests, generateWorkloadManifests({ workloads, replicas }));
  const out = join(dir, 'reach-classes.out');
  const runs: CliRun[] = [];
  let bytes = 0;
  for (let rep = 0; rep < repetitions; rep++) {
    const run = runner.run(['reach', '-f', manifests, '--port', '80', '--classes'], out);
    bytes = statSync(out).size;
    rmSync(out, { force: true });
    runs.push(run);
    log(`  reach CLI --classes ${workloads}x${replicas}: ${(run.wallMs / 1000).toFixed(2)} s wall, ${(run.peakRssBytes / 1048576).toFixed(0)} MiB, ${(bytes / 1e6).toFixed(0)} MB written`);
  }
  const pods = workloads * replicas;
  const cells = pods * pods;
  const benchmark = `reach CLI --classes, ${workloads} workloads x ${replicas} replicas (${pods} pods, ${cells} cells, --port 80), output to a file`;
  const wall = runs.map((x) => x.wallMs);
  const big = workloads >= 100 && replicas >= 100;
  return [
    medianRow('reach-cli', benchmark, CLASSES_VARIANT, wall, 'ms', {
      baseline: PROJECTED_VARIANT,
      ...(big ? { target: '<= 10 s', met: median(wall) <= 10_000 } : {}),
      note: `${runsText(repetitions)}; ${(bytes / 1e6).toFixed(1)} MB of output written to a file per run`,
    }),
    { group: 'reach-cli', benchmark, variant: PROJECTED_VARIANT, value: (cells / attemptsPerCpuSecond) * 1000, unit: 'ms',
      note: `${cells} attempts at ${(attemptsPerCpuSecond / 1000).toFixed(0)} K attempts per CPU-second (the --workers 1 row); an estimate, not a run (the cost per attempt grows with the cluster, so it is low)` },
    medianRow('reach-cli', benchmark, '--classes, CPU user+sys (all threads)', runs.map((x) => x.cpuMs), 'ms'),
    medianRow('reach-cli', benchmark, CLASSES_RSS, runs.map((x) => x.peakRssBytes), 'bytes'),
  ];
}

/** `cli`: the script run as vrsim (default: the built CLI; tests give a stand-in). */
export function runReachCliBench(sizes: ReachCliSizes, log: (l: string) => void, cli?: string): Row[] {
  const dir = mkdtempSync(join(tmpdir(), 'vrsim-bench-reach-cli-'));
  const runner = new CliRunner(dir, cli);
  const workers = workersRows(runner, dir, sizes, log);
  const rows = [...workers.rows, ...classesRows(runner, dir, sizes, workers.attemptsPerCpuSecond, log)];
  // Only on success: a failed comparison leaves its outputs there for a look.
  rmSync(dir, { recursive: true, force: true });
  return rows;
}
