/**
 * `reach --classes`: the reach attempted once per pair of equivalence classes instead of once
 * per pair of endpoints, then expanded to every cell. A class is a set of pods that no policy
 * can tell apart: the same namespace (so the same namespace labels), the same labels (so the
 * same membership in every pod selector, of NetworkPolicies and ClusterNetworkPolicies), the
 * same container ports (names, protocols and numbers: named ports resolve alike, the same
 * ports are served), the same address families, and the same membership in every CIDR that
 * any policy writes (ipBlock cidr and except, ClusterNetworkPolicy networks). Node hosts and
 * hostNetwork pods are each a class of their own. A pod's connection to itself is attempted
 * separately from one to another member of its class (it never leaves the pod's stack).
 *
 * Guarantees: the key is derived from the cluster's own objects and only ever separates more
 * than the policy could (never less), so the expanded verdicts are the full run's (a property
 * test compares them on random clusters); the reasons are computed per cell from the real
 * addresses as in a full run, so every output format prints the full run's bytes.
 */
import type { Cluster, Pod } from '../../model/types.js';
import { parseIpWords, parsePrefix, prefixContains, type IpPrefix } from '../../policy/ip-prefix.js';
import type { CompactReachResult } from './reach-result.js';
import type { ReachPlan } from './reach-plan.js';
import { probeReach, reachResultFor } from './reach.js';
import { endpointRefText, type EndpointRef } from './types.js';
import type { ClusterWiring } from './wiring.js';

/** Every CIDR written anywhere in the cluster's policies (strings with a `/` that parse as one). */
function policyPrefixes(cluster: Cluster): IpPrefix[] {
  const texts = new Set<string>();
  const walk = (value: unknown, depth: number): void => {
    if (depth > 64) return;
    if (typeof value === 'string') {
      if (value.includes('/')) texts.add(value);
      return;
    }
    if (Array.isArray(value)) for (const v of value) walk(v, depth + 1);
    else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) if (k !== 'source') walk(v, depth + 1);
  };
  walk(cluster.policies, 0);
  walk(cluster.clusterPolicies ?? [], 0);
  return [...texts].sort().map(parsePrefix).filter((p): p is IpPrefix => p !== null);
}

function podKey(pod: Pod, prefixes: readonly IpPrefix[]): string {
  const labels = Object.entries(pod.labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const ports = pod.ports.map((p) => `${p.name ?? ''}:${p.protocol}:${p.containerPort}`).sort();
  const addresses = pod.ips.map((ip) => {
    const words = parseIpWords(ip);
    if (words === null) return `?${ip}`;
    return `${words.family}:${prefixes.map((p) => (prefixContains(p, words) ? '1' : '0')).join('')}`;
  });
  return JSON.stringify(['pod', pod.namespace, labels, ports, addresses]);
}

/** Each endpoint's class key: equal keys = no policy tells the endpoints apart. */
export function classKeys(wiring: ClusterWiring, refs: readonly EndpointRef[]): string[] {
  const prefixes = policyPrefixes(wiring.cluster);
  return refs.map((ref) => {
    const pod = wiring.podOf(ref);
    if (ref.kind !== 'pod' || pod === undefined || pod.hostNetwork) return JSON.stringify(['own', endpointRefText(ref)]);
    return podKey(pod, prefixes);
  });
}

/** How a class-based reach went: how many classes and how many attempts it made. */
export interface ClassReach {
  readonly classes: number;
  readonly probed: number;
  /** Representative sources x destinations attempted. */
  readonly attempted: { readonly sources: number; readonly destinations: number };
}

/** The plan restricted to some sources and destinations (same groups; ports and served per kept destination). */
function subPlan(plan: ReachPlan, sources: readonly number[], destinations: readonly number[]): ReachPlan {
  const g = plan.groups.length;
  const ports = new Int32Array(destinations.length * g);
  const served = new Uint8Array(destinations.length * g);
  destinations.forEach((d, i) => {
    ports.set(plan.ports.subarray(d * g, (d + 1) * g), i * g);
    served.set(plan.served.subarray(d * g, (d + 1) * g), i * g);
  });
  return { ...plan, sources: sources.map((s) => plan.sources[s]!), destinations: destinations.map((d) => plan.destinations[d]!), ports, served };
}

/**
 * A reach reduced to one representative pair per (source class, destination class, same
 * endpoint or not): the plan of the representatives, to be attempted anywhere a plan can be
 * (this thread, worker threads), and the expansion of its verdicts to every cell.
 */
export interface ClassReduction {
  /** The plan over the representative sources and destinations only. */
  readonly plan: ReachPlan;
  readonly classes: number;
  /** Representative sources x destinations attempted. */
  readonly attempted: { readonly sources: number; readonly destinations: number };
  /** Fill every cell of `result` (the whole plan's) from `reduced` (this reduction's plan, attempted). */
  expand(result: CompactReachResult, reduced: CompactReachResult): void;
}

/** The classes of a plan's endpoints and the reduced plan of their representatives. */
export function reduceByClasses(wiring: ClusterWiring, plan: ReachPlan): ClassReduction {
  const ns = plan.sources.length;
  const nd = plan.destinations.length;
  const ids = new Map<string, number>();
  const idOf = (key: string): number => {
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = ids.size));
    return id;
  };
  const srcClass = Int32Array.from(classKeys(wiring, plan.sources), idOf);
  const dstClass = Int32Array.from(classKeys(wiring, plan.destinations), idOf);
  const c = ids.size;
  const dstIndex = new Map(plan.destinations.map((ref, d) => [endpointRefText(ref), d] as const));
  const selfOf = Int32Array.from(plan.sources, (ref) => dstIndex.get(endpointRefText(ref)) ?? -1);
  // The representative pair of each (source class, destination class, self) kind.
  const kinds = c * c * 2;
  const repS = new Int32Array(kinds).fill(-1);
  const repD = new Int32Array(kinds).fill(-1);
  for (let s = 0; s < ns; s++) {
    for (let d = 0; d < nd; d++) {
      const k = (srcClass[s]! * c + dstClass[d]!) * 2 + (selfOf[s] === d ? 1 : 0);
      if (repS[k] === -1) {
        repS[k] = s;
        repD[k] = d;
      }
    }
  }
  const keptS = [...new Set(repS.filter((s) => s >= 0))].sort((a, b) => a - b);
  const keptD = [...new Set(repD.filter((d) => d >= 0))].sort((a, b) => a - b);
  const atS = new Int32Array(ns).fill(-1);
  const atD = new Int32Array(nd).fill(-1);
  keptS.forEach((s, i) => (atS[s] = i));
  keptD.forEach((d, i) => (atD[d] = i));
  // Each kind's representative cell within a group of the reduced result (rows then destinations).
  const repCell = new Int32Array(kinds);
  for (let k = 0; k < kinds; k++) if (repS[k]! >= 0) repCell[k] = atS[repS[k]!]! * keptD.length + atD[repD[k]!]!;
  const groupCells = keptS.length * keptD.length;
  const expand = (result: CompactReachResult, reduced: CompactReachResult): void => {
    const out = result.verdicts;
    const from = reduced.verdicts;
    for (let i = 0; i < plan.groups.length; i++) {
      const at = i * groupCells;
      for (let s = 0; s < ns; s++) {
        const row = result.index(i, s, 0);
        const sKind = srcClass[s]! * c;
        const self = selfOf[s]!;
        for (let d = 0; d < nd; d++) {
          const k = (sKind + dstClass[d]!) * 2 + (self === d ? 1 : 0);
          out[row + d] = from[at + repCell[k]!]!;
        }
      }
    }
  };
  return { plan: subPlan(plan, keptS, keptD), classes: c, attempted: { sources: keptS.length, destinations: keptD.length }, expand };
}

/**
 * Fill `result.verdicts` by attempting one representative pair per (source class,
 * destination class, same endpoint or not) on `wiring`, in this thread, and copying its
 * verdict to every cell of that kind.
 */
export function reachByClasses(wiring: ClusterWiring, result: CompactReachResult): ClassReach {
  const reduction = reduceByClasses(wiring, result.plan);
  const reduced = reachResultFor(wiring, reduction.plan);
  let probed = 0;
  for (const step of probeReach(wiring, reduced)) probed = step.probed;
  reduction.expand(result, reduced);
  return { classes: reduction.classes, probed, attempted: reduction.attempted };
}
