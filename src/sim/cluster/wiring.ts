/**
 * The wiring of the whole simulated cluster: one vRouter per node joined by the fabric, one host stack per
 * node host (on vhost0) and per pod (on its tap vif), the book's webserver (or the pod's
 * declared servers) in every pod, and the compiled NetworkPolicy behind every agent.
 *
 * Guarantees: deterministic for a given cluster, settings and sequence of calls (all time is
 * the EventLoop's, all randomness its seeded PRNG); `updateCluster` rewires only what changed
 * and applies the policy-change mode to existing flows; traffic operations run the clock until
 * they complete and report what a user at a shell would have seen.
 */
import { ipAddr } from '../../packet/address.js';
import type { IpAddr } from '../../packet/types.js';
import type { Cluster, Pod } from '../../model/types.js';
import { Fabric } from '../../dataplane/fabric.js';
import type { FlowTable } from '../../dataplane/flow-table.js';
import { VIF_VHOST0 } from '../../dataplane/topology.js';
import type { CaptureTap, TraceListener } from '../../dataplane/trace-events.js';
import { Vrouter } from '../../dataplane/vrouter.js';
import { EventLoop } from '../event-loop.js';
import { HostStack } from '../host-stack.js';
import type { FlowPolicy } from '../../dataplane/flow-policy.js';
import { createFlowPolicy } from './flow-policy-select.js';
import { pairAddresses } from './address-pair.js';
import { startPodServers } from './pod-servers.js';
import { buildServiceVips } from './service-routes.js';
import { clusterZone, isDnsServerPod } from './cluster-dns.js';
import type { ServiceVips } from '../../dataplane/service-vips.js';
import {
  DEFAULT_SETTINGS,
  endpointRefText,
  type ClusterSettings,
  type EndpointRef,
} from './types.js';

interface PodWiring {
  readonly pod: Pod;
  readonly stack: HostStack;
  readonly vrouter: Vrouter;
  vif: number;
}

function podKey(pod: { readonly namespace: string; readonly name: string }): string {
  return `${pod.namespace}/${pod.name}`;
}

function sameAddresses(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export class ClusterWiring {
  readonly settings: ClusterSettings;
  readonly loop: EventLoop;
  readonly fabric: Fabric;
  private readonly vrouters = new Map<string, Vrouter>();
  private readonly hosts = new Map<string, HostStack>();
  private readonly pods = new Map<string, PodWiring>();
  private clusterState: Cluster;
  private flowPolicy: FlowPolicy;
  private traceListener: TraceListener | undefined;
  private captureTap: CaptureTap | undefined;
  private serviceVips: ServiceVips;

  constructor(cluster: Cluster, settings: ClusterSettings = DEFAULT_SETTINGS) {
    this.settings = settings;
    this.loop = new EventLoop(settings.seed);
    this.fabric = new Fabric(this.loop, settings.linkLatencyUs);
    this.clusterState = cluster;
    this.flowPolicy = createFlowPolicy(cluster, settings);
    this.serviceVips = buildServiceVips(cluster, settings.seed);
    for (const node of [...cluster.nodes].sort((a, b) => (a.name < b.name ? -1 : 1))) this.addNode(node.name, node.internalIPs);
    for (const pod of cluster.pods) this.attachPod(pod);
  }

  get cluster(): Cluster {
    return this.clusterState;
  }

  get policy(): FlowPolicy {
    return this.flowPolicy;
  }

  /** The Service addresses the vRouters carry. */
  get services(): ServiceVips {
    return this.serviceVips;
  }

  nodeNames(): readonly string[] {
    return [...this.vrouters.keys()];
  }

  vrouter(node: string): Vrouter {
    const v = this.vrouters.get(node);
    if (v === undefined) throw new Error(`no node named "${node}" (nodes: ${this.nodeNames().join(', ')})`);
    return v;
  }

  flowTable(node: string): FlowTable {
    return this.vrouter(node).table;
  }

  setTraceListener(listener: TraceListener | undefined): void {
    this.traceListener = listener;
    for (const v of this.vrouters.values()) v.setTraceListener(listener);
  }

  /** Packet capture on every vRouter (nodes added later get it too). */
  setCaptureTap(tap: CaptureTap | undefined): void {
    this.captureTap = tap;
    for (const v of this.vrouters.values()) v.setCaptureTap(tap);
  }

  /** Every node's vRouter, in node-name order. */
  vrouterList(): readonly Vrouter[] {
    return [...this.vrouters.values()];
  }

  private addNode(name: string, internalIPs: readonly string[]): void {
    const first = internalIPs[0];
    if (first === undefined) throw new Error(`node ${name} has no InternalIP address`);
    const addresses = internalIPs.map(ipAddr);
    const s = this.settings;
    const vrouter = new Vrouter(
      {
        name,
        fabricIp: ipAddr(first),
        flowTable: s.flowTable,
        agent: { ...s.agent, agingSeconds: s.agingSeconds },
        enforcement: s.enforcement,
        policy: this.flowPolicy,
        services: this.serviceVips,
      },
      this.fabric,
      this.loop,
    );
    const host = new HostStack(this.loop, `node/${name}`, addresses, { transmit: (p) => vrouter.fromVif(VIF_VHOST0, p) });
    vrouter.attachHost(host, addresses);
    vrouter.setTraceListener(this.traceListener);
    vrouter.setCaptureTap(this.captureTap);
    this.vrouters.set(name, vrouter);
    this.hosts.set(name, host);
  }

  private attachPod(pod: Pod): void {
    if (pod.hostNetwork) return; // a hostNetwork pod is its node's host stack
    const vrouter = this.vrouter(pod.nodeName);
    const addresses = pod.ips.map(ipAddr);
    const wiring: { vif: number } = { vif: -1 };
    const stack = new HostStack(this.loop, podKey(pod), addresses, { transmit: (p) => vrouter.fromVif(wiring.vif, p) });
    wiring.vif = vrouter.attachPod(podKey(pod), addresses, stack);
    startPodServers(pod, stack, isDnsServerPod(this.clusterState, pod) ? clusterZone(() => this.clusterState) : undefined);
    this.pods.set(podKey(pod), { pod, stack, vrouter, vif: wiring.vif });
  }

  private detachPod(key: string): void {
    const wiring = this.pods.get(key);
    if (wiring === undefined) return;
    wiring.vrouter.detachPod(wiring.vif);
    this.pods.delete(key);
  }

  /**
   * Replace the inventory: pods that appeared get a vif and a stack, pods that disappeared or
   * moved lose theirs, policies are recompiled, and existing flows are re-evaluated when the
   * enforcement is `packet` or the policy-change mode is `reevaluate`. Returns the number of
   * flow pairs whose action changed.
   */
  updateCluster(next: Cluster): number {
    const nextNodes = new Set(next.nodes.map((n) => n.name));
    for (const name of this.vrouters.keys()) {
      if (!nextNodes.has(name)) throw new Error(`removing node ${name} is not simulated: nodes are fixed once the cluster starts`);
    }
    for (const node of next.nodes) if (!this.vrouters.has(node.name)) this.addNode(node.name, node.internalIPs);
    const nextPods = new Map(next.pods.map((p) => [podKey(p), p] as const));
    for (const [key, wiring] of [...this.pods]) {
      const updated = nextPods.get(key);
      if (updated === undefined || updated.nodeName !== wiring.pod.nodeName || !sameAddresses(updated.ips, wiring.pod.ips) || updated.hostNetwork) {
        this.detachPod(key);
      } else {
        this.pods.set(key, { ...wiring, pod: updated });
      }
    }
    for (const pod of next.pods) if (!this.pods.has(podKey(pod))) this.attachPod(pod);
    this.clusterState = next;
    this.flowPolicy = createFlowPolicy(next, this.settings, this.flowPolicy);
    this.serviceVips = buildServiceVips(next, this.settings.seed);
    let changed = 0;
    for (const vrouter of this.vrouters.values()) {
      vrouter.agent.policy = this.flowPolicy;
      vrouter.nat.vips = this.serviceVips;
      if (this.settings.enforcement === 'packet' || this.settings.policyChange === 'reevaluate') {
        changed += vrouter.agent.reevaluate('policy change');
      }
    }
    return changed;
  }

  /** The stack that sends for a reference: a pod's own, or the node host's (also for hostNetwork pods). */
  stackOf(ref: EndpointRef): HostStack {
    switch (ref.kind) {
      case 'host': {
        const host = this.hosts.get(ref.node);
        if (host === undefined) throw new Error(`no node named "${ref.node}" (nodes: ${this.nodeNames().join(', ')})`);
        return host;
      }
      case 'pod': {
        const key = `${ref.namespace}/${ref.name}`;
        const wiring = this.pods.get(key);
        if (wiring !== undefined) return wiring.stack;
        const pod = this.clusterState.pods.find((p) => podKey(p) === key);
        if (pod !== undefined && pod.hostNetwork) return this.stackOf({ kind: 'host', node: pod.nodeName });
        throw new Error(`no pod named ${key}`);
      }
      case 'ip': {
        const location = this.fabric.locate(ipAddr(ref.ip));
        if (location === undefined) throw new Error(`no pod or node has the address ${ref.ip}`);
        const owner = (location.vrouter as Vrouter).vif(location.vif)?.owner ?? '';
        const wiring = this.pods.get(owner);
        if (wiring !== undefined) return wiring.stack;
        return this.stackOf({ kind: 'host', node: location.vrouter.name });
      }
    }
  }

  /** The address traffic to a reference goes to (the first address of the pod or node). */
  addressOf(ref: EndpointRef): IpAddr {
    if (ref.kind === 'ip') return ipAddr(ref.ip);
    const stack = this.stackOf(ref);
    const first = stack.addresses[0];
    if (first === undefined) throw new Error(`${endpointRefText(ref)} has no address`);
    return first;
  }

  /** Every address traffic to a reference may go to (a pod's or node's in their order; an IP itself). */
  addressesOf(ref: EndpointRef): readonly IpAddr[] {
    if (ref.kind === 'ip') return [ipAddr(ref.ip)];
    return this.stackOf(ref).addresses;
  }

  /**
   * The address traffic from `from` to `to` goes to: the first of `to`'s addresses in a family
   * `from` has (so an IPv6-only pod reaches a dual-stack pod over IPv6), else `to`'s first
   * address (the source's stack then answers ENETUNREACH, as Linux does).
   */
  destinationFor(from: EndpointRef, to: EndpointRef): IpAddr {
    return pairAddresses(this.stackOf(from).addresses, this.addressesOf(to))?.dst ?? this.addressOf(to);
  }

  /** Pods in cluster order and node hosts in name order, as `ns/pod` and `node/<name>`. */
  endpointRefs(includeHosts: boolean): EndpointRef[] {
    const refs: EndpointRef[] = [];
    for (const pod of this.clusterState.pods) {
      if (!pod.hostNetwork) refs.push({ kind: 'pod', namespace: pod.namespace, name: pod.name });
    }
    if (includeHosts) for (const name of this.nodeNames()) refs.push({ kind: 'host', node: name });
    return refs;
  }

  podOf(ref: EndpointRef): Pod | undefined {
    if (ref.kind !== 'pod') return undefined;
    return this.pods.get(`${ref.namespace}/${ref.name}`)?.pod;
  }

  /** Delete every flow on every node (the agent's `flow -F`), e.g. between reach batches. */
  flushFlows(): void {
    for (const v of this.vrouters.values()) v.agent.flushAll();
  }
}
