/**
 * Workload-level rendering of the whitelist view (`vrsim explain --group workload`): the
 * policy table names the workloads each policy selects, and every workload (`ns/name[Kind]`,
 * netpol-analyzer's naming) is shown once with its pods and the whitelist they share; peers
 * are named by workload too. Pods of one workload whose whitelists differ (a policy selecting
 * one StatefulSet ordinal) are shown as separate groups of the same workload.
 *
 * Guarantees: pure function of the view and the pod -> workload map; deterministic order
 * (namespaces, then workloads by name); no trailing whitespace; ends with one newline.
 */
import type { DirectionWhitelist, PeerView, PodWhitelist, WhitelistEntry, WhitelistView } from '../policy/whitelist.js';
import { alignColumns } from './policy-explain.js';

/** `ns/pod` -> `ns/name[Kind]`; pods missing from the map are their own `[Pod]`. */
export type WorkloadNames = ReadonlyMap<string, string>;

const LIST_LIMIT = 10;

function listText(names: readonly string[]): string {
  if (names.length === 0) return '(no pods match)';
  const shown = names.slice(0, LIST_LIMIT).join(', ');
  return names.length > LIST_LIMIT ? `${shown} (+${names.length - LIST_LIMIT} more)` : shown;
}

function workloadsOf(pods: readonly string[], names: WorkloadNames): string[] {
  return [...new Set(pods.map((p) => names.get(p) ?? `${p}[Pod]`))].sort();
}

function peerText(peer: PeerView, names: WorkloadNames): string {
  switch (peer.kind) {
    case 'any':
      return 'any peer';
    case 'ipBlock':
      return peer.except.length > 0 ? `ipBlock ${peer.cidr} except ${peer.except.join(', ')}` : `ipBlock ${peer.cidr}`;
    case 'pods': {
      const workloads = listText(workloadsOf(peer.pods, names));
      return peer.selector.startsWith('podSelector') ? `workloads ${workloads} (${peer.selector})` : `${peer.selector}: ${workloads}`;
    }
  }
}

function entryText(e: WhitelistEntry, names: WorkloadNames): string {
  const verb = e.direction === 'ingress' ? 'from' : 'to';
  return `${verb} ${peerText(e.peer, names)} on ${e.ports.length === 0 ? 'any port and protocol' : e.ports.join(', ')}`;
}

function ruleLabel(e: WhitelistEntry): string {
  const list = e.direction === 'ingress' ? 'from' : 'to';
  return `${e.policy} ${e.direction}[${e.ruleIndex}]${e.peerIndex === null ? '' : ` ${list}[${e.peerIndex}]`}`;
}

function directionLines(title: 'Ingress' | 'Egress', view: DirectionWhitelist, names: WorkloadNames): string[] {
  const head = title.padEnd(9);
  if (view.kind === 'implicit-allow-all') return [`    ${head}implicit allow-all (no policy selects these pods for ${title.toLowerCase()})`];
  const by = view.isolatedBy.join(', ');
  if (view.entries.length === 0) return [`    ${head}isolated by ${by}: empty whitelist, implicit deny-all for everything`];
  return [
    `    ${head}isolated by ${by}: explicit policy allows only the following, implicit deny-all for the rest`,
    ...alignColumns(view.entries.map((e) => [ruleLabel(e), entryText(e, names)]), '      '),
  ];
}

function podText(pod: PodWhitelist): string {
  const addresses = pod.ips.length > 0 ? pod.ips.join(', ') : 'no IP';
  return `${pod.name} ${addresses} on ${pod.node}${pod.hostNetwork ? ' (hostNetwork: treated as its node)' : ''}`;
}

export function renderWorkloadView(view: WhitelistView, names: WorkloadNames): string {
  const out: string[] = [`NetworkPolicies (${view.policies.length})`];
  if (view.policies.length === 0) out.push('  none: every workload keeps the implicit allow-all in both directions');
  else {
    out.push(...alignColumns([
      ['NAMESPACE', 'NAME', 'POD-SELECTOR', 'POLICY-TYPES', 'SELECTS'],
      ...view.policies.map((p) => {
        const selected = workloadsOf(p.selects, names);
        return [p.namespace, p.name, p.podSelector, p.policyTypes.length > 0 ? p.policyTypes.join(',') : '<none>', selected.length > 0 ? selected.join(', ') : '<no pods>'];
      }),
    ], '  '));
  }
  const byWorkload = new Map<string, { namespace: string; pods: PodWhitelist[] }>();
  for (const pod of view.pods) {
    const label = names.get(pod.pod) ?? `${pod.pod}[Pod]`;
    const group = byWorkload.get(label) ?? { namespace: pod.namespace, pods: [] };
    group.pods.push(pod);
    byWorkload.set(label, group);
  }
  const labels = [...byWorkload.keys()].sort((a, b) => {
    const na = byWorkload.get(a)!.namespace;
    const nb = byWorkload.get(b)!.namespace;
    return na < nb ? -1 : na > nb ? 1 : a < b ? -1 : a > b ? 1 : 0;
  });
  let namespace: string | undefined;
  for (const label of labels) {
    const group = byWorkload.get(label)!;
    if (group.namespace !== namespace) {
      namespace = group.namespace;
      out.push('', `Namespace ${namespace}`);
    } else out.push('');
    const shapes = new Map<string, { lines: string[]; pods: PodWhitelist[] }>();
    for (const pod of group.pods) {
      const lines = [...directionLines('Ingress', pod.ingress, names), ...directionLines('Egress', pod.egress, names)];
      const key = lines.join('\n');
      const shape = shapes.get(key) ?? { lines, pods: [] };
      shape.pods.push(pod);
      shapes.set(key, shape);
    }
    let first = true;
    for (const shape of shapes.values()) {
      if (!first) out.push('');
      first = false;
      const count = shape.pods.length === 1 ? '1 pod' : `${shape.pods.length} pods`;
      const part = shapes.size > 1 ? `, ${count} of ${group.pods.length} (their whitelists differ)` : `, ${count}`;
      out.push(`  Workload ${label}${part}`);
      out.push(`    Pods     ${shape.pods.map(podText).join('; ')}`);
      out.push(...shape.lines);
    }
  }
  return `${out.join('\n')}\n`;
}

/** JSON of the workload view: the policies with the workloads they select, and one entry per workload and whitelist shape. */
export function workloadViewJson(view: WhitelistView, names: WorkloadNames): string {
  const policies = view.policies.map((p) => ({ ...p, selectsWorkloads: workloadsOf(p.selects, names) }));
  const workloads: { workload: string; namespace: string; pods: string[]; ingress: DirectionWhitelist; egress: DirectionWhitelist }[] = [];
  const index = new Map<string, number>();
  for (const pod of view.pods) {
    const label = names.get(pod.pod) ?? `${pod.pod}[Pod]`;
    const key = `${label}\n${JSON.stringify(pod.ingress)}\n${JSON.stringify(pod.egress)}`;
    const at = index.get(key);
    if (at !== undefined) workloads[at]!.pods.push(pod.pod);
    else {
      index.set(key, workloads.length);
      workloads.push({ workload: label, namespace: pod.namespace, pods: [pod.pod], ingress: pod.ingress, egress: pod.egress });
    }
  }
  workloads.sort((a, b) => (a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : a.workload < b.workload ? -1 : a.workload > b.workload ? 1 : 0));
  return `${JSON.stringify({ policies, workloads }, null, 2)}\n`;
}
