/**
 * Evaluates connections against compiled policies.
 *
 * A connection is allowed iff the source's egress allows it AND the destination's ingress
 * allows it. A side allows when its pod is not isolated in that direction (implicit
 * allow-all), or when some rule of an isolating policy matches both the peer and the port
 * (explicit policy); otherwise the implicit deny-all applies. Node hosts and external
 * addresses are never isolated. A pod can always reach itself (Kubernetes never filters a
 * pod's traffic to itself), whatever its policies say.
 *
 * Guarantees: `allowsBetween` allocates nothing and reads only typed arrays and shared rule
 * objects; `allows` and `decide` give the same verdict; `decide` explains it with every
 * allowing rule (first matching peer and port of each rule) and the isolating policies.
 */
import type { Connection, Decision, RuleRef, SideVerdict } from './types.js';
import { hasBit } from './bitset.js';
import {
  PROTOCOL_ICMP,
  PROTOCOL_SCTP,
  PROTOCOL_TCP,
  PROTOCOL_UDP,
  type CompiledIpBlock,
  type CompiledPolicies,
  type CompiledPort,
  type CompiledRule,
} from './compiled.js';
import { endpointPodIndex, ipWordsOf } from './endpoint-index.js';
import { prefixContains, type IpWords } from './ip-prefix.js';

/** IANA protocol number of a connection's protocol (ICMP = 1; ICMPv6 58 is accepted too). */
export function protocolCode(protocol: Connection['protocol']): number {
  switch (protocol) {
    case 'TCP':
      return PROTOCOL_TCP;
    case 'UDP':
      return PROTOCOL_UDP;
    case 'SCTP':
      return PROTOCOL_SCTP;
    case 'ICMP':
      return PROTOCOL_ICMP;
  }
}

/** Whether an address is in the block's CIDR and in none of its excepts. */
export function ipBlockContains(block: CompiledIpBlock, ip: IpWords): boolean {
  if (block.cidr === null || !prefixContains(block.cidr, ip)) return false;
  for (let i = 0; i < block.except.length; i++) {
    if (prefixContains(block.except[i]!, ip)) return false;
  }
  return true;
}

function portMatches(compiled: CompiledPolicies, port: CompiledPort, dstPod: number, protocol: number, dstPort: number): boolean {
  if (port.protocol !== protocol) return false;
  if (port.namedPortId < 0) return dstPort >= port.low && dstPort <= port.high;
  if (dstPod < 0) return false;
  const triples = compiled.podNamedPorts[dstPod]!;
  for (let i = 0; i < triples.length; i += 3) {
    if (triples[i] === port.namedPortId && triples[i + 1] === protocol && triples[i + 2] === dstPort) return true;
  }
  return false;
}

function firstMatchingPort(compiled: CompiledPolicies, rule: CompiledRule, dstPod: number, protocol: number, dstPort: number): number {
  for (let i = 0; i < rule.ports.length; i++) {
    if (portMatches(compiled, rule.ports[i]!, dstPod, protocol, dstPort)) return i;
  }
  return -1;
}

function peerMatches(rule: CompiledRule, peerPod: number, peerIp: IpWords): boolean {
  if (rule.anyPeer || hasBit(rule.peerPods, peerPod)) return true;
  for (let i = 0; i < rule.ipBlocks.length; i++) {
    if (ipBlockContains(rule.ipBlocks[i]!, peerIp)) return true;
  }
  return false;
}

function ruleMatches(
  compiled: CompiledPolicies,
  rule: CompiledRule,
  peerPod: number,
  peerIp: IpWords,
  dstPod: number,
  protocol: number,
  dstPort: number,
): boolean {
  if (!rule.anyPort && firstMatchingPort(compiled, rule, dstPod, protocol, dstPort) < 0) return false;
  return peerMatches(rule, peerPod, peerIp);
}

function anyRuleMatches(
  compiled: CompiledPolicies,
  rules: readonly CompiledRule[],
  peerPod: number,
  peerIp: IpWords,
  dstPod: number,
  protocol: number,
  dstPort: number,
): boolean {
  for (let i = 0; i < rules.length; i++) {
    if (ruleMatches(compiled, rules[i]!, peerPod, peerIp, dstPod, protocol, dstPort)) return true;
  }
  return false;
}

/**
 * The hot path. Pod indexes come from `podIndexOf` (-1 for hosts/external), addresses from
 * `ipWordsOf` (or the packet layer's interned `IpAddr`), `protocol` is the IANA number
 * (1/58 ICMP, 6 TCP, 17 UDP, 132 SCTP), `dstPort` the destination port (0 for ICMP).
 */
export function allowsBetween(
  compiled: CompiledPolicies,
  srcPod: number,
  srcIp: IpWords,
  dstPod: number,
  dstIp: IpWords,
  protocol: number,
  dstPort: number,
): boolean {
  if (srcPod >= 0 && srcPod === dstPod) return true;
  if (srcPod >= 0 && compiled.egressIsolated[srcPod] === 1) {
    if (!anyRuleMatches(compiled, compiled.egressRules[srcPod]!, dstPod, dstIp, dstPod, protocol, dstPort)) return false;
  }
  if (dstPod >= 0 && compiled.ingressIsolated[dstPod] === 1) {
    if (!anyRuleMatches(compiled, compiled.ingressRules[dstPod]!, srcPod, srcIp, dstPod, protocol, dstPort)) return false;
  }
  return true;
}

/**
 * One direction alone (for the tiered decision): whether `pod`'s NetworkPolicies allow the
 * connection in `direction` with `peerPod`/`peerIp` on the other side; true when the pod is not
 * isolated in that direction. `dstPod` resolves named ports. Allocates nothing.
 */
export function npSideAllows(
  compiled: CompiledPolicies,
  direction: 'ingress' | 'egress',
  pod: number,
  peerPod: number,
  peerIp: IpWords,
  dstPod: number,
  protocol: number,
  dstPort: number,
): boolean {
  if (pod < 0) return true;
  if (direction === 'egress') {
    return compiled.egressIsolated[pod] !== 1 || anyRuleMatches(compiled, compiled.egressRules[pod]!, peerPod, peerIp, dstPod, protocol, dstPort);
  }
  return compiled.ingressIsolated[pod] !== 1 || anyRuleMatches(compiled, compiled.ingressRules[pod]!, peerPod, peerIp, dstPod, protocol, dstPort);
}

export function allows(compiled: CompiledPolicies, conn: Connection): boolean {
  return allowsBetween(
    compiled,
    endpointPodIndex(compiled, conn.src),
    ipWordsOf(compiled, conn.src.ip),
    endpointPodIndex(compiled, conn.dst),
    ipWordsOf(compiled, conn.dst.ip),
    protocolCode(conn.protocol),
    conn.port,
  );
}

function firstMatchingPeer(rule: CompiledRule, peerPod: number, peerIp: IpWords): number {
  for (let i = 0; i < rule.peers.length; i++) {
    const peer = rule.peers[i]!;
    if (peer.kind === 'pods' ? hasBit(peer.pods, peerPod) : ipBlockContains(peer.block, peerIp)) return i;
  }
  return -1;
}

function sideVerdict(
  compiled: CompiledPolicies,
  direction: 'ingress' | 'egress',
  pod: number,
  peerPod: number,
  peerIp: IpWords,
  dstPod: number,
  protocol: number,
  dstPort: number,
): SideVerdict {
  if (pod < 0) return { kind: 'not-a-pod' };
  const isolated = direction === 'ingress' ? compiled.ingressIsolated[pod] : compiled.egressIsolated[pod];
  if (isolated !== 1) return { kind: 'not-isolated' };
  const policyIndexes = (direction === 'ingress' ? compiled.ingressPolicies : compiled.egressPolicies)[pod]!;
  const isolatedBy = policyIndexes.map((i) => compiled.policyNames[i]!);
  const allowedBy: RuleRef[] = [];
  for (const rule of (direction === 'ingress' ? compiled.ingressRules : compiled.egressRules)[pod]!) {
    const portIndex = rule.anyPort ? null : firstMatchingPort(compiled, rule, dstPod, protocol, dstPort);
    if (portIndex === -1) continue;
    const peerIndex = rule.anyPeer ? null : firstMatchingPeer(rule, peerPod, peerIp);
    if (peerIndex === -1) continue;
    allowedBy.push({ policy: rule.policy, direction, ruleIndex: rule.ruleIndex, peerIndex, portIndex });
  }
  return allowedBy.length > 0 ? { kind: 'allowed', isolatedBy, allowedBy } : { kind: 'denied', isolatedBy };
}

function sideAllows(verdict: SideVerdict): boolean {
  return verdict.kind !== 'denied';
}

export function decide(compiled: CompiledPolicies, conn: Connection): Decision {
  const srcPod = endpointPodIndex(compiled, conn.src);
  const dstPod = endpointPodIndex(compiled, conn.dst);
  const srcIp = ipWordsOf(compiled, conn.src.ip);
  const dstIp = ipWordsOf(compiled, conn.dst.ip);
  const protocol = protocolCode(conn.protocol);
  const egress = sideVerdict(compiled, 'egress', srcPod, dstPod, dstIp, dstPod, protocol, conn.port);
  const ingress = sideVerdict(compiled, 'ingress', dstPod, srcPod, srcIp, dstPod, protocol, conn.port);
  const selfTraffic = srcPod >= 0 && srcPod === dstPod;
  const allowed = selfTraffic || (sideAllows(egress) && sideAllows(ingress));
  return selfTraffic ? { allowed, egress, ingress, selfTraffic } : { allowed, egress, ingress };
}
