/**
 * `vrsim vrouter <node> <tool> [tool options] -f <manifests> [-t <from>-><to>:<port> ...]`:
 * run the given connections through the cluster, then print what a tf-vrouter utility on that
 * node shows, in the utility's own layout: `dropstats` (utils/vr_util.c), `vif --list|--get N`
 * (utils/vif.c), `nh --list|--get N` (utils/nh.c), `rt --dump <vrf>` (utils/rt.c),
 * `mpls --dump|--get L` (utils/mpls.c) and `flow --get <index>` (utils/flow.c); the flow
 * table itself is `vrsim flows`. The renderers read a snapshot of the node's dataplane
 * (src/dataplane/vrouter-snapshot.ts); asking for something the node does not have exits 2.
 */
import type { Argv } from 'yargs';
import { VROUTER_TOOLS, runVrouterTool } from '../report/vrouter/tool-output.js';
import { ClusterSim } from '../sim/cluster/cluster-sim.js';
import { endpointRefText } from '../sim/cluster/types.js';
import type { CliCommand } from './command.js';
import { loadClusterFromArgs, settingsFrom, withManifestFiles, withOutput, withSimulationSettings } from './cluster-options.js';
import { UserError } from './io.js';
import { runConnection } from './trace.js';
import { trafficArg } from './traffic-spec.js';
import { vrouterToolRequest } from './vrouter-args.js';
import { FLOW_STATS_INTERVAL_MS, renderFlowStats, sampleFlowTable, type FlowStatsSample } from '../report/vrouter/flow-stats.js';

export const vrouterCommand: CliCommand = {
  builder: (y: Argv) =>
    withOutput(withSimulationSettings(withManifestFiles(y)), ['text', 'json'])
      .positional('node', { type: 'string', describe: 'node name, e.g. cent333' })
      .positional('tool', { type: 'string', describe: `utility: ${VROUTER_TOOLS.join(', ')}` })
      .option('list', { type: 'boolean', describe: 'vif, nh: every entry' })
      .option('get', { type: 'string', describe: 'vif, nh, mpls, flow: one entry (vif index, next hop id, label, flow index); rt: <address>/<plen> with --vrf' })
      .option('dump', { type: 'string', describe: 'rt: the VRF to dump; mpls: the whole label map' })
      .option('vrf', { type: 'string', describe: 'rt --get: the VRF to look the address up in' })
      .option('stats', { alias: 's', type: 'boolean', describe: 'flow -s: the table statistics screen, every 500 ms of virtual time' })
      .option('show-evicted', { type: 'boolean', describe: 'flow --get: also an evicted entry' })
      .option('traffic', {
        alias: 't',
        type: 'string',
        array: true,
        default: [],
        describe: 'Connection to run first: <from>-><to>:<port>[/TCP|UDP|SCTP|ICMP] (repeatable)',
      }),
  async run(args, io) {
    const request = vrouterToolRequest(String(args['tool']), {
      list: args['list'] as boolean | undefined,
      get: args['get'] === undefined ? undefined : String(args['get']),
      dump: args['dump'] === undefined ? undefined : String(args['dump']),
      vrf: args['vrf'] === undefined ? undefined : String(args['vrf']),
      stats: args['stats'] as boolean | undefined,
      showEvicted: args['show-evicted'] as boolean | undefined,
    });
    const traffic = ((args['traffic'] as string[] | undefined) ?? []).map(trafficArg);
    const cluster = loadClusterFromArgs(args, io);
    const sim = new ClusterSim(cluster, settingsFrom(args));
    const node = String(args['node']);
    if (!sim.nodeNames().includes(node)) throw new UserError(`vrouter: no node named "${node}" (nodes: ${sim.nodeNames().join(', ')})`, 2);
    // flow -s: one sample of the table per 500 ms of virtual time, taken at the first dataplane event after each tick.
    const samples: FlowStatsSample[] = [];
    const vrouter = sim.wiring.vrouter(node);
    let nextTickMs = 0;
    const sampleUpTo = (ms: number): void => {
      while (nextTickMs <= ms) {
        samples.push(sampleFlowTable(vrouter.table, vrouter.heldEntries, nextTickMs));
        nextTickMs += FLOW_STATS_INTERVAL_MS;
      }
    };
    if (request.tool === 'flow-stats') sim.setTraceListener((e) => sampleUpTo(Math.floor(e.t / 1000)));
    for (const t of traffic) {
      let outcome;
      try {
        outcome = runConnection(sim, t.from, t.to, t.port, t.protocol);
      } catch (e) {
        throw new UserError(`--traffic: ${(e as Error).message}`);
      }
      io.stderr(`# ${endpointRefText(t.from)} -> ${endpointRefText(t.to)} ${t.protocol}${t.protocol === 'ICMP' ? '' : `/${t.port}`}: ${outcome.outcome} (exit ${outcome.exitCode})\n`);
    }
    if (request.tool === 'flow-stats') {
      sim.setTraceListener(undefined);
      sampleUpTo(sim.nowMs());
      io.stdout(args['output'] === 'json' ? `${JSON.stringify({ node, tool: 'flow -s', samples }, null, 2)}\n` : renderFlowStats(samples));
      return 0;
    }
    const result = runVrouterTool(request, sim.vrouterState(node));
    if (result.kind === 'refused') throw new UserError(`vrouter ${result.message}`, 2);
    io.stdout(args['output'] === 'json' ? `${JSON.stringify({ node, tool: request.tool, ...(result.json as object) }, null, 2)}\n` : result.text);
    return 0;
  },
};
