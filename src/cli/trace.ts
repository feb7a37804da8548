/**
 * `vrsim trace -f <manifests> --from <ns/pod|node/name> --to <ns/pod|node/name|ip> --port N`:
 * one connection packet by packet through the simulated dataplane, per node, then the reply
 * riding the reverse flow. TCP runs `curl -m 5` (handshake, request, response, close), UDP a
 * request/response probe, SCTP an association setup, ICMP one ping.
 */
import type { Argv } from 'yargs';
import type { DataplaneEvent } from '../dataplane/trace-events.js';
import type { IpAddr } from '../packet/types.js';
import { ipAddr } from '../packet/address.js';
import { protocolCode } from '../policy/evaluate.js';
import { formatTrace } from '../report/trace-text.js';
import { ClusterFlowPolicy } from '../sim/cluster/policy-adapter.js';
import type { Cluster } from '../model/types.js';
import { ContrailFlowPolicy } from '../sim/cluster/contrail-policy-adapter.js';
import { ClusterSim } from '../sim/cluster/cluster-sim.js';
import { endpointRefText, parseEndpointRef, type EndpointRef, type ProbeOutcome } from '../sim/cluster/types.js';
import type { CliCommand } from './command.js';
import { loadClusterFromArgs, settingsFrom, withManifestFiles, withOutput, withSimulationSettings } from './cluster-options.js';
import { candidateText } from './endpoint-candidates.js';
import { UserError } from './io.js';
import { endpointFromFlag } from './endpoint-filter.js';
import { dataplaneLogListener } from './logging.js';
import { outputPath, writeOutputFile } from './output-files.js';
import { attachCapture, detachCapture } from '../report/pcapng/attach.js';
import { endpointArg, portArg, protocolArg, type TraceProtocol } from './traffic-spec.js';
import { addressWithPort, nodePortOfAddress, serviceEndpointArg, serviceOfAddress } from './service-target.js';
import { formatFlowList } from '../report/flow-dump.js';
import { topologyOf } from '../report/html/collector.js';
import { tracePage } from '../report/html/trace-page.js';

/** How long the trace keeps watching after the client is done (closing packets, eviction). */
const TEARDOWN_MS = 1000;

/** Run one connection of the given protocol and return what the client printed. */
export function runConnection(sim: ClusterSim, from: EndpointRef, to: EndpointRef, port: number, protocol: TraceProtocol): ProbeOutcome {
  switch (protocol) {
    case 'TCP': {
      const address = sim.wiring.destinationFor(from, to);
      const host = address.family === 6 ? `[${address.text}]` : address.text;
      return sim.curl(from, `http://${host}:${port}`, { maxTimeSeconds: 5 });
    }
    case 'UDP':
      return sim.udp(from, to, port, {});
    case 'SCTP':
      return sim.sctp(from, to, port, {});
    case 'ICMP':
      return sim.ping(from, to, { count: 1 });
  }
}

function clientCommand(protocol: TraceProtocol, toText: string, port: number): string {
  switch (protocol) {
    case 'TCP':
      return `curl http://${toText.includes(':') ? `[${toText}]` : toText}:${port} -m 5`;
    case 'UDP':
      return `udp probe ${toText}:${port}`;
    case 'SCTP':
      return `sctp association ${toText}:${port}`;
    case 'ICMP':
      return `ping -c 1 ${toText}`;
  }
}

function resolveAddress(sim: ClusterSim, flag: string, ref: EndpointRef, cluster: Cluster): IpAddr {
  try {
    return sim.wiring.addressOf(ref);
  } catch (e) {
    throw new UserError(`${flag}: ${(e as Error).message}${candidateText(cluster, ref)}`);
  }
}

/**
 * For a destination that is a Service's cluster IP: the backends it leads to and the policy
 * verdict towards each (the agent decides on the backend it picks and its target port).
 */
function servicePolicyLines(k8s: ClusterFlowPolicy, cluster: Cluster, src: IpAddr, dst: string, protocol: Exclude<TraceProtocol, 'ICMP'>, port: number): string[] | undefined {
  const nodePort = nodePortOfAddress(cluster, dst, protocol, port);
  if (nodePort !== undefined) return nodePortLines(k8s, src, dst, protocol, port, nodePort);
  const found = serviceOfAddress(cluster, dst, protocol, port);
  if (found === undefined) return undefined;
  const name = `${found.service.namespace}/${found.service.name}`;
  const backends = found.endpoints?.backends.filter((b) => !b.pod.hostNetwork) ?? [];
  if (found.endpoints === undefined) return [`service: ${name} ${dst} does not declare ${protocol}/${port}: the flow is dropped (NoFipPortMap)`];
  if (backends.length === 0) return [`service: ${name} ${dst}:${port} has no ready backend: no route to it (NoDstRt)`];
  const lines = [`service: ${name} ${dst}:${port} -> ECMP over ${backends.length} backend${backends.length === 1 ? '' : 's'}; the agent decides on the backend it picks`];
  backends.forEach((b, i) => {
    const backend = ipAddr(b.ip);
    const d = k8s.describe(src, backend, protocolCode(protocol), b.targetPort);
    lines.push(`  member ${i}: ${b.pod.namespace}/${b.pod.name} ${b.ip}:${b.targetPort}: ${d.allowed ? 'allowed' : 'denied'}: ${d.reason}`);
  });
  return lines;
}

/** The node port's Service, the backends the node's address leads to, and the verdict towards each. */
function nodePortLines(
  k8s: ClusterFlowPolicy, src: IpAddr, dst: string, protocol: Exclude<TraceProtocol, 'ICMP'>, port: number, found: NonNullable<ReturnType<typeof nodePortOfAddress>>,
): string[] {
  const name = `${found.service.namespace}/${found.service.name}`;
  const backends = found.endpoints.backends.filter((b) => !b.pod.hostNetwork);
  const head = `nodePort: ${name} ${dst}:${port} (node ${found.node}, externalTrafficPolicy ${found.policy})`;
  if (backends.length === 0) {
    const why = found.policy === 'Local' ? `no ready backend on ${found.node} (Local keeps the traffic on the node it arrived at)` : 'no ready backend';
    return [`${head}: ${why}: no route to it, the flow is dropped (NoDstRt)`];
  }
  const lines = [`${head} -> ECMP over ${backends.length} backend${backends.length === 1 ? '' : 's'} (port ${found.endpoints.port.port}); the agent decides on the backend it picks`];
  backends.forEach((b, i) => {
    const d = k8s.describe(src, ipAddr(b.ip), protocolCode(protocol), b.targetPort);
    lines.push(`  member ${i}: ${b.pod.namespace}/${b.pod.name} ${b.ip}:${b.targetPort}: ${d.allowed ? 'allowed' : 'denied'}: ${d.reason}`);
  });
  return lines;
}

/**
 * Under packet-based enforcement the reply is checked as a connection of its own (server to
 * client, to the client's source port): its verdict, on its own line after the request's.
 */
function packetReplyLines(
  enforcement: string, policy: ClusterFlowPolicy, src: IpAddr, dst: IpAddr, protocol: TraceProtocol, events: readonly DataplaneEvent[],
): string[] {
  if (enforcement !== 'packet') return [];
  const first = events.find((e) => e.kind === 'vif-rx');
  const clientPort = protocol === 'ICMP' ? 0 : Number(/:(\d+) > /.exec(first?.packet ?? '')?.[1] ?? 0);
  const reply = policy.describe(dst, src, protocolCode(protocol), clientPort);
  const what = protocol === 'TCP' ? "the server's SYN-ACK" : protocol === 'UDP' ? 'the reply datagram' : protocol === 'SCTP' ? 'the INIT ACK' : 'the echo reply';
  return [
    `reply (packet-based: ${what} is checked as a new connection): ${reply.allowed ? 'allowed' : 'denied'}: ${reply.reason}`,
    ...reply.details.map((l) => `  ${l}`),
  ];
}

export const traceCommand: CliCommand = {
  builder: (y: Argv) =>
    withOutput(withSimulationSettings(withManifestFiles(y)), ['text', 'json'])
      .option('from', { type: 'string', demandOption: true, describe: 'Source: <namespace>/<pod>, node/<name>, or a pod name, label selector or workload that picks one pod' })
      .option('to', { type: 'string', demandOption: true, describe: 'Destination: <namespace>/<pod>, node/<name>, an IP (a ClusterIP too) or <ip>:<port> (a node address and a nodePort), svc/<namespace>/<name>, or a pod name, label selector or workload that picks one pod' })
      .option('port', { type: 'number', describe: 'Destination port (not for ICMP)' })
      .option('protocol', { type: 'string', default: 'TCP', describe: 'TCP, UDP, SCTP or ICMP' })
      .option('pcap', { type: 'string', describe: 'Also write every packet on every vif to this pcapng file (Wireshark, tshark)' })
      .option('html', { type: 'string', describe: 'Also write a self-contained HTML report: topology, sequence diagram, flow tables' }),
  async run(args, io) {
    const fromText = String(args['from']);
    if (parseEndpointRef(fromText)?.kind === 'ip') throw new UserError('--from: the source must be a pod (<namespace>/<pod>) or a node host (node/<name>)');
    const withPort = addressWithPort(String(args['to']), args['port']);
    const toText = withPort?.address ?? String(args['to']);
    if (parseEndpointRef(toText)?.kind === 'ip') endpointArg('--to', toText);
    const protocol = protocolArg(String(args['protocol']));
    const port = portArg(withPort?.port ?? args['port'], protocol);
    const pcapPath = outputPath(io, '--pcap', args['pcap']);
    const htmlPath = outputPath(io, '--html', args['html']);
    const cluster = loadClusterFromArgs(args, io);
    const sim = new ClusterSim(cluster, settingsFrom(args));
    const endpoints = sim.wiring.endpointRefs(true);
    const podOf = (ref: EndpointRef) => sim.wiring.podOf(ref);
    const from = endpointFromFlag('--from', fromText, cluster, endpoints, podOf);
    const to = serviceEndpointArg('--to', toText, cluster) ?? endpointFromFlag('--to', toText, cluster, endpoints, podOf);
    const srcFirst = resolveAddress(sim, '--from', from, cluster);
    resolveAddress(sim, '--to', to, cluster);
    // The pair of a common address family (a dual-stack pod is reached over IPv6 from an IPv6-only one).
    const dstAddr = sim.wiring.destinationFor(from, to);
    const srcAddr = sim.wiring.stackOf(from).sourceAddressFor(dstAddr) ?? srcFirst;
    // The Kubernetes explanation always; under `--semantics contrail` the deciding firewall rule leads.
    const k8s = new ClusterFlowPolicy(cluster);
    const decision = k8s.describe(srcAddr, dstAddr, protocolCode(protocol), port);
    const contrail = sim.wiring.policy instanceof ContrailFlowPolicy ? sim.wiring.policy : undefined;
    const contrailVerdict = contrail?.explain(srcAddr, dstAddr, protocolCode(protocol), port);
    const contrailMatch = contrail?.matchOf(srcAddr, dstAddr, protocolCode(protocol), port) ?? null;
    const serviceLines = protocol === 'ICMP' ? undefined : servicePolicyLines(k8s, sim.cluster, srcAddr, dstAddr.text, protocol, port);
    const events: DataplaneEvent[] = [];
    const log = dataplaneLogListener(io.logger);
    const listener = (e: DataplaneEvent): void => {
      events.push(e);
      log?.(e);
    };
    sim.setTraceListener(listener);
    const capture = pcapPath === undefined ? undefined : attachCapture(sim, listener);
    const outcome = runConnection(sim, from, to, port, protocol);
    sim.advance(TEARDOWN_MS); // let the close handshake and the eviction show
    if (capture !== undefined) detachCapture(sim, undefined);
    sim.setTraceListener(undefined);
    if (capture !== undefined && pcapPath !== undefined) writeOutputFile('--pcap', pcapPath, capture.toPcapng());
    const toName = toText.trim().startsWith('svc/') ? toText.trim() : endpointRefText(to);
    const heading = `${endpointRefText(from)} (${srcAddr.text}) -> ${toName} (${dstAddr.text}) ${protocol}${protocol === 'ICMP' ? '' : `/${port}`}`;
    const verdict = [
      `enforcement: ${sim.settings.enforcement}${contrailVerdict === undefined ? '' : ', semantics: contrail'}`,
      ...(contrailVerdict === undefined ? [] : [`contrail: ${contrailVerdict.reason}`]),
      ...(serviceLines ?? [
        `${contrailVerdict === undefined ? 'policy' : 'kubernetes would say'}: ${decision.allowed ? 'allowed' : 'denied'}: ${decision.reason}`,
        ...decision.details.map((l) => `  ${l}`),
      ]),
      ...packetReplyLines(sim.settings.enforcement, k8s, srcAddr, dstAddr, protocol, events),
    ];
    const client = [`$ ${clientCommand(protocol, dstAddr.text, port)}`, (outcome.stdout + outcome.stderr).trimEnd(), `exit code ${outcome.exitCode} (${outcome.outcome})`];
    if (htmlPath !== undefined) {
      const s = sim.settings;
      writeOutputFile('--html', htmlPath, tracePage({
        heading, from: endpointRefText(from), to: toName, verdict, allowed: contrailVerdict?.allowed ?? decision.allowed, events,
        topology: topologyOf(sim.wiring),
        flowTables: sim.wiring.nodeNames().map((node) => ({ node, text: formatFlowList(sim.flowTable(node)).trimEnd() })),
        client: client.join('\n'),
        settings: `enforcement ${s.enforcement}${s.semantics === 'contrail' ? ', semantics contrail' : ''}, policy change ${s.policyChange}, seed ${s.seed}`,
      }));
    }
    if (args['output'] === 'json') {
      io.stdout(
        JSON.stringify(
          {
            connection: { from: endpointRefText(from), to: endpointRefText(to), source: srcAddr.text, destination: dstAddr.text, protocol, port },
            settings: { enforcement: sim.settings.enforcement, semantics: sim.settings.semantics, policyChange: sim.settings.policyChange, seed: sim.settings.seed },
            policy: decision,
            ...(contrailVerdict === undefined
              ? {}
              : { contrail: { ...contrailVerdict, firewallPolicy: contrailMatch?.policy.name ?? null, rule: contrailMatch?.rule.name ?? null, sequence: contrailMatch?.rule.sequence ?? null } }),
            events,
            result: outcome,
          },
          null,
          2,
        ) + '\n',
      );
      return 0;
    }
    const lines = [`trace ${heading}`, ...verdict, '', formatTrace(events).trimEnd(), '', ...client];
    io.stdout(lines.join('\n') + '\n');
    return 0;
  },
};
