/**
 * The README's performance table is the committed run's: the text between its markers must be
 * exactly what bench/lib/readme-table.ts renders from bench/results/latest.json, so the two can
 * never drift (after a bench run, `npm run bench -- --readme` rewrites it). Also: the reach-cli
 * rows render as targets with their baselines and shortfalls, a group that was not run leaves
 * its lines out, and a missed target says by how much.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { currentReadmeTable, readmeTable, replaceReadmeTable, shortfall, TABLE_BEGIN, TABLE_END } from '../../bench/lib/readme-table.js';
import type { RunReport } from '../../bench/lib/report.js';
import type { Row } from '../../bench/lib/results.js';
import { CLASSES_RSS, CLASSES_VARIANT, cpuVariant, PROJECTED_VARIANT, rssVariant, wallVariant } from '../../bench/reach-cli/reach-cli-bench.js';

const committed = JSON.parse(readFileSync('bench/results/latest.json', 'utf8')) as RunReport;
const readme = readFileSync('README.md', 'utf8');

describe("README.md's performance table", () => {
  it('is the table generated from the committed bench/results/latest.json (run `npm run bench -- --readme` after a bench run)', () => {
    expect(currentReadmeTable(readme)).toBe(readmeTable(committed));
  });

  it('sits under "## Performance", and only the text between the markers is replaced', () => {
    const section = readme.slice(readme.indexOf('## Performance\n'));
    expect(section.indexOf(TABLE_BEGIN)).toBeGreaterThan(0);
    expect(section.indexOf(TABLE_END)).toBeLessThan(section.indexOf('\n## ', 5));
    const replaced = replaceReadmeTable(readme, 'X');
    expect(replaced).toBe(readme.replace(`${TABLE_BEGIN}\n${currentReadmeTable(readme)}\n`, `${TABLE_BEGIN}\nX\n`));
    expect(() => replaceReadmeTable('# no markers\n', 'X')).toThrow(/no generated performance table/);
  });

  it('every missed target in the committed run says by how much', () => {
    for (const r of committed.rows.filter((x) => x.met === false)) expect(shortfall(r), `${r.benchmark} / ${r.variant}: ${r.target}`).toMatch(/^\d+\.\d\dx short$/);
    // Whatever the committed run measured: each missed target of the table's rows shows its shortfall.
    const table = readmeTable(committed);
    const missed = committed.rows.filter((x) => x.met === false && (x.group === 'setup' || x.group === 'lookup'));
    expect(missed.length).toBeGreaterThan(0);
    for (const r of missed) expect(table).toContain(shortfall(r));
    expect(table).toMatch(/\| flow setup, 10,000 pods × 1,000 policies, table 50 % full of live flows, ≥ 1,000,000 flows\/s \| \d+\.\d\d M flows\/s \(setup \+ delete cycle\) \|/);
  });

  it('renders the reach-cli rows (--workers 1 against 2, --classes against the projected full run); a group not run leaves its lines out', () => {
    const cli = 'reach CLI, 1000 pods (1000000 attempts, --port 80), output to a file';
    const cls = 'reach CLI --classes, 100 workloads x 100 replicas (10000 pods, 100000000 cells, --port 80), output to a file';
    const row = (benchmark: string, variant: string, value: number, extra: Partial<Row> = {}): Row => ({ group: 'reach-cli', benchmark, variant, value, unit: 'ms', ...extra });
    const rows: Row[] = [
      row(cli, wallVariant(1), 7170, { runs: [7100, 7170, 7400] }),
      row(cli, wallVariant(2), 4670, { runs: [4610, 4670, 4800], baseline: wallVariant(1), ratio: 7170 / 4670, target: '<= 3 s', met: false, note: 'output byte-identical to --workers 1 in all 6 runs (7063199 bytes)' }),
      row(cli, cpuVariant(1), 6810), row(cli, cpuVariant(2), 8510),
      row(cli, rssVariant(1), 166 * 2 ** 20, { unit: 'bytes' }), row(cli, rssVariant(2), 263 * 2 ** 20, { unit: 'bytes' }),
      row(cls, CLASSES_VARIANT, 9200, { runs: [8900, 9200, 9500], baseline: PROJECTED_VARIANT, ratio: 680_640 / 9200, target: '<= 10 s', met: true }),
      row(cls, PROJECTED_VARIANT, 680_640),
      row(cls, CLASSES_RSS, 292 * 2 ** 20, { unit: 'bytes' }),
    ];
    const table = readmeTable({ ...committed, rows, load: { start: [1.5, 1, 1], end: [2.25, 1, 1] } });
    expect(table.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| target'))).toEqual([
      '| `vrsim reach --workers 2` (the CLI, whole command, output to a file), 1,000 pods (1 M attempts), ≤ 3 s | 4.67 s (4.61-4.80 s, 3 runs), CPU 8.51 s, 263 MiB peak RSS; output byte-identical to --workers 1 in all 6 runs (7063199 bytes) | `--workers 1` 7.17 s (7.10-7.40 s, 3 runs), CPU 6.81 s, 166 MiB peak RSS → 1.5x the wall time | no (1.56x short) |',
      "| `vrsim reach --classes`, 100 workloads × 100 replicas (10,000 pods, 100 M cells, output to a file), ≤ 10 s | 9.20 s (8.90-9.50 s, 3 runs), 292 MiB peak RSS | the full reach projected from `--workers 1`'s attempts per CPU-second: 680.64 s → 74.0x | yes |",
    ]);
    expect(table).toContain('load average 1.5 at the start and 2.25 at the end.');
  });
});
