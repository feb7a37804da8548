/**
 * `vrsim contrail -f <manifests>`: the Contrail view of the same policies, as
 * contrail-kube-manager builds it: the `k8s` application policy set, its firewall policies
 * with sequence numbers, and every rule's action, endpoints (tags, address groups) and service.
 */
import type { Argv } from 'yargs';
import { buildContrailView } from '../policy/contrail-view.js';
import { contrailViewJson, renderContrailView } from '../report/contrail-view.js';
import type { CliCommand } from './command.js';
import { loadClusterFromArgs, withManifestFiles, withOutput } from './cluster-options.js';

export const contrailCommand: CliCommand = {
  builder: (y: Argv) =>
    withOutput(withManifestFiles(y), ['text', 'json']).option('cluster-name', {
      type: 'string',
      default: 'k8s',
      describe: 'Cluster name: names the application policy set and prefixes the firewall policies',
    }),
  async run(args, io) {
    const cluster = loadClusterFromArgs(args, io);
    const view = buildContrailView(cluster, String(args['clusterName'] ?? 'k8s'));
    io.stdout(args['output'] === 'json' ? contrailViewJson(view) + '\n' : renderContrailView(view));
    return 0;
  },
};
