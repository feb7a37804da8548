/**
 * Reads and validates `metadata` (name, namespace, labels, creationTimestamp) and stand-alone
 * label maps.
 *
 * Guarantees: a returned name is valid for its kind; every invalid label is reported with
 * the line of its key; `metadata` fields kubectl prints (uid, managedFields, annotations...)
 * are accepted silently, unknown ones (`lables:`) are warnings with a did-you-mean.
 */
import { isScalar } from 'yaml';
import { quote } from './quote.js';
import type { Labels } from './types.js';
import { childPath, field, missing, readMap, readString, readStringMap, report, warnUnknownFields, type MapView } from './field-reader.js';
import { OBJECT_META_FIELDS } from './known-fields.js';
import { checkDns1123Label, checkDns1123Subdomain, checkLabelKey, checkLabelValue } from './k8s-names.js';

export interface ObjectMeta {
  readonly name: string;
  /** `metadata.namespace` when written (namespaced kinds default it to `default`). */
  readonly namespace?: string;
  readonly labels: Labels;
  /** Line of the object (its first field). */
  readonly line: number;
  /** `metadata.creationTimestamp`, ms since the epoch, when written. */
  readonly createdAtMs?: number;
}

export type NameRule = 'dns1123-label' | 'dns1123-subdomain';

/** Reads `metadata`; undefined when there is no usable name (already reported). */
export function readObjectMeta(object: MapView, nameRule: NameRule): ObjectMeta | undefined {
  const meta = readMap(object, 'metadata');
  if (meta === undefined) {
    if (field(object, 'metadata') === undefined) missing(object, 'metadata', 'a mapping with at least metadata.name');
    return undefined;
  }
  warnUnknownFields(meta, OBJECT_META_FIELDS);
  const name = readString(meta, 'name');
  const nameField = field(meta, 'name');
  if (nameField === undefined) missing(meta, 'name', 'the object name');
  const namespace = readString(meta, 'namespace');
  if (namespace !== undefined) {
    const problem = checkDns1123Label(namespace);
    if (problem !== undefined) report(meta.ctx, 'error', field(meta, 'namespace')?.line ?? meta.line, childPath(meta.path, 'namespace'), problem);
  }
  const labels = readLabels(meta, 'labels');
  if (name === undefined || nameField === undefined) return undefined;
  const problem = nameRule === 'dns1123-label' ? checkDns1123Label(name) : checkDns1123Subdomain(name);
  if (problem !== undefined) {
    report(meta.ctx, 'error', nameField.line, nameField.path, problem);
    return undefined;
  }
  const createdAtMs = readCreationTimestamp(meta);
  return {
    name, ...(namespace === undefined ? {} : { namespace }), labels, line: object.line,
    ...(createdAtMs === undefined ? {} : { createdAtMs }),
  };
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * `metadata.creationTimestamp` (RFC 3339, as `kubectl get -o yaml` prints it) in ms since the
 * epoch, or undefined when absent; a malformed value is an error.
 */
function readCreationTimestamp(meta: MapView): number | undefined {
  const f = field(meta, 'creationTimestamp');
  if (f === undefined || (isScalar(f.value) && f.value.value === null)) return undefined; // `creationTimestamp: null` (dry-run output)
  const text = readString(meta, 'creationTimestamp');
  if (text === undefined) return undefined;
  const m = RFC3339.exec(text);
  const ms = m === null ? Number.NaN : Date.parse(text);
  const valid = m !== null && Number.isFinite(ms) && Number(m[2]) >= 1 && Number(m[2]) <= 12 && Number(m[3]) <= 31 &&
    Number(m[4]) <= 23 && Number(m[5]) <= 59 && Number(m[6]) <= 60;
  if (!valid) {
    report(meta.ctx, 'error', f.line, f.path,
      `${quote(text)} is not an RFC 3339 time: expected e.g. 2019-11-17T10:21:04Z`);
    return undefined;
  }
  return ms;
}

/** Reads a label map (`metadata.labels`, `matchLabels`), validating keys and values. */
export function readLabels(view: MapView, key: string): Labels {
  const labels: Record<string, string> = {};
  for (const entry of readStringMap(view, key) ?? []) {
    const problem = checkLabelKey(entry.key) ?? checkLabelValue(entry.value);
    if (problem !== undefined) {
      report(view.ctx, 'error', entry.line, entry.path, problem);
      continue;
    }
    labels[entry.key] = entry.value;
  }
  return sortLabels(labels);
}

/** Labels with keys in sorted order, so printing them is deterministic. */
export function sortLabels(labels: Readonly<Record<string, string>>): Labels {
  const sorted: Record<string, string> = {};
  for (const k of Object.keys(labels).sort()) sorted[k] = labels[k] ?? '';
  return sorted;
}
