/**
 * `vrsim explain -f <manifests>`: which pods each policy selects and the whitelist every pod
 * ends up with (ingress and egress), in text or JSON; `--group workload` shows each workload
 * (`ns/name[Deployment]`, `ns/pod[Pod]` for bare pods) once with the whitelist its pods share.
 */
import type { Argv } from 'yargs';
import { compilePolicies } from '../policy/compile.js';
import { buildWhitelistView } from '../policy/whitelist.js';
import { renderWhitelistView, whitelistViewJson } from '../report/policy-explain.js';
import { renderWorkloadView, workloadViewJson } from '../report/policy-explain-workloads.js';
import { qualifiedName } from '../model/types.js';
import { workloadLabel, workloadOf } from '../model/workloads/workload-ref.js';
import type { CliCommand } from './command.js';
import { loadClusterFromArgs, withManifestFiles, withOutput } from './cluster-options.js';

export const explainCommand: CliCommand = {
  command: 'explain',
  describe: 'Show which pods each NetworkPolicy selects and every pod\'s ingress/egress whitelist',
  builder: (y: Argv) =>
    withOutput(withManifestFiles(y), ['text', 'json']).option('group', {
      choices: ['pod', 'workload'] as const,
      default: 'pod',
      describe: 'pod = every pod; workload = every workload (Deployment, StatefulSet, ...; bare pods as [Pod]) once',
    }),
  async run(args, io) {
    const cluster = loadClusterFromArgs(args, io);
    const view = buildWhitelistView(compilePolicies(cluster));
    const json = args['output'] === 'json';
    if (args['group'] === 'workload') {
      const names = new Map(cluster.pods.map((p) => [qualifiedName(p), workloadLabel(workloadOf(p))] as const));
      io.stdout(json ? workloadViewJson(view, names) : renderWorkloadView(view, names));
    } else {
      io.stdout(json ? whitelistViewJson(view) + '\n' : renderWhitelistView(view));
    }
    return 0;
  },
};
