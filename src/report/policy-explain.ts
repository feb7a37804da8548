/**
 * Text rendering of the whitelist view (`vrsim explain`): a policy table, then every pod
 * grouped per namespace with its ingress and egress verdicts in the book's words —
 * "implicit allow-all", "explicit policy" whitelist entries, "implicit deny-all".
 *
 * Guarantees: pure function of the view; columns aligned with spaces only; no trailing
 * whitespace; output ends with a single newline.
 */
import type { DirectionWhitelist, PodWhitelist, WhitelistView } from '../policy/whitelist.js';
import { appendAll } from './append-all.js';

/** Left-aligns rows into columns separated by two spaces; trailing spaces trimmed. */
export function alignColumns(rows: readonly (readonly string[])[], indent = ''): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => (indent + row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ')).trimEnd());
}

function ruleLabel(e: { policy: string; direction: 'ingress' | 'egress'; ruleIndex: number; peerIndex: number | null }): string {
  const list = e.direction === 'ingress' ? 'from' : 'to';
  const peer = e.peerIndex === null ? '' : ` ${list}[${e.peerIndex}]`;
  return `${e.policy} ${e.direction}[${e.ruleIndex}]${peer}`;
}

function directionLines(title: 'Ingress' | 'Egress', view: DirectionWhitelist): string[] {
  const head = title.padEnd(9);
  if (view.kind === 'implicit-allow-all') return [`    ${head}implicit allow-all (no policy selects this pod for ${title.toLowerCase()})`];
  const by = view.isolatedBy.join(', ');
  if (view.entries.length === 0) {
    return [`    ${head}isolated by ${by}: empty whitelist, implicit deny-all for everything`];
  }
  const lines = [`    ${head}isolated by ${by}: explicit policy allows only the following, implicit deny-all for the rest`];
  appendAll(lines, alignColumns(view.entries.map((e) => [ruleLabel(e), e.text]), '      '));
  return lines;
}

function podLines(pod: PodWhitelist): string[] {
  const addresses = pod.ips.length > 0 ? pod.ips.join(', ') : 'no IP';
  const host = pod.hostNetwork ? ', hostNetwork (treated as its node; policies do not apply)' : '';
  return [`  Pod ${pod.name}  ${addresses}  node ${pod.node}${host}`, ...directionLines('Ingress', pod.ingress), ...directionLines('Egress', pod.egress)];
}

export function renderWhitelistView(view: WhitelistView): string {
  const out: string[] = [];
  out.push(`NetworkPolicies (${view.policies.length})`);
  if (view.policies.length === 0) out.push('  none: every pod keeps the implicit allow-all in both directions');
  else {
    out.push(
      ...alignColumns(
        [
          ['NAMESPACE', 'NAME', 'POD-SELECTOR', 'POLICY-TYPES', 'SELECTS'],
          ...view.policies.map((p) => [p.namespace, p.name, p.podSelector, p.policyTypes.length > 0 ? p.policyTypes.join(',') : '<none>', p.selects.length > 0 ? p.selects.join(', ') : '<no pods>']),
        ],
        '  ',
      ),
    );
  }
  const namespaces = [...new Set(view.pods.map((p) => p.namespace))].sort();
  for (const ns of namespaces) {
    out.push('', `Namespace ${ns}`);
    const pods = view.pods.filter((p) => p.namespace === ns).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    pods.forEach((pod, i) => {
      if (i > 0) out.push('');
      appendAll(out, podLines(pod));
    });
  }
  return `${out.join('\n')}\n`;
}

export function whitelistViewJson(view: WhitelistView): string {
  return `${JSON.stringify(view, null, 2)}\n`;
}
