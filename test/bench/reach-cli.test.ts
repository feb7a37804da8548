/**
 * The reach-cli benchmark refuses figures for outputs that differ: when `--workers 2` prints
 * other bytes than `--workers 1`, it throws instead of reporting rows, and it says which run
 * differed. A stand-in CLI (a script that prints its `--workers` value) plays vrsim; the real
 * CLI is run by the quick suite in smoke.test.ts.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { QUICK_REACH_CLI, runReachCliBench } from '../../bench/reach-cli/reach-cli-bench.js';

describe('reach-cli benchmark', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vrsim-reach-cli-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const standIn = (name: string, body: string): string => {
    const file = join(dir, name);
    writeFileSync(file, body);
    return file;
  };

  it('throws, naming the run, when --workers 2 prints other bytes than --workers 1', () => {
    const cli = standIn('differs.cjs', "const a = process.argv; process.stdout.write('cells ' + (a.includes('--workers') ? a[a.indexOf('--workers') + 1] : 'classes') + '\\n');\n");
    let message = '';
    try {
      runReachCliBench(QUICK_REACH_CLI, () => undefined, cli);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^reach-cli: --workers 2 printed 8 bytes that differ from the first run's 8 \(30 pods, repetition 1\); outputs in (\S+)$/);
    // The outputs are kept for a look: there they are.
    const kept = /outputs in (\S+)$/.exec(message)![1]!;
    expect(readFileSync(join(kept, 'reach-workers-2.out'), 'utf8')).toBe('cells 2\n');
    rmSync(kept, { recursive: true, force: true });
  });

  it('reports the child\'s own CPU time and peak RSS, and a met target only at the full size', () => {
    // The stand-in burns about 300 ms of CPU and holds about 64 MiB, the same bytes for any --workers.
    const cli = standIn('same.cjs', "const t = Date.now(); while (Date.now() - t < 300); const b = Buffer.alloc(64 << 20, 1); process.stdout.write('same ' + b[5] + '\\n');\n");
    const rows = runReachCliBench(QUICK_REACH_CLI, () => undefined, cli);
    const row = (variant: string) => rows.find((r) => r.variant === variant)!;
    expect(row('--workers 2, wall time (whole command)').note).toBe('output byte-identical to --workers 1 in all 2 runs (7 bytes)');
    expect(row('--workers 1, CPU user+sys (all threads)').value).toBeGreaterThanOrEqual(250);
    expect(row('--workers 1, peak RSS').value).toBeGreaterThan(64 * 2 ** 20);
    expect(rows.some((r) => r.target !== undefined)).toBe(false);
  });
});
