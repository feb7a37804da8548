/**
 * `ClusterSim`: the whole simulated cluster behind the operations a scenario or a command
 * performs (the `ClusterSimApi` contract). Traffic operations start the application in the
 * source's stack and run the virtual clock until it completes; background pollers keep
 * running meanwhile. See `wiring.ts` for how nodes, vRouters, pods and hosts are connected.
 */
import type { Cluster } from '../../model/types.js';
import type { FlowTable } from '../../dataplane/flow-table.js';
import type { CaptureTap, TraceListener } from '../../dataplane/trace-events.js';
import { startCurl, type CurlResult } from '../apps/curl.js';
import { podResolvConf } from './cluster-dns.js';
import { startHttpPoller, type HttpPoller } from '../apps/http-poller.js';
import { reachSettings, runReach } from './reach.js';
import { runPing, runSctpProbe, runUdpProbe } from './probes.js';
import {
  DEFAULT_SETTINGS,
  type ClusterSettings,
  type ClusterSimApi,
  type EndpointRef,
  type PollerTick,
  type ProbeOutcome,
  type ReachOptions,
  type ReachResult,
} from './types.js';
import { ClusterWiring } from './wiring.js';
import { MAX_EVENTS, MAX_VIRTUAL_TIME_MS } from '../limits.js';
import { clearDropStats } from '../../dataplane/drop-stats.js';
import { vrouterState, type VrouterState } from '../../dataplane/vrouter-snapshot.js';

/**
 * Longest an operation without a bound of its own may run, in virtual microseconds: curl
 * without -m gives up on SYNs at 127 s, and on an established connection after Linux's 15
 * retransmissions (about 924.6 s).
 */
const OPERATION_LIMIT_US = 1_200_000_000;
/** Slack beyond an operation's own bound (its last reply on the way, the app finishing). */
const OPERATION_SLACK_US = 10_000_000;

function curlOutcome(r: CurlResult): ProbeOutcome {
  const outcome: ProbeOutcome['outcome'] =
    r.kind === 'ok'
      ? 'success'
      : r.kind === 'connect-failed' && r.reason === 'refused'
        ? 'refused'
        : r.kind === 'bad-url' || (r.kind === 'connect-failed' && r.reason !== 'timed-out')
          ? 'unreachable'
          : 'timeout';
  return { tool: 'curl', outcome, stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode, elapsedMs: r.elapsedMs };
}

/** A udp or sctp probe ends at its timeout (the apps' default is 5 s). */
function probeBound(timeoutSeconds: number | undefined): number {
  return Math.round((timeoutSeconds ?? 5) * 1e6);
}

export class ClusterSim implements ClusterSimApi {
  readonly wiring: ClusterWiring;
  private readonly pollers = new Map<string, HttpPoller>();

  constructor(cluster: Cluster, settings: ClusterSettings = DEFAULT_SETTINGS) {
    this.wiring = new ClusterWiring(cluster, settings);
    // A scenario's simulation is bounded (src/sim/limits.ts): past a bound the loop throws SimulationLimitError.
    this.wiring.loop.setLimits({ maxEvents: MAX_EVENTS, maxTimeUs: MAX_VIRTUAL_TIME_MS * 1000 });
  }

  static create(cluster: Cluster, settings: ClusterSettings = DEFAULT_SETTINGS): ClusterSim {
    return new ClusterSim(cluster, settings);
  }

  get settings(): ClusterSettings {
    return this.wiring.settings;
  }

  get cluster(): Cluster {
    return this.wiring.cluster;
  }

  nowMs(): number {
    return Math.floor(this.wiring.loop.now / 1000);
  }

  updateCluster(next: Cluster): void {
    this.wiring.updateCluster(next);
  }

  setTraceListener(listener: TraceListener | undefined): void {
    this.wiring.setTraceListener(listener);
  }

  setCaptureTap(tap: CaptureTap | undefined): void {
    this.wiring.setCaptureTap(tap);
  }

  /** Run the clock until `isDone`, failing loudly if an operation never completes. */
  /** Run the clock until the operation completes; `boundUs` is the longest it can take by its own options. */
  private runOperation<T>(what: string, start: (done: (result: T) => void) => void, boundUs = OPERATION_LIMIT_US): T {
    let result: T | undefined;
    let finished = false;
    start((r) => {
      result = r;
      finished = true;
    });
    const loop = this.wiring.loop;
    const limitUs = boundUs + OPERATION_SLACK_US;
    if (!loop.runUntil(() => finished, loop.now + limitUs)) {
      throw new Error(`invariant: ${what} did not complete within ${limitUs / 1e6} s of virtual time`);
    }
    return result as T;
  }

  curl(from: EndpointRef, url: string, options: { readonly maxTimeSeconds?: number }): ProbeOutcome {
    const stack = this.wiring.stackOf(from);
    // A pod resolves names through the cluster DNS Service (dnsPolicy ClusterFirst); a node host does not.
    const pod = this.wiring.podOf(from);
    const resolvConf = pod === undefined ? undefined : podResolvConf(this.wiring.cluster, pod.namespace);
    const curlOptions = {
      url,
      ...(options.maxTimeSeconds === undefined ? {} : { maxTimeSeconds: options.maxTimeSeconds }),
      ...(resolvConf === undefined ? {} : { resolvConf }),
    };
    const bound = options.maxTimeSeconds === undefined ? OPERATION_LIMIT_US : Math.round(options.maxTimeSeconds * 1e6);
    return curlOutcome(this.runOperation<CurlResult>('curl', (done) => startCurl(stack, curlOptions, done), bound));
  }

  ping(from: EndpointRef, to: EndpointRef, options: { readonly count: number; readonly waitSeconds?: number }): ProbeOutcome {
    const stack = this.wiring.stackOf(from);
    const target = this.wiring.destinationFor(from, to);
    // One request a second, then -W (1 s) for the last reply: a 1000-count ping runs 1000 s.
    const bound = options.count * 1_000_000 + Math.round((options.waitSeconds ?? 1) * 1e6);
    return this.runOperation<ProbeOutcome>('ping', (done) => runPing(stack, target, options, done), bound);
  }

  udp(from: EndpointRef, to: EndpointRef, port: number, options: { readonly timeoutSeconds?: number }): ProbeOutcome {
    const stack = this.wiring.stackOf(from);
    const target = this.wiring.destinationFor(from, to);
    return this.runOperation<ProbeOutcome>('udp probe', (done) => runUdpProbe(stack, target, port, options, done), probeBound(options.timeoutSeconds));
  }

  sctp(from: EndpointRef, to: EndpointRef, port: number, options: { readonly timeoutSeconds?: number }): ProbeOutcome {
    const stack = this.wiring.stackOf(from);
    const target = this.wiring.destinationFor(from, to);
    return this.runOperation<ProbeOutcome>('sctp probe', (done) => runSctpProbe(stack, target, port, options, done), probeBound(options.timeoutSeconds));
  }

  startPoller(name: string, from: EndpointRef, url: string, options: { readonly intervalMs: number; readonly keepAlive: boolean }): void {
    if (this.pollers.has(name)) throw new Error(`a background client named "${name}" is already running`);
    const stack = this.wiring.stackOf(from);
    this.pollers.set(name, startHttpPoller(stack, { url, keepAlive: options.keepAlive, intervalMs: options.intervalMs }));
  }

  stopPoller(name: string): void {
    this.poller(name).stop();
  }

  pollerTicks(name: string): readonly PollerTick[] {
    return this.poller(name).ticks();
  }

  private poller(name: string): HttpPoller {
    const poller = this.pollers.get(name);
    if (poller === undefined) throw new Error(`no background client named "${name}"`);
    return poller;
  }

  advance(ms: number): void {
    const loop = this.wiring.loop;
    loop.run(loop.now + Math.round(ms * 1000));
  }

  flowTable(node: string): FlowTable {
    return this.wiring.flowTable(node);
  }

  vrouterState(node: string): VrouterState {
    return vrouterState(this.wiring.vrouter(node), this.wiring.vrouterList(), this.wiring.services);
  }

  clearDropStats(node: string): void {
    clearDropStats(this.wiring.vrouter(node).drops);
  }

  nodeNames(): readonly string[] {
    return this.wiring.nodeNames();
  }

  /**
   * Reachability by real attempts. Runs on a fresh copy of the cluster (same inventory and
   * settings, flow tables sized to the probes in flight) so that the probes neither disturb
   * this simulation's flow tables nor its clock.
   */
  reach(options: ReachOptions): ReachResult {
    return runReach(new ClusterWiring(this.wiring.cluster, reachSettings(this.wiring.settings)), options);
  }
}
