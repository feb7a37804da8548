/**
 * How a step changed the wired cluster, for the HTML report: the pods (and their interfaces)
 * it added or removed, and the topology to name the step's packets with.
 *
 * Guarantees: pure and deterministic (nodes and interfaces in the topologies' order); a pod
 * that moved or changed addresses shows as removed then added; `namingTopology` keeps every
 * interface of `after` and adds those of `before` that `after` no longer has, so a packet
 * sent to a pod the step then deleted is still named by its pod.
 */
import type { Topology, TopologyVif } from './model.js';

function vifKey(node: string, v: TopologyVif): string {
  return `${node}\u0000${v.owner}\u0000${v.addresses.join(',')}`;
}

function podKeys(t: Topology): Map<string, { node: string; vif: TopologyVif }> {
  const out = new Map<string, { node: string; vif: TopologyVif }>();
  for (const n of t.nodes) for (const v of n.vifs) if (v.kind === 'pod') out.set(vifKey(n.name, v), { node: n.name, vif: v });
  return out;
}

/** `- ns/pod (addr) on node` for each pod interface gone, then `+ ...` for each new one. */
export function topologyChanges(before: Topology, after: Topology): string[] {
  const a = podKeys(before);
  const b = podKeys(after);
  const line = (sign: string, e: { node: string; vif: TopologyVif }): string => `${sign} ${e.vif.owner} (${e.vif.addresses.join(', ')}) on ${e.node}, vif 0/${e.vif.index}`;
  const removed = [...a].filter(([k]) => !b.has(k)).map(([, e]) => line('-', e));
  const added = [...b].filter(([k]) => !a.has(k)).map(([, e]) => line('+', e));
  return [...removed, ...added];
}

/** `after`, plus the pod interfaces of `before` it no longer has (listed after its own). */
export function namingTopology(before: Topology, after: Topology): Topology {
  const kept = podKeys(after);
  return {
    nodes: after.nodes.map((n) => {
      const old = before.nodes.find((o) => o.name === n.name);
      const gone = (old?.vifs ?? []).filter((v) => v.kind === 'pod' && !kept.has(vifKey(n.name, v)));
      return gone.length === 0 ? n : { ...n, vifs: [...n.vifs, ...gone] };
    }),
  };
}
