/**
 * Workloads in a cluster: which controller each pod belongs to, and the pods of controllers
 * whose pods the inputs do not hold.
 *
 * - A pod's workload is its top-level controller through `ownerReferences` (Pod ->
 *   ReplicaSet -> Deployment, Pod -> Job -> CronJob), also when the owner object is not in the
 *   inputs: a ReplicaSet `<d>-<h>` owning a pod labelled `pod-template-hash: <h>` stands for
 *   Deployment `<d>`, as netpol-analyzer reads it. A pod without a controller is its own
 *   workload (`[Pod]`).
 * - A controller is `observed` when the inputs hold a pod it owns, or an object it owns (a
 *   Deployment's ReplicaSets, a CronJob's Jobs — those expand instead): nothing is created
 *   twice. Otherwise it is `expanded` into the pods its kind module names, or `none`.
 * - Re-applying a controller replaces the pods vrsim generated for it before.
 * Guarantees: deterministic from (inputs, seed); never throws; generated pods come out in
 * input order of their controllers.
 */
import type { Cluster, Diagnostic, Labels, Node, Workload, WorkloadKind, WorkloadRef } from '../types.js';
import type { PodDraft } from '../parsed-objects.js';
import type { WorkloadDraft } from './types.js';
import { WORKLOAD_MODULES } from './read-workload.js';
import { isWorkloadKind } from './kinds.js';
import type { OwnerRef } from './owner-references.js';

export interface WorkloadInputs {
  readonly base: Cluster;
  readonly drafts: readonly WorkloadDraft[];
  /** Every pod of the new inputs (finished ones too: they show the controller ran). */
  readonly pods: readonly PodDraft[];
  readonly nodes: readonly Node[];
  readonly seed: number;
}

export interface WorkloadResolution {
  /** Pods created from templates, in controller input order. */
  readonly generated: readonly PodDraft[];
  /** The workload of every pod draft of the inputs. */
  readonly workloadOf: ReadonlyMap<PodDraft, WorkloadRef>;
  /** Keys `ns/name` of base pods that a re-applied controller replaces. */
  readonly replaced: ReadonlySet<string>;
  /** All controllers (base ones not re-applied, then new ones). */
  readonly workloads: readonly Workload[];
}

const keyOf = (kind: string, namespace: string, name: string): string => `${namespace}/${kind}/${name}`;

export function resolveWorkloads(inputs: WorkloadInputs, diagnostics: Diagnostic[]): WorkloadResolution {
  const drafts = new Map(inputs.drafts.map((d) => [keyOf(d.kind, d.namespace, d.name), d] as const));
  const baseWorkloads = new Map((inputs.base.workloads ?? []).map((w) => [keyOf(w.kind, w.namespace, w.name), w] as const));

  /** The top-level workload of controller (kind, ns, name), following owners among drafts and base. */
  const topOf = (kind: WorkloadKind, namespace: string, name: string, depth = 0): WorkloadRef => {
    const key = keyOf(kind, namespace, name);
    const draft = drafts.get(key);
    if (draft !== undefined) {
      const owner = draft.owner;
      if (owner !== undefined && isWorkloadKind(owner.kind) && depth < 4) return topOf(owner.kind, namespace, owner.name, depth + 1);
      return { kind, namespace, name };
    }
    return baseWorkloads.get(key)?.workload ?? { kind, namespace, name };
  };

  const observed = new Set<string>();
  const markObserved = (kind: WorkloadKind, namespace: string, name: string): void => {
    for (let k: WorkloadKind | undefined = kind, n = name, i = 0; k !== undefined && i < 4; i++) {
      observed.add(keyOf(k, namespace, n));
      const owner: OwnerRef | undefined = drafts.get(keyOf(k, namespace, n))?.owner;
      if (owner === undefined || !isWorkloadKind(owner.kind)) break;
      k = owner.kind;
      n = owner.name;
    }
  };
  for (const d of inputs.drafts) if (d.owner !== undefined && isWorkloadKind(d.owner.kind)) markObserved(d.owner.kind, d.namespace, d.owner.name);

  const workloadOf = new Map<PodDraft, WorkloadRef>();
  for (const pod of inputs.pods) {
    const owner = pod.owner;
    if (owner === undefined || !isWorkloadKind(owner.kind)) continue;
    markObserved(owner.kind, pod.namespace, owner.name);
    workloadOf.set(pod, ownerWorkload(owner.kind, pod.namespace, owner.name, pod.labels, drafts, baseWorkloads, topOf));
  }

  const generated: PodDraft[] = [];
  const replaced = new Set<string>();
  const fresh: Workload[] = [];
  const taken = new Set([...inputs.base.pods.map((p) => `${p.namespace}/${p.name}`), ...inputs.pods.map((p) => `${p.namespace}/${p.name}`)]);
  const clashes: string[] = [];
  for (const d of inputs.drafts) {
    const key = keyOf(d.kind, d.namespace, d.name);
    const old = baseWorkloads.get(key);
    for (const name of old?.generatedPods ?? []) {
      replaced.add(`${d.namespace}/${name}`);
      taken.delete(`${d.namespace}/${name}`);
    }
    baseWorkloads.delete(key);
    const workload = topOf(d.kind, d.namespace, d.name);
    const module = WORKLOAD_MODULES[d.kind];
    const ctx = { seed: inputs.seed, nodes: inputs.nodes };
    const pods = observed.has(key) ? [] : module.pods(d, ctx);
    const names: string[] = [];
    for (const p of pods) {
      const podKey = `${d.namespace}/${p.name}`;
      if (taken.has(podKey)) {
        clashes.push(podKey);
        continue;
      }
      taken.add(podKey);
      names.push(p.name);
      generated.push(generatedDraft(d, p.name, p.labels, p.nodeName ?? d.template.nodeName, workload));
    }
    const note = observed.has(key) ? undefined : module.note?.(d, ctx);
    if (note !== undefined) diagnostics.push({ severity: 'warning', file: d.source.file, line: d.source.line, path: '', message: note });
    fresh.push({
      kind: d.kind, namespace: d.namespace, name: d.name, workload,
      desiredPods: observed.has(key) ? module.pods(d, ctx).length : pods.length,
      pods: observed.has(key) ? 'observed' : names.length > 0 ? 'expanded' : 'none',
      generatedPods: names,
      source: d.source,
    });
  }
  if (clashes.length > 0) {
    const first = inputs.drafts[0]!.source;
    diagnostics.push({ severity: 'warning', file: first.file, line: first.line, path: '',
      message: `not created from their controllers because a pod of the same name is in the inputs: ${clashes.join(', ')}` });
  }
  return { generated, workloadOf, replaced, workloads: [...baseWorkloads.values(), ...fresh] };
}

function ownerWorkload(
  kind: WorkloadKind, namespace: string, name: string, labels: Labels,
  drafts: ReadonlyMap<string, WorkloadDraft>, base: ReadonlyMap<string, Workload>,
  topOf: (kind: WorkloadKind, namespace: string, name: string) => WorkloadRef,
): WorkloadRef {
  const known = drafts.has(keyOf(kind, namespace, name)) || base.has(keyOf(kind, namespace, name));
  if (known) return topOf(kind, namespace, name);
  const hash = labels['pod-template-hash'];
  if (kind === 'ReplicaSet' && hash !== undefined && name.endsWith(`-${hash}`) && name.length > hash.length + 1) {
    return { kind: 'Deployment', namespace, name: name.slice(0, -(hash.length + 1)) };
  }
  return { kind, namespace, name };
}

function generatedDraft(w: WorkloadDraft, name: string, labels: Labels, nodeName: string | undefined, workload: WorkloadRef): PodDraft {
  return {
    namespace: w.namespace,
    name,
    labels,
    ...(nodeName === undefined ? {} : { nodeName }),
    declaredIps: [],
    ipSource: w.template.source,
    ipPath: '',
    ports: w.template.ports,
    hostNetwork: w.template.hostNetwork,
    source: w.template.source,
    workload,
    generated: true,
    ...(Object.keys(w.template.nodeSelector).length === 0 ? {} : { nodeSelector: w.template.nodeSelector }),
  };
}
