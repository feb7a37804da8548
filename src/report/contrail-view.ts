/**
 * Renders a Contrail view like the firewall tables of the book's chapter 8: the application
 * policy set's ordered firewall policies, then one boxed table per firewall policy with the
 * columns Sequence, Name, Action, Service, End Point 1, Dir, End Point 2; and as JSON.
 * Guarantees: pure; deterministic; ASCII only; ends with a single newline.
 */
import type { ContrailEndpoint, ContrailService, ContrailView, FirewallPolicy } from '../policy/contrail-view.js';
import { appendAll } from './append-all.js';
import { alignColumns } from './policy-explain.js';

export function contrailEndpointText(endpoint: ContrailEndpoint): string {
  switch (endpoint.kind) {
    case 'any':
      return 'any';
    case 'tags':
      return endpoint.tags.join(' && ');
    case 'address-group':
      return `Address Group: ${endpoint.cidr}`;
  }
}

export function contrailServiceText(service: ContrailService): string {
  switch (service.kind) {
    case 'any':
      return 'any';
    case 'named-port':
      return `${service.protocol}:${service.name} (named, unresolved)`;
    case 'ports':
      return service.start === service.end ? `${service.protocol}:${service.start}` : `${service.protocol}:${service.start}-${service.end}`;
  }
}

/** A +---+ table; widths by a loop over the rows (any number of rows: no spread into Math.max). */
export function boxTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h) => h.length);
  for (const row of rows) for (let i = 0; i < widths.length; i++) widths[i] = Math.max(widths[i]!, (row[i] ?? '').length);
  const rule = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`;
  const line = (cells: readonly string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const out = [rule, line(header), rule];
  for (const row of rows) out.push(line(row));
  out.push(rule);
  return out;
}

function policyTitle(policy: FirewallPolicy): string {
  const from =
    policy.role === 'network-policy'
      ? `from NetworkPolicy ${policy.networkPolicy ?? ''}`
      : policy.role === 'denyall'
        ? 'implicit deny-all of every isolated pod'
        : policy.role === 'allowall'
          ? 'implicit allow-all, per namespace'
          : 'ingress load balancer rules';
  return `Firewall Policy ${policy.name}  (sequence ${policy.sequence}, ${from})`;
}

export function renderContrailView(view: ContrailView): string {
  const out: string[] = [`Application Policy Set: ${view.applicationPolicySet}`];
  const summary: string[][] = [['SEQUENCE', 'FIREWALL POLICY', 'RULES']];
  for (const p of view.firewallPolicies) summary.push([p.sequence, p.name, String(p.rules.length)]);
  appendAll(out, alignColumns(summary, '  '));
  for (const policy of view.firewallPolicies) {
    out.push('', policyTitle(policy));
    if (policy.rules.length === 0) {
      out.push('  (no rules)');
      continue;
    }
    appendAll(
      out,
      boxTable(
        ['Sequence', 'Name', 'Action', 'Service', 'End Point 1', 'Dir', 'End Point 2'],
        policy.rules.map((r) => [r.sequence, r.name, r.action, contrailServiceText(r.service), contrailEndpointText(r.endpoint1), r.direction, contrailEndpointText(r.endpoint2)]),
      ),
    );
  }
  if (view.notes.length > 0) {
    out.push('', 'Translation notes (where kube-manager differs from the Kubernetes spec)');
    for (const n of view.notes) out.push(`  - ${n}`);
  }
  return `${out.join('\n')}\n`;
}

export function contrailViewJson(view: ContrailView): string {
  return `${JSON.stringify(view, null, 2)}\n`;
}
