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
import type { Decision, Protocol, SideVerdict } from '../../policy/types.js';
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
    return this.index.endpointForIp(address.text);
  }

  decision(src: IpAddr, dst: IpAddr, proto: number, dport: number): Decision {
    return decide(this.compiled, { src: this.endpoint(src), dst: this.endpoint(dst), protocol: protocolName(proto), port: dport });
  }

  explain(src: IpAddr, dst: IpAddr, proto: number, dport: number): { allowed: boolean; reason: string } {
    const decision = this.decision(src, dst, proto, dport);
    return { allowed: decision.allowed, reason: summarizeDecision(decision, this.endpoint(src), this.endpoint(dst)) };
  }
}

function endpointName(e: Endpoint): string {
  switch (e.kind) {
    case 'pod':
      return `${e.pod.namespace}/${e.pod.name}`;
    case 'host':
      return `node/${e.node.name}`;
    case 'external':
      return e.ip;
  }
}

function sideText(direction: 'egress' | 'ingress', who: string, side: SideVerdict): string {
  switch (side.kind) {
    case 'not-a-pod':
      return `${direction} of ${who}: not restricted (not a pod)`;
    case 'not-isolated':
      return `${direction} of ${who}: implicit allow-all (no policy selects it)`;
    case 'allowed': {
      const rules = side.allowedBy.map((r) => `${r.policy} ${r.direction} rule ${r.ruleIndex}`).join(', ');
      return `${direction} of ${who}: explicit policy ${rules}`;
    }
    case 'denied':
      return `${direction} of ${who}: implicit deny-all (isolated by ${side.isolatedBy.join(', ')}, no rule matches)`;
  }
}

/** One line: the verdict, then egress of the source and ingress of the destination. */
export function summarizeDecision(decision: Decision, src: Endpoint, dst: Endpoint): string {
  const verdict = decision.allowed ? 'allowed' : 'denied';
  return `${verdict}: ${sideText('egress', endpointName(src), decision.egress)}; ${sideText('ingress', endpointName(dst), decision.ingress)}`;
}
