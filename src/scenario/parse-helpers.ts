/**
 * Scenario-specific field reads on top of the model's located field reader: strict field
 * sets (unknown fields are errors, with a "did you mean"), enumerations, durations,
 * endpoints, `ip:port` terms and step shorthands. Every failed read records one located
 * diagnostic (`file:line: steps[4].curl.expect: ...`) and returns undefined; nothing throws.
 */
import { isScalar } from 'yaml';
import {
  childPath,
  describeNode,
  entries,
  field,
  report,
  type FieldEntry,
  type MapView,
  type ReadContext,
} from '../model/field-reader.js';
import { suggestClosest } from '../model/suggest.js';
import { parseEndpointRef, type EndpointRef } from '../sim/cluster/types.js';
import { formatDurationMs, readDurationMs } from './duration.js';
import { MAX_VIRTUAL_TIME_MS } from '../sim/limits.js';
import { quote } from '../model/quote.js';
import { canonicalIp } from '../model/ip-text.js';

export function fail(ctx: ReadContext, line: number, path: string, message: string): undefined {
  report(ctx, 'error', line, path, message);
  return undefined;
}

function didYouMean(word: string, candidates: readonly string[]): string {
  const guess = suggestClosest(word, candidates);
  return guess === undefined ? '' : ` (did you mean "${guess}"?)`;
}

/** Errors for every field not in `known`. */
export function checkFields(view: MapView, known: readonly string[]): void {
  for (const e of entries(view)) {
    if (known.includes(e.key)) continue;
    fail(view.ctx, e.line, e.path, `unknown field; expected one of ${known.join(', ')}${didYouMean(e.key, known)}`);
  }
}

/** Requires `key`; records "required field is missing" otherwise. */
export function required(view: MapView, key: string, expected: string): FieldEntry | undefined {
  const f = field(view, key);
  if (f === undefined) return fail(view.ctx, view.line, childPath(view.path, key), `required field is missing; expected ${expected}`);
  return f;
}

/** The scalar value of a node (string, number, boolean), or undefined for mappings/lists/null. */
export function scalarValue(node: unknown): string | number | boolean | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : undefined;
}

export function enumValue<T extends string>(ctx: ReadContext, node: unknown, line: number, path: string, allowed: readonly T[]): T | undefined {
  const v = scalarValue(node);
  if (typeof v !== 'string') return fail(ctx, line, path, `expected one of ${allowed.join(', ')}, got ${describeNode(node)}`);
  if ((allowed as readonly string[]).includes(v)) return v as T;
  return fail(ctx, line, path, `"${v}" is not one of ${allowed.join(', ')}${didYouMean(v, allowed)}`);
}

export function readEnum<T extends string>(view: MapView, key: string, allowed: readonly T[]): T | undefined {
  const f = field(view, key);
  return f === undefined ? undefined : enumValue(view.ctx, f.value, f.line, f.path, allowed);
}

export function readText(view: MapView, key: string): string | undefined {
  const f = field(view, key);
  if (f === undefined) return undefined;
  const v = scalarValue(f.value);
  if (typeof v === 'string') return v;
  return fail(view.ctx, f.line, f.path, `expected a string, got ${describeNode(f.value)}`);
}

export function readInt(view: MapView, key: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const f = field(view, key);
  if (f === undefined) return undefined;
  const v = scalarValue(f.value);
  if (typeof v !== 'number' || !Number.isInteger(v)) return fail(view.ctx, f.line, f.path, `expected an integer, got ${describeNode(f.value)}`);
  if (v < min || v > max) return fail(view.ctx, f.line, f.path, `${v} is out of range; expected ${min}..${max}`);
  return v;
}

export function readBool(view: MapView, key: string): boolean | undefined {
  const f = field(view, key);
  if (f === undefined) return undefined;
  const v = scalarValue(f.value);
  if (typeof v === 'boolean') return v;
  return fail(view.ctx, f.line, f.path, `expected true or false, got ${describeNode(f.value)}`);
}

/**
 * A duration: `500ms`, `5s`, `2m`, or a bare number of seconds; a whole number of
 * milliseconds up to the longest virtual time a run may simulate (24 h).
 */
export function durationValue(ctx: ReadContext, node: unknown, line: number, path: string): number | undefined {
  const v = scalarValue(node);
  const read = typeof v === 'string' || typeof v === 'number' ? readDurationMs(v) : undefined;
  if (read?.kind === 'ok') return read.ms;
  const shown = typeof v === 'string' ? quote(v) : describeNode(node);
  const longest = formatDurationMs(MAX_VIRTUAL_TIME_MS);
  if (read?.reason === 'too-long') return fail(ctx, line, path, `${shown} is longer than a run may simulate; expected a duration up to ${longest} (24 hours of virtual time, docs/limits.md)`);
  if (read?.reason === 'not-whole-ms') return fail(ctx, line, path, `${shown} is not a whole number of milliseconds (the scenario clock's unit); expected e.g. 1ms, 1500ms or 1.5s`);
  return fail(ctx, line, path, `${shown} is not a duration; expected a number with a unit such as 500ms, 5s or 2m`);
}

export function readDuration(view: MapView, key: string): number | undefined {
  const f = field(view, key);
  return f === undefined ? undefined : durationValue(view.ctx, f.value, f.line, f.path);
}

const ENDPOINT_HELP = 'ns/pod, node/<name> or an IP address';

export function readEndpoint(view: MapView, key: string, isRequired: boolean): EndpointRef | undefined {
  const f = isRequired ? required(view, key, ENDPOINT_HELP) : field(view, key);
  if (f === undefined) return undefined;
  const v = scalarValue(f.value);
  if (typeof v !== 'string') return fail(view.ctx, f.line, f.path, `expected ${ENDPOINT_HELP}, got ${describeNode(f.value)}`);
  const ref = parseEndpointRef(v);
  if (ref === undefined) return fail(view.ctx, f.line, f.path, `"${v}" is not an endpoint; expected ${ENDPOINT_HELP}`);
  if (ref.kind !== 'ip') return ref;
  // An address must be one: `999.1.1.1`, `10.1.1` or `dev:web` is refused here, before anything runs.
  const ip = canonicalIp(ref.ip);
  if (ip === undefined) return fail(view.ctx, f.line, f.path, `"${v}" is not a valid IP address; expected ${ENDPOINT_HELP}`);
  return { kind: 'ip', ip };
}

/** `10.47.255.232:80`, `10.47.255.232`, `10.47.255.232:*`, `*:80`. Port undefined = any. */
export function parseIpPort(text: string): { ip?: string; port?: number } | undefined {
  const t = text.trim();
  const colon = t.lastIndexOf(':');
  const ipText = colon < 0 ? t : t.slice(0, colon);
  const portText = colon < 0 ? '*' : t.slice(colon + 1);
  if (ipText !== '*' && !/^\d{1,3}(\.\d{1,3}){3}$/.test(ipText)) return undefined;
  if (portText !== '*' && !/^\d{1,5}$/.test(portText)) return undefined;
  const port = portText === '*' ? undefined : Number(portText);
  if (port !== undefined && port > 65535) return undefined;
  return { ...(ipText === '*' ? {} : { ip: ipText }), ...(port === undefined ? {} : { port }) };
}
