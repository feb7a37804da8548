/**
 * Splits one manifest file into the Kubernetes objects vrsim simulates.
 *
 * Reads YAML streams and JSON through `yaml-source.ts` (YAML 1.1 scalars as kubectl, strict
 * JSON for `.json`, aliases and merge keys expanded, every node keeping its line). Lists are
 * flattened as kubectl's resource builder does: `kind: List` whose items name their kind, and
 * typed lists as the API server returns them (`PodList`, `NetworkPolicyList`, ...) whose items
 * carry no `kind`/`apiVersion` (taken from the list: `PodList` holds `Pod`s); lists nested in
 * lists and empty lists are fine. Objects of kinds vrsim does not simulate (Deployment,
 * Service...) are skipped with ONE warning per file; a kind that looks like a typo of a
 * simulated one (`pod`, `Pods`, `NetworkPolicies`) is an error with a suggestion, since
 * skipping it would silently drop the object.
 *
 * Guarantees: never throws; every problem is a located diagnostic; objects come out in
 * document order; a file without any object is an error, like kubectl's "no objects passed
 * to apply".
 */
import type { Diagnostic } from './types.js';
import {
  asMapView,
  childPath,
  field,
  missing,
  readSeq,
  readString,
  report,
  rootView,
  warnUnknownFields,
  type MapView,
  type ReadContext,
} from './field-reader.js';
import { isSimulatedKind, kindInfo, listItemKind, suggestKind, type SimulatedKind } from './kinds.js';
import { quote } from './quote.js';
import { parseYamlSource } from './yaml-source.js';

export type { SimulatedKind } from './kinds.js';

/** One manifest file's text, named as the user gave it. */
export interface ManifestInput {
  readonly file: string;
  readonly text: string;
}

/** A located object of a simulated kind, not yet read into a typed record. */
export interface RawObject {
  readonly kind: SimulatedKind;
  readonly view: MapView;
}

/** Fields every object may have at the top level without a warning. */
export const TOP_LEVEL_FIELDS = ['apiVersion', 'kind', 'metadata', 'spec', 'status'] as const;
const LIST_FIELDS = ['apiVersion', 'kind', 'metadata', 'items'] as const;

interface Skipped {
  count: number;
  kinds: Set<string>;
  line: number;
}

/** What an item of a typed list inherits: its kind and apiVersion when it writes none. */
interface Inherited {
  readonly kind: string;
  readonly apiVersion?: string;
}

interface Collector {
  readonly objects: RawObject[];
  readonly skipped: Skipped;
  /** Objects seen, simulated or not (for the "no objects" check). */
  seen: number;
}

/** Parses one file; diagnostics are appended to `diagnostics`. */
export function splitManifest(input: ManifestInput, diagnostics: Diagnostic[]): RawObject[] {
  const before = diagnostics.length;
  const source = parseYamlSource(input.file, input.text, diagnostics);
  const ctx: ReadContext = { file: input.file, lines: source.lines, diagnostics };
  const collector: Collector = { objects: [], skipped: { count: 0, kinds: new Set(), line: 0 }, seen: 0 };

  for (const doc of source.documents) {
    if (doc.contents === null) continue; // an empty document between `---`
    const view = asMapView(ctx, doc.contents, doc.line, '');
    if (view === undefined) continue;
    collectObject(rootView(ctx, view.node), collector, undefined);
  }

  const { skipped } = collector;
  if (skipped.count > 0) {
    const kinds = [...skipped.kinds].sort().map((k) => (k.length > 60 ? quote(k, 60) : k)).join(', ');
    const what = skipped.count === 1 ? '1 object of a kind' : `${skipped.count} objects of kinds`;
    report(ctx, 'warning', skipped.line, '', `skipped ${what} not simulated: ${kinds}`);
  }
  const failed = diagnostics.slice(before).some((d) => d.severity === 'error');
  if (collector.seen === 0 && !failed) {
    report(ctx, 'error', 0, '', `no objects in this file (kubectl says "error: no objects passed to apply"); expected Namespaces, Pods, Nodes or NetworkPolicies`);
  }
  return collector.objects;
}

function collectObject(view: MapView, out: Collector, inherited: Inherited | undefined): void {
  const written = readString(view, 'kind');
  if (written === undefined && field(view, 'kind') !== undefined) return; // not a string: reported
  const kind = written ?? inherited?.kind;
  if (kind === undefined) {
    missing(view, 'kind', 'the object kind, e.g. Pod or NetworkPolicy');
    return;
  }
  const list = listItemKind(kind);
  if (list.isList) {
    collectList(view, out, list.itemKind);
    return;
  }
  out.seen++;
  if (!isSimulatedKind(kind)) {
    const guess = suggestKind(kind);
    if (guess !== undefined) {
      const line = field(view, 'kind')?.line ?? view.line;
      report(view.ctx, 'error', line, childPath(view.path, 'kind'), `${quote(kind)} is not a kind vrsim knows (did you mean "${guess}"? kinds are case-sensitive and singular)`);
      return;
    }
    if (out.skipped.count === 0) out.skipped.line = view.line;
    out.skipped.count++;
    out.skipped.kinds.add(kind);
    return;
  }
  warnUnknownFields(view, TOP_LEVEL_FIELDS);
  checkApiVersion(view, kind, written === undefined ? inherited?.apiVersion : undefined);
  out.objects.push({ kind, view });
}

function collectList(view: MapView, out: Collector, itemKind: string | undefined): void {
  warnUnknownFields(view, LIST_FIELDS);
  const apiVersion = readString(view, 'apiVersion');
  const inherited = itemKind === undefined ? undefined : { kind: itemKind, ...(apiVersion === undefined ? {} : { apiVersion }) };
  for (const item of readSeq(view, 'items') ?? []) {
    const itemView = asMapView(view.ctx, item.node, item.line, item.path);
    if (itemView !== undefined) collectObject(itemView, out, inherited);
  }
}

/**
 * The object's apiVersion must be one its kind is served at. An item of a typed list that
 * writes none takes the list's (`apiVersion: v1` on a PodList).
 */
function checkApiVersion(view: MapView, kind: SimulatedKind, fromList: string | undefined): void {
  const served = kindInfo(kind).apiVersions;
  const expected = served.map((v) => `"${v}"`).join(' or ');
  const apiVersion = readString(view, 'apiVersion') ?? (field(view, 'apiVersion') === undefined ? fromList : undefined);
  if (apiVersion === undefined) {
    if (field(view, 'apiVersion') === undefined) missing(view, 'apiVersion', `${expected} for kind ${kind}`);
    return;
  }
  if (served.includes(apiVersion)) return;
  const line = field(view, 'apiVersion')?.line ?? view.line;
  const where = field(view, 'apiVersion') === undefined ? ' (from the list)' : '';
  report(view.ctx, 'error', line, childPath(view.path, 'apiVersion'), `${quote(apiVersion)}${where} is not served for kind ${kind}: expected ${expected}`);
}
