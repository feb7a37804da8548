/**
 * Benchmark 2: flow setup. The first packet of a new flow enters `Vrouter.fromVif`, misses,
 * is held, trapped to the agent (latency 0), decided by the compiled policy, and the forward
 * and reverse entries are installed; the held packet is then forwarded (to a local vif or into
 * the tunnel). Each timed call sets up 256 distinct flows and then deletes them (agent aging
 * with a 0 s timeout), so the figure is a full setup + delete cycle per flow.
 * Baseline: a naive evaluator walking the NetworkPolicy records per packet (`naive-policy.ts`).
 * Breakdown row: the compiled decision alone (`ClusterFlowPolicy.allows`).
 *
 * Guarantees: deterministic flows (seeded); before timing, the naive evaluator and the
 * compiled policy are checked to agree on every flow, and one cycle is checked to install
 * 2 entries per flow and leave the table empty.
 */
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

const CHUNK = 256;
export const SETUP_VARIANT = 'vRouter fromVif + agent (compiled policy), setup+delete';
export const SETUP_BASELINE = 'naive per-packet evaluation of NetworkPolicy records';
export const SETUP_DECISION = 'compiled decision only (allowsBetween)';

interface Flow {
  readonly packet: IpPacket;
  readonly vif: number;
  readonly src: IpAddr;
  readonly dst: IpAddr;
  readonly proto: number;
  readonly dport: number;
}

function makeFlows(cluster: Cluster, localNode: string, count: number, seed: number, vifOf: (a: IpAddr) => number): Flow[] {
  const rng = new Prng(seed);
  const local = cluster.pods.filter((p) => p.nodeName === localNode);
  const flows: Flow[] = [];
  for (let i = 0; i < count; i++) {
    const srcPod = local[rng.nextInt(local.length)]!;
    const dstPod = cluster.pods[rng.nextInt(cluster.pods.length)]!;
    const src = ipAddr(srcPod.ips[0]!);
    const dst = ipAddr(dstPod.ips[0]!);
    const sport = 32768 + (i % 28000);
    const r = rng.nextInt(10);
    const udp = r < 2;
    const dport = udp ? 53 : r < 7 ? 80 : r < 9 ? 9090 : 8000 + rng.nextInt(1000);
    const packet = udp ? udpPacket(src, dst, sport, dport) : synPacket(src, dst, sport, dport);
    flows.push({ packet, vif: vifOf(src), src, dst, proto: udp ? 17 : 6, dport });
  }
  return flows;
}

export interface SetupSize {
  readonly pods: number;
  readonly policies: number;
}

export function setupLabel(s: SetupSize): string {
  return `${s.pods} pods, ${s.policies} policies`;
}

export function runSetupBench(sizes: readonly SetupSize[], timing: Timing, log: (l: string) => void): Row[] {
  const rows: Row[] = [];
  for (const size of sizes) {
    const cluster = generateCluster({ pods: size.pods, policies: size.policies });
    const policy = new ClusterFlowPolicy(cluster);
    const node = cluster.nodes[0]!.name;
    const rig = buildRig(cluster, { nodes: [node], policy });
    const vrouter = rig.vrouters.get(node)!;
    const flows = makeFlows(cluster, node, 8192, 99, (a) => rig.attached.get(a)!.vif);
    const naive = new NaivePolicyEvaluator(cluster);
    let allowedCount = 0;
    for (const f of flows) {
      const compiled = policy.allows(f.src, f.dst, f.proto, f.dport);
      if (naive.allows(f.src.text, f.dst.text, f.proto === 17 ? 'UDP' : 'TCP', f.dport) !== compiled) {
        throw new Error(`setup bench: naive and compiled policy disagree on ${f.src.text} > ${f.dst.text}:${f.dport}`);
      }
      if (compiled) allowedCount++;
    }
    const scheduler = rig.scheduler;
    const agent = vrouter.agent;
    const table = vrouter.table;
    let cursor = 0;
    const setupCycle = (): void => {
      let i = cursor;
      for (let c = 0; c < CHUNK; c++) {
        const f = flows[i]!;
        vrouter.fromVif(f.vif, f.packet);
        scheduler.drain();
        if (++i === flows.length) i = 0;
      }
      cursor = i;
      agent.ageFlows();
    };
    const before = agent.setups;
    const createdBefore = table.counters.created;
    setupCycle();
    if (agent.setups - before !== CHUNK || table.counters.created - createdBefore !== 2 * CHUNK || table.counters.created - table.counters.deleted !== 0) {
      throw new Error(`setup bench: one cycle did ${agent.setups - before} setups, ${table.counters.created - createdBefore} entries, ${table.counters.created - table.counters.deleted} left`);
    }
    const benchmark = `setup, ${setupLabel(size)}`;
    const setup = opsPerSecond(`setup ${benchmark}`, setupCycle, CHUNK, timing);
    let naiveCursor = 0;
    let sink = 0;
    const naiveLoop = (): void => {
      let i = naiveCursor;
      for (let c = 0; c < CHUNK; c++) {
        const f = flows[i]!;
        if (naive.allows(f.src.text, f.dst.text, f.proto === 17 ? 'UDP' : 'TCP', f.dport)) sink++;
        if (++i === flows.length) i = 0;
      }
      naiveCursor = i;
    };
    const base = opsPerSecond(`naive ${benchmark}`, naiveLoop, CHUNK, timing);
    let decCursor = 0;
    const decisionLoop = (): void => {
      let i = decCursor;
      for (let c = 0; c < CHUNK; c++) {
        const f = flows[i]!;
        if (policy.allows(f.src, f.dst, f.proto, f.dport)) sink++;
        if (++i === flows.length) i = 0;
      }
      decCursor = i;
    };
    const decision = opsPerSecond(`decision ${benchmark}`, decisionLoop, CHUNK, timing);
    if (sink < 0) log('unreachable');
    const note = `${((100 * allowedCount) / flows.length).toFixed(0)}% of flows allowed; ${rig.attached.size} local pods`;
    rows.push({ group: 'setup', benchmark, variant: SETUP_VARIANT, value: setup.opsPerSecond, unit: 'flows/s', rme: setup.rme, baseline: SETUP_BASELINE, note });
    rows.push({ group: 'setup', benchmark, variant: SETUP_BASELINE, value: base.opsPerSecond, unit: 'flows/s', rme: base.rme });
    rows.push({ group: 'setup', benchmark, variant: SETUP_DECISION, value: decision.opsPerSecond, unit: 'flows/s', rme: decision.rme, baseline: SETUP_BASELINE });
    for (const r of rows.slice(-3)) log(`  setup ${benchmark.padEnd(36)} ${r.variant.padEnd(58)} ${(r.value / 1e3).toFixed(1)} K/s`);
  }
  return rows;
}
