/**
 * Loading Kubernetes manifests into a `Cluster` — the model layer's entry point.
 *
 * `loadCluster` is pure (texts in, data out; `read-files.ts` does the file I/O). It accepts
 * YAML multi-document streams and JSON, the kinds Namespace, Pod, Node, NetworkPolicy,
 * ClusterNetworkPolicy (and the deprecated v1alpha1 AdminNetworkPolicy and
 * BaselineAdminNetworkPolicy, read as ClusterNetworkPolicies) and `List`/`*List` wrappers as `kubectl get -o yaml` prints them; other kinds are skipped with
 * one warning per file. Guarantees:
 * - every problem is a located diagnostic (file, line of the offending field, field path);
 * - errors throw ONE `InputError` carrying all of them, and nothing is returned half-applied;
 * - warnings (unknown fields with a "did you mean", skipped kinds, implicit nodes) come back
 *   in `LoadResult.warnings`, ordered by input file then line;
 * - the same inputs always give the same cluster (see `resolve-cluster.ts` for the defaults:
 *   implicit namespaces, the book's nodes cent222/cent333, round-robin placement, pod IPs
 *   from 10.47.255.252 downward in 10.32.0.0/12; .254 and .253 are the gateway and DNS).
 */
import type { Cluster, Diagnostic } from './types.js';
import { InputError } from './diagnostics.js';
import { MAX_OBJECTS } from './limits.js';
import { countObjectsAtLeast } from './object-count.js';
import { splitManifest, type ManifestInput } from './documents.js';
import { readObject } from './read-objects.js';
import type { ParsedObject } from './parsed-objects.js';
import { EMPTY_CLUSTER, resolveCluster } from './resolve-cluster.js';

export type { ManifestInput } from './documents.js';

export interface LoadOptions {
  /** Treat warnings as errors (for CI checks of manifests). Default false. */
  readonly strict?: boolean;
  /** Seed of the names of pods created from workload controllers (the simulation's seed). Default 1. */
  readonly seed?: number;
}

export interface LoadResult {
  readonly cluster: Cluster;
  readonly warnings: readonly Diagnostic[];
}

/** Loads manifests into a fresh cluster. Throws `InputError` with every error found. */
export function loadCluster(inputs: readonly ManifestInput[], options: LoadOptions = {}): LoadResult {
  return loadOnto(EMPTY_CLUSTER, inputs, options);
}

/** Parses, reads, merges onto `base` and validates; shared by load and apply. */
export function loadOnto(base: Cluster, inputs: readonly ManifestInput[], options: LoadOptions = {}): LoadResult {
  const diagnostics: Diagnostic[] = [];
  const objects = parseManifests(inputs, diagnostics);
  const cluster = resolveCluster(base, objects, diagnostics, options.seed ?? 1);
  return finish(cluster, diagnostics, inputs.map((i) => i.file), options);
}

/** Reads every input into typed objects in load order, appending diagnostics. */
export function parseManifests(inputs: readonly ManifestInput[], diagnostics: Diagnostic[]): ParsedObject[] {
  const objects: ParsedObject[] = [];
  // Refuse a load past the bound before parsing anything (object-count.ts: a lower bound).
  let atLeast = 0;
  for (const input of inputs) {
    atLeast += countObjectsAtLeast(input.text);
    if (atLeast > MAX_OBJECTS) {
      diagnostics.push({ severity: 'error', file: input.file, line: 0, path: '', message: tooManyObjects() });
      return objects;
    }
  }
  let count = 0;
  for (const input of inputs) {
    const raws = splitManifest(input, diagnostics);
    count += raws.length;
    if (count > MAX_OBJECTS) {
      diagnostics.push({ severity: 'error', file: input.file, line: 0, path: '', message: tooManyObjects() });
      return objects;
    }
    for (const raw of raws) {
      const obj = readObject(raw);
      if (obj !== undefined) objects.push(obj);
    }
  }
  return objects;
}

function tooManyObjects(): string {
  return `more than ${MAX_OBJECTS} objects in all; vrsim loads at most ${MAX_OBJECTS} at once`;
}

/** Orders diagnostics (input file order, then line) and throws if any is an error. */
export function finish(cluster: Cluster, diagnostics: readonly Diagnostic[], fileOrder: readonly string[], options: LoadOptions): LoadResult {
  const rank = (file: string): number => {
    const i = fileOrder.indexOf(file);
    return i < 0 ? fileOrder.length : i;
  };
  const ordered = diagnostics
    .map((d, i) => ({ d, i }))
    .sort((a, b) => rank(a.d.file) - rank(b.d.file) || a.d.line - b.d.line || a.i - b.i)
    .map(({ d }) => (options.strict === true && d.severity === 'warning' ? { ...d, severity: 'error' as const } : d));
  const errors = ordered.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new InputError(errors, ordered);
  return { cluster, warnings: ordered };
}
