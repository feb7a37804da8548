/**
 * The model operations a scenario performs — apply, delete, relabel — and what kubectl
 * prints for each (`networkpolicy.networking.k8s.io/policy1 created`, `pod "x" deleted`,
 * `pod/x labeled`). The work is the model's (`applyManifests`, `deleteObjects`, `setLabels`),
 * so its located diagnostics and warnings pass through unchanged.
 *
 * Guarantees: pure (cluster in, cluster out); a failed operation returns diagnostics and
 * leaves nothing half-applied; output lines follow the order of objects in the manifest.
 */
import { loadCluster, parseManifests } from '../model/load.js';
import { applyManifests, deleteObjects, setLabels } from '../model/apply.js';
import { isInputError } from '../model/diagnostics.js';
import { refOf, type ObjectRef } from '../model/parsed-objects.js';
import type { Cluster, Diagnostic } from '../model/types.js';
import type { DeleteTarget, LabelTarget, ManifestText } from './types.js';
import { WORKLOAD_RESOURCES } from '../model/workloads/kinds.js';

export type ModelResult =
  | { readonly kind: 'ok'; readonly cluster: Cluster; readonly output: readonly string[]; readonly warnings: readonly Diagnostic[] }
  | { readonly kind: 'error'; readonly diagnostics: readonly Diagnostic[] };

const RESOURCE: Readonly<Record<ObjectRef['kind'], string>> = {
  Namespace: 'namespace',
  Node: 'node',
  Pod: 'pod',
  NetworkPolicy: 'networkpolicy.networking.k8s.io',
  Service: 'service',
  ClusterNetworkPolicy: 'clusternetworkpolicy.policy.networking.k8s.io',
  AdminNetworkPolicy: 'adminnetworkpolicy.policy.networking.k8s.io',
  BaselineAdminNetworkPolicy: 'baselineadminnetworkpolicy.policy.networking.k8s.io',
  ...WORKLOAD_RESOURCES,
};

type AnyObject = { readonly name: string; readonly namespace?: string };

function findObject(cluster: Cluster, ref: ObjectRef): AnyObject | undefined {
  const ns = ref.namespace ?? 'default';
  switch (ref.kind) {
    case 'Namespace':
      return cluster.namespaces.find((n) => n.name === ref.name);
    case 'Node':
      return cluster.nodes.find((n) => n.name === ref.name);
    case 'Pod':
      return cluster.pods.find((p) => p.namespace === ns && p.name === ref.name);
    case 'NetworkPolicy':
      return cluster.policies.find((p) => p.namespace === ns && p.name === ref.name);
    case 'Service':
      return (cluster.services ?? []).find((s) => s.namespace === ns && s.name === ref.name);
    case 'ClusterNetworkPolicy':
    case 'AdminNetworkPolicy':
    case 'BaselineAdminNetworkPolicy':
      return (cluster.clusterPolicies ?? []).find((p) => p.origin === ref.kind && p.name === ref.name);
    default:
      return (cluster.workloads ?? []).find((w) => w.kind === ref.kind && w.namespace === ns && w.name === ref.name);
  }
}

/** Compares two records ignoring where they were read from and load order. */
function sameContent(a: AnyObject | undefined, b: AnyObject | undefined): boolean {
  const strip = (_k: string, v: unknown): unknown => (_k === 'source' || _k === 'order' || _k === 'ipSource' ? undefined : v);
  return JSON.stringify(a, strip) === JSON.stringify(b, strip);
}

function inputs(manifests: readonly ManifestText[]): { file: string; text: string }[] {
  return manifests.map((m) => ({ file: m.file, text: m.text }));
}

function refsIn(manifest: ManifestText): ObjectRef[] {
  return parseManifests(inputs([manifest]), []).map(refOf);
}

function caught(error: unknown): ModelResult {
  if (isInputError(error)) return { kind: 'error', diagnostics: error.diagnostics };
  throw error;
}

/** What `kubectl apply -f` prints for a manifest applied to an empty cluster. */
export function createdLines(manifest: ManifestText): string[] {
  return refsIn(manifest).map((r) => `${RESOURCE[r.kind]}/${r.name} created`);
}

/**
 * The initial cluster: `kubectl apply -f` of every resource, in order. `seed`: the scenario's
 * seed (settings.seed or --seed), which names the pods workload controllers create.
 */
export function loadInitial(manifests: readonly ManifestText[], seed: number): ModelResult {
  try {
    const { cluster, warnings } = loadCluster(inputs(manifests), { seed });
    const output = manifests.flatMap(createdLines);
    return { kind: 'ok', cluster, output, warnings };
  } catch (error) {
    return caught(error);
  }
}

export function applyManifest(base: Cluster, manifest: ManifestText, seed: number): ModelResult {
  try {
    const { cluster, warnings } = applyManifests(base, inputs([manifest]), { seed });
    const output = refsIn(manifest).map((ref) => {
      const before = findObject(base, ref);
      const verb = before === undefined ? 'created' : sameContent(before, findObject(cluster, ref)) ? 'unchanged' : 'configured';
      return `${RESOURCE[ref.kind]}/${ref.name} ${verb}`;
    });
    return { kind: 'ok', cluster, output, warnings };
  } catch (error) {
    return caught(error);
  }
}

function located(error: unknown, where: { file: string; line: number; path: string }): ModelResult {
  if (isInputError(error)) return { kind: 'error', diagnostics: error.diagnostics.map((d) => ({ ...d, path: d.path === '' ? where.path : d.path })) };
  if (error instanceof Error) return { kind: 'error', diagnostics: [{ severity: 'error', ...where, message: error.message }] };
  throw error;
}

/**
 * `kubectl delete`: every named object must exist (kubectl's NotFound becomes an error
 * located at the scenario step, so a scenario never runs past a typo).
 */
export function deleteTarget(base: Cluster, target: DeleteTarget, where: { file: string; line: number; path: string }): ModelResult {
  let refs: ObjectRef[];
  if (target.kind === 'object') {
    refs = [{ kind: target.objectKind, name: target.name, ...(target.namespace === undefined ? {} : { namespace: target.namespace }) }];
  } else {
    const diagnostics: Diagnostic[] = [];
    refs = parseManifests(inputs([target.manifest]), diagnostics).map(refOf);
    const errors = diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) return { kind: 'error', diagnostics: errors };
  }
  try {
    const cluster = deleteObjects(base, refs.map((r) => ({ ...r, source: { file: where.file, line: where.line } })));
    return { kind: 'ok', cluster, output: refs.map((r) => `${RESOURCE[r.kind]} "${r.name}" deleted`), warnings: [] };
  } catch (error) {
    return located(error, where);
  }
}

/** `kubectl label pod x -n ns k=v k2-` / `kubectl label namespace ns k=v`. */
export function labelTarget(
  base: Cluster,
  target: LabelTarget,
  set: Readonly<Record<string, string>>,
  remove: readonly string[],
  where: { file: string; line: number; path: string },
): ModelResult {
  const changes: Record<string, string | null> = { ...set };
  for (const key of remove) changes[key] = null;
  const ref =
    target.kind === 'pod'
      ? { kind: 'Pod' as const, namespace: target.namespace, name: target.name }
      : { kind: 'Namespace' as const, name: target.name };
  try {
    const cluster = setLabels(base, { ...ref, source: { file: where.file, line: where.line } }, changes);
    return { kind: 'ok', cluster, output: [`${RESOURCE[ref.kind]}/${ref.name} labeled`], warnings: [] };
  } catch (error) {
    return located(error, where);
  }
}
