/**
 * Runs a scenario against a `ClusterSimApi`: validates it completely first (the dry pass in
 * `plan.ts`), creates the simulation from the initial cluster, then replays each step —
 * model changes via `updateCluster`, probes, pollers, waits, reach tables and flow dumps —
 * recording the commands, the output and every expectation's verdict.
 *
 * Guarantees: an invalid scenario throws `InputError` before the simulation is created;
 * the same scenario and settings give the same report (all time is the simulation's);
 * `stopAfterStep: N` runs steps 1..N and adds every node's `flow -l` to the report; a run
 * that passes a bound of src/sim/limits.ts throws SimulationLimitError located at the step
 * (`file:line: steps[N].kind: ...`) and reports nothing.
 */
import type { FlowTable } from '../dataplane/flow-table.js';
import type { Cluster } from '../model/types.js';
import type { ClusterSettings, ClusterSimApi, EndpointRef, ProbeOutcome, ReachResult } from '../sim/cluster/types.js';
import { checkDiff, checkFlowsStep, checkProbe, checkReach, checkPoller } from './expectations.js';
import { readFlowRecords } from './flow-records.js';
import { planScenario, type PlannedStep } from './plan.js';
import { createdLines } from './model-ops.js';
import { contrailWarnings } from '../policy/contrail-warnings.js';
import type { ExpectationResult, ScenarioReport, StateDump, StepReport } from './report-types.js';
import {
  W3M_SUFFIX,
  applyCommands,
  backgroundComment,
  clockText,
  curlCommand,
  deleteCommands,
  endpointIp,
  flowCommand,
  vrouterCommand,
  labelCommand,
  logsCommand,
  pingCommand,
  probeTerminalText,
  promptFor,
  sctpCommand,
  udpCommand,
  urlFor,
} from './shell-text.js';
import type { Diagnostic } from '../model/types.js';
import { diffReachResults, type ReachDiff } from '../sim/cluster/reach-diff.js';
import type { FlowMatchTerm, Scenario } from './types.js';
import { SimulationLimitError } from '../sim/limit-error.js';
import type { VrouterState } from '../dataplane/vrouter-snapshot.js';
import { checkVrouterStep, type VrouterToolView } from './vrouter-expectations.js';
import { vrouterToolCommand, type VrouterToolRequest } from './vrouter-request.js';

export type SimFactory = (cluster: Cluster, settings: ClusterSettings) => ClusterSimApi;

/** Renderers owned by other layers (report, sim apps), injected so the runner stays testable. */
export interface ScenarioViews {
  /** The real `flow -l` / `flow --match` text of one table. */
  flowDump(table: FlowTable, match: readonly FlowMatchTerm[]): string;
  /** An HTML page as `w3m -T text/html | grep -v "^$"` shows it. */
  htmlText(html: string): string;
  /** A reachability truth table. */
  reachTable(result: ReachResult): string;
  /** What a change did (`vrsim diff` text). */
  diffText(diff: ReachDiff): string;
  /** A tf-vrouter utility's output on a node's state (src/report/vrouter/). */
  vrouterTool(request: VrouterToolRequest, state: VrouterState): VrouterToolView;
}

export interface RunOptions {
  readonly views: ScenarioViews;
  /** Stop after this step (1-based) and dump every node's flow table. */
  readonly stopAfterStep?: number;
  /** Told about each step when it is done (the HTML report snapshots the flow tables here). */
  readonly onStep?: (report: StepReport) => void;
  /** Told, after the dry run and before the simulation starts, of a run that will be long. */
  readonly warn?: (warning: Diagnostic) => void;
}

/** `Warning: ...` lines, as kubectl prints server warnings. */
function warningLines(warnings: readonly Diagnostic[]): string[] {
  return warnings.filter((w) => w.severity === 'warning').map((w) => `Warning: ${w.message}`);
}

/** A note as `# ` comment lines wrapped at 90 columns (explicit line breaks kept). */
function wrapComment(text: string): string[] {
  const out: string[] = [];
  for (const paragraph of text.trimEnd().split('\n')) {
    let line = '#';
    for (const word of paragraph.split(/\s+/).filter((w) => w !== '')) {
      if (line.length + 1 + word.length > 90 && line !== '#') {
        out.push(line);
        line = '#';
      }
      line += ` ${word}`;
    }
    out.push(line);
  }
  return out;
}

function isHtml(text: string): boolean {
  return /<(html|!doctype|body|h1|p)\b/i.test(text);
}

type StepBody = Pick<StepReport, 'commands' | 'output' | 'expectations'>;

interface Poller {
  readonly from: EndpointRef;
  readonly url: string;
}

export function runScenario(scenario: Scenario, createSim: SimFactory, options: RunOptions): ScenarioReport {
  const plan = planScenario(scenario);
  for (const w of plan.runWarnings) options.warn?.(w);
  const { views } = options;
  const sim = createSim(plan.initial, scenario.settings);
  let cluster = plan.initial;
  const pollers = new Map<string, Poller>();

  // The initial resources, one `kubectl apply -f` per file with what it printed.
  const setup: StepReport[] = scenario.resources.map((m) => ({
    number: 0,
    kind: 'setup',
    line: 1,
    commands: applyCommands(m),
    output: [...warningLines(plan.initialWarnings.filter((w) => w.file === m.file)), ...createdLines(m)].join('\n'),
    expectations: [],
    timeMs: sim.nowMs(),
  }));
  const otherWarnings = warningLines(plan.initialWarnings.filter((w) => !scenario.resources.some((m) => m.file === w.file)));
  if (otherWarnings.length > 0) setup.push({ number: 0, kind: 'setup', line: 1, commands: [], output: otherWarnings.join('\n'), expectations: [], timeMs: sim.nowMs() });

  /** A probe's terminal: the prompt and command (with the w3m pipe for a page), then what it printed. */
  const probeStep = (from: EndpointRef, command: string, probe: ProbeOutcome, check: (shown: string) => ExpectationResult[]): StepBody => {
    const html = probe.tool === 'curl' && isHtml(probe.stdout);
    const shown = html ? views.htmlText(probe.stdout) : probe.stdout;
    return { commands: [promptFor(from, command + (html ? W3M_SUFFIX : ''))], output: probeTerminalText(from, probe, shown), expectations: check(shown) };
  };

  const reports: StepReport[] = [];
  let stoppedAfterStep: number | undefined;
  for (const planned of plan.steps) {
    const number = planned.step.index + 1;
    let body: StepBody;
    try {
      body = runStep(planned);
      // The user reads the output before typing the next command; connections finish closing.
      if (planned.step.kind !== 'note' && planned.step.kind !== 'wait' && scenario.pauseMs > 0) sim.advance(scenario.pauseMs);
    } catch (error) {
      // A bound of the run (virtual time, events): name the step that ran into it; nothing is reported.
      if (error instanceof SimulationLimitError && error.where === undefined) {
        throw new SimulationLimitError(error.message, `${scenario.file}:${planned.step.line}: steps[${planned.step.index}].${planned.step.kind}`);
      }
      throw error;
    }
    const report: StepReport = { number, kind: planned.step.kind, line: planned.step.line, ...body, timeMs: sim.nowMs() };
    reports.push(report);
    options.onStep?.(report);
    if (options.stopAfterStep !== undefined && number >= options.stopAfterStep) {
      stoppedAfterStep = number;
      break;
    }
  }

  function runStep(planned: PlannedStep): StepBody {
    const step = planned.step;
    // A diff step reaches over the cluster before its change, then after it.
    const reachBefore = step.kind === 'diff' ? sim.reach({ ports: step.ports, protocols: step.protocols, hosts: step.hosts }) : undefined;
    if (planned.cluster !== undefined) {
      cluster = planned.cluster;
      sim.updateCluster(cluster);
    }
    const translated = step.kind === 'apply' && sim.settings.semantics === 'contrail' ? contrailWarnings(cluster).filter((w) => w.file === step.manifest.file) : [];
    const modelOutput = [...warningLines(planned.warnings), ...warningLines(translated), ...planned.output].join('\n');
    switch (step.kind) {
      case 'note':
        return { commands: wrapComment(step.text), output: '', expectations: [] };
      case 'apply':
        return { commands: applyCommands(step.manifest), output: modelOutput, expectations: [] };
      case 'delete':
        return { commands: deleteCommands(step.target), output: modelOutput, expectations: [] };
      case 'label':
        return { commands: [labelCommand(step.target, step.set, step.remove)], output: modelOutput, expectations: [] };
      case 'curl': {
        const url = step.to.kind === 'url' ? step.to.url : urlFor(endpointIp(cluster, step.to.ref, step.from), step.to.port ?? 80);
        const probe = sim.curl(step.from, url, { maxTimeSeconds: step.maxTimeSeconds });
        return probeStep(step.from, curlCommand(url, step.maxTimeSeconds), probe, (shown) => checkProbe(step, probe, shown));
      }
      case 'ping': {
        const probe = sim.ping(step.from, step.to, { count: step.count });
        return probeStep(step.from, pingCommand(endpointIp(cluster, step.to, step.from), step.count), probe, (shown) => checkProbe(step, probe, shown));
      }
      case 'udp': {
        const probe = sim.udp(step.from, step.to, step.port, { timeoutSeconds: step.timeoutSeconds });
        return probeStep(step.from, udpCommand(endpointIp(cluster, step.to, step.from), step.port, step.timeoutSeconds), probe, (shown) => checkProbe(step, probe, shown));
      }
      case 'sctp': {
        const probe = sim.sctp(step.from, step.to, step.port, { timeoutSeconds: step.timeoutSeconds });
        return probeStep(step.from, sctpCommand(endpointIp(cluster, step.to, step.from), step.port, step.timeoutSeconds), probe, (shown) => checkProbe(step, probe, shown));
      }
      case 'background': {
        const url = urlFor(endpointIp(cluster, step.to, step.from), step.port);
        sim.startPoller(step.name, step.from, url, { intervalMs: step.everyMs, keepAlive: step.keepAlive });
        pollers.set(step.name, { from: step.from, url });
        return { commands: [backgroundComment(step.name, step.from, url, step.everyMs, step.keepAlive)], output: '', expectations: [] };
      }
      case 'stop':
        sim.stopPoller(step.name);
        pollers.delete(step.name);
        return { commands: [`# stop background "${step.name}"`], output: '', expectations: [] };
      case 'wait':
        sim.advance(step.ms);
        return { commands: [`$ sleep ${step.ms / 1000}`], output: '', expectations: [] };
      case 'check': {
        const poller = pollers.get(step.background);
        const ticks = sim.pollerTicks(step.background);
        const now = sim.nowMs();
        const start = now - step.lastMs;
        const responded = ticks.filter((t) => t.respondedAtMs !== null && t.respondedAtMs > start && t.respondedAtMs <= now);
        const sent = ticks.filter((t) => t.sentAtMs > start && t.sentAtMs <= now);
        const lines = responded.map((t) => `[${clockText(t.respondedAtMs ?? 0)}] response from ${poller?.url ?? '?'}`);
        const from = poller?.from ?? { kind: 'ip' as const, ip: '0.0.0.0' };
        return { commands: [logsCommand(from, step.lastMs, step.background)], output: lines.join('\n'), expectations: [checkPoller(step, sent.length, responded.length)] };
      }
      case 'reach': {
        const result = sim.reach({ ports: step.ports, protocols: step.protocols, hosts: step.hosts });
        const text = views.reachTable(result);
        const flags = [...step.ports.map((p) => `--port ${p}`), ...step.protocols.map((p) => `--protocol ${p}`), ...(step.hosts ? ['--hosts'] : [])];
        return { commands: [`$ vrsim reach ${flags.join(' ')}`], output: text, expectations: checkReach(step, text) };
      }
      case 'diff': {
        const after = sim.reach({ ports: step.ports, protocols: step.protocols, hosts: step.hosts });
        const diff = diffReachResults(reachBefore!, after);
        const flags = [...step.ports.map((p) => `--port ${p}`), ...step.protocols.map((p) => `--protocol ${p}`), ...(step.hosts ? ['--hosts'] : [])];
        const heading = `# vrsim diff ${flags.join(' ')}: a reach before this apply and after it`;
        const output = [...(modelOutput === '' ? [] : [modelOutput, '']), heading, views.diffText(diff).trimEnd()].join('\n');
        return { commands: applyCommands(step.manifest), output, expectations: checkDiff(step, diff) };
      }
      case 'flows': {
        const table = sim.flowTable(step.node);
        const text = views.flowDump(table, step.match).trimEnd();
        const listed = readFlowRecords(table, step.match);
        return { commands: [flowCommand(step.node, step.match)], output: text, expectations: checkFlowsStep(step, listed) };
      }
      case 'vrouter': {
        if (step.clear) {
          sim.clearDropStats(step.node);
          return { commands: [vrouterCommand(step.node, 'dropstats --clear')], output: '\nDropstats counters cleared successfully on all cores ', expectations: [] };
        }
        const view = views.vrouterTool(step.request, sim.vrouterState(step.node));
        const output = view.kind === 'output' ? view.text.replace(/\n+$/, '') : view.message;
        return { commands: [vrouterCommand(step.node, vrouterToolCommand(step.request))], output, expectations: checkVrouterStep(step, view), ...(view.kind === 'output' ? { data: view.json } : {}) };
      }
    }
  }

  let state: StateDump[] | undefined;
  if (stoppedAfterStep !== undefined) {
    state = sim.nodeNames().map((node) => ({
      node,
      commands: [flowCommand(node, [])],
      output: views.flowDump(sim.flowTable(node), []).trimEnd(),
    }));
  }
  // Every node's drop counters at the end of the run, as `dropstats` names them (`run -o json`).
  const dropstats = Object.fromEntries(sim.nodeNames().map((node) => {
    const view = views.vrouterTool({ tool: 'dropstats' }, sim.vrouterState(node));
    return [node, view.kind === 'output' ? view.counters : {}];
  }));
  const all = [...setup, ...reports].flatMap((r) => r.expectations);
  const passed = all.filter((e) => e.passed).length;
  return {
    file: scenario.file,
    name: scenario.name,
    source: scenario.source,
    description: scenario.description,
    settings: scenario.settings,
    setup,
    steps: reports,
    passed,
    failed: all.length - passed,
    dropstats,
    ...(stoppedAfterStep === undefined ? {} : { stoppedAfterStep }),
    ...(state === undefined ? {} : { state }),
  };
}
