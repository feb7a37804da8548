/**
 * `vrsim flows -f <manifests> --traffic <from>-><to>:<port>[/proto] ... [--node N] [--match ip:port]`:
 * run the given connections through the simulated cluster, then dump the nodes' flow tables in
 * the vRouter `flow -l` / `flow --match` layout, byte for byte, or as JSON.
 */
import type { Argv } from 'yargs';
import { flowTableJson, type FlowEntryJson, type FlowTableJson } from '../report/flow-dump-json.js';
import { agentFlowRecord, type AgentFlowRecord } from '../report/vrouter/agent-flow-record.js';
import { FlowKey } from '../dataplane/flow-key.js';
import { ipAddrFromWords } from '../packet/address.js';
import { ContrailFlowPolicy } from '../sim/cluster/contrail-policy-adapter.js';
import { formatFlowList, type FlowListOptions } from '../report/flow-dump.js';
import type { FlowMatchTerm } from '../report/flow-match.js';
import { ipAddr } from '../packet/address.js';
import { ClusterSim } from '../sim/cluster/cluster-sim.js';
import { endpointRefText } from '../sim/cluster/types.js';
import type { CliCommand } from './command.js';
import { loadClusterFromArgs, settingsFrom, withManifestFiles, withOutput, withSimulationSettings } from './cluster-options.js';
import { UserError } from './io.js';
import { parseNamespaces } from './endpoint-filter.js';
import type { Cluster } from '../model/types.js';
import { dataplaneLogListener } from './logging.js';
import { outputPath, writeOutputFile } from './output-files.js';
import { attachCapture } from '../report/pcapng/attach.js';
import { runConnection } from './trace.js';
import { trafficArg } from './traffic-spec.js';
import { protocolCode } from '../policy/evaluate.js';
import { ClusterFlowPolicy } from '../sim/cluster/policy-adapter.js';

/** Split one `--match` term into address text and port text: `ip`, `ip:port`, `*:port`, `[v6]:port`, bare `v6`. */
function splitMatchTerm(term: string): [string, string | undefined] {
  if (term.startsWith('[')) {
    const close = term.indexOf(']');
    if (close < 0) return [term, undefined];
    const rest = term.slice(close + 1);
    return [term.slice(1, close), rest.startsWith(':') ? rest.slice(1) : rest === '' ? undefined : rest];
  }
  if (term.split(':').length > 2) return [term, undefined];
  const colon = term.indexOf(':');
  return colon < 0 ? [term, undefined] : [term.slice(0, colon), term.slice(colon + 1)];
}

/** `ip[:port]` terms, comma-separated, as `flow --match` takes them (`*` = any). */
export function parseMatch(text: string): FlowMatchTerm[] {
  return text.split(',').map((raw) => {
    const term = raw.trim();
    const [ipText, portText] = splitMatchTerm(term);
    const out: FlowMatchTerm = {};
    if (ipText !== '*') {
      try {
        out.ip = ipAddr(ipText).text;
      } catch {
        throw new UserError(`--match: "${term}" is not <ip>[:<port>] (e.g. 10.47.255.232:80): "${ipText}" is not an IP address`);
      }
    }
    if (portText !== undefined && portText !== '*') {
      const port = Number(portText);
      if (!/^\d+$/.test(portText) || port > 65535) throw new UserError(`--match: "${term}": port "${portText}" is not a number in 0-65535`);
      out.port = port;
    }
    return out;
  });
}

/**
 * Each listed entry with an agent-introspect-like record: the session's firewall policy and
 * rule (`fw_policy_match`, under `--semantics contrail`) and the agent's drop reason text.
 */
function withAgentRecords(sim: ClusterSim, node: string, dump: FlowTableJson): FlowTableJson & { flows: (FlowEntryJson & { agent: AgentFlowRecord })[] } {
  const table = sim.flowTable(node);
  const agent = sim.wiring.vrouter(node).agent;
  const policy = sim.wiring.policy;
  const contrail = policy instanceof ContrailFlowPolicy ? policy : undefined;
  const key = new FlowKey();
  const flows = dump.flows.map((e) => {
    const forward = agent.isForward(e.index);
    const session = forward ? e.index : e.reverseIndex;
    let match = null;
    if (contrail !== undefined && session >= 0 && table.isInUse(session)) {
      table.readKey(session, key);
      const src = ipAddrFromWords(key.family, key.s0, key.s1, key.s2, key.s3);
      const dst = ipAddrFromWords(key.family, key.d0, key.d1, key.d2, key.d3);
      match = contrail.matchOf(src, dst, key.proto, key.dport);
    }
    return { ...e, agent: agentFlowRecord(match, e.action === 'D' ? table.dropReason(e.index) : null, !forward) };
  });
  return { ...dump, flows };
}

/**
 * `--namespace`: a flow is listed when its key's source or destination is an address of a pod
 * (not hostNetwork: those have the node's address) in one of the namespaces, or a cluster IP of one of their Services (the forward entry of a
 * connection to a Service is keyed by the Service address until the backend's node NATs it).
 */
function namespaceFlows(cluster: Cluster, namespaces: readonly string[]): (key: FlowKey) => boolean {
  const addresses = new Set<string>();
  for (const pod of cluster.pods) if (namespaces.includes(pod.namespace) && !pod.hostNetwork) for (const ip of pod.ips) addresses.add(ipAddr(ip).text);
  for (const service of cluster.services ?? []) if (namespaces.includes(service.namespace)) for (const ip of service.clusterIPs) addresses.add(ipAddr(ip).text);
  return (k) =>
    addresses.has(ipAddrFromWords(k.family, k.s0, k.s1, k.s2, k.s3).text) || addresses.has(ipAddrFromWords(k.family, k.d0, k.d1, k.d2, k.d3).text);
}

export const flowsCommand: CliCommand = {
  builder: (y: Argv) =>
    withOutput(withSimulationSettings(withManifestFiles(y)), ['text', 'json'])
      .option('traffic', {
        alias: 't',
        type: 'string',
        array: true,
        default: [],
        describe: 'Connection to run first: <from>-><to>:<port>[/TCP|UDP|SCTP|ICMP] (repeatable; TCP runs curl -m 5)',
      })
      .option('node', { type: 'string', describe: 'Dump only this node (default: every node)' })
      .option('match', { type: 'string', describe: 'Only flows matching <ip>[:<port>][,...] like flow --match' })
      .option('namespace', { alias: 'n', type: 'string', describe: 'Only flows whose source or destination is a pod (or a Service address) of these namespaces (comma-separated)' })
      .option('show-evicted', { type: 'boolean', default: false, describe: 'Also list evicted entries (flow --show-evicted)' })
      .option('pcap', { type: 'string', describe: 'Also write every packet of the connections, on every vif, to this pcapng file' }),
  async run(args, io) {
    const traffic = ((args['traffic'] as string[] | undefined) ?? []).map(trafficArg);
    const matchText = args['match'];
    const listOptions: FlowListOptions = {
      ...(typeof matchText === 'string' ? { match: parseMatch(matchText) } : {}),
      showEvicted: args['showEvicted'] === true,
    };
    const pcapPath = outputPath(io, '--pcap', args['pcap']);
    const cluster = loadClusterFromArgs(args, io);
    if (typeof args['namespace'] === 'string') listOptions.keep = namespaceFlows(cluster, parseNamespaces(args['namespace'], cluster));
    const sim = new ClusterSim(cluster, settingsFrom(args));
    sim.setTraceListener(dataplaneLogListener(io.logger));
    const capture = pcapPath === undefined ? undefined : attachCapture(sim, dataplaneLogListener(io.logger));
    const node = args['node'];
    const nodes = typeof node === 'string' ? [node] : [...sim.nodeNames()];
    for (const n of nodes) {
      if (!sim.nodeNames().includes(n)) throw new UserError(`--node: no node named "${n}" (nodes: ${sim.nodeNames().join(', ')})`);
    }
    for (const t of traffic) {
      let outcome;
      try {
        outcome = runConnection(sim, t.from, t.to, t.port, t.protocol);
      } catch (e) {
        throw new UserError(`--traffic: ${(e as Error).message}`);
      }
      // With cluster tiers, say which tier decided (the flow dump shows only D(FwPolicy)).
      const policy = sim.wiring.policy;
      const why = !(policy instanceof ClusterFlowPolicy) || policy.tiers === undefined ? '' : `; policy ${policy.explain(sim.wiring.addressOf(t.from), sim.wiring.addressOf(t.to), protocolCode(t.protocol), t.port).reason}`;
      io.stderr(`# ${endpointRefText(t.from)} -> ${endpointRefText(t.to)} ${t.protocol}${t.protocol === 'ICMP' ? '' : `/${t.port}`}: ${outcome.outcome} (exit ${outcome.exitCode})${why}\n`);
    }
    if (capture !== undefined && pcapPath !== undefined) writeOutputFile('--pcap', pcapPath, capture.toPcapng());
    if (args['output'] === 'json') {
      const dump = Object.fromEntries(nodes.map((n) => [n, withAgentRecords(sim, n, flowTableJson(sim.flowTable(n), listOptions))]));
      io.stdout(JSON.stringify({ nodes: dump }, null, 2) + '\n');
      return 0;
    }
    const parts = nodes.map((n) => (nodes.length > 1 ? `[root@${n} ~]# flow -l\n` : '') + formatFlowList(sim.flowTable(n), listOptions));
    // Dumped when the last client exits, as `flow -l` right after curl would be: say so when a
    // TCP connection is still closing (FIN seen, not yet dead and evicted), unlike trace.
    if (parts.some((p) => /TCP:[A-Za-z]*F/.test(p))) {
      io.stderr('# dumped as the clients exit: TCP connections still closing show F/Fr without D (trace waits for the teardown and the eviction)\n');
    }
    io.stdout(parts.join('\n'));
    return 0;
  },
};
