/**
 * Typed records read from manifests, before cluster-wide defaults are applied.
 *
 * A `PodDraft` may lack a node and IPs (hand-written lab files); `resolve-cluster.ts` fills
 * them in. Every record keeps its `SourceRef`. `objectKey` identifies an object the way
 * `kubectl apply` does: kind + namespace + name.
 */
import type { ContainerPort, Labels, Namespace, NetworkPolicy, SourceRef, WorkloadRef } from './types.js';
import { kindInfo, type SimulatedKind } from './kinds.js';
import type { ServiceDraft } from './read-service.js';
import type { ClusterNetworkPolicy } from './cluster-network-policy.js';
import type { PodStatusDraft } from './pod-lifecycle-read.js';
import type { OwnerRef } from './workloads/owner-references.js';
import type { WorkloadDraft } from './workloads/types.js';

export interface PodDraft {
  readonly namespace: string;
  readonly name: string;
  readonly labels: Labels;
  readonly nodeName?: string;
  /** Canonical IPs written in `status.podIP(s)`, IPv4 first; empty when not written. */
  readonly declaredIps: readonly string[];
  /** Where the IPs were declared (for duplicate-IP errors). */
  readonly ipSource: SourceRef;
  readonly ipPath: string;
  readonly ports: readonly ContainerPort[];
  readonly hostNetwork: boolean;
  readonly source: SourceRef;
  /** Lifecycle facts from `status` (phase, hostIP); absent when the pod has no `status`. */
  readonly status?: PodStatusDraft;
  /** The managing owner from `metadata.ownerReferences`. */
  readonly owner?: OwnerRef;
  /** Set on pods created from a controller's template (and after ownership is resolved). */
  readonly workload?: WorkloadRef;
  readonly generated?: boolean;
  /** A generated pod's template `nodeSelector` (placement only on matching nodes). */
  readonly nodeSelector?: Labels;
}

/** A Node as written: addresses by type (canonical, IPv4 first); the fabric address is chosen in `nodes.ts`. */
export interface NodeDraft {
  readonly name: string;
  readonly labels: Labels;
  readonly internalIPs: readonly string[];
  readonly externalIPs: readonly string[];
  readonly source: SourceRef;
}

export type ParsedObject =
  | { readonly kind: 'Namespace'; readonly value: Namespace }
  | { readonly kind: 'Node'; readonly value: NodeDraft }
  | { readonly kind: 'Pod'; readonly value: PodDraft }
  | { readonly kind: 'NetworkPolicy'; readonly value: NetworkPolicy }
  | { readonly kind: 'Service'; readonly value: ServiceDraft }
  /** Also a v1alpha1 AdminNetworkPolicy / BaselineAdminNetworkPolicy (`value.origin`). */
  | { readonly kind: 'ClusterNetworkPolicy'; readonly value: ClusterNetworkPolicy }
  /** A Deployment, ReplicaSet, StatefulSet, DaemonSet, Job, CronJob or ReplicationController (`value.kind`). */
  | { readonly kind: 'Workload'; readonly value: WorkloadDraft };

/** Identifies an object for apply/delete: `{kind, namespace?, name}` (namespace for Pod/NetworkPolicy, default `default`). */
export interface ObjectRef {
  readonly kind: SimulatedKind;
  readonly namespace?: string;
  readonly name: string;
}

export function isNamespacedKind(kind: SimulatedKind): boolean {
  return kindInfo(kind).namespaced;
}

export function objectKey(ref: ObjectRef): string {
  return isNamespacedKind(ref.kind) ? `${ref.kind}/${ref.namespace ?? 'default'}/${ref.name}` : `${ref.kind}/${ref.name}`;
}

export function refOf(obj: ParsedObject): ObjectRef {
  switch (obj.kind) {
    case 'Namespace':
    case 'Node':
      return { kind: obj.kind, name: obj.value.name };
    case 'Pod':
    case 'NetworkPolicy':
    case 'Service':
      return { kind: obj.kind, namespace: obj.value.namespace, name: obj.value.name };
    case 'ClusterNetworkPolicy':
      return { kind: obj.value.origin, name: obj.value.name };
    case 'Workload':
      return { kind: obj.value.kind, namespace: obj.value.namespace, name: obj.value.name };
  }
}

/** `Pod dev/client1-dev`, `Namespace dev` — how errors name an object. */
export function describeRef(ref: ObjectRef): string {
  return isNamespacedKind(ref.kind) ? `${ref.kind} ${ref.namespace ?? 'default'}/${ref.name}` : `${ref.kind} ${ref.name}`;
}
