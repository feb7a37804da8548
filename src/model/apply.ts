/**
 * Changing an existing cluster step by step, as a scenario does with kubectl:
 * `applyManifests` (kubectl apply -f), `deleteObjects` (kubectl delete) and `setLabels`
 * (kubectl label).
 *
 * Guarantees: `Cluster` is immutable data — every function returns a new cluster and leaves
 * `base` untouched, also when it throws; a failing call throws before anything is applied.
 * Objects are identified by kind + namespace (default `default`) + name. Pod IP allocation
 * stays deterministic: a new pod gets the next free address downward and never an address
 * held by an existing pod; a re-applied pod that does not write its IPs or node keeps them.
 */
import type { Cluster, Diagnostic, Labels, SourceRef } from './types.js';
import { InputError } from './diagnostics.js';
import { loadOnto, type LoadOptions, type LoadResult, type ManifestInput } from './load.js';
import { describeRef, objectKey, type ObjectRef } from './parsed-objects.js';
import { checkLabelKey, checkLabelValue } from './k8s-names.js';
import { namespaceLabels, NAMESPACE_NAME_LABEL } from './read-objects.js';
import { sortLabels } from './read-metadata.js';

export type { ObjectRef } from './parsed-objects.js';

/** An object to delete or relabel; `source` (the scenario line asking for it) locates errors. */
export interface ObjectTarget extends ObjectRef {
  readonly source?: SourceRef;
}

/**
 * kubectl apply: objects in `inputs` are created, or replace the object with the same
 * identity; the whole resulting cluster is validated. Throws `InputError` with every error.
 */
export function applyManifests(base: Cluster, inputs: readonly ManifestInput[], options: LoadOptions = {}): LoadResult {
  return loadOnto(base, inputs, options);
}

function fail(targets: readonly { target: ObjectTarget; message: string }[]): never {
  const located: Diagnostic[] = targets
    .filter((t) => t.target.source !== undefined)
    .map((t) => ({ severity: 'error', file: t.target.source?.file ?? '', line: t.target.source?.line ?? 0, path: '', message: t.message }));
  if (located.length === targets.length) throw new InputError(located);
  throw new Error(targets.map((t) => t.message).join('\n'));
}

function exists(cluster: Cluster, ref: ObjectRef): boolean {
  const ns = ref.namespace ?? 'default';
  switch (ref.kind) {
    case 'Namespace':
      return cluster.namespaces.some((n) => n.name === ref.name);
    case 'Node':
      return cluster.nodes.some((n) => n.name === ref.name);
    case 'Pod':
      return cluster.pods.some((p) => p.namespace === ns && p.name === ref.name);
    case 'NetworkPolicy':
      return cluster.policies.some((p) => p.namespace === ns && p.name === ref.name);
    case 'Service':
      return (cluster.services ?? []).some((s) => s.namespace === ns && s.name === ref.name);
    case 'ClusterNetworkPolicy':
    case 'AdminNetworkPolicy':
    case 'BaselineAdminNetworkPolicy':
      return (cluster.clusterPolicies ?? []).some((p) => p.origin === ref.kind && p.name === ref.name);
    default:
      return (cluster.workloads ?? []).some((w) => w.kind === ref.kind && w.namespace === ns && w.name === ref.name);
  }
}

/**
 * kubectl delete. Deleting a Namespace also deletes its pods, policies and Services (as the namespace
 * controller does). Throws when a target does not exist (`Pod dev/x not found`) or a Node
 * still runs pods: an `InputError` when every target carries a `source`, else an `Error`.
 */
export function deleteObjects(base: Cluster, targets: readonly ObjectTarget[]): Cluster {
  const problems: { target: ObjectTarget; message: string }[] = [];
  const keys = new Set(targets.map((t) => objectKey(t)));
  for (const target of targets) {
    if (!exists(base, target)) {
      problems.push({ target, message: `cannot delete ${describeRef(target)}: not found` });
      continue;
    }
    if (target.kind === 'Node') {
      const remaining = base.pods.filter((p) => p.nodeName === target.name && !keys.has(objectKey({ kind: 'Pod', namespace: p.namespace, name: p.name })));
      if (remaining.length > 0) {
        const names = remaining.map((p) => `${p.namespace}/${p.name}`).join(', ');
        problems.push({ target, message: `cannot delete ${describeRef(target)}: pods still run on it (${names}); delete them first` });
      }
    }
  }
  if (problems.length > 0) fail(problems);
  const deletedNamespaces = new Set(targets.filter((t) => t.kind === 'Namespace').map((t) => t.name));
  const gone = (kind: ObjectRef['kind'], namespace: string | undefined, name: string): boolean =>
    keys.has(objectKey({ kind, ...(namespace === undefined ? {} : { namespace }), name })) || (namespace !== undefined && deletedNamespaces.has(namespace));
  // Deleting a controller deletes the pods vrsim created for it (kubectl delete cascades).
  const goneWorkloads = (base.workloads ?? []).filter((w) => gone(w.kind, w.namespace, w.name));
  const cascaded = new Set(goneWorkloads.flatMap((w) => w.generatedPods.map((name) => `${w.namespace}/${name}`)));
  return {
    namespaces: base.namespaces.filter((n) => !gone('Namespace', undefined, n.name)),
    nodes: base.nodes.filter((n) => !gone('Node', undefined, n.name)),
    pods: base.pods.filter((p) => !gone('Pod', p.namespace, p.name) && !cascaded.has(`${p.namespace}/${p.name}`)),
    policies: base.policies.filter((p) => !gone('NetworkPolicy', p.namespace, p.name)),
    services: (base.services ?? []).filter((s) => !gone('Service', s.namespace, s.name)),
    ...(base.clusterPolicies === undefined ? {} : { clusterPolicies: base.clusterPolicies.filter((p) => !gone(p.origin, undefined, p.name)) }),
    ...(base.workloads === undefined ? {} : { workloads: base.workloads.filter((w) => !gone(w.kind, w.namespace, w.name)) }),
  };
}

/**
 * kubectl label: merges `changes` into the labels of a Pod or Namespace; a `null` value
 * removes the key (`kubectl label pod x app-`). Keys and values are validated; a namespace
 * keeps its automatic `kubernetes.io/metadata.name` label whatever is asked.
 */
export function setLabels(base: Cluster, target: ObjectTarget, changes: Readonly<Record<string, string | null>>): Cluster {
  if (target.kind !== 'Pod' && target.kind !== 'Namespace') {
    fail([{ target, message: `cannot label ${describeRef(target)}: vrsim models labels of Pods and Namespaces only` }]);
  }
  if (!exists(base, target)) fail([{ target, message: `cannot label ${describeRef(target)}: not found` }]);
  const problems: { target: ObjectTarget; message: string }[] = [];
  for (const [key, value] of Object.entries(changes)) {
    const problem = checkLabelKey(key) ?? (value === null ? undefined : checkLabelValue(value));
    if (problem !== undefined) problems.push({ target, message: problem });
  }
  if (problems.length > 0) fail(problems);
  const merge = (labels: Labels): Record<string, string> => {
    const next: Record<string, string> = { ...labels };
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) delete next[key];
      else next[key] = value;
    }
    return next;
  };
  const ns = target.namespace ?? 'default';
  if (target.kind === 'Namespace') {
    return {
      ...base,
      namespaces: base.namespaces.map((n) => {
        if (n.name !== target.name) return n;
        const merged = merge(n.labels);
        delete merged[NAMESPACE_NAME_LABEL];
        return { ...n, labels: namespaceLabels(n.name, merged) };
      }),
    };
  }
  return {
    ...base,
    pods: base.pods.map((p) => (p.namespace === ns && p.name === target.name ? { ...p, labels: sortLabels(merge(p.labels)) } : p)),
  };
}
