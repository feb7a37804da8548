/**
 * Adapts the compiled NetworkPolicy engine to the dataplane's `FlowPolicy`: addresses seen by
 * the vRouter agent become endpoints (pod, node host, external) of the current inventory, and
 * the decision covers the source's egress and the destination's ingress.
 *
 * Guarantees: `allows` allocates nothing (pod indexes are looked up by interned address);
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
import type { Decision, Protocol } from '../../policy/types.js';
import { decisionReason } from '../../policy/decision-text.js';
import type { FlowPolicy } from '../../dataplane/flow-policy.js';

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
  private readonly podIndexByAddr = new Map<IpAddr, number>();
  /** Endpoints by interned address: the index parses the text only once per address. */
  private readonly endpoints = new Map<IpAddr, Endpoint>();

  constructor(cluster: Cluster) {
    this.compiled = compilePolicies(cluster);
    this.index = indexCluster(cluster);
    for (const pod of cluster.pods) {
      if (pod.hostNetwork) continue;
      const podIndex = podIndexOf(this.compiled, pod);
      for (const ip of pod.ips) this.podIndexByAddr.set(ipAddr(ip), podIndex);
    }
  }

  allows(src: IpAddr, dst: IpAddr, proto: number, dport: number): boolean {
    const srcPod = this.podIndexByAddr.get(src) ?? -1;
    const dstPod = this.podIndexByAddr.get(dst) ?? -1;
    return allowsBetween(this.compiled, srcPod, src, dstPod, dst, proto, dport);
  }

  endpoint(address: IpAddr): Endpoint {
    let endpoint = this.endpoints.get(address);
    if (endpoint === undefined) {
      endpoint = this.index.endpointForIp(address.text);
      this.endpoints.set(address, endpoint);
    }
    return endpoint;
  }

  decision(src: IpAddr, dst: IpAddr, proto: number, dport: number): Decision {
    return decide(this.compiled, { src: this.endpoint(src), dst: this.endpoint(dst), protocol: protocolName(proto), port: dport });
  }

  explain(src: IpAddr, dst: IpAddr, proto: number, dport: number): { allowed: boolean; reason: string } {
    const conn = { src: this.endpoint(src), dst: this.endpoint(dst), protocol: protocolName(proto), port: dport };
    const decision = decide(this.compiled, conn);
    return { allowed: decision.allowed, reason: `${decision.allowed ? 'allowed' : 'denied'}: ${decisionReason(decision, conn)}` };
  }
}
