/**
 * Gathers what an HTML report of a scenario run needs while the runner replays it: the
 * dataplane's trace events of each step (attached as the sim's trace listener, tee'd with
 * the capture and the debug log), every node's `flow -l` after each step, each reach step's
 * truth table (through the runner's injected `reachTable` view) and, under flow or packet
 * enforcement, the same reach under the other one for the side-by-side comparison; under
 * packet enforcement (the chapter 3 counterfactual), each probe replayed flow-based on a
 * fresh copy of the cluster, with its events; the topology when the sim is created and after
 * every step, with what each step added or removed (`topology-changes.ts`).
 *
 * Guarantees: it only observes — the transcript, the exit code and the capture are the
 * same with or without it; events go to the step during which they happened.
 */
import type { DataplaneEvent, TraceListener } from '../../dataplane/trace-events.js';
import type { ScenarioViews } from '../../scenario/runner.js';
import type { StepReport } from '../../scenario/report-types.js';
import type { Scenario } from '../../scenario/types.js';
import { ClusterSim } from '../../sim/cluster/cluster-sim.js';
import { endpointIp, urlFor } from '../../scenario/shell-text.js';
import { diffReachResults, reachOfCluster } from '../../sim/cluster/reach-diff.js';
import type { ReachResult } from '../../sim/cluster/types.js';
import { differenceReason } from '../enforcement-compare.js';
import { formatFlowList } from '../flow-dump.js';
import type { Counterpart, ReachComparison, ReachTable, StepCapture, Topology } from './model.js';
import { connectionText } from '../../sim/cluster/reach-diff.js';
import { namingTopology, topologyChanges } from './topology-changes.js';

/** The topology of a wired cluster (a `ClusterSim`'s wiring): every vRouter and its vifs, in wiring order. */
export function topologyOf(wiring: Pick<ClusterSim['wiring'], 'vrouterList'>): Topology {
  return {
    nodes: wiring.vrouterList().map((v) => ({
      name: v.name,
      fabricIp: v.fabricIp.text,
      vifs: v.vifs().map((f) => ({ index: f.index, kind: f.kind, name: f.name, owner: f.owner, addresses: f.addresses.map((a) => a.text) })),
    })),
  };
}

function tableOf(title: string, r: ReachResult): ReachTable {
  return { title, sources: r.sources, destinations: r.destinations, cells: r.cells };
}

export class ScenarioCollector {
  private sim: ClusterSim | undefined;
  /** The topology when the sim was created, and after the last step. */
  private initial: Topology = { nodes: [] };
  private current: Topology = { nodes: [] };
  private pending: DataplaneEvent[] = [];
  private lastReach: ReachResult | undefined;
  private readonly captures = new Map<number, StepCapture>();
  /** The listener to attach to the sim (tee it with the others). */
  readonly listener: TraceListener = (e) => void this.pending.push(e);

  constructor(private readonly scenario: Scenario) {}

  attach(sim: ClusterSim): void {
    this.sim = sim;
    this.initial = this.current = topologyOf(sim.wiring);
  }

  /** The runner's views, with the reach table's result kept for the heat map. */
  views(views: ScenarioViews): ScenarioViews {
    return {
      ...views,
      reachTable: (result) => {
        this.lastReach = result;
        return views.reachTable(result);
      },
    };
  }

  /** Called by the runner after each step. */
  readonly afterStep = (report: StepReport): void => {
    const sim = this.sim;
    const events = this.pending;
    this.pending = [];
    const reachResult = report.kind === 'reach' ? this.lastReach : undefined;
    this.lastReach = undefined;
    if (sim === undefined) return;
    const flowTables = report.kind === 'note' ? [] : sim.nodeNames().map((node) => ({ node, text: formatFlowList(sim.flowTable(node)).trimEnd() }));
    const enforcement = sim.settings.enforcement;
    const reach = reachResult === undefined ? undefined : tableOf(`enforcement: ${enforcement}`, reachResult);
    const comparison = reachResult === undefined || enforcement === 'none' ? undefined : this.compare(sim, report.number, reachResult);
    const counterpart = enforcement === 'packet' ? this.flowBased(sim, report.number) : undefined;
    const before = this.current;
    const topology = topologyOf(sim.wiring);
    this.current = topology;
    this.captures.set(report.number, {
      events,
      topology,
      naming: namingTopology(before, topology),
      topologyChanges: topologyChanges(before, topology),
      flowTables,
      ...(reach === undefined ? {} : { reach }),
      ...(comparison === undefined ? {} : { comparison }),
      ...(counterpart === undefined ? {} : { counterpart }),
    });
  };

  /** A probe step replayed under flow-based enforcement on a fresh simulation of the same cluster. */
  private flowBased(sim: ClusterSim, number: number): Counterpart | undefined {
    const step = this.scenario.steps[number - 1];
    if (step === undefined || (step.kind !== 'curl' && step.kind !== 'ping' && step.kind !== 'udp' && step.kind !== 'sctp')) return undefined;
    const copy = ClusterSim.create(sim.cluster, { ...sim.settings, enforcement: 'flow' });
    const events: DataplaneEvent[] = [];
    copy.setTraceListener((e) => void events.push(e));
    const cluster = sim.cluster;
    let probe;
    switch (step.kind) {
      case 'curl': {
        const url = step.to.kind === 'url' ? step.to.url : urlFor(endpointIp(cluster, step.to.ref, step.from), step.to.port ?? 80);
        probe = copy.curl(step.from, url, { maxTimeSeconds: step.maxTimeSeconds });
        break;
      }
      case 'ping':
        probe = copy.ping(step.from, step.to, { count: step.count });
        break;
      case 'udp':
        probe = copy.udp(step.from, step.to, step.port, { timeoutSeconds: step.timeoutSeconds });
        break;
      case 'sctp':
        probe = copy.sctp(step.from, step.to, step.port, { timeoutSeconds: step.timeoutSeconds });
        break;
    }
    copy.setTraceListener(undefined);
    const said = probe.stderr.trimEnd();
    return { enforcement: 'flow', events, output: `${said === '' ? '' : `${said}\n`}exit code ${probe.exitCode} (${probe.outcome})`, outcome: probe.outcome };
  }

  /** The same reach under the other of flow- and packet-based enforcement, and the cells that differ. */
  private compare(sim: ClusterSim, number: number, own: ReachResult): ReachComparison | undefined {
    const step = this.scenario.steps[number - 1];
    if (step?.kind !== 'reach') return undefined;
    const other = sim.settings.enforcement === 'flow' ? 'packet' : 'flow';
    const otherResult = reachOfCluster(sim.cluster, { ...sim.settings, enforcement: other }, { ports: step.ports, protocols: step.protocols, hosts: step.hosts });
    const [flow, packet] = other === 'packet' ? [own, otherResult] : [otherResult, own];
    const diff = diffReachResults(flow, packet);
    const differences = [...diff.newlyBlocked, ...diff.newlyAllowed].map((e) => ({ connection: connectionText(e), from: e.from, to: e.to, reason: differenceReason(e) }));
    return { tables: [tableOf('flow-based (stateful: the reply rides the reverse flow)', flow), tableOf('packet-based (stateless: each packet is checked on its own)', packet)], differences };
  }

  capture(number: number): StepCapture | undefined {
    return this.captures.get(number);
  }

  /** The topology when the run began (each step's capture has the one after it). */
  topology(): Topology {
    return this.initial;
  }

  /** The topology at the end of the run. */
  finalTopology(): Topology {
    return this.current;
  }
}
