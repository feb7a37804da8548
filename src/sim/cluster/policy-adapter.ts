/**
 * Adapts the compiled NetworkPolicy engine to the dataplane's `FlowPolicy`: addresses seen by
 * the vRouter agent become endpoints (pod, node host, external) of the current inventory, and
 * the decision covers the source's egress and the destination's ingress.
 *
 * With ClusterNetworkPolicies in the cluster the decision is the tiered one (Admin ->
 * NetworkPolicy -> Baseline -> allow, `policy/tiers/`), and every explanation carries the
 * tier chain; without them, NetworkPolicy alone as before.
 *
 * Between two pods, without tiers, `allows` reads the verdict rows (`policy/verdict-rows.ts`),
 * which give `allowsBetween`'s verdict from two bit tests once a row is built. The wiring
 * builds this object anew on every cluster change, from the previous one: the rows the change
 * did not touch are carried over (policy/verdict-row-carry.ts).
 *
 * Guarantees: `allows` uses no Map (allocating only when it builds a row) (pod indexes are read from an
 * Int32Array by the interned address's `id`);
 * `explain` returns the same verdict with the policy layer's full `Decision`.
 */
import { ipAddr } from '../../packet/address.js';
import type { IpAddr } from '../../packet/types.js';
import type { Cluster, Endpoint } from '../../model/types.js';
import { indexCluster, type ClusterIndex } from '../../model/inventory.js';
import { compilePolicies } from '../../policy/compile.js';
import type { CompiledPolicies } from '../../policy/compiled.js';
import { allowsBetween, decide } from '../../policy/evaluate.js';
import { podIndexOf } from '../../policy/endpoint-index.js';
import { VerdictRows } from '../../policy/verdict-rows.js';
import type { Decision, Protocol } from '../../policy/types.js';
import { decisionDetails, decisionReason } from '../../policy/decision-text.js';
import type { FlowPolicy } from '../../dataplane/flow-policy.js';
import { compileTiers } from '../../policy/tiers/compile-tiers.js';
import type { CompiledTiers } from '../../policy/tiers/compiled-tiers.js';
import { allowsTiered, decideTiered } from '../../policy/tiers/evaluate-tiers.js';
import { tieredDecisionDetails, tieredDecisionReason } from '../../policy/tiers/tier-text.js';

export function protocolName(proto: number): Protocol {
  switch (proto) {
    case 6:
      return 'TCP';
    case 17:
      return 'UDP';
    case 132:
      return 'SCTP';
    default:
      return 'ICMP';
  }
}

export class ClusterFlowPolicy implements FlowPolicy {
  readonly compiled: CompiledPolicies;
  readonly index: ClusterIndex;
  /** Pod index + 1 by `IpAddr.id` (0: not a pod), so `allows` reads it without a Map. */
  private readonly podIndexById: Int32Array;
  /** Endpoints by interned address: the index parses the text only once per address. */
  private readonly endpoints = new Map<IpAddr, Endpoint>();
  /** The Admin and Baseline tiers; undefined when the cluster has no ClusterNetworkPolicy. */
  readonly tiers: CompiledTiers | undefined;
  private readonly cluster: Cluster;
  /** The NetworkPolicy decision between pods as bit rows (policy/verdict-rows.ts), built as flows ask. */
  readonly verdictRows: VerdictRows;

  /** `previous`: the policy of the cluster before a change; the verdict rows the change did not touch are carried over. */
  constructor(cluster: Cluster, previous?: ClusterFlowPolicy) {
    this.cluster = cluster;
    this.compiled = compilePolicies(cluster);
    this.tiers = (cluster.clusterPolicies ?? []).length > 0 ? compileTiers(cluster, this.compiled) : undefined;
    this.index = indexCluster(cluster);
    this.verdictRows = new VerdictRows(this.compiled, previous === undefined ? {} : { previous: previous.verdictRows });
    const entries: [IpAddr, number][] = [];
    for (const pod of cluster.pods) {
      if (pod.hostNetwork) continue;
      const podIndex = podIndexOf(this.compiled, pod);
      for (const ip of pod.ips) entries.push([ipAddr(ip), podIndex]);
    }
    this.podIndexById = new Int32Array(entries.reduce((n, [a]) => Math.max(n, a.id + 1), 0));
    for (const [address, podIndex] of entries) this.podIndexById[address.id] = podIndex + 1;
  }

  allows(src: IpAddr, dst: IpAddr, proto: number, dport: number): boolean {
    const srcPod = this.podIndex(src);
    const dstPod = this.podIndex(dst);
    const tiers = this.tiers;
    if (tiers !== undefined) return allowsTiered(tiers, this.compiled, srcPod, src, dstPod, dst, proto, dport);
    // Two bit reads between pods; the rule walk for what the rows do not answer (hosts, ICMP, multi-address pods).
    return this.verdictRows.allowsPods(srcPod, dstPod, proto, dport) ?? allowsBetween(this.compiled, srcPod, src, dstPod, dst, proto, dport);
  }

  /** `allows` by walking the compiled rules, without the verdict rows (the benchmark's comparison). */
  allowsByRules(src: IpAddr, dst: IpAddr, proto: number, dport: number): boolean {
    const srcPod = this.podIndex(src);
    const dstPod = this.podIndex(dst);
    const tiers = this.tiers;
    return tiers === undefined ? allowsBetween(this.compiled, srcPod, src, dstPod, dst, proto, dport) : allowsTiered(tiers, this.compiled, srcPod, src, dstPod, dst, proto, dport);
  }

  /** The compiled pod index of an address, -1 when no (non-hostNetwork) pod of this cluster has it. */
  private podIndex(address: IpAddr): number {
    const byId = this.podIndexById;
    // An address interned after construction is no pod of this cluster: past the end reads as 0.
    return (address.id < byId.length ? byId[address.id]! : 0) - 1;
  }

  endpoint(address: IpAddr): Endpoint {
    let endpoint = this.endpoints.get(address);
    if (endpoint === undefined) {
      endpoint = this.index.endpointForIp(address.text);
      this.endpoints.set(address, endpoint);
    }
    return endpoint;
  }

  /**
   * What NetworkPolicy alone decides, without the ClusterNetworkPolicy tiers: the whole
   * verdict is `allows` / `describe` (named so that no caller takes one for the other).
   */
  networkPolicyDecision(src: IpAddr, dst: IpAddr, proto: number, dport: number): Decision {
    return decide(this.compiled, { src: this.endpoint(src), dst: this.endpoint(dst), protocol: protocolName(proto), port: dport });
  }

  explain(src: IpAddr, dst: IpAddr, proto: number, dport: number): { allowed: boolean; reason: string } {
    const { allowed, reason } = this.describe(src, dst, proto, dport);
    return { allowed, reason: `${allowed ? 'allowed' : 'denied'}: ${reason}` };
  }

  /** The verdict, its one-line reason and the detail lines (tier chains when the cluster has tiers). */
  describe(src: IpAddr, dst: IpAddr, proto: number, dport: number): { allowed: boolean; reason: string; details: string[] } {
    const conn = { src: this.endpoint(src), dst: this.endpoint(dst), protocol: protocolName(proto), port: dport };
    if (this.tiers !== undefined) {
      const tiered = decideTiered(this.tiers, this.compiled, conn);
      return { allowed: tiered.allowed, reason: tieredDecisionReason(tiered, conn), details: tieredDecisionDetails(tiered, conn, this.cluster) };
    }
    const decision = decide(this.compiled, conn);
    return { allowed: decision.allowed, reason: decisionReason(decision, conn), details: decisionDetails(decision, conn, this.cluster) };
  }
}
