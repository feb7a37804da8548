/**
 * Smoke test of the benchmark suite: the quick mode runs in-process and every benchmark
 * produces a finite figure (positive for throughputs, times and retained memory, which is
 * measured between forced collections even under vitest), and quick.json / quick.md are
 * written. Asserts nothing about speed. The reach-cli group spawns the built CLI (dist/, built
 * by `npm test`).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cReference } from '../../bench/lib/c-reference.js';
import { hasGc } from '../../bench/lib/memory.js';
import { runBenchmarks } from '../../bench/suite.js';

describe('benchmark suite (quick mode)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vrsim-bench-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('produces a figure for every benchmark and writes the reports', () => {
    const { rows, files } = runBenchmarks({ quick: true, outDir: dir });
    for (const group of ['lookup', 'setup', 'path', 'compile', 'reach', 'reach-cli']) {
      expect(rows.some((r) => r.group === group), group).toBe(true);
    }
    expect(hasGc(), 'memory figures are measured between forced collections').toBe(true);
    for (const r of rows) {
      expect(r.note ?? '', `${r.benchmark} / ${r.variant}`).not.toContain('rough');
      expect(Number.isFinite(r.value), `${r.benchmark} / ${r.variant}`).toBe(true);
      if (r.unit === 'bytes/entry' && r.benchmark.startsWith('memory')) expect(r.value).toBeGreaterThanOrEqual(0);
      else expect(r.value, `${r.benchmark} / ${r.variant}`).toBeGreaterThan(0);
    }
    if (cReference().available) {
      // "x of C" is measured in the same run, never a constant from elsewhere.
      const vsC = rows.filter((r) => r.benchmark.endsWith(', vs C'));
      expect(vsC.map((r) => r.benchmark)).toContain('hit, 2K flows, vs C');
      for (const r of vsC) expect(r.baseline, r.benchmark).toMatch(/^C reference/);
    }
    expect(rows.some((r) => (r.note ?? '').includes('not measured in this run'))).toBe(false);
    const json = JSON.parse(readFileSync(files.json, 'utf8')) as { rows: unknown[]; machine: { cpu: string } };
    expect(json.rows.length).toBe(rows.length);
    expect(json.machine.cpu.length).toBeGreaterThan(0);
    const md = readFileSync(files.markdown, 'utf8');
    expect(md).toContain('| benchmark | variant | figure |');
    expect(md).toContain('Machine:');
    expect(md).toContain('Load average (1, 5, 15 min):');
    // The --workers rows only exist when every output was byte-identical (else the bench throws).
    const workers2 = rows.find((r) => r.group === 'reach-cli' && r.variant.startsWith('--workers 2, wall'));
    expect(workers2?.note).toMatch(/^output byte-identical to --workers 1 in all 2 runs \(\d+ bytes\)$/);
  }, 120_000);
});
