/**
 * The data an HTML report is drawn from, gathered while a scenario, a reach or a trace runs:
 * the topology (nodes, their vifs and addresses), per step the dataplane's trace events and
 * every node's `flow -l` text afterwards, and truth tables. Plain data, nothing rendered yet;
 * the drawing modules (topology-svg, sequence-svg, flow-table-section, heat-map) read it.
 */
import type { DataplaneEvent } from '../../dataplane/trace-events.js';
import type { VifKind } from '../../dataplane/topology.js';
import type { ReachCell } from '../../sim/cluster/types.js';

export interface TopologyVif {
  readonly index: number;
  readonly kind: VifKind;
  readonly name: string;
  /** `ns/pod` for a pod tap, `node/<name>` for vhost0, '' for eth0 and pkt0. */
  readonly owner: string;
  readonly addresses: readonly string[];
}

export interface TopologyNode {
  readonly name: string;
  readonly fabricIp: string;
  readonly vifs: readonly TopologyVif[];
}

export interface Topology {
  readonly nodes: readonly TopologyNode[];
}

/** One node's `flow -l` after a step, as the vRouter utility prints it. */
export interface FlowTableSnapshot {
  readonly node: string;
  readonly text: string;
}

/** A truth table to draw as a heat map. */
export interface ReachTable {
  /** e.g. `enforcement: flow`. */
  readonly title: string;
  readonly sources: readonly string[];
  readonly destinations: readonly string[];
  readonly cells: readonly ReachCell[];
}

/** Two tables over the same cells (flow-based and packet-based) with the cells that differ and why. */
export interface ReachComparison {
  readonly tables: readonly [ReachTable, ReachTable];
  /** `from -> to PROTO/port` of each differing cell, with the reason in one line. */
  readonly differences: readonly { readonly connection: string; readonly from: string; readonly to: string; readonly reason: string }[];
}

/** The same probe replayed under the other enforcement, on a fresh copy of the cluster. */
export interface Counterpart {
  readonly enforcement: string;
  readonly events: readonly DataplaneEvent[];
  /** What the probe printed on stderr there, and its exit code and outcome. */
  readonly output: string;
  readonly outcome: string;
}

/** What the report knows about one step besides its transcript. */
export interface StepCapture {
  readonly events: readonly DataplaneEvent[];
  /** The cluster as wired after the step (pods added or deleted by it show here). */
  readonly topology: Topology;
  /** The topology the step's events are named with: the one after it plus the interfaces it removed. */
  readonly naming: Topology;
  /** What the step changed in the topology (`+ ns/pod on node`, `- ns/pod`), empty when nothing. */
  readonly topologyChanges: readonly string[];
  readonly flowTables: readonly FlowTableSnapshot[];
  readonly reach?: ReachTable;
  readonly comparison?: ReachComparison;
  readonly counterpart?: Counterpart;
}
