/**
 * `--namespace`, `--from` and `--to` as the simulating commands take them. A filter is one of:
 * - `node/<name>`: a node's host;
 * - `<ns>/<name>[<Kind>]`: a workload (`dev/web[Deployment]`, `dev/db-0[Pod]` for a bare pod);
 * - a label selector as `kubectl -l` writes it (`app=web,tier in (a,b)`, `!canary`);
 * - `<ns>/<pod>`: one pod;
 * - a bare name: a namespace when one has that name, else a pod of that name in any namespace.
 *
 * Guarantees: a filter naming something the cluster does not have is a `UserError` that lists
 * the candidates (closest first), never an empty table; a bare name that is two pods' name asks
 * which one. Matching is by the model's labels and names only.
 */
import type { Cluster, Pod } from '../model/types.js';
import { looksLikeSelector, parseSelectorText } from '../model/selector-text.js';
import { suggestClosest } from '../model/suggest.js';
import { selectorMatches } from '../policy/selector.js';
import type { LabelSelector } from '../model/types.js';
import { endpointRefText, parseEndpointRef, type EndpointRef } from '../sim/cluster/types.js';
import { UserError } from './io.js';
import { endpointArg } from './traffic-spec.js';
import { workloadOfPod } from './workload-of.js';

export type EndpointFilter =
  | { readonly kind: 'host'; readonly node: string; readonly text: string }
  | { readonly kind: 'pod'; readonly namespace: string; readonly name: string; readonly text: string }
  | { readonly kind: 'namespace'; readonly name: string; readonly text: string }
  | { readonly kind: 'selector'; readonly selector: LabelSelector; readonly text: string }
  | { readonly kind: 'workload'; readonly label: string; readonly text: string };

const MAX_LISTED = 12;

/** The closest name by edit distance, else the only name that starts with the word. */
function closestName(word: string, names: readonly string[]): string | undefined {
  const closest = suggestClosest(word, names);
  if (closest !== undefined) return closest;
  const prefixed = names.filter((n) => n.startsWith(word));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

/** `a, b, c` (the closest first when there is one), cut after a dozen. */
function candidates(word: string, names: readonly string[]): string {
  const closest = closestName(word, names);
  const ordered = closest === undefined ? [...names] : [closest, ...names.filter((n) => n !== closest)];
  const shown = ordered.slice(0, MAX_LISTED).join(', ');
  return ordered.length > MAX_LISTED ? `${shown}, ... (${ordered.length} in all)` : shown === '' ? 'none' : shown;
}

function didYouMean(word: string, names: readonly string[]): string {
  const closest = closestName(word, names);
  return closest === undefined ? '' : ` (did you mean ${closest}?)`;
}

function podLabel(pod: Pod): string {
  return `${pod.namespace}/${pod.name}`;
}

export function parseEndpointFilter(flag: string, raw: string, cluster: Cluster): EndpointFilter {
  const text = raw.trim();
  if (text === '') throw new UserError(`${flag}: empty filter: give a pod, <namespace>/<pod>, a namespace, a label selector (app=web) or a workload (<ns>/<name>[Deployment])`);
  if (text.startsWith('node/')) {
    const node = text.slice(5);
    const nodes = cluster.nodes.map((n) => n.name);
    if (!nodes.includes(node)) throw new UserError(`${flag}: no node named "${node}"${didYouMean(node, nodes)} (nodes: ${candidates(node, nodes)})`);
    return { kind: 'host', node, text };
  }
  const workload = /^([^/\s]+)\/([^/\s[\]]+)\[([A-Za-z]+)\]$/.exec(text);
  if (workload !== null) {
    const known = [...new Set(cluster.pods.map((p) => workloadOfPod(p)))].sort();
    if (!known.includes(text)) throw new UserError(`${flag}: no workload ${text}${didYouMean(text, known)} (workloads: ${candidates(text, known)})`);
    return { kind: 'workload', label: text, text };
  }
  if (looksLikeSelector(text)) {
    const parsed = parseSelectorText(text);
    if (!parsed.ok) throw new UserError(`${flag}: "${text}" is not a label selector: ${parsed.message}`);
    return { kind: 'selector', selector: parsed.selector, text };
  }
  const namespaces = cluster.namespaces.map((n) => n.name);
  const slash = text.indexOf('/');
  if (slash >= 0) {
    const namespace = text.slice(0, slash);
    const name = text.slice(slash + 1);
    if (!namespaces.includes(namespace)) throw new UserError(`${flag}: no namespace "${namespace}"${didYouMean(namespace, namespaces)} (namespaces: ${candidates(namespace, namespaces)})`);
    const inNamespace = cluster.pods.filter((p) => p.namespace === namespace).map((p) => p.name);
    if (!inNamespace.includes(name)) {
      // `shop/frontend` for the pods of Deployment frontend: say how to name the workload.
      const workload = [...new Set(cluster.pods.filter((p) => p.namespace === namespace).map((p) => workloadOfPod(p)))].find((w) => w.startsWith(`${text}[`));
      const mean = workload !== undefined ? ` (did you mean the workload ${workload}?)` : didYouMean(name, inNamespace).replace('mean ', `mean ${namespace}/`);
      throw new UserError(`${flag}: no pod named ${text}${mean} (pods in ${namespace}: ${candidates(name, inNamespace)})`);
    }
    return { kind: 'pod', namespace, name, text };
  }
  if (namespaces.includes(text)) return { kind: 'namespace', name: text, text };
  const sameName = cluster.pods.filter((p) => p.name === text);
  if (sameName.length === 1) return { kind: 'pod', namespace: sameName[0]!.namespace, name: text, text };
  if (sameName.length > 1) throw new UserError(`${flag}: "${text}" names ${sameName.length} pods: ${sameName.map(podLabel).join(', ')}; say which one as <namespace>/<pod>`);
  const names = [...namespaces, ...cluster.pods.map((p) => p.name)];
  throw new UserError(
    `${flag}: "${text}" is neither a namespace nor a pod${didYouMean(text, names)}; namespaces: ${candidates(text, namespaces)}; ` +
      'or give <namespace>/<pod>, a label selector (app=web) or a workload (<ns>/<name>[Deployment])',
  );
}

/** Whether an endpoint passes a filter (`pod` is the endpoint's pod when it is one). */
export function filterMatches(filter: EndpointFilter, ref: EndpointRef, pod: Pod | undefined): boolean {
  switch (filter.kind) {
    case 'host':
      return ref.kind === 'host' && ref.node === filter.node;
    case 'pod':
      return pod !== undefined && pod.namespace === filter.namespace && pod.name === filter.name;
    case 'namespace':
      return pod !== undefined && pod.namespace === filter.name;
    case 'selector':
      return pod !== undefined && selectorMatches(filter.selector, pod.labels);
    case 'workload':
      return pod !== undefined && workloadOfPod(pod) === filter.label;
  }
}

/** Parse `--namespace a,b`: every name must exist. */
export function parseNamespaces(raw: string, cluster: Cluster): string[] {
  const namespaces = cluster.namespaces.map((n) => n.name);
  return raw.split(',').map((part) => {
    const name = part.trim();
    if (!namespaces.includes(name)) throw new UserError(`--namespace: no namespace "${name}"${didYouMean(name, namespaces)} (namespaces: ${candidates(name, namespaces)})`);
    return name;
  });
}

export interface EndpointSelection {
  /** Namespaces pods must be in (all when empty). */
  readonly namespaces: readonly string[];
  /** Any of these (all when empty). */
  readonly filters: readonly EndpointFilter[];
}

/** The endpoints that pass a selection, in the given order. */
export function selectEndpoints(all: readonly EndpointRef[], podOf: (ref: EndpointRef) => Pod | undefined, selection: EndpointSelection): EndpointRef[] {
  return all.filter((ref) => {
    const pod = podOf(ref);
    if (selection.namespaces.length > 0 && ref.kind !== 'host' && (pod === undefined || !selection.namespaces.includes(pod.namespace))) return false;
    return selection.filters.length === 0 || selection.filters.some((f) => filterMatches(f, ref, pod));
  });
}

/** A filter that must pick exactly one endpoint (trace's `--from`/`--to`). */
export function resolveOneEndpoint(flag: string, text: string, cluster: Cluster, all: readonly EndpointRef[], podOf: (ref: EndpointRef) => Pod | undefined): EndpointRef {
  const filter = parseEndpointFilter(flag, text, cluster);
  if (filter.kind === 'pod') return { kind: 'pod', namespace: filter.namespace, name: filter.name };
  if (filter.kind === 'host') return { kind: 'host', node: filter.node };
  const matches = all.filter((ref) => filterMatches(filter, ref, podOf(ref)));
  if (matches.length === 1) return matches[0]!;
  const listed = matches.slice(0, MAX_LISTED).map(endpointRefText).join(', ');
  if (matches.length === 0) throw new UserError(`${flag}: ${text} matches no pod`);
  throw new UserError(`${flag}: ${text} matches ${matches.length} pods (${listed}${matches.length > MAX_LISTED ? ', ...' : ''}); name one as <namespace>/<pod>`);
}

/**
 * A `--from`/`--to` of trace: an IP address as it is, else any filter above that picks exactly
 * one pod or node host of the cluster.
 */
export function endpointFromFlag(flag: string, text: string, cluster: Cluster, all: readonly EndpointRef[], podOf: (ref: EndpointRef) => Pod | undefined): EndpointRef {
  const ref = parseEndpointRef(text);
  if (ref?.kind === 'ip') return endpointArg(flag, text);
  return resolveOneEndpoint(flag, text, cluster, all, podOf);
}
