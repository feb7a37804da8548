/**
 * Field readers shared by the kind modules: replica-like counts (integers >= 0 with the API's
 * default) and the generated pod names of `generateName` controllers, unique within a batch.
 * Guarantees: located errors as the API server words them; never throws.
 */
import type { Labels } from '../types.js';
import { childPath, field, readInteger, report, type MapView } from '../field-reader.js';
import { generatedName, randomSuffix } from './names.js';

/** `spec.<key>`: an integer >= 0, `fallback` when absent (the API's default). */
export function readCount(spec: MapView, key: string, fallback: number): number | undefined {
  const value = readInteger(spec, key);
  if (value === undefined) return field(spec, key) === undefined ? fallback : undefined;
  if (value < 0) {
    report(spec.ctx, 'error', field(spec, key)?.line ?? spec.line, childPath(spec.path, key), `must be greater than or equal to 0, got ${value}`);
    return undefined;
  }
  return value;
}

/** `count` names `<base><5 chars>`, deterministic from (seed, namespace, base), never twice the same. */
export function generatedNames(seed: number, namespace: string, base: string, count: number): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  for (let i = 0, attempt = 0; names.length < count; attempt++) {
    const name = generatedName(base, randomSuffix(seed, `${namespace}/${base}#${attempt}`));
    if (seen.has(name)) continue;
    seen.add(name);
    names.push(name);
    i++;
  }
  return names;
}

/** Labels with `extra` added where the template does not already set them (the controllers never override). */
export function withLabels(template: Labels, extra: Readonly<Record<string, string>>): Labels {
  const merged: Record<string, string> = { ...template };
  for (const [k, v] of Object.entries(extra)) if (!(k in merged)) merged[k] = v;
  const sorted: Record<string, string> = {};
  for (const k of Object.keys(merged).sort()) sorted[k] = merged[k]!;
  return sorted;
}
