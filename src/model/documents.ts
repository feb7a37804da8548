/**
 * Splits one manifest file into the Kubernetes objects vrsim simulates.
 *
 * Handles YAML multi-document streams and JSON (parsed by the same YAML parser, so every node
 * keeps its line), `kind: List` and `*List` kinds as `kubectl get -o yaml` prints them, and
 * reports malformed YAML at the parser's line. Objects of other kinds (Deployment, Ingress...)
 * are skipped with ONE warning per file. Guarantees: never throws; every problem becomes a
 * located diagnostic; objects come out in document order.
 */
import { isMap, LineCounter, parseAllDocuments } from 'yaml';
import type { Diagnostic } from './types.js';
import {
  asMapView,
  childPath,
  field,
  lineAt,
  missing,
  readSeq,
  readString,
  report,
  rootView,
  warnUnknownFields,
  type MapView,
  type ReadContext,
} from './field-reader.js';

/** One manifest file's text, named as the user gave it. */
export interface ManifestInput {
  readonly file: string;
  readonly text: string;
}

export type SimulatedKind = 'Namespace' | 'Node' | 'Pod' | 'NetworkPolicy' | 'Service' | 'ClusterNetworkPolicy' | 'AdminNetworkPolicy' | 'BaselineAdminNetworkPolicy';

/** The API version each simulated kind must be written with. */
export const API_VERSIONS: Readonly<Record<SimulatedKind, string>> = {
  Namespace: 'v1',
  Node: 'v1',
  Pod: 'v1',
  NetworkPolicy: 'networking.k8s.io/v1',
  Service: 'v1',
  ClusterNetworkPolicy: 'policy.networking.k8s.io/v1alpha2',
  AdminNetworkPolicy: 'policy.networking.k8s.io/v1alpha1',
  BaselineAdminNetworkPolicy: 'policy.networking.k8s.io/v1alpha1',
};

/** Other versions served with the same schema (network-policy-api's v1beta1 ClusterNetworkPolicy). */
const ALSO_SERVED: Partial<Readonly<Record<SimulatedKind, readonly string[]>>> = {
  ClusterNetworkPolicy: ['policy.networking.k8s.io/v1beta1'],
};

/** A located object of a simulated kind, not yet read into a typed record. */
export interface RawObject {
  readonly kind: SimulatedKind;
  readonly view: MapView;
}

/** Fields every object may have at the top level without a warning. */
export const TOP_LEVEL_FIELDS = ['apiVersion', 'kind', 'metadata', 'spec', 'status'] as const;
const LIST_FIELDS = ['apiVersion', 'kind', 'metadata', 'items'] as const;

function isSimulatedKind(kind: string): kind is SimulatedKind {
  return kind === 'Namespace' || kind === 'Node' || kind === 'Pod' || kind === 'NetworkPolicy' || kind === 'Service' ||
    kind === 'ClusterNetworkPolicy' || kind === 'AdminNetworkPolicy' || kind === 'BaselineAdminNetworkPolicy';
}

interface Skipped {
  count: number;
  kinds: Set<string>;
  line: number;
}

/** Parses one file; diagnostics are appended to `diagnostics`. */
export function splitManifest(input: ManifestInput, diagnostics: Diagnostic[]): RawObject[] {
  const lines = new LineCounter();
  const ctx: ReadContext = { file: input.file, lines, diagnostics };
  const documents = parseAllDocuments(input.text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const objects: RawObject[] = [];
  const skipped: Skipped = { count: 0, kinds: new Set(), line: 0 };

  for (const doc of documents) {
    if (doc.errors.length > 0) {
      for (const e of doc.errors) report(ctx, 'error', lineAt(ctx, e.pos[0]), '', `malformed YAML: ${e.message}`);
      continue;
    }
    const contents = doc.contents;
    if (contents === null || (!isMap(contents) && 'value' in contents && contents.value === null)) continue; // empty document
    const view = asMapView(ctx, contents, lineAt(ctx, contents.range?.[0]), '');
    if (view === undefined) continue;
    collectObject(rootView(ctx, view.node), objects, skipped, true);
  }

  if (skipped.count > 0) {
    const kinds = [...skipped.kinds].sort().join(', ');
    const what = skipped.count === 1 ? '1 object of a kind' : `${skipped.count} objects of kinds`;
    report(ctx, 'warning', skipped.line, '', `skipped ${what} not simulated: ${kinds}`);
  }
  return objects;
}

function collectObject(view: MapView, objects: RawObject[], skipped: Skipped, allowList: boolean): void {
  const kind = readString(view, 'kind');
  if (kind === undefined) {
    if (field(view, 'kind') === undefined) missing(view, 'kind', 'the object kind, e.g. Pod or NetworkPolicy');
    return;
  }
  if (allowList && kind.endsWith('List') && field(view, 'items') !== undefined) {
    warnUnknownFields(view, LIST_FIELDS);
    for (const item of readSeq(view, 'items') ?? []) {
      const itemView = asMapView(view.ctx, item.node, item.line, item.path);
      if (itemView !== undefined) collectObject(itemView, objects, skipped, false);
    }
    return;
  }
  if (!isSimulatedKind(kind)) {
    if (skipped.count === 0) skipped.line = view.line;
    skipped.count++;
    skipped.kinds.add(kind);
    return;
  }
  warnUnknownFields(view, TOP_LEVEL_FIELDS);
  const apiVersion = readString(view, 'apiVersion');
  const expected = API_VERSIONS[kind];
  if (apiVersion === undefined) {
    if (field(view, 'apiVersion') === undefined) missing(view, 'apiVersion', `"${expected}" for kind ${kind}`);
  } else if (apiVersion !== expected && !(ALSO_SERVED[kind] ?? []).includes(apiVersion)) {
    const line = field(view, 'apiVersion')?.line ?? view.line;
    report(view.ctx, 'error', line, childPath(view.path, 'apiVersion'), `"${apiVersion}" is not served for kind ${kind}: expected "${expected}"`);
  }
  objects.push({ kind, view });
}
