/**
 * Evaluates connections through the tiers, per direction (the source's egress, the
 * destination's ingress), as apis/v1alpha2 ClusterNetworkPolicySpec.Tier orders them:
 * 1. the Admin tier: the first matching rule of the pod's Admin policies (lower priority
 *    first, rules as written) decides — Accept allows this direction, Deny denies, Pass skips
 *    the rest of the Admin tier;
 * 2. NetworkPolicy: a pod selected by a NetworkPolicy in this direction is decided by it
 *    (explicit policy, else its implicit deny-all);
 * 3. the Baseline tier, like the Admin tier (a Pass there leaves the default);
 * 4. the default: allowed.
 * A connection is allowed iff both directions allow it: an egress Accept does not bypass the
 * destination's ingress. Node hosts, host-network pods and external addresses are never
 * subjects. A pod's traffic to itself stays allowed as NetworkPolicy has it, except that the
 * Admin tier applies to it (the upstream hairpin test expects an Admin ingress Deny to hold).
 *
 * Guarantees: `allowsTiered` allocates nothing; `decideTiered` gives the same verdict with
 * the chain of tier steps per direction.
 */
import type { CnpAction } from '../../model/cluster-network-policy.js';
import { hasBit } from '../bitset.js';
import type { CompiledPolicies, CompiledPort } from '../compiled.js';
import { decide, npSideAllows, protocolCode } from '../evaluate.js';
import { endpointPodIndex, ipWordsOf } from '../endpoint-index.js';
import { prefixContains, type IpWords } from '../ip-prefix.js';
import type { Connection, SideVerdict } from '../types.js';
import { ACTION_ACCEPT, ACTION_DENY, ANY_PROTOCOL, type CompiledTierRule, type CompiledTiers } from './compiled-tiers.js';
import type { TieredDecision, TieredSide, TierStep } from './types.js';

function portMatches(np: CompiledPolicies, port: CompiledPort, dstPod: number, protocol: number, dstPort: number): boolean {
  if (port.namedPortId === -1) return port.protocol === protocol && dstPort >= port.low && dstPort <= port.high;
  if (dstPod < 0) return false;
  const triples = np.podNamedPorts[dstPod]!;
  for (let i = 0; i < triples.length; i += 3) {
    if (triples[i] === port.namedPortId && (port.protocol === ANY_PROTOCOL || port.protocol === protocol) && triples[i + 1] === protocol && triples[i + 2] === dstPort) return true;
  }
  return false;
}

function firstPort(np: CompiledPolicies, rule: CompiledTierRule, dstPod: number, protocol: number, dstPort: number): number {
  for (let i = 0; i < rule.ports.length; i++) if (portMatches(np, rule.ports[i]!, dstPod, protocol, dstPort)) return i;
  return -1;
}

function peerMatches(rule: CompiledTierRule, peerPod: number, peerIp: IpWords): boolean {
  if (peerPod >= 0 && hasBit(rule.peerPods, peerPod)) return true;
  const prefixes = rule.prefixes;
  for (let i = 0; i < prefixes.length; i++) if (prefixContains(prefixes[i]!, peerIp)) return true;
  return false;
}

function ruleMatches(np: CompiledPolicies, rule: CompiledTierRule, peerPod: number, peerIp: IpWords, dstPod: number, protocol: number, dstPort: number): boolean {
  if (rule.mode === 'all') return true;
  if (rule.mode === 'none') return false;
  if (!rule.anyPort && firstPort(np, rule, dstPod, protocol, dstPort) < 0) return false;
  return peerMatches(rule, peerPod, peerIp);
}

function firstRule(np: CompiledPolicies, rules: readonly CompiledTierRule[], peerPod: number, peerIp: IpWords, dstPod: number, protocol: number, dstPort: number): number {
  for (let i = 0; i < rules.length; i++) if (ruleMatches(np, rules[i]!, peerPod, peerIp, dstPod, protocol, dstPort)) return i;
  return -1;
}

const ALLOW = 1;
const DENY = 0;
const UNDECIDED = 2;

function tierSays(np: CompiledPolicies, rules: readonly CompiledTierRule[], peerPod: number, peerIp: IpWords, dstPod: number, protocol: number, dstPort: number): number {
  const i = firstRule(np, rules, peerPod, peerIp, dstPod, protocol, dstPort);
  if (i < 0) return UNDECIDED;
  const action = rules[i]!.action;
  return action === ACTION_ACCEPT ? ALLOW : action === ACTION_DENY ? DENY : UNDECIDED;
}

function sideAllows(
  t: CompiledTiers, np: CompiledPolicies, direction: 'ingress' | 'egress', pod: number,
  peerPod: number, peerIp: IpWords, dstPod: number, protocol: number, dstPort: number, self: boolean,
): boolean {
  if (pod < 0) return true;
  const admin = tierSays(np, (direction === 'ingress' ? t.adminIngress : t.adminEgress)[pod]!, peerPod, peerIp, dstPod, protocol, dstPort);
  if (admin !== UNDECIDED) return admin === ALLOW;
  if (self) return true;
  const isolated = direction === 'ingress' ? np.ingressIsolated[pod] : np.egressIsolated[pod];
  if (isolated === 1) return npSideAllows(np, direction, pod, peerPod, peerIp, dstPod, protocol, dstPort);
  return tierSays(np, (direction === 'ingress' ? t.baselineIngress : t.baselineEgress)[pod]!, peerPod, peerIp, dstPod, protocol, dstPort) !== DENY;
}

/** The hot path, with the coordinates of `allowsBetween` (pod indexes -1 for hosts/external, IANA protocol). */
export function allowsTiered(
  t: CompiledTiers, np: CompiledPolicies, srcPod: number, srcIp: IpWords, dstPod: number, dstIp: IpWords, protocol: number, dstPort: number,
): boolean {
  const self = srcPod >= 0 && srcPod === dstPod;
  return sideAllows(t, np, 'egress', srcPod, dstPod, dstIp, dstPod, protocol, dstPort, self)
    && sideAllows(t, np, 'ingress', dstPod, srcPod, srcIp, dstPod, protocol, dstPort, self);
}

const ACTIONS: readonly CnpAction[] = ['Accept', 'Deny', 'Pass'];

function clusterStep(np: CompiledPolicies, t: CompiledTiers, rule: CompiledTierRule, peerPod: number, peerIp: IpWords, dstPod: number, protocol: number, dstPort: number): TierStep {
  let peerIndex: number | null = null;
  if (rule.mode === 'normal') {
    peerIndex = rule.peers.findIndex((p) => p !== null && ((p.pods !== null && peerPod >= 0 && hasBit(p.pods, peerPod)) || p.prefixes.some((x) => prefixContains(x, peerIp))));
  }
  const portIndex = rule.mode !== 'normal' || rule.anyPort ? null : firstPort(np, rule, dstPod, protocol, dstPort);
  return {
    kind: 'cluster', tier: rule.tier, action: ACTIONS[rule.action]!, policy: rule.policy, priority: t.policies[rule.policyIndex]!.priority,
    direction: rule.direction, ruleIndex: rule.ruleIndex, ruleName: rule.ruleName, peerIndex, portIndex, failClosed: rule.mode === 'all',
  };
}

function explainSide(
  t: CompiledTiers, np: CompiledPolicies, direction: 'ingress' | 'egress', pod: number, npVerdict: SideVerdict,
  peerPod: number, peerIp: IpWords, dstPod: number, protocol: number, dstPort: number, self: boolean,
): TieredSide {
  if (pod < 0) return { allowed: true, steps: [{ kind: 'not-a-pod' }] };
  const steps: TierStep[] = [];
  for (const tier of ['Admin', 'NetworkPolicy', 'Baseline'] as const) {
    if (tier === 'NetworkPolicy') {
      if (self) return { allowed: true, steps: [...steps, { kind: 'default' }] };
      if (npVerdict.kind === 'allowed' || npVerdict.kind === 'denied') return { allowed: npVerdict.kind === 'allowed', steps: [...steps, { kind: 'networkpolicy', verdict: npVerdict }] };
      continue;
    }
    const admin = tier === 'Admin';
    const rules = (admin ? (direction === 'ingress' ? t.adminIngress : t.adminEgress) : direction === 'ingress' ? t.baselineIngress : t.baselineEgress)[pod]!;
    const i = firstRule(np, rules, peerPod, peerIp, dstPod, protocol, dstPort);
    if (i < 0) continue;
    const rule = rules[i]!;
    steps.push(clusterStep(np, t, rule, peerPod, peerIp, dstPod, protocol, dstPort));
    if (rule.action === ACTION_ACCEPT) return { allowed: true, steps };
    if (rule.action === ACTION_DENY) return { allowed: false, steps };
    if (!admin) break;
  }
  return { allowed: true, steps: [...steps, { kind: 'default' }] };
}

export function decideTiered(t: CompiledTiers, np: CompiledPolicies, conn: Connection): TieredDecision {
  const srcPod = endpointPodIndex(np, conn.src);
  const dstPod = endpointPodIndex(np, conn.dst);
  const srcIp = ipWordsOf(np, conn.src.ip);
  const dstIp = ipWordsOf(np, conn.dst.ip);
  const protocol = protocolCode(conn.protocol);
  const networkPolicy = decide(np, conn);
  const self = srcPod >= 0 && srcPod === dstPod;
  const egress = explainSide(t, np, 'egress', srcPod, networkPolicy.egress, dstPod, dstIp, dstPod, protocol, conn.port, self);
  const ingress = explainSide(t, np, 'ingress', dstPod, networkPolicy.ingress, srcPod, srcIp, dstPod, protocol, conn.port, self);
  const allowed = egress.allowed && ingress.allowed;
  return self ? { allowed, egress, ingress, selfTraffic: true, networkPolicy } : { allowed, egress, ingress, networkPolicy };
}
