/**
 * `vrsim explain -f <manifests>`: which pods each policy selects and the whitelist every pod
 * ends up with (ingress and egress), in text or JSON; `--group workload` shows each workload
 * (`ns/name[Deployment]`, `ns/pod[Pod]` for bare pods) once with the whitelist its pods share.
 * With ClusterNetworkPolicies, the tiers that apply to every pod follow (`tiers` in JSON).
 */
import type { Argv } from 'yargs';
import { compilePolicies } from '../policy/compile.js';
import { buildWhitelistView } from '../policy/whitelist.js';
import { renderWhitelistView, whitelistViewJson } from '../report/policy-explain.js';
import { renderWorkloadView, workloadViewJson } from '../report/policy-explain-workloads.js';
import { qualifiedName } from '../model/types.js';
import { workloadLabel, workloadOf } from '../model/workloads/workload-ref.js';
import { compileTiers } from '../policy/tiers/compile-tiers.js';
import { buildTierView } from '../policy/tiers/tier-view.js';
import { renderTierView } from '../report/tier-explain.js';
import type { CliCommand } from './command.js';
import { loadClusterFromArgs, withManifestFiles, withOutput } from './cluster-options.js';

export const explainCommand: CliCommand = {
  builder: (y: Argv) =>
    withOutput(withManifestFiles(y), ['text', 'json']).option('group', {
      choices: ['pod', 'workload'] as const,
      default: 'pod',
      describe: 'pod = every pod; workload = every workload (Deployment, StatefulSet, ...; bare pods as [Pod]) once',
    }),
  async run(args, io) {
    const cluster = loadClusterFromArgs(args, io);
    const compiled = compilePolicies(cluster);
    const view = buildWhitelistView(compiled);
    const json = args['output'] === 'json';
    const tiers = (cluster.clusterPolicies ?? []).length > 0 ? buildTierView(compileTiers(cluster, compiled), compiled) : undefined;
    if (args['group'] === 'workload') {
      const names = new Map(cluster.pods.map((p) => [qualifiedName(p), workloadLabel(workloadOf(p))] as const));
      io.stdout(json ? workloadViewJson(view, names) : renderWorkloadView(view, names));
    } else if (json) {
      io.stdout((tiers === undefined ? whitelistViewJson(view) : `${JSON.stringify({ ...view, tiers }, null, 2)}\n`) + '\n');
    } else {
      io.stdout(renderWhitelistView(view) + (tiers === undefined ? '' : `\n${renderTierView(tiers)}`));
    }
    return 0;
  },
};
