/**
 * Renders a Contrail view like the firewall tables of the book's chapter 8: the application
 * policy set's ordered firewall policies, then one boxed table per firewall policy with the
 * columns Sequence, Name, Action, Service, End Point 1, Dir, End Point 2; and as JSON.
 * Guarantees: pure; deterministic; ASCII only; ends with a single newline.
 */
import type { ContrailEndpoint, ContrailService, ContrailView, FirewallPolicy } from '../policy/contrail-view.js';
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

function boxTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const rule = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`;
  const line = (cells: readonly string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [rule, line(header), rule, ...rows.map(line), rule];
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
  out.push(...alignColumns([['SEQUENCE', 'FIREWALL POLICY', 'RULES'], ...view.firewallPolicies.map((p) => [p.sequence, p.name, String(p.rules.length)])], '  '));
  for (const policy of view.firewallPolicies) {
    out.push('', policyTitle(policy));
    if (policy.rules.length === 0) {
      out.push('  (no rules)');
      continue;
    }
    out.push(
      ...boxTable(
        ['Sequence', 'Name', 'Action', 'Service', 'End Point 1', 'Dir', 'End Point 2'],
        policy.rules.map((r) => [r.sequence, r.name, r.action, contrailServiceText(r.service), contrailEndpointText(r.endpoint1), r.direction, contrailEndpointText(r.endpoint2)]),
      ),
    );
  }
  if (view.notes.length > 0) {
    out.push('', 'Translation notes (where kube-manager differs from the Kubernetes spec)');
    out.push(...view.notes.map((n) => `  - ${n}`));
  }
  return `${out.join('\n')}\n`;
}

export function contrailViewJson(view: ContrailView): string {
  return `${JSON.stringify(view, null, 2)}\n`;
}
