/**
 * What a policy change does, by real attempts (`vrsim diff`, the scenario `diff` step): the
 * same reach (sources, destinations, ports, protocols) run through the simulated dataplane on
 * the cluster before and after, and every connection whose verdict changed, grouped as newly
 * allowed and newly blocked, each with the explanation before and after.
 *
 * Guarantees: deterministic; a connection is compared only when both sides attempted it (a
 * pod or port present on one side only is listed under `onlyBefore` / `onlyAfter`, never as
 * a change); entries are in the after-reach's order (protocol/port group, source, destination).
 */
import type { Cluster } from '../../model/types.js';
import { planReach, type ReachRequest } from './reach-plan.js';
import type { CompactReachResult } from './reach-result.js';
import { probeReach, reachResultFor, reachSettings } from './reach.js';
import type { ClusterSettings, EndpointRef, ReachCell } from './types.js';
import { ClusterWiring } from './wiring.js';

export interface ReachDiffSide {
  readonly allowed: boolean;
  /** The policy and rule that decided, in the words of `reach`. */
  readonly reason: string;
}

export interface ReachDiffEntry {
  readonly from: string;
  readonly to: string;
  readonly protocol: ReachCell['protocol'];
  /** The port as asked (a number's text or a container port name). */
  readonly portLabel: string;
  /** The port attempted after the change (named ports resolve per destination). */
  readonly port: number;
  readonly before: ReachDiffSide;
  readonly after: ReachDiffSide;
}

export interface ReachDiff {
  readonly newlyAllowed: readonly ReachDiffEntry[];
  readonly newlyBlocked: readonly ReachDiffEntry[];
  /** Connections attempted on both sides. */
  readonly compared: number;
  /** Connections attempted on one side only (`from -> to protocol/port`). */
  readonly onlyBefore: readonly string[];
  readonly onlyAfter: readonly string[];
}

export interface ReachDiffRequest {
  readonly ports: ReachRequest['ports'];
  readonly protocols?: ReachRequest['protocols'];
  readonly hosts: boolean;
  /** The sources and destinations of each side (every endpoint when absent): the CLI's --namespace/--from/--to. */
  readonly select?: EndpointSelector;
}

/** Chooses a reach's sources and destinations on a wiring (the CLI's --namespace/--from/--to). */
export type EndpointSelector = (wiring: ClusterWiring) => { readonly sources: readonly EndpointRef[]; readonly destinations: readonly EndpointRef[] };

/** One reach over a whole cluster, run to the end on its own wiring. */
export function reachOfCluster(cluster: Cluster, settings: ClusterSettings, request: ReachDiffRequest): CompactReachResult {
  return reachOfWiring(new ClusterWiring(cluster, reachSettings(settings)), request);
}

/** One reach on a wiring built with `reachSettings`, run to the end. */
export function reachOfWiring(wiring: ClusterWiring, request: ReachDiffRequest): CompactReachResult {
  const endpoints: EndpointRef[] = wiring.endpointRefs(request.hosts);
  const chosen = request.select?.(wiring) ?? { sources: endpoints, destinations: endpoints };
  const plan = planReach(wiring, { sources: chosen.sources, destinations: chosen.destinations, ports: request.ports, protocols: request.protocols });
  const result = reachResultFor(wiring, plan);
  for (const _ of probeReach(wiring, result)) {
    // run to the end
  }
  return result;
}

export function connectionText(c: { readonly from: string; readonly to: string; readonly protocol: string; readonly portLabel: string }): string {
  return `${c.from} -> ${c.to} ${c.protocol}/${c.portLabel}`;
}

/** Cells attempted in a result, by connection text (a reach's `cells` leave absent ones out). */
function cellsByConnection(result: { readonly cells: readonly ReachCell[] }): Map<string, ReachCell> {
  const out = new Map<string, ReachCell>();
  for (const cell of result.cells) out.set(connectionText(cell), cell);
  return out;
}

/** The difference of two reaches over the same or similar clusters (any `ReachResult`). */
export function diffReachResults(before: { readonly cells: readonly ReachCell[] }, after: { readonly cells: readonly ReachCell[] }): ReachDiff {
  const a = cellsByConnection(before);
  const b = cellsByConnection(after);
  const newlyAllowed: ReachDiffEntry[] = [];
  const newlyBlocked: ReachDiffEntry[] = [];
  const onlyAfter: string[] = [];
  let compared = 0;
  for (const [key, cell] of b) {
    const old = a.get(key);
    if (old === undefined) {
      onlyAfter.push(key);
      continue;
    }
    compared++;
    if (old.allowed === cell.allowed) continue;
    const entry: ReachDiffEntry = {
      from: cell.from, to: cell.to, protocol: cell.protocol, portLabel: cell.portLabel, port: cell.port,
      before: { allowed: old.allowed, reason: old.reason },
      after: { allowed: cell.allowed, reason: cell.reason },
    };
    (cell.allowed ? newlyAllowed : newlyBlocked).push(entry);
  }
  const onlyBefore = [...a.keys()].filter((k) => !b.has(k));
  return { newlyAllowed, newlyBlocked, compared, onlyBefore, onlyAfter };
}

/** Reach before and after, then their difference. */
export function diffClusters(before: Cluster, after: Cluster, settings: ClusterSettings, request: ReachDiffRequest): ReachDiff {
  return diffReachResults(reachOfCluster(before, settings, request), reachOfCluster(after, settings, request));
}
