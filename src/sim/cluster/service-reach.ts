/**
 * `reach --services` by real attempts: every source connects to each Service port at its
 * cluster IP through the simulated dataplane, as a client would. The source's vRouter picks an
 * ECMP member from the flow hash and the seed and records it on the forward entry (`E:n`), the
 * member's vRouter NATs the flow to the backend and target port, and the policy is decided on
 * that backend. The source's vRouter reports each member it picks (`ecmpListener`), so after
 * each batch every attempt's backend is known, even when its entry is already evicted;
 * attempts are repeated (each from a new source port, so a new hash) until every member of the
 * cell has been hit, so the cell says which backends answer, not just the one a single
 * connection happened to get. A member that no attempt reached within the budget is reported
 * `unprobed`, never guessed.
 *
 * Guarantees: deterministic for a cluster and seed; probes run in the reach's batches (same
 * in-flight bound, deadline and capacity checks as pod reach); each group's rows are final
 * when it yields for the next group.
 */
import { ipAddrFromWords } from '../../packet/address.js';
import { FlowKey } from '../../dataplane/flow-key.js';
import { PROTO_SCTP, PROTO_TCP, PROTO_UDP } from '../../packet/types.js';
import type { L4Protocol } from '../../model/types.js';
import { Probe, checkCapacityDrops, reachInFlight, settleBatch, startProbe, type Batch, type ReachProgress } from './reach.js';
import { MEMBER_ALLOWED, MEMBER_BLOCKED, MEMBER_NOT_SERVED, MEMBER_UNKNOWN, ServiceReachResult, type ServiceTarget } from './service-reach-result.js';
import type { ClusterWiring } from './wiring.js';

/** Attempts per member at most: a member missed (1 - 1/k)^(20k) ~ e^-20 of the time. */
const ATTEMPTS_PER_MEMBER = 20;

const PROTO: Record<L4Protocol, number> = { TCP: PROTO_TCP, UDP: PROTO_UDP, SCTP: PROTO_SCTP };

function attemptKey(src: string, sport: number, dst: string, dport: number, proto: number): string {
  return `${src} ${sport} ${dst} ${dport} ${proto}`;
}

/** Records the ECMP member of every Service flow set up on any node while attached, by attempt key. */
class EcmpChoices {
  readonly byAttempt = new Map<string, number>();

  constructor(private readonly wiring: ClusterWiring) {
    const listener = (k: FlowKey, member: number): void => {
      const src = ipAddrFromWords(k.family, k.s0, k.s1, k.s2, k.s3).text;
      const dst = ipAddrFromWords(k.family, k.d0, k.d1, k.d2, k.d3).text;
      this.byAttempt.set(attemptKey(src, k.sport, dst, k.dport, k.proto), member);
    };
    for (const node of wiring.nodeNames()) wiring.vrouter(node).ecmpListener = listener;
  }

  detach(): void {
    for (const node of this.wiring.nodeNames()) this.wiring.vrouter(node).ecmpListener = undefined;
  }
}

interface Attempt {
  readonly probe: Probe;
  readonly target: ServiceTarget;
  readonly protocol: L4Protocol;
  readonly port: number;
}

/** Whether a cell still has a member no attempt has reached, and budget left to try. */
function wanting(t: ServiceTarget | undefined): t is ServiceTarget {
  if (t === undefined || t.members.length === 0) return false;
  if (t.attempts >= ATTEMPTS_PER_MEMBER * t.members.length) return false;
  return t.states.includes(MEMBER_UNKNOWN);
}

/**
 * Attempt every cell of the result, group by group; yields when a group's rows are all final
 * (rows = sources) and once more at the end.
 */
export function* probeServiceReach(wiring: ClusterWiring, result: ServiceReachResult): Generator<ReachProgress, void, void> {
  const ns = result.sourceRefs.length;
  const nd = result.columns.length;
  const stacks = result.sourceRefs.map((ref) => wiring.stackOf(ref));
  // No attempt's source port is a port some attempt goes to (at the cluster IP or, NATed, at a backend).
  const reserved = new Set<number>();
  for (const t of result.targets) {
    if (t === undefined) continue;
    for (const m of t.members) reserved.add(m.port);
  }
  for (const c of result.columns) reserved.add(c.port.port);
  for (const stack of stacks) stack.reserveLocalPorts(reserved);
  const inFlight = reachInFlight(wiring.settings);
  const total = ns * nd;
  let probed = 0;
  const choices = new EcmpChoices(wiring);
  try {
  for (let g = 0; g < result.groups.length; g++) {
    const cells: { s: number; d: number }[] = [];
    for (let s = 0; s < ns; s++) for (let d = 0; d < nd; d++) if (result.columnGroup[d] === g) cells.push({ s, d });
    let pending = cells.filter(({ s, d }) => wanting(result.target(s, d)));
    while (pending.length > 0) {
      let attempts: Attempt[] = [];
      let batch: Batch = { remaining: 0 };
      for (const { s, d } of pending) {
        const target = result.target(s, d)!;
        const { protocol, port } = result.columns[d]!.port;
        const probe = new Probe(attempts.length, batch);
        batch.remaining++;
        target.attempts++;
        startProbe(stacks[s]!, probe, target.vip, port, protocol);
        attempts.push({ probe, target, protocol, port });
        if (attempts.length === inFlight) {
          finishBatch(wiring, result, batch, attempts, choices.byAttempt);
          attempts = [];
          batch = { remaining: 0 };
        }
      }
      if (attempts.length > 0) finishBatch(wiring, result, batch, attempts, choices.byAttempt);
      pending = pending.filter(({ s, d }) => wanting(result.target(s, d)));
    }
    probed += cells.length;
    yield { group: g + 1, rows: 0, probed, total };
  }
  } finally {
    choices.detach();
  }
  yield { group: result.groups.length, rows: 0, probed, total };
}

/** Settle a batch, give each attempt's verdict to the member its flow went to, then flush. */
function finishBatch(wiring: ClusterWiring, result: ServiceReachResult, batch: Batch, attempts: readonly Attempt[], choices: Map<string, number>): void {
  settleBatch(wiring, batch, attempts.map((a) => a.probe));
  for (const { probe, target, protocol, port } of attempts) {
    const member = choices.get(attemptKey(target.src.text, probe.localPort, target.vip.text, port, PROTO[protocol]));
    if (member === undefined || member >= target.members.length || target.states[member] !== MEMBER_UNKNOWN) continue;
    const answered = probe.verdict === true;
    target.states[member] = !answered ? MEMBER_BLOCKED : result.memberServes(target.members[member]!, protocol) ? MEMBER_ALLOWED : MEMBER_NOT_SERVED;
  }
  choices.clear();
  checkCapacityDrops(wiring);
  wiring.flushFlows();
}
