/**
 * Which policy engine answers the agent's question for a cluster: the setting `semantics`
 * selects the Kubernetes adapter (`ClusterFlowPolicy`, the spec's egress AND ingress) or the
 * Contrail one (`ContrailFlowPolicy`, kube-manager's firewall policies, first match).
 * Guarantees: the same cluster and settings always give an engine with the same verdicts.
 */
import type { Cluster } from '../../model/types.js';
import type { FlowPolicy } from '../../dataplane/flow-policy.js';
import { ClusterFlowPolicy } from './policy-adapter.js';
import { ContrailFlowPolicy } from './contrail-policy-adapter.js';
import type { ClusterSettings } from './types.js';

/** `previous`: the engine before a cluster change (what it had built that the change did not touch is kept). */
export function createFlowPolicy(cluster: Cluster, settings: Pick<ClusterSettings, 'semantics'>, previous?: FlowPolicy): FlowPolicy {
  if (settings.semantics === 'contrail') return new ContrailFlowPolicy(cluster);
  return new ClusterFlowPolicy(cluster, previous instanceof ClusterFlowPolicy ? previous : undefined);
}
