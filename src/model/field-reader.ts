/**
 * Field reader: typed, located access to the fields of a parsed YAML mapping.
 *
 * Every read either returns a value of the expected JavaScript type or records an error
 * diagnostic (file, 1-based line of the offending field, field path, what was expected) and
 * returns `undefined`, so validators stay short and never throw. A YAML `null` (an empty
 * value such as `egress:`) reads as "absent", as it does for the Kubernetes API server.
 * Nothing here knows about Kubernetes kinds.
 */
import { isMap, isScalar, isSeq, type LineCounter, type YAMLMap } from 'yaml';
import type { Diagnostic } from './types.js';
import { suggestClosest } from './suggest.js';
import { quote } from './quote.js';
import { keyText } from './yaml-tree.js';

/** Where diagnostics of one input file go. */
export interface ReadContext {
  readonly file: string;
  readonly lines: LineCounter;
  readonly diagnostics: Diagnostic[];
}

/** A YAML mapping together with its field path and the line that introduces it. */
export interface MapView {
  readonly ctx: ReadContext;
  readonly node: YAMLMap;
  /** Field path of this mapping ('' for a document root). */
  readonly path: string;
  readonly line: number;
}

/** One element of a YAML sequence with its path (`spec.ingress[0]`) and line. */
export interface SeqItem {
  readonly node: unknown;
  readonly path: string;
  readonly line: number;
}

/** A field of a mapping: its key line and raw value node (null when the value is YAML null). */
export interface FieldEntry {
  readonly key: string;
  readonly line: number;
  readonly value: unknown;
  readonly path: string;
}

export function childPath(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

export function report(ctx: ReadContext, severity: Diagnostic['severity'], line: number, path: string, message: string): void {
  ctx.diagnostics.push({ severity, file: ctx.file, line, path, message });
}

export function lineAt(ctx: ReadContext, offset: number | undefined): number {
  return offset === undefined ? 1 : ctx.lines.linePos(offset).line;
}

function nodeOffset(node: unknown): number | undefined {
  if (node !== null && typeof node === 'object' && 'range' in node) {
    const range = (node as { range?: readonly number[] | null }).range;
    if (range) return range[0];
  }
  return undefined;
}

export function lineOfNode(ctx: ReadContext, node: unknown, fallback: number): number {
  const offset = nodeOffset(node);
  return offset === undefined ? fallback : lineAt(ctx, offset);
}

/** Wraps a root document mapping. */
export function rootView(ctx: ReadContext, node: YAMLMap, path = ''): MapView {
  return { ctx, node, path, line: lineOfNode(ctx, node, 1) };
}

/** Describes a raw node's type for "expected X, got Y" messages. */
export function describeNode(node: unknown): string {
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'string') return `the string ${quote(v)}`;
    if (typeof v === 'number' || typeof v === 'bigint') return `the number ${String(v)}`;
    if (typeof v === 'boolean') return `the boolean ${String(v)}`;
  }
  return 'an unsupported value';
}

function isNullNode(node: unknown): boolean {
  return node === null || node === undefined || (isScalar(node) && (node.value === null || node.value === undefined));
}

/**
 * All fields of a mapping in document order. Keys that are not plain scalars (`? [a, b]`) are
 * left out here and reported once by `warnUnknownFields` / `readStringMap`.
 */
export function entries(view: MapView): FieldEntry[] {
  const out: FieldEntry[] = [];
  for (const pair of view.node.items) {
    const keyNode = pair.key;
    const key = keyText(keyNode);
    if (key === undefined) continue;
    out.push({ key, line: lineOfNode(view.ctx, keyNode, view.line), value: pair.value, path: childPath(view.path, key) });
  }
  return out;
}

function reportComplexKeys(view: MapView): void {
  for (const pair of view.node.items) {
    const keyNode = pair.key;
    if (keyText(keyNode) !== undefined) continue;
    report(view.ctx, 'error', lineOfNode(view.ctx, keyNode, view.line), view.path, 'expected a field name (a plain string key)');
  }
}

/** The field `key`, or undefined when it is absent or YAML null. */
export function field(view: MapView, key: string): FieldEntry | undefined {
  const found = entries(view).find((e) => e.key === key);
  return found === undefined || isNullNode(found.value) ? undefined : found;
}

/** Line of the key `key` (even with a null value), or the mapping's own line when absent. */
export function keyLine(view: MapView, key: string): number {
  const pair = view.node.items.find((p) => keyText(p.key) === key);
  return pair === undefined ? view.line : lineOfNode(view.ctx, pair.key, view.line);
}

/** True when the key is written, even with an empty (null) value. */
export function hasKey(view: MapView, key: string): boolean {
  return view.node.items.some((p) => keyText(p.key) === key);
}

function typeError(ctx: ReadContext, line: number, path: string, expected: string, node: unknown): undefined {
  report(ctx, 'error', line, path, `expected ${expected}, got ${describeNode(node)}`);
  return undefined;
}

export function missing(view: MapView, key: string, expected: string): void {
  report(view.ctx, 'error', view.line, childPath(view.path, key), `required field is missing; expected ${expected}`);
}

export function readString(view: MapView, key: string): string | undefined {
  const f = field(view, key);
  if (f === undefined) return undefined;
  return scalarString(view.ctx, f.value, f.line, f.path);
}

export function scalarString(ctx: ReadContext, node: unknown, line: number, path: string): string | undefined {
  if (isScalar(node) && typeof node.value === 'string') return node.value;
  return typeError(ctx, line, path, 'a string', node);
}

export function readInteger(view: MapView, key: string): number | undefined {
  const f = field(view, key);
  if (f === undefined) return undefined;
  if (isScalar(f.value) && typeof f.value.value === 'number' && Number.isInteger(f.value.value)) return f.value.value;
  return typeError(view.ctx, f.line, f.path, 'an integer', f.value);
}

export function readBoolean(view: MapView, key: string): boolean | undefined {
  const f = field(view, key);
  if (f === undefined) return undefined;
  if (isScalar(f.value) && typeof f.value.value === 'boolean') return f.value.value;
  return typeError(view.ctx, f.line, f.path, 'true or false', f.value);
}

/** An integer or a string (Kubernetes IntOrString, e.g. a NetworkPolicy port). */
export function readIntOrString(view: MapView, key: string): { value: number | string; line: number; path: string } | undefined {
  const f = field(view, key);
  if (f === undefined) return undefined;
  if (isScalar(f.value) && (typeof f.value.value === 'string' || typeof f.value.value === 'number')) {
    const v = f.value.value;
    if (typeof v === 'number' && !Number.isInteger(v)) return typeError(view.ctx, f.line, f.path, 'an integer or a port name', f.value);
    return { value: v, line: f.line, path: f.path };
  }
  return typeError(view.ctx, f.line, f.path, 'an integer or a port name', f.value);
}

export function asMapView(ctx: ReadContext, node: unknown, line: number, path: string): MapView | undefined {
  if (isMap(node)) return { ctx, node, path, line };
  return typeError(ctx, line, path, 'a mapping', node);
}

export function readMap(view: MapView, key: string): MapView | undefined {
  const f = field(view, key);
  if (f === undefined) return undefined;
  return asMapView(view.ctx, f.value, f.line, f.path);
}

export function readSeq(view: MapView, key: string): SeqItem[] | undefined {
  const f = field(view, key);
  if (f === undefined) return undefined;
  if (!isSeq(f.value)) return typeError(view.ctx, f.line, f.path, 'a list', f.value);
  return f.value.items.map((node, i) => ({ node, path: `${f.path}[${i}]`, line: lineOfNode(view.ctx, node, f.line) }));
}

/** A list of mappings; items that are not mappings are reported and left out. */
export function readMapList(view: MapView, key: string): { item: MapView; index: number }[] | undefined {
  const items = readSeq(view, key);
  if (items === undefined) return undefined;
  const out: { item: MapView; index: number }[] = [];
  items.forEach((it, index) => {
    const m = asMapView(view.ctx, it.node, it.line, it.path);
    if (m !== undefined) out.push({ item: m, index });
  });
  return out;
}

/** A list of strings, with each element's line and path. */
export function readStringList(view: MapView, key: string): { value: string; line: number; path: string }[] | undefined {
  const items = readSeq(view, key);
  if (items === undefined) return undefined;
  const out: { value: string; line: number; path: string }[] = [];
  for (const it of items) {
    const s = scalarString(view.ctx, it.node, it.line, it.path);
    if (s !== undefined) out.push({ value: s, line: it.line, path: it.path });
  }
  return out;
}

/** A string-to-string mapping such as `metadata.labels`, each entry with its line. */
export function readStringMap(view: MapView, key: string): { key: string; value: string; line: number; path: string }[] | undefined {
  const m = readMap(view, key);
  if (m === undefined) return undefined;
  const out: { key: string; value: string; line: number; path: string }[] = [];
  reportComplexKeys(m);
  for (const e of entries(m)) {
    // An empty label value (`tier:`) is the empty string, as in Kubernetes.
    if (isNullNode(e.value)) {
      out.push({ key: e.key, value: '', line: e.line, path: e.path });
      continue;
    }
    if (isScalar(e.value) && typeof e.value.value === 'string') {
      out.push({ key: e.key, value: e.value.value, line: e.line, path: e.path });
    } else {
      report(view.ctx, 'error', e.line, e.path, `expected a string, got ${describeNode(e.value)} (quote it)`);
    }
  }
  return out;
}

/**
 * Warns about fields not in `known`, suggesting the closest known name:
 * `unknown field "spec.engress" (did you mean "spec.egress"?)`. The message carries the full
 * path, so the diagnostic's own path is left empty to avoid printing it twice.
 */
export function warnUnknownFields(view: MapView, known: readonly string[]): void {
  reportComplexKeys(view);
  for (const e of entries(view)) {
    if (known.includes(e.key)) continue;
    const guess = suggestClosest(e.key, known);
    const hint = guess === undefined ? '' : ` (did you mean "${childPath(view.path, guess)}"?)`;
    report(view.ctx, 'warning', e.line, '', `unknown field "${e.path}"${hint}`);
  }
}
