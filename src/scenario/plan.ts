/**
 * The dry pass: walks a parsed scenario on the model only (apply, delete, relabel), checking
 * at each step that every pod, node and background poller it names exists at that point.
 * The result is a plan the runner replays: the cluster after each model step and what
 * kubectl printed for it.
 *
 * Guarantees: either every step is valid and a complete plan is returned, or one
 * `InputError` with every problem found (scenario lines, or the included manifest's own
 * located diagnostics, or a bound of the run it is certain to pass: run-estimate.ts) is
 * thrown — so nothing is ever half-run.
 */
import { InputError } from '../model/diagnostics.js';
import type { Cluster, Diagnostic } from '../model/types.js';
import { endpointRefText, type EndpointRef } from '../sim/cluster/types.js';
import { applyManifest, deleteTarget, labelTarget, loadInitial, type ModelResult } from './model-ops.js';
import type { Scenario, Step } from './types.js';
import { estimateRun } from './run-estimate.js';

export interface PlannedStep {
  readonly step: Step;
  /** The cluster after this step when the step changed the model. */
  readonly cluster?: Cluster;
  /** What kubectl printed (created/configured/deleted/labeled lines). */
  readonly output: readonly string[];
  /** Loader warnings, printed the way kubectl prints them. */
  readonly warnings: readonly Diagnostic[];
}

export interface ScenarioPlan {
  readonly scenario: Scenario;
  readonly initial: Cluster;
  readonly initialOutput: readonly string[];
  readonly initialWarnings: readonly Diagnostic[];
  readonly steps: readonly PlannedStep[];
  /** Warnings about the run itself (a long run), to print before it starts. */
  readonly runWarnings: readonly Diagnostic[];
}

function endpointProblem(cluster: Cluster, ref: EndpointRef, role: string): string | undefined {
  switch (ref.kind) {
    case 'pod': {
      const pod = cluster.pods.find((p) => p.namespace === ref.namespace && p.name === ref.name);
      if (pod === undefined) {
        const names = cluster.pods.map((p) => `${p.namespace}/${p.name}`);
        return `${role} pod "${endpointRefText(ref)}" does not exist at this step (pods: ${names.join(', ') || 'none'})`;
      }
      if (pod.ips.length === 0) return `${role} pod "${endpointRefText(ref)}" has no IP address`;
      return undefined;
    }
    case 'host':
      return cluster.nodes.some((n) => n.name === ref.node)
        ? undefined
        : `${role} node "${ref.node}" does not exist (nodes: ${cluster.nodes.map((n) => n.name).join(', ') || 'none'})`;
    case 'ip': {
      // A destination may be outside the cluster; a source must be someone's address at this step.
      if (role !== 'source') return undefined;
      const owned = cluster.pods.some((p) => p.ips.includes(ref.ip)) || cluster.nodes.some((n) => n.internalIPs.includes(ref.ip));
      return owned ? undefined : `source address ${ref.ip} belongs to no pod or node at this step; a source must be ns/pod, node/<name> or the address of one`;
    }
  }
}

export function planScenario(scenario: Scenario): ScenarioPlan {
  const init = loadInitial(scenario.resources, scenario.settings.seed);
  if (init.kind === 'error') throw new InputError(init.diagnostics);
  let cluster = init.cluster;
  const diagnostics: Diagnostic[] = [];
  const pollers = new Set<string>();
  const steps: PlannedStep[] = [];
  const at = (step: Step, field: string): { file: string; line: number; path: string } => ({
    file: scenario.file,
    line: step.line,
    path: `steps[${step.index}].${step.kind}${field === '' ? '' : '.' + field}`,
  });
  const problem = (step: Step, field: string, message: string): void => {
    diagnostics.push({ severity: 'error', ...at(step, field), message });
  };
  const checkEndpoint = (step: Step, field: string, ref: EndpointRef): void => {
    const p = endpointProblem(cluster, ref, field === 'from' ? 'source' : 'destination');
    if (p !== undefined) problem(step, field, p);
  };
  const modelStep = (step: Step, result: ModelResult): void => {
    if (result.kind === 'error') {
      diagnostics.push(...result.diagnostics);
      steps.push({ step, output: [], warnings: [] });
      return;
    }
    cluster = result.cluster;
    steps.push({ step, cluster, output: result.output, warnings: result.warnings });
  };

  for (const step of scenario.steps) {
    switch (step.kind) {
      case 'apply':
      case 'diff':
        modelStep(step, applyManifest(cluster, step.manifest, scenario.settings.seed));
        continue;
      case 'delete':
        modelStep(step, deleteTarget(cluster, step.target, at(step, '')));
        continue;
      case 'label':
        modelStep(step, labelTarget(cluster, step.target, step.set, step.remove, at(step, '')));
        continue;
      case 'curl':
        checkEndpoint(step, 'from', step.from);
        if (step.to.kind === 'endpoint') checkEndpoint(step, 'to', step.to.ref);
        break;
      case 'ping':
      case 'udp':
      case 'sctp':
        checkEndpoint(step, 'from', step.from);
        checkEndpoint(step, 'to', step.to);
        break;
      case 'background':
        checkEndpoint(step, 'from', step.from);
        checkEndpoint(step, 'to', step.to);
        if (pollers.has(step.name)) problem(step, 'name', `a background poller named "${step.name}" is already running`);
        pollers.add(step.name);
        break;
      case 'stop':
        if (!pollers.delete(step.name)) problem(step, '', `no background poller named "${step.name}" is running at this step`);
        break;
      case 'check':
        if (!pollers.has(step.background)) problem(step, 'background', `no background poller named "${step.background}" is running at this step (start one with a background step)`);
        break;
      case 'flows':
      case 'vrouter':
        if (!cluster.nodes.some((n) => n.name === step.node)) {
          problem(step, 'node', `node "${step.node}" does not exist (nodes: ${cluster.nodes.map((n) => n.name).join(', ') || 'none'})`);
        }
        break;
      case 'note':
      case 'wait':
      case 'reach':
        break;
    }
    steps.push({ step, output: [], warnings: [] });
  }
  // The bounds of the run (src/sim/limits.ts): a scenario certain to pass one is refused here.
  const estimate = estimateRun(scenario);
  diagnostics.push(...estimate.errors);
  if (diagnostics.length > 0) throw new InputError(diagnostics);
  return { scenario, initial: init.cluster, initialOutput: init.output, initialWarnings: init.warnings, steps, runWarnings: estimate.warnings };
}
