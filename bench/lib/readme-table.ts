/**
 * The README's performance table, rendered from a benchmark report (bench/results/latest.json):
 * a paragraph saying when, where and how long the run was, then one line per target or figure
 * the README quotes (target, measured, baseline in the same run, met?), written between two
 * HTML comment markers in README.md by `replaceReadmeTable`.
 *
 * Guarantees: a pure function of the report (the same report gives the same bytes); every
 * figure, ratio, target and "met?" comes from the report's rows (a shortfall is computed from
 * the row's target text and figure), never from text kept here; a line whose rows the report
 * lacks (a group not run, no C compiler) is left out rather than filled in.
 */
import { SETUP_BASELINE, SETUP_DECISION, SETUP_DECISION_ROWS, SETUP_TABLE_PATH, SETUP_VARIANT } from '../setup/setup-bench.js';
import { PATH_NAIVE_EST, PATH_VARIANT, PATH_VARIANT_LOOP } from '../path/path-bench.js';
import { CHANGE_BASELINE, CHANGE_VARIANT } from '../setup/change-bench.js';
import { VARIANT_C, VARIANT_C_BATCH, VARIANT_NAIVE, VARIANT_TABLE, VARIANT_TABLE_BATCH, VARIANT_TABLE_COLUMNS } from '../lookup/lookup-bench.js';
import { CLASSES_RSS, CLASSES_VARIANT, cpuVariant, PROJECTED_VARIANT, rssVariant, wallVariant } from '../reach-cli/reach-cli-bench.js';
import type { RunReport } from './report.js';
import type { Row } from './results.js';

export const TABLE_BEGIN = '<!-- performance table: generated from bench/results/latest.json by `npm run bench -- --readme` (bench/lib/readme-table.ts); edit those, not this -->';
export const TABLE_END = '<!-- end of the generated performance table -->';

interface Line { readonly target: string; readonly measured: string; readonly baseline: string; readonly met: string }

const thousands = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const mps = (v: number): string => `${(v / 1e6).toFixed(v < 1e5 ? 3 : 2)} M/s`;
const times = (ratio: number | undefined): string => (ratio === undefined ? '?' : `${ratio.toFixed(ratio < 1 ? 2 : 1)}x`);
const secs = (ms: number): string => (ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(2)} s`);
const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(bytes < 100 * 2 ** 20 ? 1 : 0)} MiB`;
/** The row's target as the README shows it: ≥ / ≤, and `Map<string>` in code (markdown would take `<string>` for a tag). */
const targetText = (r: Row): string => (r.target ?? '').replace(/>=/g, '≥').replace(/<=/g, '≤').replace(/(\S*<[^>]*>)/g, '`$1`');
const withTarget = (label: string, r: Row, separator = ', '): string => (r.target === undefined ? label : `${label}${separator}${targetText(r)}`);
/** `1000000` -> `1 M`, else with thousands separators. */
const count = (n: number): string => (n >= 1e6 && n % 1e6 === 0 ? `${n / 1e6} M` : thousands(n));

/** `min-max` of a median row's runs, in seconds or ms. */
function spread(r: Row): string {
  if (r.runs === undefined || r.runs.length < 2) return '';
  const lo = Math.min(...r.runs);
  const hi = Math.max(...r.runs);
  const range = hi < 1000 ? `${lo.toFixed(0)}-${hi.toFixed(0)} ms` : `${(lo / 1000).toFixed(2)}-${(hi / 1000).toFixed(2)} s`;
  return ` (${range}, ${r.runs.length} runs)`;
}

/** How far a row misses its target, from the target text (`>= 1.5 M packets/s`, `>= 0.5x of C`, `<= 10 s`, ...). */
export function shortfall(r: Row): string | undefined {
  const m = /^(>=|<=)\s*([\d.,]+)\s*(x|M|K|ms|s|GiB|MiB|B)?/.exec(r.target ?? '');
  if (m === null) return undefined;
  const scale: Record<string, number> = { M: 1e6, K: 1e3, s: 1000, ms: 1, GiB: 2 ** 30, MiB: 2 ** 20, B: 1 };
  const threshold = Number(m[2]!.replace(/,/g, '')) * (m[3] === undefined || m[3] === 'x' ? 1 : scale[m[3]]!);
  const actual = m[3] === 'x' ? r.ratio : r.value;
  if (actual === undefined || actual <= 0) return undefined;
  return `${(m[1] === '>=' ? threshold / actual : actual / threshold).toFixed(2)}x short`;
}

/**
 * "met?" of the rows that carry a target: yes when all are met, else no with each shortfall
 * (named by its label when several rows are judged together).
 */
function metOf(...rows: (Row | undefined | readonly [string, Row | undefined])[]): string {
  const judged = rows
    .map((r) => (r !== undefined && 'group' in r ? (['', r] as const) : r))
    .filter((e): e is readonly [string, Row] => e !== undefined && e[1] !== undefined && e[1].met !== undefined);
  if (judged.length === 0) return '';
  const missed = judged.filter(([, r]) => r.met === false);
  if (missed.length === 0) return 'yes';
  const by = missed.map(([label, r]) => { const s = shortfall(r); return s === undefined ? undefined : label === '' ? s : `${label}: ${s}`; })
    .filter((s): s is string => s !== undefined);
  return by.length === 0 ? 'no' : `no (${by.join('; ')})`;
}

class Rows {
  constructor(private readonly rows: readonly Row[]) {}
  find(group: string, benchmark: string | RegExp, variant: string): Row | undefined {
    return this.rows.find((r) => r.group === group && r.variant === variant && (typeof benchmark === 'string' ? r.benchmark === benchmark : benchmark.test(r.benchmark)));
  }
  /** The rows of a group and variant whose benchmark matches `pattern`, largest first by the number the pattern captures. */
  sized(group: string, variant: string, pattern: RegExp): { row: Row; match: RegExpExecArray }[] {
    const out: { row: Row; match: RegExpExecArray }[] = [];
    for (const row of this.rows) {
      const match = row.group === group && row.variant === variant ? pattern.exec(row.benchmark) : null;
      if (match !== null) out.push({ row, match });
    }
    return out.sort((a, b) => Number(b.match[1]) - Number(a.match[1]));
  }
}

function lookupLines(rows: Rows): Line[] {
  const biggest = rows.sized('lookup', VARIANT_TABLE, /^hit, (\d+)([KM]) flows$/)
    .sort((a, b) => Number(b.match[1]) * (b.match[2] === 'M' ? 1024 : 1) - Number(a.match[1]) * (a.match[2] === 'M' ? 1024 : 1))[0];
  if (biggest === undefined) return [];
  const size = `${biggest.match[1]}${biggest.match[2]}`;
  const hit = `hit, ${size} flows`;
  const miss = `miss, ${size} flows`;
  const lines: Line[] = [];
  const c = rows.find('lookup', hit, VARIANT_C);
  const vsC = rows.find('lookup', `${hit}, vs C`, VARIANT_TABLE);
  // Batched: from key columns, as the C reference reads its keys; `lookupBatch` over FlowKey objects beside it.
  const vsCBatch = rows.find('lookup', `${hit}, vs C`, VARIANT_TABLE_COLUMNS);
  const vsCBatchObjects = rows.find('lookup', `${hit}, vs C`, VARIANT_TABLE_BATCH);
  const cBatch = rows.find('lookup', hit, VARIANT_C_BATCH);
  if (c !== undefined && vsC !== undefined) {
    lines.push({
      target: withTarget(`lookup hits at ${size} flows vs C (\`bench/c/flow-lookup.c\`: same algorithm, keys and order; ${(c.note ?? 'C').replace(/\s*\([^)]*\)/, '')}), single`, vsC, ' '),
      measured: `${mps(vsC.value)} = **${times(vsC.ratio)}** of C's ${mps(c.value)}`, baseline: 'C reference', met: metOf(vsC),
    });
  } else {
    lines.push({ target: `lookup hits at ${size} flows vs C`, measured: 'not measured: no C compiler in this run', baseline: '', met: '' });
  }
  if (vsCBatch !== undefined && cBatch !== undefined) {
    lines.push({
      target: withTarget('… batched', vsCBatch, ' '),
      measured: `\`lookupBatchInet4\` (key columns) ${mps(vsCBatch.value)} = **${times(vsCBatch.ratio)}** of C with prefetch (${mps(cBatch.value)})` +
        (vsCBatchObjects === undefined ? '' : `; \`lookupBatch\` (FlowKey objects) ${times(vsCBatchObjects.ratio)}`),
      baseline: 'C reference', met: metOf(vsCBatch),
    });
  }
  const missVsC = rows.find('lookup', `${miss}, vs C`, VARIANT_TABLE);
  const missC = rows.find('lookup', miss, VARIANT_C);
  const missBatch = rows.find('lookup', `${miss}, vs C`, VARIANT_TABLE_COLUMNS);
  if (missVsC !== undefined && missC !== undefined) {
    lines.push({
      target: `misses at ${size} vs C`,
      measured: `${mps(missVsC.value)} = ${times(missVsC.ratio)} (C ${mps(missC.value)})${missBatch === undefined ? '' : `; batched ${times(missBatch.ratio)}`}`,
      baseline: 'C reference', met: '',
    });
  }
  const naive = rows.find('lookup', hit, VARIANT_NAIVE);
  if (naive !== undefined) {
    lines.push({
      target: withTarget(`lookup hits at ${size} flows`, biggest.row), measured: mps(biggest.row.value),
      baseline: `\`Map<string>\` ${mps(naive.value)} → ${times(biggest.row.ratio)}`, met: metOf(biggest.row),
    });
  }
  const slot = rows.find('lookup', 'bytes per slot (bytesPerEntry)', `${VARIANT_TABLE}, ${size} flows`);
  const live = rows.find('lookup', `memory per live flow, ${size} flows`, VARIANT_TABLE);
  const liveNaive = rows.find('lookup', `memory per live flow, ${size} flows`, VARIANT_NAIVE);
  if (slot !== undefined && live !== undefined && liveNaive !== undefined) {
    lines.push({
      target: withTarget(`flow table memory at ${size} flows, per slot`, slot),
      measured: `${slot.value.toFixed(1)} B per slot; ${live.value.toFixed(0)} B per live flow`,
      baseline: `\`Map<string>\` ${liveNaive.value.toFixed(0)} B per live flow → ${times(live.ratio)}`, met: metOf(slot),
    });
  }
  return lines;
}

const SETUP_SIZE = /^setup, (\d+) pods, (\d+) policies, table (\d+)% full$/;

function setupLines(rows: Rows): Line[] {
  const all = rows.sized('setup', SETUP_VARIANT, SETUP_SIZE);
  if (all.length === 0) return [];
  const pods = all[0]!.match[1]!;
  const policies = all[0]!.match[2]!;
  const sizes = all.filter((s) => s.match[1] === pods && s.match[2] === policies).sort((a, b) => Number(a.match[3]) - Number(b.match[3]));
  const loads = sizes.map((s) => s.match[3]!);
  const lines: Line[] = sizes.map(({ row, match }, i) => {
    const base = rows.find('setup', row.benchmark, SETUP_BASELINE);
    return {
      target: withTarget(i === 0 ? `flow setup, ${thousands(Number(pods))} pods × ${thousands(Number(policies))} policies, table ${match[3]} % full of live flows` : `… table ${match[3]} % full`, row),
      measured: `${mps(row.value).replace('M/s', 'M flows/s')}${i === 0 ? ' (setup + delete cycle)' : ''}`,
      baseline: `naive setup path${i === 0 ? ' (`Map<string>` table + naive policy walk)' : ''} ${base === undefined ? '?' : mps(base.value)} → ${times(row.ratio)}`,
      met: metOf(row),
    };
  });
  const of = (variant: string) => sizes.map((s) => rows.find('setup', s.row.benchmark, variant));
  const tablePath = of(SETUP_TABLE_PATH);
  if (tablePath.every((r) => r !== undefined)) {
    lines.push({
      target: '… the table path alone (a free decision)', measured: tablePath.map((r, i) => `${mps(r!.value)} (${loads[i]} %)`).join(', '),
      baseline: `naive setup path → ${tablePath.map((r) => times(r!.ratio)).join(' / ')}`, met: '',
    });
  }
  const verdictRows = of(SETUP_DECISION_ROWS);
  const ruleWalk = of(SETUP_DECISION);
  if (verdictRows.every((r) => r !== undefined) && ruleWalk.every((r) => r !== undefined)) {
    lines.push({
      target: 'the decision alone: verdict rows (`policy/verdict-rows.ts`)', measured: verdictRows.map((r, i) => `${mps(r!.value)} (${loads[i]} %)`).join(', '),
      baseline: `the rule walk \`allowsBetween\` ${ruleWalk.map((r) => (r!.value / 1e6).toFixed(2)).join(' / ')} M/s → ${verdictRows.map((r) => times(r!.ratio)).join(' / ')}`, met: '',
    });
  }
  const change = rows.sized('setup', CHANGE_VARIANT, CHANGE_SIZE).find((c) => c.match[1] === pods);
  const rebuilt = change === undefined ? undefined : rows.find('setup', change.row.benchmark, CHANGE_BASELINE);
  if (change !== undefined && rebuilt !== undefined) {
    lines.push({
      target: `decisions after a change (one policy's rules replaced), verdict rows carried over (\`policy/verdict-row-carry.ts\`), ${thousands(Number(change.match[3]))} decisions`,
      measured: `${(change.row.value / 1e3).toFixed(1)} K decisions/s`,
      baseline: `rows rebuilt ${(rebuilt.value / 1e3).toFixed(1)} K/s → ${times(change.row.ratio)}`, met: '',
    });
  }
  return lines;
}

const CHANGE_SIZE = /^decisions after a change \(one policy's rules replaced\), (\d+) pods, (\d+) policies, (\d+) decisions$/;

function pathLines(rows: Rows): Line[] {
  const same = rows.sized('path', PATH_VARIANT, /^established TCP, same node, (\d+) flows$/)[0];
  if (same === undefined) return [];
  const flows = same.match[1]!;
  const across = `established TCP, across nodes, ${flows} flows`;
  const sameLoop = rows.find('path', same.row.benchmark, PATH_VARIANT_LOOP);
  const acrossDrain = rows.find('path', across, PATH_VARIANT);
  const acrossLoop = rows.find('path', across, PATH_VARIANT_LOOP);
  if (sameLoop === undefined || acrossDrain === undefined || acrossLoop === undefined) return [];
  const pps = (r: Row) => mps(r.value).replace(' M/s', ' M');
  const passes = /: ([\d.]+ M) passes\/s/.exec(acrossDrain.note ?? '')?.[1];
  const label = Number(flows) >= 1024 && Number(flows) % 1024 === 0 ? `${Number(flows) / 1024}K` : flows;
  const naiveSame = rows.find('path', same.row.benchmark, PATH_NAIVE_EST);
  const naiveAcross = rows.find('path', across, PATH_NAIVE_EST);
  return [{
    target: withTarget(`whole path, ${label} established flows`, same.row),
    measured: `same node ${pps(same.row)} pps (drain), ${pps(sameLoop)} (real EventLoop); across nodes ${pps(acrossDrain)} pps${passes === undefined ? '' : ` = ${passes} vRouter passes/s`} (drain), ${pps(acrossLoop)} (EventLoop)`,
    baseline: naiveSame === undefined || naiveAcross === undefined ? '' : `${times(same.row.ratio)} / ${times(acrossDrain.ratio)} the same path with a \`Map<string>\` lookup (estimated)`,
    met: metOf(['same node, drain', same.row], ['same node, EventLoop', sameLoop], ['across nodes, drain', acrossDrain], ['across nodes, EventLoop', acrossLoop]),
  }];
}

function reachLines(rows: Rows): Line[] {
  const lines: Line[] = [];
  const sizes = rows.sized('reach', 'wall time', /^reach, (\d+) pods \((\d+) pairs/);
  if (sizes.length > 0) {
    const big = sizes[0]!;
    const small = sizes.at(-1)!;
    const rss = rows.find('reach', big.row.benchmark, 'peak RSS (child)');
    lines.push({
      target: withTarget(`\`vrsim reach\` (ClusterSim.reach), ${thousands(Number(big.match[1]))} pods (${count(Number(big.match[2]))} real attempts)`, big.row),
      measured: `${secs(big.row.value)}${rss === undefined ? '' : `, ${mib(rss.value)} peak RSS`}`,
      baseline: small === big ? '' : `${small.match[1]} pods: ${secs(small.row.value)}`, met: metOf(['wall', big.row], ['RSS', rss]),
    });
  }
  const w2 = rows.sized('reach-cli', wallVariant(2), /^reach CLI, (\d+) pods \((\d+) attempts/)[0];
  const w1 = w2 === undefined ? undefined : rows.find('reach-cli', w2.row.benchmark, wallVariant(1));
  if (w2 !== undefined && w1 !== undefined) {
    const b = w2.row.benchmark;
    const cpu = (w: number) => rows.find('reach-cli', b, cpuVariant(w));
    const rss = (w: number) => rows.find('reach-cli', b, rssVariant(w));
    const extra = (w: number) => `${cpu(w) === undefined ? '' : `, CPU ${secs(cpu(w)!.value)}`}${rss(w) === undefined ? '' : `, ${mib(rss(w)!.value)} peak RSS`}`;
    lines.push({
      target: withTarget(`\`vrsim reach --workers 2\` (the CLI, whole command, output to a file), ${thousands(Number(w2.match[1]))} pods (${count(Number(w2.match[2]))} attempts)`, w2.row),
      measured: `${secs(w2.row.value)}${spread(w2.row)}${extra(2)}; ${w2.row.note ?? ''}`,
      baseline: `\`--workers 1\` ${secs(w1.value)}${spread(w1)}${extra(1)} → ${times(w2.row.ratio)} the wall time`, met: metOf(w2.row),
    });
  }
  const cls = rows.sized('reach-cli', CLASSES_VARIANT, /^reach CLI --classes, (\d+) workloads x (\d+) replicas \((\d+) pods, (\d+) cells/)[0];
  if (cls !== undefined) {
    const projected = rows.find('reach-cli', cls.row.benchmark, PROJECTED_VARIANT);
    const rss = rows.find('reach-cli', cls.row.benchmark, CLASSES_RSS);
    lines.push({
      target: withTarget(`\`vrsim reach --classes\`, ${cls.match[1]} workloads × ${cls.match[2]} replicas (${thousands(Number(cls.match[3]))} pods, ${count(Number(cls.match[4]))} cells, output to a file)`, cls.row),
      measured: `${secs(cls.row.value)}${spread(cls.row)}${rss === undefined ? '' : `, ${mib(rss.value)} peak RSS`}`,
      baseline: projected === undefined ? '' : `the full reach projected from \`--workers 1\`'s attempts per CPU-second: ${secs(projected.value)} → ${times(cls.row.ratio)}`,
      met: metOf(cls.row),
    });
  }
  return lines;
}

function compileLines(rows: Rows): Line[] {
  const big = rows.sized('compile', 'compilePolicies time', /^compile, (\d+) pods, (\d+) policies$/)[0];
  if (big === undefined) return [];
  const mem = rows.find('compile', big.row.benchmark, 'compiled policies, retained memory');
  return [{
    target: `policy compile, ${thousands(Number(big.match[1]))} pods × ${thousands(Number(big.match[2]))} policies`,
    measured: `${secs(big.row.value)}${mem === undefined ? '' : `, ${mib(mem.value)}`}`, baseline: '', met: '',
  }];
}

function intro(report: RunReport): string {
  const started = new Date(Math.round(Date.parse(report.startedAt) / 60_000) * 60_000).toISOString();
  const m = report.machine;
  const load = report.load === undefined ? '' : `, load average ${report.load.start[0]} at the start and ${report.load.end[0]} at the end`;
  return [
    `Measured with \`npm run bench\` (benchmark.js, every figure against a baseline in the same run; ${report.durationSeconds.toFixed(0)} s)`,
    `${report.mode === 'quick' ? ' (a quick smoke run: the figures mean nothing)' : ''} on ${started.slice(0, 10)} at ${started.slice(11, 16)} UTC,`,
    ` on the machine line the suite reads itself: ${m.cpu}, ${m.cpus} vCPUs, ${m.memoryGiB} GiB, Node ${m.node}${load}.`,
    ' The full table with min-max spreads is in `bench/results/latest.md` (raw numbers in `latest.json`);',
    ' the method and the analysis are in [`docs/performance.md`](docs/performance.md).',
    ' `npm run bench -- --only=setup` runs one group (into `bench/results/only/`); `npm run bench -- --readme` writes this table from `latest.json` (a full run does it itself).',
  ].join('');
}

const cell = (text: string): string => text.replace(/\|/g, '\\|');

/** The lines between the markers: the paragraph, then the table. */
export function readmeTable(report: RunReport): string {
  const rows = new Rows(report.rows);
  const lines = [...lookupLines(rows), ...setupLines(rows), ...pathLines(rows), ...reachLines(rows), ...compileLines(rows)];
  return [
    intro(report),
    '',
    '| target | measured (this run) | baseline in the same run | met? |',
    '|---|---|---|---|',
    ...lines.map((l) => `| ${cell(l.target)} | ${cell(l.measured)} | ${cell(l.baseline)} | ${cell(l.met)} |`),
  ].join('\n');
}

/** `readme` with the text between its markers replaced by `table`; throws when the markers are missing. */
export function replaceReadmeTable(readme: string, table: string): string {
  const begin = readme.indexOf(`${TABLE_BEGIN}\n`);
  const end = readme.indexOf(`\n${TABLE_END}`);
  if (begin < 0 || end < begin) throw new Error(`README.md has no generated performance table: expected the lines\n${TABLE_BEGIN}\n...\n${TABLE_END}`);
  return `${readme.slice(0, begin + TABLE_BEGIN.length + 1)}${table}${readme.slice(end)}`;
}

/** The text between the markers (what `replaceReadmeTable` put there). */
export function currentReadmeTable(readme: string): string {
  const begin = readme.indexOf(`${TABLE_BEGIN}\n`);
  const end = readme.indexOf(`\n${TABLE_END}`);
  if (begin < 0 || end < begin) throw new Error('README.md has no generated performance table markers');
  return readme.slice(begin + TABLE_BEGIN.length + 1, end);
}
