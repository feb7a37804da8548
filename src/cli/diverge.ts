/**
 * `vrsim diverge -f <manifests>`: runs the cluster through the dataplane under both semantics
 * (the Kubernetes spec and contrail-kube-manager's firewall policies) and lists every
 * connection where they disagree, grouped by cause. Exit 1 when anything diverges (a CI gate),
 * 0 when nothing does. Text, `-o json`, `-o md`. `--namespace`, `--from` and `--to` narrow the
 * sources and destinations as they narrow reach.
 */
import type { Argv } from 'yargs';
import { renderDivergeJson } from '../report/diverge-json.js';
import { renderDivergeMarkdown } from '../report/diverge-md.js';
import { renderDivergeText } from '../report/diverge-text.js';
import { defaultDivergeProbes, runDiverge } from '../sim/cluster/diverge.js';
import type { CliCommand } from './command.js';
import { loadClusterFromArgs, settingsFrom, withManifestFiles, withOutput, withSimulationSettings } from './cluster-options.js';
import { parsePortList, parseProtocolList } from './reach.js';
import { endpointSelection, reachFlagsFrom } from './reach-setup.js';
import type { ClusterWiring } from '../sim/cluster/wiring.js';

export const divergeCommand: CliCommand = {
  builder: (y: Argv) =>
    withOutput(withSimulationSettings(withManifestFiles(y)), ['text', 'json', 'md'])
      .option('port', { type: 'string', describe: 'Comma-separated ports to probe (default: every port the policies and pods name)' })
      .option('protocol', { type: 'string', describe: 'Comma-separated protocols: TCP, UDP, SCTP (default: those the policies and pods name)' })
      .option('hosts', { type: 'boolean', default: true, describe: 'Include the node hosts as sources and destinations (--no-hosts to leave them out)' })
      .option('namespace', { alias: 'n', type: 'string', describe: 'Only pods in these namespaces (comma-separated), as sources and destinations' })
      .option('from', { type: 'string', array: true, describe: 'Only these sources, as reach takes them: a pod, <ns>/<pod>, a namespace, a label selector, a workload or node/<name> (repeatable)' })
      .option('to', { type: 'string', array: true, describe: 'Only these destinations, named as for --from (repeatable)' }),
  async run(args, io) {
    const cluster = loadClusterFromArgs(args, io);
    const defaults = defaultDivergeProbes(cluster);
    const probes = {
      ports: args['port'] === undefined ? defaults.ports : parsePortList(String(args['port'])),
      protocols: args['protocol'] === undefined ? defaults.protocols : parseProtocolList(String(args['protocol'])),
      hosts: args['hosts'] !== false,
    };
    const filtered = ['namespace', 'from', 'to'].some((f) => args[f] !== undefined);
    const flags = reachFlagsFrom({ ...args, hosts: probes.hosts }, probes.ports, probes.protocols);
    // The filters are read on the first wiring, before anything is probed: a bad --from is an input error.
    let described = '';
    const selection = filtered
      ? {
          select: (wiring: ClusterWiring) => {
            const chosen = endpointSelection(flags, cluster, wiring);
            described = chosen.described;
            return chosen;
          },
          get described() {
            return described;
          },
        }
      : undefined;
    const report = runDiverge(cluster, settingsFrom(args), probes, selection);
    io.logger?.info({ compared: report.compared, divergent: report.divergent }, 'diverge done');
    const output = args['output'];
    io.stdout(output === 'json' ? renderDivergeJson(report) : output === 'md' ? renderDivergeMarkdown(report) : renderDivergeText(report));
    return report.divergent > 0 ? 1 : 0;
  },
};
