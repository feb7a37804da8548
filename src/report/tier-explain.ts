/**
 * Text rendering of the tier view (`vrsim explain` on a cluster with ClusterNetworkPolicies):
 * the cluster policies in evaluation order, then every pod's tiers per direction in the order
 * they are consulted — Admin rules, NetworkPolicy, Baseline rules, the default allow.
 *
 * Guarantees: pure function of the view; columns aligned with spaces only; no trailing
 * whitespace; output ends with a single newline.
 */
import type { PodTiers, TierDirection, TierRuleEntry, TierView } from '../policy/tiers/tier-view.js';
import { alignColumns } from './policy-explain.js';

function ruleLine(tier: 'Admin' | 'Baseline', e: TierRuleEntry, direction: 'ingress' | 'egress'): string {
  const name = e.ruleName === '' ? `rule ${e.ruleIndex}` : `rule "${e.ruleName}"`;
  const list = direction === 'ingress' ? 'from' : 'to';
  const ports = e.ports.length === 0 ? 'any protocol and port' : e.ports.join(', ');
  const note = e.note === undefined ? '' : ` — ${e.note}`;
  return `[${tier}] ${e.action.padEnd(6)} ${e.policy} ${name} (priority ${e.priority}): ${list} ${e.peers.join(' | ')}; ${ports}${note}`;
}

function directionLines(title: 'Ingress' | 'Egress', d: TierDirection): string[] {
  const direction = title === 'Ingress' ? 'ingress' : 'egress';
  const lines = [`    ${title}`];
  if (d.admin.length === 0) lines.push('      [Admin] no rule applies');
  for (const e of d.admin) lines.push(`      ${ruleLine('Admin', e, direction)}`);
  if (d.networkPolicy.length > 0) {
    lines.push(`      [NetworkPolicy] isolated by ${d.networkPolicy.join(', ')}: decides whatever the Admin tier passes or leaves (explicit policy, else implicit deny-all)`);
    if (d.baseline.length > 0) lines.push(`      [Baseline] not reached (${d.baseline.length === 1 ? '1 rule applies' : `${d.baseline.length} rules apply`} to this pod, but NetworkPolicy decides first)`);
    return lines;
  }
  lines.push('      [NetworkPolicy] not isolated in this direction');
  if (d.baseline.length === 0) lines.push('      [Baseline] no rule applies');
  for (const e of d.baseline) lines.push(`      ${ruleLine('Baseline', e, direction)}`);
  lines.push('      [Default] allowed when no rule above matches');
  return lines;
}

function podLines(pod: PodTiers): string[] {
  if (pod.hostNetwork) return [`  Pod ${pod.pod}  hostNetwork: neither a subject nor a peer of any tier (it is its node's host)`];
  return [`  Pod ${pod.pod}`, ...directionLines('Ingress', pod.ingress), ...directionLines('Egress', pod.egress)];
}

export function renderTierView(view: TierView): string {
  const out = [`ClusterNetworkPolicies (${view.policies.length}), in evaluation order (Admin, then Baseline; lower priority first, then by name)`];
  out.push(...alignColumns([['TIER', 'PRIORITY', 'NAME', 'SUBJECT', 'SELECTS'], ...view.policies.map((p) => [p.tier, String(p.priority), p.policy, p.subject, p.selects.length > 0 ? p.selects.join(', ') : '<no pods>'])], '  '));
  out.push('', 'Tiers per pod, in the order each direction is decided: Admin -> NetworkPolicy -> Baseline -> allow');
  view.pods.forEach((pod, i) => {
    if (i > 0) out.push('');
    out.push(...podLines(pod));
  });
  return `${out.join('\n')}\n`;
}
