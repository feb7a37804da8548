/**
 * `vrsim vrouter <node> <tool> -f <manifests> [-t <from>-><to>:<port> ...]`: run the given
 * connections through the cluster, then print what a vRouter utility on that node shows, in
 * tf-vrouter's own layout. Built: `dropstats` (utils/vr_util.c `vr_print_drop_stats`). The
 * flow table is `vrsim flows`. Not built yet: `vif`, `nh`, `rt`, `mpls` and `flow --get`
 * (the simulated vRouter keeps no per-interface counters and no route table of its own);
 * asking for them says so and exits 2.
 */
import type { Argv } from 'yargs';
import { dropstatsJson, renderDropstats } from '../report/vrouter/dropstats.js';
import { ClusterSim } from '../sim/cluster/cluster-sim.js';
import { endpointRefText } from '../sim/cluster/types.js';
import type { CliCommand } from './command.js';
import { loadClusterFromArgs, settingsFrom, withManifestFiles, withOutput, withSimulationSettings } from './cluster-options.js';
import { UserError } from './io.js';
import { runConnection } from './trace.js';
import { trafficArg } from './traffic-spec.js';

const BUILT = ['dropstats'] as const;
const NOT_BUILT = ['vif', 'nh', 'rt', 'mpls', 'flow'] as const;

export const vrouterCommand: CliCommand = {
  command: 'vrouter <node> <tool>',
  describe: 'Run connections, then show a vRouter utility of one node in its real layout (dropstats)',
  builder: (y: Argv) =>
    withOutput(withSimulationSettings(withManifestFiles(y)), ['text', 'json'])
      .positional('node', { type: 'string', describe: 'node name, e.g. cent333' })
      .positional('tool', { type: 'string', describe: `utility: ${BUILT.join(', ')}` })
      .option('traffic', {
        alias: 't',
        type: 'string',
        array: true,
        default: [],
        describe: 'Connection to run first: <from>-><to>:<port>[/TCP|UDP|SCTP|ICMP] (repeatable)',
      }),
  async run(args, io) {
    const tool = String(args['tool']);
    if ((NOT_BUILT as readonly string[]).includes(tool)) {
      throw new UserError(`vrouter ${tool}: not built yet in vrsim (built: ${BUILT.join(', ')}; the flow table is \`vrsim flows\`)`, 2);
    }
    if (!(BUILT as readonly string[]).includes(tool)) throw new UserError(`vrouter: unknown tool "${tool}" (built: ${BUILT.join(', ')})`);
    const traffic = ((args['traffic'] as string[] | undefined) ?? []).map(trafficArg);
    const cluster = loadClusterFromArgs(args, io);
    const sim = new ClusterSim(cluster, settingsFrom(args));
    const node = String(args['node']);
    if (!sim.nodeNames().includes(node)) throw new UserError(`vrouter: no node named "${node}" (nodes: ${sim.nodeNames().join(', ')})`);
    for (const t of traffic) {
      let outcome;
      try {
        outcome = runConnection(sim, t.from, t.to, t.port, t.protocol);
      } catch (e) {
        throw new UserError(`--traffic: ${(e as Error).message}`);
      }
      io.stderr(`# ${endpointRefText(t.from)} -> ${endpointRefText(t.to)} ${t.protocol}${t.protocol === 'ICMP' ? '' : `/${t.port}`}: ${outcome.outcome} (exit ${outcome.exitCode})\n`);
    }
    const drops = sim.wiring.vrouter(node).drops;
    io.stdout(args['output'] === 'json' ? `${JSON.stringify({ node, dropstats: dropstatsJson(drops) }, null, 2)}\n` : renderDropstats(drops));
    return 0;
  },
};
