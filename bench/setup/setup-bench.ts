/**
 * Benchmark 2: flow setup at realistic loads. The flow table is first filled with live flows
 * (set up through the real path) to a given share of its main entries (50 %, 90 %); then each
 * timed call sets up 256 new flows — the first packet enters `Vrouter.fromVif`, misses, is
 * held, trapped to the agent (latency 0), decided by the compiled policy, the forward and
 * reverse entries are installed and the held packet is forwarded (to a local vif or into the
 * tunnel) — and deletes those 256 pairs again (`VrouterAgent.deletePair`, as aging does), so
 * the table stays at its load and the figure is a full setup + delete cycle per flow.
 * Warm-up: the cycle runs 100 times before benchmark.js measures it.
 * Baseline: a naive setup path (`naive-setup-path.ts`: a `Map<string>` flow table filled to the
 * same load plus the naive walk of the NetworkPolicy records), on the same flows.
 * Breakdown rows: the compiled decision alone, by the rule walk (`ClusterFlowPolicy.allowsByRules`,
 * i.e. `allowsBetween`) and by the verdict rows the setups built (`ClusterFlowPolicy.allows`,
 * against the first); and the same setup + delete cycle with a free decision (`FREE_DECISION`,
 * allows all without looking), so the table path (vRouter, hold, agent, fabric, flow table) is
 * measured alone.
 *
 * Guarantees: deterministic flows (seeded), pairwise distinct, the timed ones never live in the
 * background; before timing, the naive evaluator and the compiled policy are checked to agree
 * on every timed flow, and one cycle is checked to set up 256 flows and leave the table at its load.
 */
import { FlowKey, setFlowKey } from '../../src/dataplane/flow-key.js';
import type { FlowPolicy } from '../../src/dataplane/flow-policy.js';
import { ipAddr } from '../../src/packet/address.js';
import type { IpAddr, IpPacket } from '../../src/packet/types.js';
import type { Cluster } from '../../src/model/types.js';
import { ClusterFlowPolicy } from '../../src/sim/cluster/policy-adapter.js';
import { Prng } from '../../src/sim/prng.js';
import { generateCluster } from '../gen/cluster-gen.js';
import { opsPerSecond, type Timing } from '../lib/measure.js';
import { buildRig } from '../lib/node-rig.js';
import { synPacket, udpPacket } from '../lib/packets.js';
import type { Row } from '../lib/results.js';
import { NaivePolicyEvaluator } from './naive-policy.js';
import { NaiveSetupPath } from './naive-setup-path.js';

const CHUNK = 256;
export const SETUP_VARIANT = 'vRouter fromVif + agent (compiled policy), setup+delete';
export const SETUP_BASELINE = 'naive setup path: Map<string> flow table + per-packet walk of NetworkPolicy records';
export const SETUP_DECISION = 'compiled decision only (allowsBetween)';
export const SETUP_TABLE_PATH = 'table path alone (free decision: allow all), setup+delete';

/** A FlowPolicy whose decision costs nothing: the table path of setup measured alone. */
const FREE_DECISION: FlowPolicy = {
  allows: () => true,
  explain: () => ({ allowed: true, reason: 'setup bench: free decision' }),
};
export const SETUP_DECISION_ROWS = 'decision only, verdict rows (ClusterFlowPolicy.allows)';

interface Flow {
  readonly packet: IpPacket;
  readonly vif: number;
  readonly src: IpAddr;
  readonly dst: IpAddr;
  readonly proto: number;
  readonly dport: number;
}

function makeFlows(cluster: Cluster, localNode: string, count: number, seed: number, vifOf: (a: IpAddr) => number, taken: Set<string>): Flow[] {
  const rng = new Prng(seed);
  const local = cluster.pods.filter((p) => p.nodeName === localNode);
  const flows: Flow[] = [];
  while (flows.length < count) {
    const srcPod = local[rng.nextInt(local.length)]!;
    const dstPod = cluster.pods[rng.nextInt(cluster.pods.length)]!;
    const sport = 32768 + rng.nextInt(28232);
    const r = rng.nextInt(10);
    const udp = r < 2;
    const dport = udp ? 53 : r < 7 ? 80 : r < 9 ? 9090 : 8000 + rng.nextInt(1000);
    const text = `${udp ? 17 : 6} ${srcPod.ips[0]} ${sport} ${dstPod.ips[0]} ${dport}`;
    const reverse = `${udp ? 17 : 6} ${dstPod.ips[0]} ${dport} ${srcPod.ips[0]} ${sport}`;
    // Distinct flows whose reverse is not another flow's forward key (each setup is a true miss).
    if (taken.has(text) || taken.has(reverse) || srcPod === dstPod) continue;
    taken.add(text);
    taken.add(reverse);
    const src = ipAddr(srcPod.ips[0]!);
    const dst = ipAddr(dstPod.ips[0]!);
    const packet = udp ? udpPacket(src, dst, sport, dport) : synPacket(src, dst, sport, dport);
    flows.push({ packet, vif: vifOf(src), src, dst, proto: udp ? 17 : 6, dport });
  }
  return flows;
}

export interface SetupSize {
  readonly pods: number;
  readonly policies: number;
  /** Share of the main flow entries that live flows hold while the timed setups run (0..0.95). */
  readonly load: number;
}

export function setupLabel(s: SetupSize): string {
  return `${s.pods} pods, ${s.policies} policies, table ${Math.round(s.load * 100)}% full`;
}

export interface SetupBenchOptions {
  /** Main flow entries of the vRouter under test (default 524288, VR_DEF_FLOW_ENTRIES). */
  readonly flowEntries?: number;
  /** Distinct timed flows cycled through (default 8192). */
  readonly pool?: number;
  /** Untimed warm-up cycles before measuring (default 100). */
  readonly warmup?: number;
}

const protoName = (proto: number): 'TCP' | 'UDP' => (proto === 17 ? 'UDP' : 'TCP');

export function runSetupBench(sizes: readonly SetupSize[], timing: Timing, log: (l: string) => void, options: SetupBenchOptions = {}): Row[] {
  const rows: Row[] = [];
  const entries = options.flowEntries ?? 524288;
  for (const size of sizes) {
    const cluster = generateCluster({ pods: size.pods, policies: size.policies });
    const policy = new ClusterFlowPolicy(cluster);
    const node = cluster.nodes[0]!.name;
    const rig = buildRig(cluster, { nodes: [node], policy, flowEntries: entries });
    const vrouter = rig.vrouters.get(node)!;
    const vifOf = (a: IpAddr): number => rig.attached.get(a)!.vif;
    const taken = new Set<string>();
    const background = makeFlows(cluster, node, Math.floor((size.load * entries) / 2), 17, vifOf, taken);
    const flows = makeFlows(cluster, node, options.pool ?? 8192, 99, vifOf, taken);
    const naive = new NaivePolicyEvaluator(cluster);
    let allowedCount = 0;
    for (const f of flows) {
      const compiled = policy.allows(f.src, f.dst, f.proto, f.dport);
      if (naive.allows(f.src.text, f.dst.text, protoName(f.proto), f.dport) !== compiled) {
        throw new Error(`setup bench: naive and compiled policy disagree on ${f.src.text} > ${f.dst.text}:${f.dport}`);
      }
      if (compiled) allowedCount++;
    }
    const scheduler = rig.scheduler;
    const agent = vrouter.agent;
    const table = vrouter.table;
    const live = (): number => table.counters.allocated - table.counters.deleted;
    for (const f of background) {
      vrouter.fromVif(f.vif, f.packet);
      scheduler.drain();
    }
    const liveBefore = live();
    if (liveBefore !== 2 * background.length) throw new Error(`setup bench: filling to ${size.load} left ${liveBefore} live entries, expected ${2 * background.length}`);
    const keys = flows.map((f) => {
      const k = new FlowKey();
      setFlowKey(k, f.proto, vrouter.vif(f.vif)!.nextHop, (f.packet.l4 as { srcPort: number }).srcPort, f.dport, f.src, f.dst);
      return k;
    });
    let cursor = 0;
    const setupCycle = (): void => {
      const start = cursor;
      let i = start;
      for (let c = 0; c < CHUNK; c++) {
        const f = flows[i]!;
        vrouter.fromVif(f.vif, f.packet);
        scheduler.drain();
        if (++i === flows.length) i = 0;
      }
      i = start;
      for (let c = 0; c < CHUNK; c++) {
        agent.deletePair(table.lookup(keys[i]!));
        if (++i === flows.length) i = 0;
      }
      cursor = i;
    };
    const before = agent.setups;
    setupCycle();
    if (agent.setups - before !== CHUNK || live() !== liveBefore) {
      throw new Error(`setup bench: one cycle did ${agent.setups - before} setups and left ${live()} live entries (expected ${liveBefore})`);
    }
    const warmup = options.warmup ?? 100;
    for (let w = 0; w < warmup; w++) setupCycle();
    const benchmark = `setup, ${setupLabel(size)}`;
    const setup = opsPerSecond(`setup ${benchmark}`, setupCycle, CHUNK, timing);

    const naivePath = new NaiveSetupPath(naive);
    for (const f of background) naivePath.fromPod(f.packet);
    let naiveCursor = 0;
    const naiveCycle = (): void => {
      const start = naiveCursor;
      let i = start;
      for (let c = 0; c < CHUNK; c++) {
        naivePath.fromPod(flows[i]!.packet);
        if (++i === flows.length) i = 0;
      }
      i = start;
      for (let c = 0; c < CHUNK; c++) {
        naivePath.deleteFlowOf(flows[i]!.packet);
        if (++i === flows.length) i = 0;
      }
      naiveCursor = i;
    };
    const naiveSize = naivePath.table.size;
    naiveCycle();
    if (naivePath.table.size !== naiveSize) throw new Error('setup bench: the naive cycle did not leave its table at its load');
    for (let w = 0; w < Math.min(warmup, 10); w++) naiveCycle();
    const base = opsPerSecond(`naive ${benchmark}`, naiveCycle, CHUNK, timing);

    agent.policy = FREE_DECISION;
    for (let w = 0; w < warmup; w++) setupCycle();
    const tablePath = opsPerSecond(`table path ${benchmark}`, setupCycle, CHUNK, timing);
    agent.policy = policy;

    let sink = 0;
    /** A timed loop over the flows asking `decide`, each call CHUNK flows on from the last. */
    const decisionLoopOf = (decide: (f: Flow) => boolean): (() => void) => {
      let cursor = 0;
      return () => {
        let i = cursor;
        for (let c = 0; c < CHUNK; c++) {
          if (decide(flows[i]!)) sink++;
          if (++i === flows.length) i = 0;
        }
        cursor = i;
      };
    };
    const decisionLoop = decisionLoopOf((f) => policy.allowsByRules(f.src, f.dst, f.proto, f.dport));
    const decision = opsPerSecond(`decision ${benchmark}`, decisionLoop, CHUNK, timing);
    // The same flows through the verdict rows (built during the setup cycles above).
    const rowLoop = decisionLoopOf((f) => policy.allows(f.src, f.dst, f.proto, f.dport));
    for (let i = 0; i < flows.length; i += CHUNK) rowLoop();
    const rowDecision = opsPerSecond(`decision rows ${benchmark}`, rowLoop, CHUNK, timing);
    if (sink < 0) log('unreachable');
    const note = `${((100 * allowedCount) / flows.length).toFixed(0)}% of flows allowed; ${rig.attached.size} local pods; ` +
      `${liveBefore} live entries in ${table.mainEntries} main + ${table.overflowEntries} overflow slots (${table.counters.overflowInUse} overflow in use); ` +
      `verdict rows built: ${(policy.verdictRows.bytes / 1048576).toFixed(1)} MiB`;
    rows.push({ group: 'setup', benchmark, variant: SETUP_VARIANT, value: setup.opsPerSecond, unit: 'flows/s', rme: setup.rme, baseline: SETUP_BASELINE, note });
    rows.push({ group: 'setup', benchmark, variant: SETUP_BASELINE, value: base.opsPerSecond, unit: 'flows/s', rme: base.rme });
    rows.push({ group: 'setup', benchmark, variant: SETUP_DECISION, value: decision.opsPerSecond, unit: 'flows/s', rme: decision.rme, baseline: SETUP_BASELINE });
    rows.push({ group: 'setup', benchmark, variant: SETUP_TABLE_PATH, value: tablePath.opsPerSecond, unit: 'flows/s', rme: tablePath.rme, baseline: SETUP_BASELINE });
    rows.push({ group: 'setup', benchmark, variant: SETUP_DECISION_ROWS, value: rowDecision.opsPerSecond, unit: 'flows/s', rme: rowDecision.rme, baseline: SETUP_DECISION });
    for (const r of rows.slice(-5)) log(`  setup ${benchmark.padEnd(52)} ${r.variant.padEnd(58)} ${(r.value / 1e3).toFixed(1)} K/s`);
  }
  return rows;
}
