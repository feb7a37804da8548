/**
 * `vrsim reach -f <manifests>`: every pod to every pod (node hosts too with `--hosts`), each
 * connection really attempted through the simulated dataplane, printed as cyclonus-style truth
 * tables (`.` allowed, `X` blocked) or as JSON with the reason of every verdict.
 */
import type { Argv } from 'yargs';
import type { L4Protocol } from '../model/types.js';
import { formatReachTables, reachJson } from '../report/reach-table.js';
import { ClusterSim } from '../sim/cluster/cluster-sim.js';
import type { CliCommand } from './command.js';
import { loadClusterFromArgs, settingsFrom, withManifestFiles, withOutput, withSimulationSettings } from './cluster-options.js';
import { UserError } from './io.js';

const PORT_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

export function parsePortList(text: string): (number | string)[] {
  return text.split(',').map((raw) => {
    const p = raw.trim();
    if (/^\d+$/.test(p)) {
      const n = Number(p);
      if (n < 1 || n > 65535) throw new UserError(`--port: ${p} is outside 1-65535`);
      return n;
    }
    if (p.length > 15 || !PORT_NAME.test(p) || !/[a-z]/.test(p)) {
      throw new UserError(`--port: "${p}" is neither a port number (1-65535) nor a container port name (IANA_SVC_NAME, e.g. http)`);
    }
    return p;
  });
}

export function parseProtocolList(text: string): L4Protocol[] {
  return text.split(',').map((raw) => {
    const p = raw.trim().toUpperCase();
    if (p !== 'TCP' && p !== 'UDP' && p !== 'SCTP') throw new UserError(`--protocol: "${raw.trim()}" is not one of TCP, UDP, SCTP`);
    return p;
  });
}

export const reachCommand: CliCommand = {
  command: 'reach',
  describe: 'Attempt every pod-to-pod connection through the simulated dataplane and print the truth table',
  builder: (y: Argv) =>
    withOutput(withSimulationSettings(withManifestFiles(y)), ['table', 'json'])
      .option('port', { type: 'string', default: '80', describe: 'Comma-separated ports, numbers or container port names (resolved per destination pod)' })
      .option('protocol', { type: 'string', default: 'TCP', describe: 'Comma-separated protocols: TCP, UDP, SCTP' })
      .option('hosts', { type: 'boolean', default: false, describe: 'Include the node hosts as sources and destinations' }),
  async run(args, io) {
    const ports = parsePortList(String(args['port']));
    const protocols = parseProtocolList(String(args['protocol']));
    const cluster = loadClusterFromArgs(args, io);
    const sim = new ClusterSim(cluster, settingsFrom(args));
    const result = sim.reach({ ports, protocols, hosts: args['hosts'] === true });
    io.logger?.info({ attempts: result.cells.length, allowed: result.cells.filter((c) => c.allowed).length }, 'reach done');
    io.stdout(args['output'] === 'json' ? JSON.stringify(reachJson(result), null, 2) + '\n' : formatReachTables(result));
    return 0;
  },
};
