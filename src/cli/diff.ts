/**
 * `vrsim diff --before <files/dirs> --after <files/dirs>`: what a change of manifests does to
 * connectivity, by real attempts through the simulated dataplane on both clusters (the same
 * ports, protocols and `--hosts` as `reach`): every connection whose verdict changes, grouped
 * as newly blocked and newly allowed, with the deciding policy and rule before and after.
 * `--namespace`, `--from` and `--to` narrow both sides as they narrow reach.
 * Text, `-o json` or `-o md`. Exit 0 when nothing changed, 1 when something did (a CI gate),
 * 2 on bad input.
 */
import type { Argv } from 'yargs';
import { loadCluster } from '../model/load.js';
import { readManifestInputs } from '../model/read-files.js';
import type { Cluster } from '../model/types.js';
import { formatDiffJson } from '../report/diff-json.js';
import { formatDiffMarkdown } from '../report/diff-md.js';
import { formatDiffText } from '../report/diff-text.js';
import { diffClusters } from '../sim/cluster/reach-diff.js';
import type { CliCommand } from './command.js';
import { manifestPaths, settingsFrom, userPath, withSimulationSettings } from './cluster-options.js';
import { type CliIo, UserError, printWarnings, reportFailure } from './io.js';
import { parsePortList, parseProtocolList } from './reach.js';
import { endpointSelection, reachFlagsFrom } from './reach-setup.js';
import type { ClusterWiring } from '../sim/cluster/wiring.js';

function loadSide(io: CliIo, flag: string, value: unknown): Cluster {
  const files = manifestPaths(flag, Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : []);
  if (files.length === 0) throw new UserError(`${flag}: give the manifests (files or directories) of that side`);
  const { cluster, warnings } = loadCluster(readManifestInputs(files.map((f) => userPath(io, f))));
  printWarnings(io, warnings);
  return cluster;
}

export const diffCommand: CliCommand = {
  builder: (y: Argv) =>
    withSimulationSettings(y)
      .option('before', { type: 'string', array: true, demandOption: 'Give the manifests before the change with --before <files or directories>.', describe: 'Manifests before the change (files or directories)' })
      .option('after', { type: 'string', array: true, demandOption: 'Give the manifests after the change with --after <files or directories>.', describe: 'Manifests after the change (files or directories)' })
      .option('output', { alias: 'o', choices: ['text', 'json', 'md'] as const, default: 'text', describe: 'Output format' })
      .option('port', { type: 'string', describe: 'Comma-separated ports, numbers or container port names (default: each destination\'s declared container ports)' })
      .option('protocol', { type: 'string', describe: 'Comma-separated protocols: TCP, UDP, SCTP' })
      .option('hosts', { type: 'boolean', default: false, describe: 'Include the node hosts as sources and destinations' })
      .option('namespace', { alias: 'n', type: 'string', describe: 'Only pods in these namespaces (comma-separated), as sources and destinations, on both sides' })
      .option('from', { type: 'string', array: true, describe: 'Only these sources, as reach takes them: a pod, <ns>/<pod>, a namespace, a label selector, a workload or node/<name> (repeatable)' })
      .option('to', { type: 'string', array: true, describe: 'Only these destinations, named as for --from (repeatable)' }),
  async run(args, io) {
    try {
      return runDiff(args, io);
    } catch (error) {
      // 1 means "something changed" here, so every input problem is 2.
      const code = reportFailure(io, error);
      return code === 70 ? code : 2;
    }
  },
};

function runDiff(args: Record<string, unknown>, io: CliIo): number {
    const ports = typeof args['port'] === 'string' ? parsePortList(args['port']) : 'declared';
    const protocols = typeof args['protocol'] === 'string' ? parseProtocolList(args['protocol']) : undefined;
    const before = loadSide(io, '--before', args['before']);
    const after = loadSide(io, '--after', args['after']);
    const filtered = ['namespace', 'from', 'to'].some((f) => args[f] !== undefined);
    const flags = reachFlagsFrom(args, ports, protocols);
    const select = filtered ? (wiring: ClusterWiring) => endpointSelection(flags, wiring.cluster, wiring) : undefined;
    const diff = diffClusters(before, after, settingsFrom(args), { ports, ...(protocols === undefined ? {} : { protocols }), hosts: args['hosts'] === true, ...(select === undefined ? {} : { select }) });
    const format = args['output'];
    io.stdout(format === 'json' ? formatDiffJson(diff) : format === 'md' ? formatDiffMarkdown(diff) : formatDiffText(diff));
    return diff.newlyAllowed.length + diff.newlyBlocked.length > 0 ? 1 : 0;
}
