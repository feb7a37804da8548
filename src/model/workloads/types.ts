/**
 * Records of the workload layer: a controller object as read (`WorkloadDraft`), the per-kind
 * spec that decides how many pods it runs and how they are named, and the contract every
 * kind module implements (`WorkloadModule`). Nothing here reads YAML or resolves anything.
 */
import type { LabelSelector, Labels, Node, SourceRef, WorkloadKind } from '../types.js';
import type { MapView } from '../field-reader.js';
import type { OwnerRef } from './owner-references.js';
import type { PodTemplateDraft } from './pod-template.js';

export interface JobSpecDraft {
  readonly parallelism: number;
  /** `spec.completions`; undefined = any one success completes (work queue). */
  readonly completions?: number;
  readonly indexed: boolean;
  readonly suspended: boolean;
  readonly manualSelector: boolean;
}

/** What differs between kinds: how many pods, and what names them. */
export type KindSpec =
  | { readonly kind: 'Deployment' | 'ReplicaSet' | 'ReplicationController'; readonly replicas: number }
  | { readonly kind: 'StatefulSet'; readonly replicas: number; readonly ordinalsStart: number }
  | { readonly kind: 'DaemonSet' }
  | { readonly kind: 'Job'; readonly job: JobSpecDraft; readonly finished: boolean }
  | { readonly kind: 'CronJob'; readonly job: JobSpecDraft; readonly suspended: boolean };

export interface WorkloadDraft {
  readonly kind: WorkloadKind;
  readonly namespace: string;
  readonly name: string;
  readonly uid?: string;
  /** The managing owner (`ownerReferences` with `controller: true`). */
  readonly owner?: OwnerRef;
  /** `spec.selector` (for a ReplicationController: its map as matchLabels); undefined when generated or defaulted. */
  readonly selector?: LabelSelector;
  readonly template: PodTemplateDraft;
  readonly spec: KindSpec;
  readonly createdAtMs?: number;
  /** `metadata.generation` when written (DaemonSet pods carry it as pod-template-generation). */
  readonly generation?: number;
  readonly source: SourceRef;
}

/** One pod a controller would create. */
export interface GeneratedPod {
  readonly name: string;
  /** The template's labels plus the ones the controller adds. */
  readonly labels: Labels;
  /** Set by DaemonSets (one pod per node) and templates with `spec.nodeName`. */
  readonly nodeName?: string;
}

export interface ExpandContext {
  readonly seed: number;
  /** The cluster's nodes (DaemonSets run one pod per matching node), sorted by name. */
  readonly nodes: readonly Node[];
}

/** What a kind module provides: its spec fields and reader, and the pods it would create. */
export interface WorkloadModule {
  readonly kind: WorkloadKind;
  readonly apiVersion: string;
  /** Fields of `spec` that do not warn. */
  readonly specFields: readonly string[];
  /** Reads the kind's own spec fields; undefined when unusable (reported). */
  readSpec(spec: MapView, object: MapView): KindSpec | undefined;
  /** Where the pod template lives under `spec` (CronJob: `jobTemplate.spec.template`). */
  templateOf(spec: MapView): { readonly parent: MapView; readonly key: string } | undefined;
  /** The pods the controller would run now, with their names and labels. */
  pods(workload: WorkloadDraft, ctx: ExpandContext): readonly GeneratedPod[];
  /** A note for the user about this expansion (CronJob: which Job run is shown), if any. */
  note?(workload: WorkloadDraft, ctx: ExpandContext): string | undefined;
}
