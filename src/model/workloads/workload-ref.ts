/**
 * A pod's workload, the unit users group by (`reach --group workload`, `explain --group
 * workload`), named as netpol-analyzer prints it: `ns/name[Deployment]`, `ns/pod[Pod]` for a
 * bare pod. Stable API for the report and CLI layers:
 * - `workloadOf(pod)`: the pod's WorkloadRef (its own `[Pod]` when it has no controller);
 * - `workloadLabel(ref)`: `ns/name[Kind]`;
 * - `groupByWorkload(pods)`: pods by workload, groups and pods in cluster order.
 * Guarantees: pure; the same cluster always gives the same groups in the same order.
 */
import type { Pod, WorkloadRef } from '../types.js';

export function workloadOf(pod: Pod): WorkloadRef {
  return pod.workload ?? { kind: 'Pod', namespace: pod.namespace, name: pod.name };
}

export function workloadLabel(ref: WorkloadRef): string {
  return `${ref.namespace}/${ref.name}[${ref.kind}]`;
}

export function sameWorkload(a: WorkloadRef, b: WorkloadRef): boolean {
  return a.kind === b.kind && a.namespace === b.namespace && a.name === b.name;
}

export interface WorkloadGroup {
  readonly workload: WorkloadRef;
  /** `workloadLabel(workload)`. */
  readonly label: string;
  readonly pods: readonly Pod[];
}

/** Pods grouped by workload; groups ordered by namespace, then name, then kind; pods keep their order. */
export function groupByWorkload(pods: readonly Pod[]): WorkloadGroup[] {
  const groups = new Map<string, { workload: WorkloadRef; label: string; pods: Pod[] }>();
  for (const pod of pods) {
    const workload = workloadOf(pod);
    const label = workloadLabel(workload);
    const group = groups.get(label);
    if (group === undefined) groups.set(label, { workload, label, pods: [pod] });
    else group.pods.push(pod);
  }
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return [...groups.values()].sort((a, b) =>
    cmp(a.workload.namespace, b.workload.namespace) || cmp(a.workload.name, b.workload.name) || cmp(a.workload.kind, b.workload.kind));
}
