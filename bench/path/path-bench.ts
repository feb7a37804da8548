/**
 * Benchmark 3: packets per second through the whole simulated path for established TCP flows:
 * pod → vif → flow table (hit, counters, TCP digest) → local vif, or → MPLSoUDP tunnel →
 * remote vRouter (flow table hit) → pod. Flows are opened first with a real three-way
 * handshake through both vRouters; the timed loop then sends prebuilt data segments round
 * robin over the open flows (64K per stream in the full run, so the flow table is not all in
 * cache), and the sinks at the far end count them. Each stream runs twice: on the synchronous
 * drain scheduler (zero link latency: the dataplane alone) and on the simulator's real EventLoop
 * (50 µs links, agent aging armed at one day, since opening the flows takes minutes of virtual time), drained once per 1,024 packets as a simulation would.
 * Packets are the simulator's packet records: the simulator never encodes bytes on this path
 * (only captures and ICMP quotes do), so neither does the benchmark. A packet across nodes is
 * two vRouter passes (sender's and receiver's flow table); a row gives passes per second too.
 * Breakdown rows: the flow-key + `FlowTable.lookup` stage alone, and the same stage with a
 * naive `Map<string>` (key string built from the packet); the "naive path" row is estimated
 * by replacing the measured lookup stage with the naive one (Vrouter takes no other table).
 *
 * Guarantees: before timing, every flow is checked to be installed Forward on each vRouter
 * it crosses, and one pass is checked to deliver every packet to its destination's sink.
 */
import { FlowKey, setFlowKey } from '../../src/dataplane/flow-key.js';
import { ACTION_FORWARD } from '../../src/dataplane/flow-codes.js';
import type { Vrouter } from '../../src/dataplane/vrouter.js';
import { ipAddr } from '../../src/packet/address.js';
import type { IpAddr, IpPacket } from '../../src/packet/types.js';
import { TCP_ACK, TCP_SYN } from '../../src/packet/types.js';
import { ClusterFlowPolicy } from '../../src/sim/cluster/policy-adapter.js';
import { Prng } from '../../src/sim/prng.js';
import { generateCluster } from '../gen/cluster-gen.js';
import { opsPerSecond, type Timing } from '../lib/measure.js';
import { DrainScheduler } from '../lib/drain-scheduler.js';
import { buildRig, type Rig } from '../lib/node-rig.js';
import { ackPacket, tcpPacket } from '../lib/packets.js';
import type { Row } from '../lib/results.js';

const CHUNK = 1024;
export const PATH_VARIANT = 'whole path, established flows';
export const PATH_NAIVE_EST = 'whole path with Map<string> lookup (estimated)';
const PAYLOAD = new Uint8Array(100);

interface Stream {
  readonly packets: IpPacket[];
  readonly vifs: Int32Array;
}

function openFlows(rig: Rig, policy: ClusterFlowPolicy, srcs: IpAddr[], dsts: IpAddr[], count: number, rng: Prng): Stream {
  const packets: IpPacket[] = [];
  const vifs = new Int32Array(count);
  for (let i = 0; i < count; ) {
    const src = srcs[rng.nextInt(srcs.length)]!;
    const dst = dsts[rng.nextInt(dsts.length)]!;
    if (src === dst || !policy.allows(src, dst, 6, 80)) continue;
    const sport = 1024 + (i % 60000);
    const a = rig.attached.get(src)!;
    const b = rig.attached.get(dst)!;
    a.vrouter.fromVif(a.vif, tcpPacket(src, dst, sport, 80, TCP_SYN, 1000, 0));
    rig.scheduler.drain();
    b.vrouter.fromVif(b.vif, tcpPacket(dst, src, 80, sport, TCP_SYN | TCP_ACK, 5000, 1001));
    rig.scheduler.drain();
    a.vrouter.fromVif(a.vif, ackPacket(src, dst, sport, 80, 1001, 5001));
    rig.scheduler.drain();
    const pkt = ackPacket(src, dst, sport, 80, 1001, 5001, PAYLOAD);
    for (const v of new Set([a.vrouter, b.vrouter])) {
      const k = new FlowKey();
      setFlowKey(k, 6, v === a.vrouter ? v.vif(a.vif)!.nextHop : v.vif(b.vif)!.nextHop, sport, 80, src, dst);
      const index = v.table.lookup(k);
      if (index < 0 || v.table.action(index) !== ACTION_FORWARD) throw new Error(`path bench: flow ${src.text}:${sport} > ${dst.text} not Forward on ${v.name}`);
    }
    packets.push(pkt);
    vifs[i] = a.vif;
    i++;
  }
  return { packets, vifs };
}

export const PATH_VARIANT_LOOP = 'whole path, established flows, real EventLoop (50 µs links)';

function pathLoop(rig: Rig, sender: Vrouter, stream: Stream): () => void {
  let cursor = 0;
  const { packets, vifs } = stream;
  const scheduler = rig.scheduler;
  const perSend = rig.scheduler instanceof DrainScheduler;
  return () => {
    let i = cursor;
    for (let c = 0; c < CHUNK; c++) {
      sender.fromVif(vifs[i]!, packets[i]!);
      if (perSend) scheduler.drain();
      if (++i === packets.length) i = 0;
    }
    if (!perSend) scheduler.drain();
    cursor = i;
  };
}

export function runPathBench(timing: Timing, flowCount: number, log: (l: string) => void): Row[] {
  const cluster = generateCluster({ pods: 1000, policies: 100 });
  const policy = new ClusterFlowPolicy(cluster);
  const n0 = cluster.nodes[0]!.name;
  const n1 = cluster.nodes[1]!.name;
  const onNode = (n: string): IpAddr[] => cluster.pods.filter((p) => p.nodeName === n).map((p) => ipAddr(p.ips[0]!));
  const rows: Row[] = [];
  let drainRig: { rig: Rig; same: Stream } | undefined;
  for (const clock of ['drain', 'event-loop'] as const) {
    // Aging is armed on the event loop but long: opening 2 x 64K flows takes minutes of virtual time.
    const rig = buildRig(cluster, { nodes: [n0, n1], policy, clock, agingSeconds: clock === 'drain' ? 0 : 86400 });
    const a = rig.vrouters.get(n0)!;
    const rng = new Prng(5);
    const same = openFlows(rig, policy, onNode(n0), onNode(n0), flowCount, rng);
    const cross = openFlows(rig, policy, onNode(n0), onNode(n1), flowCount, rng);
    if (clock === 'drain') drainRig = { rig, same };
    const sinks = [...rig.attached.values()].map((x) => x.sink);
    const delivered = (): number => sinks.reduce((s, x) => s + x.received, 0);
    const variant = clock === 'drain' ? PATH_VARIANT : PATH_VARIANT_LOOP;
    for (const [label, stream, passes] of [['same node', same, 1], ['across nodes', cross, 2]] as const) {
      const loop = pathLoop(rig, a, stream);
      const before = delivered();
      loop();
      if (delivered() - before !== CHUNK) throw new Error(`path bench: ${label} (${clock}): ${delivered() - before} of ${CHUNK} packets delivered`);
      const r = opsPerSecond(`path ${label} ${clock}`, loop, CHUNK, timing);
      const benchmark = `established TCP, ${label}, ${stream.packets.length} flows`;
      rows.push({
        group: 'path', benchmark, variant, value: r.opsPerSecond, unit: 'packets/s', rme: r.rme,
        ...(clock === 'drain' ? { baseline: PATH_NAIVE_EST } : {}),
        note: `${passes} vRouter pass${passes > 1 ? 'es' : ''} per packet: ${((r.opsPerSecond * passes) / 1e6).toFixed(2)} M passes/s`,
      });
      log(`  path ${label.padEnd(14)} ${clock.padEnd(10)} ${(r.opsPerSecond / 1e6).toFixed(2)} M packets/s ±${r.rme.toFixed(1)}% (${passes} pass${passes > 1 ? 'es' : ''} each)`);
    }
  }
  const { rig, same } = drainRig!;
  const a = rig.vrouters.get(n0)!;
  // Stage: flow key from the packet + FlowTable.lookup on the first vRouter.
  const k = new FlowKey();
  const table = a.table;
  const nhs = same.vifs.map((v) => a.vif(v)!.nextHop);
  let sink = 0;
  let cursor = 0;
  const lookupStage = (): void => {
    let i = cursor;
    const packets = same.packets;
    for (let c = 0; c < CHUNK; c++) {
      const p = packets[i]!;
      const l4 = p.l4 as { srcPort: number; dstPort: number };
      setFlowKey(k, 6, nhs[i]!, l4.srcPort, l4.dstPort, p.src, p.dst);
      sink += table.lookup(k);
      if (++i === packets.length) i = 0;
    }
    cursor = i;
  };
  const naive = new Map<string, number>();
  same.packets.forEach((p, i) => {
    const l4 = p.l4 as { srcPort: number; dstPort: number };
    naive.set(`${p.src.text}:${l4.srcPort}>${p.dst.text}:${l4.dstPort}/6/${nhs[i]}`, i);
  });
  let naiveCursor = 0;
  const naiveStage = (): void => {
    let i = naiveCursor;
    const packets = same.packets;
    for (let c = 0; c < CHUNK; c++) {
      const p = packets[i]!;
      const l4 = p.l4 as { srcPort: number; dstPort: number };
      sink += naive.get(`${p.src.text}:${l4.srcPort}>${p.dst.text}:${l4.dstPort}/6/${nhs[i]}`) ?? -1;
      if (++i === packets.length) i = 0;
    }
    naiveCursor = i;
  };
  const ls = opsPerSecond('lookup stage', lookupStage, CHUNK, timing);
  const ns = opsPerSecond('naive lookup stage', naiveStage, CHUNK, timing);
  if (sink === 0.5) log('unreachable');
  const stageRows: { name: string; value: number }[] = [];
  stageRows.push({ name: 'stage: flow key + FlowTable.lookup', value: ls.opsPerSecond }, { name: 'stage: Map<string> key + get', value: ns.opsPerSecond });
  for (const row of rows.filter((r) => r.variant === PATH_VARIANT)) {
    const perPacket = 1 / row.value - 1 / ls.opsPerSecond + 1 / ns.opsPerSecond;
    rows.push({
      group: 'path', benchmark: row.benchmark, variant: PATH_NAIVE_EST, value: 1 / perPacket, unit: 'packets/s',
      note: 'estimated: measured path time with the lookup stage replaced by the measured Map<string> stage',
    });
  }
  for (const s of stageRows) rows.push({ group: 'path', benchmark: 'per-packet stages (same node)', variant: s.name, value: s.value, unit: 'packets/s' });
  return rows;
}
