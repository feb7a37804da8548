/**
 * Flags shared by the commands that load a cluster (`-f` files or directories) and simulate it
 * (`--enforcement`, `--policy-change`, `--seed`), and the loading itself with warnings printed.
 */
import type { Argv } from 'yargs';
import { isAbsolute, join } from 'node:path';
import { loadCluster } from '../model/load.js';
import { contrailWarnings } from '../policy/contrail-warnings.js';
import { readManifestInputs } from '../model/read-files.js';
import type { Cluster } from '../model/types.js';
import type { ManifestInput } from '../model/documents.js';
import { DEFAULT_SETTINGS, type ClusterSettings, type Enforcement, type PolicyChangeMode, type Semantics } from '../sim/cluster/types.js';
import { type CliIo, UserError, printWarnings } from './io.js';
import { MAX_SEED, parseSeed } from './flag-checks.js';

export function withManifestFiles(y: Argv): Argv {
  return y.option('file', {
    alias: 'f',
    type: 'string',
    array: true,
    demandOption: 'Give the manifests with -f <file or directory> (YAML or JSON, `kubectl get -o yaml` lists too).',
    describe: 'Manifest files or directories (non-recursive) of Namespaces, Pods, Nodes and NetworkPolicies',
  });
}

export function withSimulationSettings(y: Argv): Argv {
  return y
    .option('enforcement', {
      choices: ['flow', 'packet', 'none'] as const,
      default: DEFAULT_SETTINGS.enforcement,
      describe: 'flow = stateful like vRouter; packet = stateless per-packet ACL; none = plugin ignores NetworkPolicy',
    })
    .option('semantics', {
      choices: ['kubernetes', 'contrail'] as const,
      default: DEFAULT_SETTINGS.semantics,
      describe: 'kubernetes = the NetworkPolicy spec; contrail = the firewall policies contrail-kube-manager builds, first match',
    })
    .option('policy-change', {
      choices: ['reevaluate', 'keep'] as const,
      default: DEFAULT_SETTINGS.policyChange,
      describe: 'What a policy change does to existing flows',
    })
    .option('seed', { type: 'string', default: String(DEFAULT_SETTINGS.seed), describe: `Seed of the simulation PRNG (0..${MAX_SEED})`, coerce: (v: unknown) => parseSeed(v) });
}

export function withOutput(y: Argv, choices: readonly string[]): Argv {
  return y.option('output', { alias: 'o', choices, default: choices[0], describe: 'Output format' });
}

export function settingsFrom(args: Record<string, unknown>): ClusterSettings {
  const seed = args['seed'];
  return {
    ...DEFAULT_SETTINGS,
    enforcement: (args['enforcement'] as Enforcement | undefined) ?? DEFAULT_SETTINGS.enforcement,
    semantics: (args['semantics'] as Semantics | undefined) ?? DEFAULT_SETTINGS.semantics,
    policyChange: (args['policyChange'] as PolicyChangeMode | undefined) ?? DEFAULT_SETTINGS.policyChange,
    seed: typeof seed === 'number' ? seed : DEFAULT_SETTINGS.seed,
  };
}

/** Read and load the `-f` manifests; warnings go to stderr, errors throw (located). */
export function loadClusterFromArgs(args: Record<string, unknown>, io: CliIo): Cluster {
  return loadClusterFromInputs(readInputsFromArgs(args, io), args, io);
}

/** The `-f` manifests' bytes, as read (files, directories, `-` for standard input). */
export function readInputsFromArgs(args: Record<string, unknown>, io: CliIo): ManifestInput[] {
  const files = manifestPaths('--file', (args['file'] as string[] | undefined) ?? []);
  if (files.length === 0) throw new UserError('no manifests given: use -f <file or directory>');
  return readManifestInputs(files.map((f) => (f === '-' ? f : userPath(io, f))), io.readStdin === undefined ? {} : { readStdin: io.readStdin });
}

/** Load manifests already read (`--seed` and `--semantics` from `args`); warnings go to stderr, errors throw (located). */
export function loadClusterFromInputs(inputs: readonly ManifestInput[], args: Record<string, unknown>, io: CliIo): Cluster {
  const seed = args['seed'];
  const { cluster, warnings } = loadCluster(inputs, typeof seed === 'number' && Number.isInteger(seed) && seed >= 0 ? { seed } : {});
  printWarnings(io, warnings);
  if (args['semantics'] === 'contrail') printWarnings(io, contrailWarnings(cluster));
  io.logger?.info(
    { files: inputs.map((i) => i.file), namespaces: cluster.namespaces.length, nodes: cluster.nodes.length, pods: cluster.pods.length, policies: cluster.policies.length },
    'cluster loaded',
  );
  return cluster;
}

/**
 * The manifest paths of a flag, refusing an empty one (`-f ''`, `--after=`): it names no
 * file, and a diagnostic about it could name no file either.
 */
export function manifestPaths(flag: string, paths: readonly string[]): string[] {
  if (paths.some((p) => p === '')) throw new UserError(`${flag}: an empty path names no file; expected a file or directory (- for standard input)`);
  return [...paths];
}

/** A path as the user typed it when it already works from here, else joined to the CLI's cwd. */
export function userPath(io: CliIo, path: string): string {
  return isAbsolute(path) || io.cwd === process.cwd() ? path : join(io.cwd, path);
}
