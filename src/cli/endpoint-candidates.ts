/**
 * What to offer when `--from` / `--to` / `-t` names an endpoint the cluster does not have:
 * the closest names first (did you mean), then the endpoints of the same namespace, at most
 * `MAX_LISTED`, so a user who typed `dev/client1` sees `dev/client1-dev` and its neighbours.
 */
import type { Cluster } from '../model/types.js';
import { suggestClosest } from '../model/suggest.js';
import type { EndpointRef } from '../sim/cluster/types.js';

const MAX_LISTED = 12;

export function candidateText(cluster: Cluster, ref: EndpointRef): string {
  if (ref.kind === 'ip') return '';
  if (ref.kind === 'host') {
    const names = cluster.nodes.map((n) => n.name);
    const guess = suggestClosest(ref.node, names);
    return guess === undefined ? '' : ` (did you mean node/${guess}?)`; // the message lists the nodes already
  }
  const all = cluster.pods.map((p) => `${p.namespace}/${p.name}`);
  const wanted = `${ref.namespace}/${ref.name}`;
  const prefixed = all.filter((n) => n.startsWith(wanted));
  const guess = prefixed.length === 1 ? prefixed[0] : suggestClosest(wanted, all);
  const sameNs = cluster.pods.filter((p) => p.namespace === ref.namespace).map((p) => `${p.namespace}/${p.name}`);
  const listed = sameNs.length > 0 ? sameNs : all;
  const where = sameNs.length > 0 ? `pods in ${ref.namespace}` : 'pods';
  const list = listed.length === 0 ? 'the cluster has no pods' : `${where}: ${listed.slice(0, MAX_LISTED).join(', ')}${listed.length > MAX_LISTED ? `, ... (${listed.length} in all)` : ''}`;
  return `${guess === undefined ? '' : ` (did you mean ${guess}?)`}; ${list}`;
}
