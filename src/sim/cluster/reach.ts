/**
 * Reachability matrix by real attempts: for every source, destination, port and protocol a
 * connection is opened through the simulated dataplane (SYN for TCP, a datagram for UDP, INIT
 * for SCTP) and counted as allowed when an answer to that very attempt comes back to the source
 * (SYN-ACK or RST acknowledging its SYN, the echo of its own payload or an ICMP port unreachable
 * quoting its datagram, INIT ACK or ABORT carrying its tag), from the probed address and port:
 * the request crossed both vRouters and the reply rode the reverse flows home. No answer within
 * the probe timeout = blocked. UDP probes use connected sockets with a payload unique to the
 * probe, and every stack reserves the probed ports (ip_local_reserved_ports), so no probe's
 * source port is another probe's destination: a probe never takes another's request or answer.
 *
 * Probes run in batches of up to `reachInFlight` (spanning sources), started at the same instant
 * with one deadline per batch; flows are flushed after every batch, so the reach's tables are sized to the batch (`reachSettings`) and
 * any packet lost to a full table or hold limit is an error, never a "blocked" verdict. Named ports are resolved per destination pod (a destination that does not
 * declare the name is reported blocked, with that reason).
 */
import type { IpAddr } from '../../packet/types.js';
import type { L4Protocol } from '../../model/types.js';
import type { HostStack } from '../host-stack.js';
import type { SynProbe, TcpProbeListener } from '../tcp-syn-probe.js';
import { CELL_ALLOWED, CELL_BLOCKED, CELL_NO_ROUTE, CompactReachResult } from './reach-result.js';
import { destinationsByFamilies, familyMask } from './address-pair.js';
import { isSocketError, type SocketError } from '../socket-error.js';
import { EPHEMERAL_HIGH, EPHEMERAL_LOW } from '../ephemeral-ports.js';
import { SimulationLimitError } from '../limit-error.js';
import { planReach, type ReachPlan } from './reach-plan.js';
import type { ClusterSettings, ReachOptions, ReachResult } from './types.js';
import type { ClusterWiring } from './wiring.js';

/** How long a probe waits for an answer at least (the simulated network loses nothing, so one SYN suffices). */
const MIN_PROBE_TIMEOUT_US = 2_500_000;

/**
 * How long a probe waits for an answer: 2.5 s, or longer when the settings make the way there
 * and back slower. The answer needs at most two flow setups (source and destination node),
 * each the agent's latency plus at most a quarter of the timeout of queueing (`reachInFlight`),
 * and six link crossings: T >= 2 (latency + T/4) + 6 link, i.e. T >= 4 latency + 12 link. A
 * probe allowed by policy is therefore always answered before the deadline, whatever the
 * agent latency ("blocked" never means "too slow").
 */
export function probeTimeoutUs(settings: ClusterSettings): number {
  return Math.max(MIN_PROBE_TIMEOUT_US, 4 * settings.agent.latencyUs + 12 * settings.linkLatencyUs + 1000);
}
/**
 * Upper bound on probes in flight. Larger batches mean fewer flushes but more live connection
 * state at once (promoted by the young-generation GC, colder caches): measured at 300 pods,
 * 4096 costs ~40 % more CPU than 256-1024.
 */
const MAX_IN_FLIGHT = 512;

/**
 * Probes in flight at once. Each probe holds at most one flow on a node at a time and needs at
 * most one flow setup per node, so this many probes never exceed the agent's hold limit, and
 * their setups queue for at most a quarter of the probe timeout on each of the two nodes.
 */
export function reachInFlight(settings: ClusterSettings): number {
  const agent = settings.agent;
  const byRate = Math.floor((agent.setupRatePerSecond * probeTimeoutUs(settings)) / 4e6);
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
export function checkCapacityDrops(wiring: ClusterWiring): void {
  for (const node of wiring.nodeNames()) {
    const drops = wiring.vrouter(node).drops;
    const lost = drops['Flow Table Full'] + drops['Flow Unusable'];
    if (lost > 0) {
      throw new Error(`invariant: reach lost ${lost} packet(s) on ${node} to a full flow table or hold limit; its verdicts would be wrong`);
    }
  }
}

/** What a batch tracks: probes not yet answered. */
export interface Batch {
  remaining: number;
}

/**
 * One attempt: its cell, its verdict once known, and how to abandon it at the deadline. It
 * listens to its TCP probe itself: any answer (SYN-ACK or RST) means the pair is allowed.
 */
export class Probe implements TcpProbeListener {
  verdict: boolean | undefined = undefined;
  /** The source port the attempt was sent from (set by `startProbe`). */
  localPort = 0;
  /** The pending half-open TCP probe, cancelled at the deadline. */
  synProbe: SynProbe | undefined = undefined;
  /** How to abandon a UDP or SCTP attempt at the deadline. */
  abandonOther: (() => void) | undefined = undefined;

  constructor(readonly cell: number, private readonly batch: Batch) {}

  settle(answered: boolean): void {
    if (this.verdict !== undefined) return;
    this.verdict = answered;
    this.batch.remaining--;
  }

  /** The stack heard its answer and has already forgotten the half-open probe: nothing to cancel. */
  answered(): void {
    this.synProbe = undefined;
    this.settle(true);
  }

  abandon(): void {
    this.synProbe?.cancel();
    this.abandonOther?.();
  }
}

const encoder = new TextEncoder();

/** The UDP probe's payload: unique per probe, so its echo cannot be mistaken for another's. */
function udpPayload(cell: number): Uint8Array {
  return encoder.encode(`vrsim reach probe ${cell}\n`);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The probe could not start: no free local port (only with more probed ports than the ephemeral range can spare). */
function noPort(stack: HostStack, error: SocketError): never {
  throw new SimulationLimitError(
    `reach: ${stack.name} has no free ephemeral port to probe from (${error.errno}): the probed ports are reserved and cannot be source ports, so probe fewer ports of the range ${EPHEMERAL_LOW}-${EPHEMERAL_HIGH} at once`,
  );
}

export function startProbe(stack: HostStack, probe: Probe, dstAddr: IpAddr, port: number, protocol: L4Protocol): void {
  switch (protocol) {
    case 'TCP': {
      // Half-open, like a SYN scan: the SYN crosses both vRouters (flow setup on each), the
      // SYN-ACK or RST rides the reverse flows back, and the source answers a SYN-ACK with RST.
      const started = stack.probeTcp(dstAddr, port, probe);
      if (isSocketError(started)) noPort(stack, started);
      probe.synProbe = started;
      probe.localPort = started.localPort;
      return;
    }
    case 'UDP': {
      // Connected: the stack hands it only datagrams from dstAddr:port and errors about them.
      const payload = udpPayload(probe.cell);
      const socket = stack.connectUdp(dstAddr, port, {
        datagram: (_s, _from, _fromPort, echoed) => {
          if (sameBytes(echoed, payload)) probe.settle(true);
        },
        portUnreachable: (_s, _to, _toPort, reporter) => {
          if (reporter === dstAddr) probe.settle(true);
        },
      });
      if (isSocketError(socket)) noPort(stack, socket);
      probe.localPort = socket.localPort;
      socket.send(dstAddr, port, payload);
      probe.abandonOther = () => socket.close();
      return;
    }
    case 'SCTP': {
      const association = stack.connectSctp(dstAddr, port, {
        established: (a) => {
          probe.settle(true);
          a.abort();
        },
        closed: (_a, reason) => probe.settle(reason.kind === 'aborted-by-peer' || reason.kind === 'shutdown'),
      });
      if (isSocketError(association)) noPort(stack, association);
      probe.localPort = association.localPort;
      probe.abandonOther = () => association.abort();
      return;
    }
  }
}

/**
 * Run one batch: start every probe at the same instant, run the clock until all are answered
 * or the deadline passes, then abandon the rest (blocked), check for capacity drops and flush.
 */
function runBatch(wiring: ClusterWiring, batch: Batch, probes: readonly Probe[], verdicts: Uint8Array): void {
  settleBatch(wiring, batch, probes);
  for (const probe of probes) verdicts[probe.cell] = probe.verdict === true ? CELL_ALLOWED : CELL_BLOCKED;
  checkCapacityDrops(wiring);
  wiring.flushFlows();
}

/**
 * Run the clock until every probe of the batch is answered or the deadline passes, then
 * abandon the rest (their verdict: false). The flows stay in the tables (the caller flushes).
 */
export function settleBatch(wiring: ClusterWiring, batch: Batch, probes: readonly Probe[]): void {
  const loop = wiring.loop;
  loop.runUntil(() => batch.remaining === 0, loop.now + probeTimeoutUs(wiring.settings));
  for (const probe of probes) {
    probe.settle(false);
    probe.abandon();
  }
}

/** How far a reach has got: every row of the groups before `group`, and rows `[0, rows)` of `group`, are final. */
export interface ReachProgress {
  readonly group: number;
  readonly rows: number;
  /** Probes finished so far, of `total`. */
  readonly probed: number;
  readonly total: number;
}

/** The result object a reach fills in, created before the first probe so writers can read rows as they complete. */
export function reachResultFor(wiring: ClusterWiring, plan: ReachPlan, rows?: { readonly from: number; readonly to: number }): CompactReachResult {
  return new CompactReachResult(
    plan,
    plan.sources.map((ref) => wiring.addressesOf(ref)),
    plan.destinations.map((ref) => wiring.addressesOf(ref)),
    wiring.policy,
    wiring.settings.enforcement,
    rows,
  );
}

/** The probes a plan attempts in groups `[from, to)`: every source to each destination that has a port to probe. */
export function probeCount(plan: ReachPlan, from = 0, to = plan.groups.length): number {
  const g = plan.groups.length;
  let perRow = 0;
  for (let i = from; i < to; i++) for (let d = 0; d < plan.destinations.length; d++) if (plan.ports[d * g + i]! >= 0) perRow++;
  return perRow * plan.sources.length;
}

/**
 * Attempt every cell of the result's rows into `result.verdicts`, group by group, source row
 * by source row (only the groups `[from, to)` when given: the rest stay 0). Yields after every
 * batch with how far the rows are final, and once more at the end (`group: to`).
 */
export function* probeReach(wiring: ClusterWiring, result: CompactReachResult, groups?: { readonly from: number; readonly to: number }): Generator<ReachProgress, void, void> {
  const plan = result.plan;
  const nd = plan.destinations.length;
  const g = plan.groups.length;
  const firstGroup = groups?.from ?? 0;
  const endGroup = groups?.to ?? g;
  const rowFrom = result.rowFrom;
  const rows = result.rowTo - rowFrom;
  // Only the result's rows: `sources[r]` (and `stacks[r]`) is source row rowFrom + r.
  const sources = plan.sources.slice(rowFrom, result.rowTo);
  const total = probeCount({ ...plan, sources }, firstGroup, endGroup);
  const verdicts = result.verdicts;
  const stacks = sources.map((ref) => wiring.stackOf(ref));
  // The destination address of every (destination, source families) pair, read from one flat
  // array in the loop instead of walking two address lists per attempt (address-pair.ts).
  const sourceFamilies = Uint8Array.from(stacks, (stack) => familyMask(stack.addresses));
  const chosen = plan.destinations.flatMap((ref) => destinationsByFamilies(wiring.addressesOf(ref)));
  const inFlight = reachInFlight(wiring.settings);
  let probed = 0;
  // No probe's source port is a probed port: a request never lands on a probe's socket.
  const reserved = new Set<number>();
  for (const port of plan.ports) if (port >= 0) reserved.add(port);
  for (const stack of stacks) stack.reserveLocalPorts(reserved);
  // Batches span sources (and groups): probes in cell order, up to inFlight at once, one deadline each.
  let batch: Batch = { remaining: 0 };
  let probes: Probe[] = [];
  for (let i = firstGroup; i < endGroup; i++) {
    const protocol = plan.groups[i]!.protocol;
    for (let r = 0; r < rows; r++) {
      const stack = stacks[r]!;
      const families = sourceFamilies[r]!;
      for (let d = 0; d < nd; d++) {
        const port = plan.ports[d * g + i]!;
        if (port < 0) continue;
        const cell = (i * rows + r) * nd + d;
        const dst = chosen[4 * d + families];
        if (dst === undefined) {
          // No common address family: connect(2) would fail with ENETUNREACH, nothing is sent.
          verdicts[cell] = CELL_NO_ROUTE;
          probed++;
          continue;
        }
        const probe = new Probe(cell, batch);
        probes.push(probe);
        batch.remaining++;
        startProbe(stack, probe, dst, port, protocol);
        if (probes.length === inFlight) {
          runBatch(wiring, batch, probes, verdicts);
          probed += probes.length;
          batch = { remaining: 0 };
          probes = [];
          // Rows before s are final; s itself is when this was its last cell.
          yield { group: i, rows: rowFrom + (d === nd - 1 ? r + 1 : r), probed, total };
        }
      }
    }
  }
  if (probes.length > 0) runBatch(wiring, batch, probes, verdicts);
  probed += probes.length;
  yield { group: endGroup, rows: 0, probed, total };
}

/** A whole reach at once: every endpoint (hosts too when asked) to every endpoint on the asked ports. */
export function runReach(wiring: ClusterWiring, options: ReachOptions): ReachResult {
  const refs = wiring.endpointRefs(options.hosts);
  const plan = planReach(wiring, { sources: refs, destinations: refs, ports: options.ports, protocols: options.protocols });
  const result = reachResultFor(wiring, plan);
  for (const _ of probeReach(wiring, result)) {
    // run to the end
  }
  return result;
}
