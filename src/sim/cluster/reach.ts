/**
 * Reachability matrix by real attempts: for every source, destination, port and protocol a
 * connection is opened through the simulated dataplane (SYN for TCP, a datagram for UDP, INIT
 * for SCTP) and counted as allowed when any answer comes back to the source (SYN-ACK or RST,
 * the echo or an ICMP port unreachable, INIT ACK or ABORT): the request crossed both vRouters
 * and the reply rode the reverse flows home. No answer within the probe timeout = blocked.
 *
 * Each source's probes run together in virtual time, at most `reachInFlight` at once; flows are
 * flushed after every batch, so the reach's tables are sized to the batch (`reachSettings`) and
 * any packet lost to a full table or hold limit is an error, never a "blocked" verdict. Named ports are resolved per destination pod (a destination that does not
 * declare the name is reported blocked, with that reason).
 */
import type { IpAddr } from '../../packet/types.js';
import type { L4Protocol } from '../../model/types.js';
import type { HostStack } from '../host-stack.js';
import { CELL_ALLOWED, CELL_BLOCKED, CompactReachResult, type ReachGroup } from './reach-result.js';
import { endpointRefText, type ClusterSettings, type EndpointRef, type ReachOptions, type ReachResult } from './types.js';
import type { ClusterWiring } from './wiring.js';

/** How long a probe waits for an answer: two SYN transmissions for TCP. */
const PROBE_TIMEOUT_US = 2_500_000;
const MAX_IN_FLIGHT = 4096;

/**
 * Probes in flight at once. Each probe holds at most one flow on a node at a time and needs at
 * most one flow setup per node, so this many probes never exceed the agent's hold limit, and
 * their setups queue for at most a quarter of the probe timeout on each of the two nodes.
 */
export function reachInFlight(settings: ClusterSettings): number {
  const agent = settings.agent;
  const byRate = Math.floor((agent.setupRatePerSecond * PROBE_TIMEOUT_US) / 4e6);
  return Math.max(1, Math.min(MAX_IN_FLIGHT, agent.holdLimit, byRate));
}

/**
 * The settings of the reach's own cluster copy: flow tables sized to what is in flight (tables
 * are flushed after every batch). A probe installs at most one flow pair per node, so a node
 * holds at most 2 x in-flight entries: the main table is the power of 4 >= 4 x in-flight (load
 * <= 0.5 of the 4-way buckets, plus the default overflow of a fifth), instead of 512K entries.
 */
export function reachSettings(settings: ClusterSettings): ClusterSettings {
  const inFlight = reachInFlight(settings);
  let entries = 4;
  while (entries < 4 * inFlight) entries *= 4;
  return { ...settings, flowTable: { entries } };
}

/** A full table or hold queue would turn an allowed pair into a false "blocked": never tolerated. */
function checkCapacityDrops(wiring: ClusterWiring): void {
  for (const node of wiring.nodeNames()) {
    const drops = wiring.vrouter(node).drops;
    const lost = drops['Flow Table Full'] + drops['Flow Unusable'];
    if (lost > 0) {
      throw new Error(`invariant: reach lost ${lost} packet(s) on ${node} to a full flow table or hold limit; its verdicts would be wrong`);
    }
  }
}

interface PendingProbe {
  /** Index of the cell in the result's verdict bytes. */
  readonly cell: number;
  readonly port: number;
  readonly protocol: L4Protocol;
  readonly dstAddr: IpAddr;
  answered: boolean | undefined;
}

function resolvePort(wiring: ClusterWiring, dst: EndpointRef, port: number | string, protocol: L4Protocol): number | undefined {
  if (typeof port === 'number') return port;
  const pod = wiring.podOf(dst);
  const declared = pod?.ports.find((p) => p.name === port && p.protocol === protocol);
  return declared?.containerPort;
}

interface BatchTracker {
  remaining: number;
}

function startProbe(wiring: ClusterWiring, stack: HostStack, probe: PendingProbe, tracker: BatchTracker): void {
  const loop = wiring.loop;
  const settle = (answered: boolean): void => {
    if (probe.answered !== undefined) return;
    probe.answered = answered;
    tracker.remaining--;
  };
  switch (probe.protocol) {
    case 'TCP': {
      const socket = stack.connectTcp(probe.dstAddr, probe.port, {
        connected: (s) => {
          settle(true);
          s.abort();
        },
        closed: (_s, reason) => settle(reason.kind === 'refused' || reason.kind === 'reset'),
      });
      loop.after(PROBE_TIMEOUT_US, () => {
        if (probe.answered === undefined) {
          settle(false);
          socket.abort();
        }
      });
      return;
    }
    case 'UDP': {
      const socket = stack.openUdp({
        datagram: () => settle(true),
        portUnreachable: () => settle(true),
      });
      socket.send(probe.dstAddr, probe.port, new TextEncoder().encode('vrsim reach probe\n'));
      loop.after(PROBE_TIMEOUT_US, () => {
        settle(false);
        socket.close();
      });
      return;
    }
    case 'SCTP': {
      const association = stack.connectSctp(probe.dstAddr, probe.port, {
        established: (a) => {
          settle(true);
          a.abort();
        },
        closed: (_a, reason) => settle(reason.kind === 'aborted-by-peer' || reason.kind === 'shutdown'),
      });
      loop.after(PROBE_TIMEOUT_US, () => {
        if (probe.answered === undefined) {
          settle(false);
          association.abort();
        }
      });
      return;
    }
  }
}

export function runReach(wiring: ClusterWiring, options: ReachOptions): ReachResult {
  const refs = wiring.endpointRefs(options.hosts);
  const labels = refs.map(endpointRefText);
  const addresses = refs.map((ref) => wiring.addressOf(ref));
  const groups: ReachGroup[] = [];
  for (const protocol of options.protocols) for (const asked of options.ports) groups.push({ protocol, portLabel: String(asked) });
  const n = refs.length;
  const g = groups.length;
  const ports = new Int32Array(n * g);
  for (let d = 0; d < n; d++) {
    let i = 0;
    for (const protocol of options.protocols) {
      for (const asked of options.ports) ports[d * g + i++] = resolvePort(wiring, refs[d]!, asked, protocol) ?? -1;
    }
  }
  const verdicts = new Uint8Array(n * n * g);
  const loop = wiring.loop;
  const inFlight = reachInFlight(wiring.settings);
  for (let s = 0; s < n; s++) {
    const stack = wiring.stackOf(refs[s]!);
    const probes: PendingProbe[] = [];
    for (let d = 0; d < n; d++) {
      for (let i = 0; i < g; i++) {
        const port = ports[d * g + i]!;
        if (port < 0) continue;
        probes.push({ cell: (s * n + d) * g + i, port, protocol: groups[i]!.protocol, dstAddr: addresses[d]!, answered: undefined });
      }
    }
    for (let start = 0; start < probes.length; start += inFlight) {
      const batch = probes.slice(start, start + inFlight);
      const tracker: BatchTracker = { remaining: batch.length };
      for (const probe of batch) startProbe(wiring, stack, probe, tracker);
      loop.runUntil(() => tracker.remaining === 0, loop.now + PROBE_TIMEOUT_US + 1);
      checkCapacityDrops(wiring);
      wiring.flushFlows();
      for (const probe of batch) verdicts[probe.cell] = probe.answered === true ? CELL_ALLOWED : CELL_BLOCKED;
    }
  }
  return new CompactReachResult(labels, addresses, groups, ports, verdicts, wiring.policy, wiring.settings.enforcement);
}
