/**
 * The divergence report (`vrsim diverge`): the same cluster run through the dataplane twice,
 * once with `semantics: kubernetes` and once with `semantics: contrail`, every connection
 * really attempted (`runReach`), and every (source, destination, protocol, port) where the two
 * verdicts differ listed with the Kubernetes explanation, the deciding Contrail firewall policy
 * and rule, and the causes (`divergenceCauses`), grouped by cause.
 *
 * The probe set, unless given: node hosts included; every protocol that some policy or
 * container port names (TCP always); every port a policy names (an endPort range adds its end
 * and a port inside it) and every declared container port; 80 when none.
 * A selection (the CLI's `--namespace/--from/--to`, as reach takes them) narrows the sources
 * and destinations of both runs alike, so cell i of one is cell i of the other.
 * Guarantees: deterministic for a cluster, settings and options; groups in the fixed order of
 * DIVERGENCE_CAUSES (a connection with several causes is grouped under all of them, joined).
 */
import type { Cluster, L4Protocol } from '../../model/types.js';
import type { IpAddr } from '../../packet/types.js';
import { protocolCode } from '../../policy/evaluate.js';
import { DIVERGENCE_CAUSES, causeLabel, divergenceCauses, type DivergenceCause } from '../../policy/contrail-divergence.js';
import { ClusterFlowPolicy } from './policy-adapter.js';
import { ContrailFlowPolicy, contrailMatchText } from './contrail-policy-adapter.js';
import { reachSettings, runReach } from './reach.js';
import { reachOfWiring, type EndpointSelector } from './reach-diff.js';
import { parseEndpointRef, type ClusterSettings, type ReachOptions } from './types.js';
import { ClusterWiring } from './wiring.js';

export interface DivergentConnection {
  readonly from: string;
  readonly to: string;
  readonly protocol: L4Protocol;
  readonly port: number;
  readonly kubernetes: { readonly allowed: boolean; readonly reason: string };
  readonly contrail: {
    readonly allowed: boolean;
    readonly firewallPolicy: string | null;
    readonly sequence: string | null;
    readonly rule: string | null;
    readonly action: 'pass' | 'deny' | null;
    readonly reason: string;
  };
  readonly causes: readonly DivergenceCause[];
}

export interface DivergenceGroup {
  /** Causes joined with ` + ` when a connection has several. */
  readonly key: string;
  readonly causes: readonly DivergenceCause[];
  readonly label: string;
  readonly connections: readonly DivergentConnection[];
}

export interface DivergenceReport {
  /** Connections attempted under each semantics. */
  readonly compared: number;
  readonly divergent: number;
  readonly groups: readonly DivergenceGroup[];
  readonly probes: ReachOptions;
  /** The CLI's narrowing (`--namespace e1 --from ...`), empty when every endpoint was probed. */
  readonly selection: string;
}

/** Which sources and destinations to probe (every endpoint when absent), and how to say so. */
export interface DivergeSelection {
  readonly select: EndpointSelector;
  readonly described: string;
}

/** Protocols and ports worth probing for this cluster (see the module comment). */
export function defaultDivergeProbes(cluster: Cluster): ReachOptions {
  const protocols = new Set<L4Protocol>(['TCP']);
  const ports = new Set<number>();
  for (const policy of cluster.policies) {
    for (const rule of [...policy.ingress, ...policy.egress]) {
      for (const p of rule.ports) {
        protocols.add(p.protocol);
        if (typeof p.port !== 'number') continue;
        ports.add(p.port);
        if (p.endPort !== undefined && p.endPort > p.port) {
          ports.add(p.endPort);
          ports.add(Math.floor((p.port + p.endPort) / 2));
        }
      }
    }
  }
  for (const pod of cluster.pods) for (const c of pod.ports) {
    protocols.add(c.protocol);
    ports.add(c.containerPort);
  }
  if (ports.size === 0) ports.add(80);
  const order: L4Protocol[] = ['TCP', 'UDP', 'SCTP'];
  return { ports: [...ports].sort((a, b) => a - b), protocols: order.filter((p) => protocols.has(p)), hosts: true };
}

export function runDiverge(cluster: Cluster, settings: ClusterSettings, probes: ReachOptions = defaultDivergeProbes(cluster), selection?: DivergeSelection): DivergenceReport {
  const k8sWiring = new ClusterWiring(cluster, reachSettings({ ...settings, semantics: 'kubernetes' }));
  const contrailWiring = new ClusterWiring(cluster, reachSettings({ ...settings, semantics: 'contrail' }));
  const cellsOf = (wiring: ClusterWiring) =>
    selection === undefined ? runReach(wiring, probes).cells : reachOfWiring(wiring, { ...probes, select: selection.select }).cells;
  const k8sCells = cellsOf(k8sWiring);
  const contrailCells = cellsOf(contrailWiring);
  const k8s = new ClusterFlowPolicy(cluster);
  const contrail = new ContrailFlowPolicy(cluster);
  const addressOf = (label: string): IpAddr => {
    const ref = parseEndpointRef(label);
    if (ref === undefined) throw new Error(`invariant: reach label ${label} is not an endpoint reference`);
    return k8sWiring.addressOf(ref);
  };
  const found: DivergentConnection[] = [];
  k8sCells.forEach((cell, i) => {
    const other = contrailCells[i]!;
    if (cell.allowed === other.allowed || cell.port <= 0) return;
    const src = addressOf(cell.from);
    const dst = addressOf(cell.to);
    const proto = protocolCode(cell.protocol);
    // NetworkPolicy alone, and the whole Kubernetes verdict (the ClusterNetworkPolicy tiers too, as reach probed it).
    const decision = k8s.networkPolicyDecision(src, dst, proto, cell.port);
    const described = k8s.describe(src, dst, proto, cell.port);
    const match = contrail.matchOf(src, dst, proto, cell.port);
    found.push({
      from: cell.from,
      to: cell.to,
      protocol: cell.protocol,
      port: cell.port,
      kubernetes: { allowed: cell.allowed, reason: described.reason },
      contrail: {
        allowed: other.allowed,
        firewallPolicy: match?.policy.name ?? null,
        sequence: match?.rule.sequence ?? null,
        rule: match?.rule.name ?? null,
        action: match?.rule.action ?? null,
        reason: contrailMatchText(match),
      },
      causes: divergenceCauses(contrail.view, decision, match, described.allowed !== decision.allowed),
    });
  });
  const groups = new Map<string, DivergentConnection[]>();
  for (const c of found) {
    const key = c.causes.join(' + ');
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const ordered = [...groups.entries()].sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return {
    compared: k8sCells.length,
    divergent: found.length,
    groups: ordered.map(([key, connections]) => {
      const causes = connections[0]!.causes;
      return { key, causes, label: causes.map(causeLabel).join(' + '), connections };
    }),
    probes,
    selection: selection?.described ?? '',
  };
}

const ORDER: readonly string[] = DIVERGENCE_CAUSES.map((c) => c.cause);

function rank(key: string): number {
  const first = key.split(' + ')[0] ?? '';
  const i = ORDER.indexOf(first);
  return i < 0 ? ORDER.length : i;
}
