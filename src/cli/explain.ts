/**
 * `vrsim explain -f <manifests>`: which pods each policy selects and the whitelist every pod
 * ends up with (ingress and egress), in text or JSON.
 */
import type { Argv } from 'yargs';
import { compilePolicies } from '../policy/compile.js';
import { buildWhitelistView } from '../policy/whitelist.js';
import { renderWhitelistView, whitelistViewJson } from '../report/policy-explain.js';
import type { CliCommand } from './command.js';
import { loadClusterFromArgs, withManifestFiles, withOutput } from './cluster-options.js';

export const explainCommand: CliCommand = {
  command: 'explain',
  describe: 'Show which pods each NetworkPolicy selects and every pod\'s ingress/egress whitelist',
  builder: (y: Argv) => withOutput(withManifestFiles(y), ['text', 'json']),
  async run(args, io) {
    const cluster = loadClusterFromArgs(args, io);
    const view = buildWhitelistView(compilePolicies(cluster));
    io.stdout(args['output'] === 'json' ? whitelistViewJson(view) + '\n' : renderWhitelistView(view));
    return 0;
  },
};
