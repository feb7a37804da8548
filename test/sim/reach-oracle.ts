/**
 * The oracle of reach: every cell of a reach result against the policy layer's decision
 * (`decide`, or `decideTiered` with ClusterNetworkPolicies, behind ClusterFlowPolicy.describe;
 * and `allowsBetween` / `allowsTiered` behind `allows`) on the
 * addresses the simulation used. A cell for a port the destination does not declare (port 0)
 * is blocked; a pair sharing no address family is blocked with "Network is unreachable"; any
 * other cell is allowed exactly when the policy allows it. Shared by the reach property test
 * and the fuzzing suite (valid mutated manifests). Kubernetes semantics only (the adapter
 * that can explain itself).
 */
import { expect } from 'vitest';
import type { ClusterSim } from '../../src/sim/cluster/cluster-sim.js';
import type { ClusterFlowPolicy } from '../../src/sim/cluster/policy-adapter.js';
import type { EndpointRef, ReachResult } from '../../src/sim/cluster/types.js';

const PROTO = { TCP: 6, UDP: 17, SCTP: 132 } as const;

export function refOf(label: string): EndpointRef {
  if (label.startsWith('node/')) return { kind: 'host', node: label.slice(5) };
  const [namespace, name] = label.split('/');
  return { kind: 'pod', namespace: namespace!, name: name! };
}

export interface OracleCounts {
  cells: number;
  allowed: number;
  noCommonFamily: number;
}

/** Asserts every cell of `result` (a reach run on `sim`'s cluster) against the policy decision; adds to `counts`. */
export function expectReachMatchesPolicy(sim: ClusterSim, result: ReachResult, counts: OracleCounts = { cells: 0, allowed: 0, noCommonFamily: 0 }): OracleCounts {
  const policy = sim.wiring.policy as ClusterFlowPolicy;
  for (const cell of result.cells) {
    counts.cells++;
    if (cell.port === 0) {
      expect(cell.allowed).toBe(false);
      continue;
    }
    const srcs = sim.wiring.addressesOf(refOf(cell.from));
    const dsts = sim.wiring.addressesOf(refOf(cell.to));
    const dst = dsts.find((d) => srcs.some((a) => a.family === d.family));
    const src = srcs.find((a) => a.family === dst?.family);
    if (dst === undefined || src === undefined) {
      counts.noCommonFamily++;
      expect(cell.allowed).toBe(false);
      expect(cell.reason).toContain('Network is unreachable');
      continue;
    }
    const proto = PROTO[cell.protocol];
    // The whole verdict (decideTiered when the cluster has ClusterNetworkPolicies, else decide) and the fast path agree.
    const expected = policy.describe(src, dst, proto, cell.port).allowed;
    expect(policy.allows(src, dst, proto, cell.port)).toBe(expected);
    if ((sim.cluster.clusterPolicies ?? []).length === 0) expect(policy.networkPolicyDecision(src, dst, proto, cell.port).allowed).toBe(expected);
    expect({ ...cell, allowed: cell.allowed }).toEqual({ ...cell, allowed: expected });
    if (expected) counts.allowed++;
  }
  return counts;
}
