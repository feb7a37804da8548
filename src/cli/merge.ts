/**
 * `vrsim merge <shard files...>`: the shards of one reach (`vrsim reach --shard i/N`, e.g. the
 * pods of a Kubernetes Indexed Job) put back together and printed exactly as a single
 * `vrsim reach` of the same manifests and flags prints it, in any output format (`-o`,
 * `--layout`, as for reach).
 *
 * Guarantees: refuses (exit 2, naming the files) shards that are not shard files, were edited,
 * come from other manifests, flags or vrsim versions than the first one, or do not make up
 * the shards 0..N-1 exactly once. The cluster is rebuilt from the manifests the shards carry
 * (so the cells' reasons come from the same policy) and probes nothing: every verdict comes
 * from a shard.
 */
import { readFileSync } from 'node:fs';
import type { Argv } from 'yargs';
import { decodeShard, ShardError, type ReachShard } from '../report/reach-shard.js';
import type { TableLayout } from '../report/reach-table.js';
import { REACH_FORMATS, type ReachFormat } from '../report/writers/reach-formats.js';
import type { CliCommand } from './command.js';
import { loadClusterFromInputs, userPath } from './cluster-options.js';
import { requireGraphviz } from './graphviz.js';
import { type CliIo, UserError } from './io.js';
import { knownRows, nothingToProbe, prepareReach, writeReach, type ReachFlags } from './reach-setup.js';
import { packageVersion } from './version.js';

type LoadedShard = ReachShard & { readonly bytes: Uint8Array; readonly path: string };

function readShard(io: CliIo, path: string): LoadedShard {
  let text: string;
  try {
    text = readFileSync(userPath(io, path), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(`${path}: cannot read the shard file (${code === 'ENOENT' ? 'no such file' : code ?? (error as Error).message})`);
  }
  try {
    return { ...decodeShard(text), path };
  } catch (error) {
    if (error instanceof ShardError) throw new UserError(`${path}: ${error.message}`);
    throw error;
  }
}

/** The shards in index order, checked to be the N shards of one reach, each once. */
function checkShards(shards: readonly LoadedShard[]): LoadedShard[] {
  const first = shards[0]!;
  const version = packageVersion();
  if (first.vrsim !== version) throw new UserError(`${first.path}: written by vrsim ${first.vrsim}; this is vrsim ${version}, whose output could differ: merge with the version that ran the shards`);
  for (const s of shards) {
    if (s.digest === first.digest) continue;
    const what = s.vrsim !== first.vrsim ? `vrsim ${s.vrsim}, not ${first.vrsim}` : JSON.stringify(s.flags) !== JSON.stringify(first.flags) ? 'other flags' : 'other manifests';
    throw new UserError(`${s.path}: not a shard of the same reach as ${first.path} (${what}; digest ${s.digest.slice(0, 12)} vs ${first.digest.slice(0, 12)})`);
  }
  const n = first.shards;
  const byIndex = new Map<number, LoadedShard>();
  for (const s of shards) {
    if (s.shards !== n) throw new UserError(`${s.path}: shard ${s.shard}/${s.shards}, but ${first.path} is one of ${n} shards`);
    const seen = byIndex.get(s.shard);
    if (seen !== undefined) throw new UserError(`shard ${s.shard}/${n} given twice: ${seen.path} and ${s.path}`);
    byIndex.set(s.shard, s);
  }
  const missing: number[] = [];
  for (let i = 0; i < n; i++) if (!byIndex.has(i)) missing.push(i);
  if (missing.length > 0) {
    const listed = missing.length > 10 ? `${missing.slice(0, 10).join(', ')} and ${missing.length - 10} more` : missing.join(', ');
    throw new UserError(`missing shard${missing.length > 1 ? 's' : ''} ${listed} of ${n}: give all of 0..${n - 1}`);
  }
  return [...byIndex.values()].sort((a, b) => a.shard - b.shard);
}

export const mergeCommand: CliCommand = {
  builder: (y: Argv) =>
    y
      .positional('shards', { type: 'string', array: true, describe: 'The shard files (all N of them, any order)' })
      .option('output', { alias: 'o', choices: REACH_FORMATS, default: 'table', describe: 'Output format (svg needs Graphviz)' })
      .option('layout', {
        choices: ['auto', 'full', 'compact'] as const,
        default: 'auto',
        describe: 'Table layout, as for reach',
      }),
  async run(args, io) {
    const paths = ((args['shards'] as unknown[] | undefined) ?? []).map(String);
    if (paths.length === 0) throw new UserError('give the shard files: vrsim merge shard-0.json shard-1.json ...');
    const format = args['output'] as ReachFormat;
    if (format === 'svg') requireGraphviz();
    const shards = checkShards(paths.map((p) => readShard(io, p)));
    const first = shards[0]!;
    const flags = first.flags as unknown as ReachFlags;
    const cluster = loadClusterFromInputs(first.inputs, { seed: flags.seed, semantics: flags.semantics }, io);
    const prepared = prepareReach(cluster, flags);
    const { result } = prepared;
    if (result.sources.length !== first.sources || result.destinations.length !== first.destinations || result.groups.length !== first.groups) {
      throw new Error(`invariant: the shards' reach has ${first.sources}x${first.destinations}x${first.groups} cells, rebuilt ${result.sources.length}x${result.destinations.length}x${result.groups.length}`);
    }
    const nd = result.destinations.length;
    for (const s of shards) {
      const width = (s.rows.to - s.rows.from) * nd;
      for (let g = 0; g < result.groups.length; g++) result.setRows(g, s.rows.from, s.bytes.subarray(g * width, (g + 1) * width));
    }
    const nothing = nothingToProbe(prepared, format);
    if (nothing !== undefined) {
      io.stdout(nothing);
      return 0;
    }
    // Every verdict is known: the rows are written a few at a time, waiting for a slow reader.
    await writeReach(io, prepared, format, args['layout'] as TableLayout, knownRows(result));
    return 0;
  },
};
