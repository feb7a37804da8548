/**
 * The contract of the whole-cluster simulation (`ClusterSim`): settings, how endpoints are
 * named, and the results its operations return. The scenario runner and the CLI program
 * against these types; `cluster-sim.ts` implements them by wiring the model, the policy
 * engine, one vRouter per node and one host stack per pod and node host on an EventLoop.
 */

/** How NetworkPolicy is enforced (the behaviours implementations disagree on). */
export type Enforcement =
  /** Stateful, like vRouter: the first packet decides, the flow entry carries the rest both ways. */
  | 'flow'
  /** Stateless ACL: every packet in each direction is checked as if it opened a connection. */
  | 'packet'
  /** A network plugin that ignores NetworkPolicy: policies load, nothing is enforced. */
  | 'none';

/** What a policy change does to flows that already exist. */
export type PolicyChangeMode =
  /** The Contrail agent re-evaluates existing flows: F can turn into D(FwPolicy). */
  | 'reevaluate'
  /** Conntrack-based plugins keep established connections; only new flows see the change. */
  | 'keep';

/**
 * Whose decision the agent applies to a new flow: the Kubernetes spec (`kubernetes`, the
 * default: the source's egress AND the destination's ingress), or the firewall policies
 * contrail-kube-manager builds from the same NetworkPolicies, evaluated first-match as the
 * agent does (`contrail`; docs/contrail-translation.md lists where the two disagree).
 */
export type Semantics = 'kubernetes' | 'contrail';

export interface ClusterSettings {
  readonly enforcement: Enforcement;
  readonly semantics: Semantics;
  readonly policyChange: PolicyChangeMode;
  readonly seed: number;
  readonly flowTable: { readonly entries: number; readonly overflowEntries?: number };
  readonly agent: {
    /** Time from trap to installed flow, in microseconds. */
    readonly latencyUs: number;
    /** Flow setups per second the agent sustains (queueing beyond it). */
    readonly setupRatePerSecond: number;
    /** Held (HOLD) flows per node before new flows are dropped ("Flow Unusable"). */
    readonly holdLimit: number;
    /** Flow entries per pod interface before new flows are short `D(FlowLim)`; absent or 0: no limit. */
    readonly maxFlowsPerInterface?: number;
  };
  /** Idle flows age out after this many seconds of virtual time. */
  readonly agingSeconds: number;
  /** One-way latency of a vif or the fabric, in microseconds. */
  readonly linkLatencyUs: number;
}

export const DEFAULT_SETTINGS: ClusterSettings = {
  enforcement: 'flow',
  semantics: 'kubernetes',
  policyChange: 'reevaluate',
  seed: 1,
  flowTable: { entries: 524288 },
  agent: { latencyUs: 1000, setupRatePerSecond: 10000, holdLimit: 8192 },
  agingSeconds: 180,
  linkLatencyUs: 50,
};

/** How users name a traffic source or destination: `ns/pod`, `node/<name>` (the node's host), or an IP. */
export type EndpointRef =
  | { readonly kind: 'pod'; readonly namespace: string; readonly name: string }
  | { readonly kind: 'host'; readonly node: string }
  | { readonly kind: 'ip'; readonly ip: string };

export function parseEndpointRef(text: string): EndpointRef | undefined {
  const t = text.trim();
  if (t.startsWith('node/')) return t.length > 5 ? { kind: 'host', node: t.slice(5) } : undefined;
  if (/^[0-9.]+$/.test(t) || t.includes(':')) return { kind: 'ip', ip: t };
  const slash = t.indexOf('/');
  if (slash > 0 && slash < t.length - 1 && t.indexOf('/', slash + 1) < 0) {
    return { kind: 'pod', namespace: t.slice(0, slash), name: t.slice(slash + 1) };
  }
  return undefined;
}

export function endpointRefText(ref: EndpointRef): string {
  switch (ref.kind) {
    case 'pod':
      return `${ref.namespace}/${ref.name}`;
    case 'host':
      return `node/${ref.node}`;
    case 'ip':
      return ref.ip;
  }
}

/** What a probe (curl, ping, UDP, SCTP) printed and how it ended, as a user at a shell sees it. */
export interface ProbeOutcome {
  readonly tool: 'curl' | 'ping' | 'udp' | 'sctp';
  /** How it ended: `success` (page / replies / echo / association), or why not. */
  readonly outcome: 'success' | 'timeout' | 'refused' | 'unreachable' | 'aborted';
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
  /** Virtual milliseconds from start to completion. */
  readonly elapsedMs: number;
}

/** One cell of a reachability matrix: one source, destination, port and protocol. */
export interface ReachCell {
  readonly from: string;
  readonly to: string;
  readonly port: number;
  /** The port as asked for (a name such as `http` when given by name). */
  readonly portLabel: string;
  readonly protocol: 'TCP' | 'UDP' | 'SCTP';
  readonly allowed: boolean;
  /** False when nothing serves that port on the destination (the probe, if any, was answered by a reset); absent when unknown. */
  readonly served?: boolean;
  /** Why: the policy decision that the dataplane applied, in one line. */
  readonly reason: string;
}

export interface ReachResult {
  /** Row and column labels in display order (`ns/pod`, `node/<name>`). */
  readonly sources: readonly string[];
  readonly destinations: readonly string[];
  readonly cells: readonly ReachCell[];
  /** The same verdicts without building the cells (absent when only `cells` is known). */
  readonly matrix?: ReachMatrix;
}

/** Verdicts by position: `sources[s]` to `destinations[d]` for `groups[g]` (a protocol and a port as asked). */
export interface ReachMatrix {
  /** In the order the cells of one source and destination list them (protocols, then ports). */
  readonly groups: readonly { readonly protocol: 'TCP' | 'UDP' | 'SCTP'; readonly portLabel: string }[];
  allowed(s: number, d: number, g: number): boolean;
}

export interface ReachOptions {
  readonly ports: readonly (number | string)[];
  readonly protocols: readonly ('TCP' | 'UDP' | 'SCTP')[];
  /** Include node hosts as sources and destinations. */
  readonly hosts: boolean;
}

export interface PollerTick {
  readonly sentAtMs: number;
  /** When the response arrived, or null if none did. */
  readonly respondedAtMs: number | null;
}

/**
 * The operations a scenario runner or CLI needs. Every traffic operation runs the virtual
 * clock until it completes (background pollers keep running meanwhile) and returns what the
 * user would have seen. Errors in references (unknown pod or node) throw `Error` with a
 * message naming the reference; callers validate scenario files before running them.
 */
export interface ClusterSimApi {
  readonly settings: ClusterSettings;
  /** Virtual time in milliseconds. */
  nowMs(): number;
  /** Replace the inventory (after apply, delete or a label change): recompiles policies and applies the policy-change mode to existing flows. */
  updateCluster(next: import('../../model/types.js').Cluster): void;
  curl(from: EndpointRef, url: string, options: { readonly maxTimeSeconds?: number }): ProbeOutcome;
  ping(from: EndpointRef, to: EndpointRef, options: { readonly count: number; readonly waitSeconds?: number }): ProbeOutcome;
  udp(from: EndpointRef, to: EndpointRef, port: number, options: { readonly timeoutSeconds?: number }): ProbeOutcome;
  sctp(from: EndpointRef, to: EndpointRef, port: number, options: { readonly timeoutSeconds?: number }): ProbeOutcome;
  startPoller(name: string, from: EndpointRef, url: string, options: { readonly intervalMs: number; readonly keepAlive: boolean }): void;
  stopPoller(name: string): void;
  pollerTicks(name: string): readonly PollerTick[];
  advance(ms: number): void;
  /** The flow table of a node's vRouter (for dumps and expectations). */
  flowTable(node: string): import('../../dataplane/flow-table.js').FlowTable;
  /** What the vRouter utilities (`vif`, `nh`, `rt`, `mpls`, `dropstats`, `flow --get`) read on a node. */
  vrouterState(node: string): import('../../dataplane/vrouter-snapshot.js').VrouterState;
  /** `dropstats --clear` on a node. */
  clearDropStats(node: string): void;
  nodeNames(): readonly string[];
  reach(options: ReachOptions): ReachResult;
}
