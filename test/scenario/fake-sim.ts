/**
 * A small fake ClusterSimApi for runner tests: a pod or host reaches a pod unless some
 * NetworkPolicy lives in the destination's namespace (a crude "namespace isolated" rule);
 * every curl installs a forward and reverse flow in the destination node's real FlowTable.
 * Deterministic; the virtual clock only moves forward through probes and waits.
 */
import { FlowTable } from '../../src/dataplane/flow-table.js';
import { clearDropStats, emptyDropStats, type DropStats } from '../../src/dataplane/drop-stats.js';
import type { VrouterState } from '../../src/dataplane/vrouter-snapshot.js';
import { FlowKey, setFlowKey } from '../../src/dataplane/flow-key.js';
import { ACTION_DROP, ACTION_FORWARD, DROP_FW_POLICY, TCPF_SYN, TCPF_SYN_R } from '../../src/dataplane/flow-codes.js';
import { ipAddr } from '../../src/packet/address.js';
import { contrailWebPage } from '../../src/sim/apps/webserver.js';
import type { Cluster } from '../../src/model/types.js';
import type { ClusterSettings, ClusterSimApi, EndpointRef, PollerTick, ProbeOutcome, ReachOptions, ReachResult } from '../../src/sim/cluster/types.js';

export class FakeSim implements ClusterSimApi {
  private now = 0;
  private cluster: Cluster;
  private readonly tables = new Map<string, FlowTable>();
  private readonly pollers = new Map<string, { from: EndpointRef; url: string; everyMs: number; ticks: PollerTick[]; next: number }>();
  private nextPort = 40000;
  readonly calls: string[] = [];

  constructor(
    cluster: Cluster,
    readonly settings: ClusterSettings,
  ) {
    this.cluster = cluster;
    for (const n of cluster.nodes) this.tables.set(n.name, new FlowTable({ entries: 64, overflowEntries: 16 }));
  }

  nowMs(): number {
    return this.now;
  }
  updateCluster(next: Cluster): void {
    this.calls.push('updateCluster');
    this.cluster = next;
  }
  private sourceIp(from: EndpointRef): string {
    if (from.kind === 'pod') return this.cluster.pods.find((p) => p.namespace === from.namespace && p.name === from.name)?.ips[0] ?? '0.0.0.0';
    if (from.kind === 'host') return this.cluster.nodes.find((n) => n.name === from.node)?.internalIPs[0] ?? '0.0.0.0';
    return from.ip;
  }
  private allowed(ip: string): boolean {
    if (this.settings.enforcement === 'none') return true;
    const pod = this.cluster.pods.find((p) => p.ips.includes(ip));
    return pod === undefined || !this.cluster.policies.some((p) => p.namespace === pod.namespace);
  }
  private advanceTo(t: number): void {
    for (const p of this.pollers.values()) {
      while (p.next <= t) {
        const ok = this.allowed(p.url.replace(/^http:\/\//, '').split(':')[0] ?? '');
        p.ticks.push({ sentAtMs: p.next, respondedAtMs: ok ? p.next + 2 : null });
        p.next += p.everyMs;
      }
    }
    this.now = t;
  }
  curl(from: EndpointRef, url: string, options: { readonly maxTimeSeconds?: number }): ProbeOutcome {
    const ip = url.replace(/^http:\/\//, '').split(/[:/]/)[0] ?? '';
    const ok = this.allowed(ip);
    const pod = this.cluster.pods.find((p) => p.ips.includes(ip));
    const table = pod === undefined ? undefined : this.tables.get(pod.nodeName);
    if (table !== undefined) {
      const sport = this.nextPort++;
      const fwd = new FlowKey();
      setFlowKey(fwd, 6, 59, sport, 80, ipAddr(this.sourceIp(from)), ipAddr(ip));
      const rev = new FlowKey();
      setFlowKey(rev, 6, 59, 80, sport, ipAddr(ip), ipAddr(this.sourceIp(from)));
      const a = table.allocate(fwd, this.now);
      const b = table.allocate(rev, this.now);
      table.linkReverse(a, b);
      table.setAction(a, ok ? ACTION_FORWARD : ACTION_DROP);
      table.setAction(b, ok ? ACTION_FORWARD : ACTION_DROP);
      table.setDropReason(a, ok ? 0 : DROP_FW_POLICY);
      table.setTcpFlags(a, TCPF_SYN);
      table.setTcpFlags(b, TCPF_SYN_R);
      table.setCounters(a, ok ? 1 : 3, ok ? 74 : 222);
    }
    const maxMs = (options.maxTimeSeconds ?? 5) * 1000;
    this.advanceTo(this.now + (ok ? 3 : maxMs));
    if (ok) return { tool: 'curl', outcome: 'success', stdout: contrailWebPage(ip, pod?.name ?? 'host'), stderr: '', exitCode: 0, elapsedMs: 3 };
    return { tool: 'curl', outcome: 'timeout', stdout: '', stderr: `curl: (28) Connection timed out after ${maxMs} milliseconds`, exitCode: 28, elapsedMs: maxMs };
  }
  ping(_from: EndpointRef, to: EndpointRef, options: { readonly count: number }): ProbeOutcome {
    const ip = to.kind === 'ip' ? to.ip : this.sourceIp(to);
    const ok = this.allowed(ip);
    this.advanceTo(this.now + options.count * 1000);
    return { tool: 'ping', outcome: ok ? 'success' : 'timeout', stdout: `${options.count} packets transmitted, ${ok ? options.count : 0} received`, stderr: '', exitCode: ok ? 0 : 1, elapsedMs: options.count * 1000 };
  }
  udp(): ProbeOutcome {
    return { tool: 'udp', outcome: 'success', stdout: 'pong', stderr: '', exitCode: 0, elapsedMs: 1 };
  }
  sctp(): ProbeOutcome {
    return { tool: 'sctp', outcome: 'aborted', stdout: '', stderr: 'Ncat: Connection reset by peer.', exitCode: 1, elapsedMs: 1 };
  }
  startPoller(name: string, from: EndpointRef, url: string, options: { readonly intervalMs: number }): void {
    this.pollers.set(name, { from, url, everyMs: options.intervalMs, ticks: [], next: this.now });
  }
  stopPoller(name: string): void {
    this.pollers.delete(name);
  }
  pollerTicks(name: string): readonly PollerTick[] {
    return this.pollers.get(name)?.ticks ?? [];
  }
  advance(ms: number): void {
    this.advanceTo(this.now + ms);
  }
  /** No interfaces or routes; drop counters start at 0 and only `clearDropStats` touches them. */
  vrouterState(node: string): VrouterState {
    return { snapshot: { node, vifs: [], nexthops: [], routes: [], vrfs: [], mpls: [] }, table: this.flowTable(node), drops: this.dropsOf(node) };
  }
  clearDropStats(node: string): void {
    this.calls.push(`clearDropStats ${node}`);
    clearDropStats(this.dropsOf(node));
  }
  private readonly drops = new Map<string, DropStats>();
  private dropsOf(node: string): DropStats {
    let d = this.drops.get(node);
    if (d === undefined) this.drops.set(node, (d = emptyDropStats()));
    return d;
  }
  flowTable(node: string): FlowTable {
    const t = this.tables.get(node);
    if (t === undefined) throw new Error(`no node ${node}`);
    return t;
  }
  nodeNames(): readonly string[] {
    return this.cluster.nodes.map((n) => n.name);
  }
  reach(options: ReachOptions): ReachResult {
    const names = this.cluster.pods.map((p) => `${p.namespace}/${p.name}`);
    const cells = this.cluster.pods.flatMap((from) =>
      this.cluster.pods.map((to) => ({
        from: `${from.namespace}/${from.name}`,
        to: `${to.namespace}/${to.name}`,
        port: Number(options.ports[0] ?? 80),
        portLabel: String(options.ports[0] ?? 80),
        protocol: options.protocols[0] ?? ('TCP' as const),
        allowed: this.allowed(to.ips[0] ?? ''),
        reason: 'fake',
      })),
    );
    return { sources: names, destinations: names, cells };
  }
}
