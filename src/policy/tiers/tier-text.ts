/**
 * Text for a tiered decision, in the shape Policy Assistant's walkthrough made familiar:
 * `[Admin] Pass (cnp/pass-monitoring ingress rule "pass-mon") -> [NetworkPolicy] Allowed (dev/policy1 ingress rule 0)`
 * or `[Baseline] Deny (cnp/default-deny ingress rule "deny-all")`, one chain per direction.
 * - `tieredDecisionReason`: one line for tables, JSON and the agent's explanation;
 * - `tieredDecisionDetails`: several lines, adding which peer and port of each deciding rule matched.
 * Guarantees: pure; no trailing whitespace; NetworkPolicy steps keep the book's words.
 */
import type { CnpPeer, CnpPort, ClusterNetworkPolicy } from '../../model/cluster-network-policy.js';
import { clusterPolicyName } from '../../model/cluster-network-policy.js';
import type { Cluster } from '../../model/types.js';
import { connectionText, endpointName, ruleDetail, ruleText } from '../decision-text.js';
import { selectorText } from '../selector.js';
import type { Connection } from '../types.js';
import type { TieredDecision, TieredSide, TierStep } from './types.js';

function clusterRuleText(step: Extract<TierStep, { kind: 'cluster' }>): string {
  const rule = step.ruleName === '' ? `rule ${step.ruleIndex}` : `rule "${step.ruleName}"`;
  return `${step.policy} ${step.direction} ${rule}`;
}

export function tierStepText(step: TierStep): string {
  switch (step.kind) {
    case 'cluster': {
      const closed = step.failClosed ? ', fails closed: a peer sets no known field' : '';
      return `[${step.tier}] ${step.action} (${clusterRuleText(step)}${closed})`;
    }
    case 'networkpolicy':
      return step.verdict.kind === 'allowed'
        ? `[NetworkPolicy] Allowed (${step.verdict.allowedBy.map(ruleText).join(', ')})`
        : `[NetworkPolicy] Denied (implicit deny-all, isolated by ${step.verdict.isolatedBy.join(', ')})`;
    case 'default':
      return '[Default] Allowed (no tier decides)';
    case 'not-a-pod':
      return 'not a pod: no tier applies';
  }
}

export function tierChainText(side: TieredSide): string {
  return side.steps.map(tierStepText).join(' -> ');
}

/** One line. With the connection, each side names its endpoint. */
export function tieredDecisionReason(decision: TieredDecision, conn?: Connection): string {
  const egress = conn ? `egress ${endpointName(conn.src)}` : 'egress';
  const ingress = conn ? `ingress ${endpointName(conn.dst)}` : 'ingress';
  const sides = `${egress}: ${tierChainText(decision.egress)}; ${ingress}: ${tierChainText(decision.ingress)}`;
  return decision.selfTraffic ? `same pod: only the Admin tier applies (${sides})` : sides;
}

export function cnpPeerText(peer: CnpPeer): string {
  switch (peer.kind) {
    case 'namespaces':
      return `namespaces {${selectorText(peer.namespaceSelector)}}`;
    case 'pods':
      return `pods namespaceSelector {${selectorText(peer.namespaceSelector)}} podSelector {${selectorText(peer.podSelector)}}`;
    case 'nodes':
      return `nodes {${selectorText(peer.nodeSelector)}}`;
    case 'networks':
      return `networks ${peer.cidrs.join(', ')}`;
    case 'domainNames':
      return `domainNames ${peer.domainNames.join(', ')} (not simulated: matches nothing)`;
    case 'unknown':
      return `unknown peer (${peer.fields.join(', ')}): fails closed`;
  }
}

export function cnpPortText(port: CnpPort): string {
  if (port.kind === 'named') return `named port ${port.name}`;
  return port.low === port.high ? `${port.protocol}/${port.low}` : `${port.protocol}/${port.low}-${port.high}`;
}

function clusterDetail(step: Extract<TierStep, { kind: 'cluster' }>, policies: readonly ClusterNetworkPolicy[]): string {
  const policy = policies.find((p) => clusterPolicyName(p) === step.policy);
  const rule = policy ? (step.direction === 'ingress' ? policy.ingress : policy.egress)[step.ruleIndex] : undefined;
  const list = step.direction === 'ingress' ? 'from' : 'to';
  const peer = step.peerIndex === null ? 'every connection (fails closed)' : `${list}[${step.peerIndex}] ${rule?.peers[step.peerIndex] ? cnpPeerText(rule.peers[step.peerIndex]!) : '?'}`;
  const port = step.portIndex === null ? 'every protocol and port (no protocols)' : `protocols[${step.portIndex}] ${rule?.ports[step.portIndex] ? cnpPortText(rule.ports[step.portIndex]!) : '?'}`;
  return `${clusterRuleText(step)} (${step.tier} tier, priority ${step.priority}), ${step.action}: ${peer}; ${port}`;
}

function sideLines(title: string, side: TieredSide, cluster: Pick<Cluster, 'policies' | 'clusterPolicies'>): string[] {
  const lines = [`  ${title}: ${tierChainText(side)}`];
  for (const step of side.steps) {
    if (step.kind === 'cluster') lines.push(`    ${clusterDetail(step, cluster.clusterPolicies ?? [])}`);
    if (step.kind === 'networkpolicy' && step.verdict.kind === 'allowed') for (const r of step.verdict.allowedBy) lines.push(`    ${ruleDetail(r, cluster.policies)}`);
  }
  return lines;
}

/** Multi-line form: verdict, connection, then each direction's chain with the rules behind it. */
export function tieredDecisionDetails(decision: TieredDecision, conn: Connection, cluster: Pick<Cluster, 'policies' | 'clusterPolicies'>): string[] {
  const lines = [`${decision.allowed ? 'ALLOWED' : 'DENIED'}  ${connectionText(conn)}`];
  if (decision.selfTraffic) lines.push('  same pod: a pod can always reach itself unless the Admin tier says otherwise');
  lines.push(...sideLines(`egress of ${endpointName(conn.src)}`, decision.egress, cluster));
  lines.push(...sideLines(`ingress of ${endpointName(conn.dst)}`, decision.ingress, cluster));
  return lines;
}
