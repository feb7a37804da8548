/**
 * Adapts the Contrail decision to the dataplane's `FlowPolicy` (setting `semantics: contrail`):
 * the application policy set contrail-kube-manager builds from the cluster's NetworkPolicies
 * (`buildContrailView`), evaluated first-match over both endpoints' tags and address groups,
 * as the vRouter agent's session match does (`CompiledContrail`).
 *
 * What the agent installs for a denied flow is the dataplane's business (`D(FwPolicy)` on the
 * forward entry: `FlowEntry::ActionRecompute` maps a drop from `aps_policy.action` to
 * DROP_FIREWALL_POLICY; the reverse entry takes the reflexive `D(Unknown)`).
 * Guarantees: `allows` allocates nothing (tags are prepared per interned pod address);
 * `explain` and `matchOf` give the same verdict with the deciding firewall policy and rule.
 */
import { ipAddr } from '../../packet/address.js';
import type { IpAddr } from '../../packet/types.js';
import type { Cluster } from '../../model/types.js';
import { buildContrailView, type ContrailView } from '../../policy/contrail-view.js';
import { CompiledContrail, endpointTags, type ContrailMatch, type EndpointTags } from '../../policy/contrail-evaluate.js';
import type { FlowPolicy } from '../../dataplane/flow-policy.js';

/** The deciding rule of a Contrail decision, in one line: `k8s-denyall 00001.0 dev-ingress-policy1-denyall (deny)`. */
export function contrailMatchText(match: ContrailMatch | null): string {
  if (match === null) return 'no firewall rule matched (implicit deny)';
  return `firewall policy ${match.policy.name} rule ${match.rule.sequence} ${match.rule.name} (${match.rule.action})`;
}

export class ContrailFlowPolicy implements FlowPolicy {
  readonly view: ContrailView;
  private readonly compiled: CompiledContrail;
  private readonly tagsByAddr = new Map<IpAddr, EndpointTags>();
  /** Pod number by address: a pod's traffic to itself stays inside the pod (loopback). */
  private readonly podByAddr = new Map<IpAddr, number>();

  constructor(cluster: Cluster) {
    this.view = buildContrailView(cluster);
    this.compiled = new CompiledContrail(this.view);
    cluster.pods.forEach((pod, podNumber) => {
      if (pod.hostNetwork) return;
      const ip = pod.ips[0] ?? '';
      const tags = endpointTags(cluster, { kind: 'pod', pod, ip });
      for (const address of pod.ips) {
        this.tagsByAddr.set(ipAddr(address), tags);
        this.podByAddr.set(ipAddr(address), podNumber);
      }
    });
  }

  /** Index of the deciding rule, -1 for none; -2 when no pod is involved (outside the APS); -3 a pod to itself. */
  private decide(src: IpAddr, dst: IpAddr, proto: number, dport: number): number {
    const srcPod = this.podByAddr.get(src);
    if (srcPod !== undefined && srcPod === this.podByAddr.get(dst)) return -3;
    const srcTags = this.tagsByAddr.get(src) ?? null;
    const dstTags = this.tagsByAddr.get(dst) ?? null;
    if (srcTags === null && dstTags === null) return -2;
    return this.compiled.firstMatch(srcTags, src, dstTags, dst, proto, dport);
  }

  allows(src: IpAddr, dst: IpAddr, proto: number, dport: number): boolean {
    const index = this.decide(src, dst, proto, dport);
    return index === -2 || index === -3 || this.compiled.passes(index);
  }

  /** The deciding firewall policy and rule; null when none matched or no pod is involved. */
  matchOf(src: IpAddr, dst: IpAddr, proto: number, dport: number): ContrailMatch | null {
    const index = this.decide(src, dst, proto, dport);
    return index < -1 ? null : this.compiled.matchAt(index);
  }

  explain(src: IpAddr, dst: IpAddr, proto: number, dport: number): { allowed: boolean; reason: string } {
    const index = this.decide(src, dst, proto, dport);
    if (index === -2) return { allowed: true, reason: 'allowed: no pod involved, outside the application policy set' };
    if (index === -3) return { allowed: true, reason: 'allowed: same pod (the packet never leaves the pod)' };
    const allowed = this.compiled.passes(index);
    return { allowed, reason: `${allowed ? 'allowed' : 'denied'}: ${contrailMatchText(this.compiled.matchAt(index))}` };
  }
}
