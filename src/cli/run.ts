/**
 * `vrsim run <scenario.yaml>`: replays a lab scenario and prints the book-style transcript
 * (or `-o json`). Exit 0 when every expectation passed, 1 when one failed, 2 when the
 * scenario, a flag or an output path is bad (located diagnostics on stderr, never a stack
 * trace, nothing run); `--step N` stops after step N and dumps every node's flow table;
 * `--seed N` overrides the scenario's seed; `--junit FILE`, `--pcap FILE` and `--html FILE` write files too.
 */
import { readTextFile } from '../model/read-files.js';
import { quote } from '../model/quote.js';
import { dirname, join, relative, resolve } from 'node:path';
import type { Argv } from 'yargs';
import type { CliCommand } from './command.js';
import { MAX_SEED, parseSeed } from './flag-checks.js';
import { UserError, colorEnabled, printWarnings, reportFailure, type CliIo } from './io.js';
import { parseScenario, type IncludeReader } from '../scenario/parse-scenario.js';
import { runScenario, type ScenarioViews, type SimFactory } from '../scenario/runner.js';
import { renderJson, renderTranscript } from '../scenario/transcript.js';
import { defaultViews } from '../scenario/default-views.js';
import { createClusterSim } from '../scenario/sim-factory.js';
import { ClusterSim } from '../sim/cluster/cluster-sim.js';
import type { Semantics } from '../sim/cluster/types.js';
import { dataplaneLogListener } from './logging.js';
import { outputPath, writeOutputFile } from './output-files.js';
import { attachCapture } from '../report/pcapng/attach.js';
import type { PacketCapture } from '../report/pcapng/capture.js';
import { junitXml } from '../report/junit.js';
import { teeTraceListeners } from '../dataplane/trace-events.js';
import { ScenarioCollector } from '../report/html/collector.js';
import { scenarioPage } from '../report/html/scenario-page.js';
import type { Diagnostic } from '../model/types.js';

/**
 * Reads a scenario file and parses it, resolving includes relative to the scenario. Both are
 * read as manifests are (src/model/read-files.ts): regular files only, at most 64 MiB, so
 * `vrsim run /dev/zero` or a FIFO is an error instead of a hang.
 */
export function loadScenarioFile(path: string, cwd: string, seed?: number): ReturnType<typeof parseScenario> {
  const absolute = resolve(cwd, path);
  const read = readTextFile(absolute);
  if (read.kind === 'error') throw new UserError(`cannot read scenario file ${quote(path)}: ${read.reason}`, 2);
  const text = read.text;
  const readInclude: IncludeReader = (rel) => {
    const target = resolve(dirname(absolute), rel);
    const found = readTextFile(target);
    return found.kind === 'error' ? undefined : { file: relative(cwd, target) || target, text: found.text };
  };
  return parseScenario({ file: path, text }, readInclude, seed === undefined ? {} : { seed });
}

/** With `--log debug`, every dataplane event of the scenario's simulation is logged too. */
function withDataplaneLog(createSim: SimFactory, io: CliIo): SimFactory {
  const listener = dataplaneLogListener(io.logger);
  if (listener === undefined) return createSim;
  return (cluster, settings) => {
    const sim = createSim(cluster, settings);
    if (sim instanceof ClusterSim) sim.setTraceListener(listener);
    return sim;
  };
}

/**
 * With `--pcap` (or the scenario's `capture:`), the scenario's simulation is captured: the
 * capture is attached to the sim the runner creates, next to the `--log debug` listener and
 * the `--html` collector. `reach` steps run on a separate copy of the cluster and are not in
 * the capture.
 */
function withCapture(createSim: SimFactory, io: CliIo, captured: { capture?: PacketCapture }, html: ScenarioCollector | undefined): SimFactory {
  const log = teeTraceListeners(dataplaneLogListener(io.logger), html?.listener);
  return (cluster, settings) => {
    const sim = createSim(cluster, settings);
    if (sim instanceof ClusterSim) {
      html?.attach(sim);
      captured.capture = attachCapture(sim, log);
    }
    return sim;
  };
}

/** With `--html` (and no capture): the collector listens next to the `--log debug` listener. */
function withHtml(createSim: SimFactory, io: CliIo, html: ScenarioCollector): SimFactory {
  const listener = teeTraceListeners(dataplaneLogListener(io.logger), html.listener);
  return (cluster, settings) => {
    const sim = createSim(cluster, settings);
    if (sim instanceof ClusterSim) {
      html.attach(sim);
      sim.setTraceListener(listener);
    }
    return sim;
  };
}

export function makeRunCommand(createSim: SimFactory, views: ScenarioViews): CliCommand {
  return {
    builder: (yargs: Argv): Argv =>
      yargs
        .positional('scenario', { type: 'string', describe: 'scenario file, e.g. scenarios/book-ch8.yaml' })
        .option('output', { alias: 'o', choices: ['text', 'json'] as const, default: 'text', describe: 'transcript or the whole report as JSON' })
        .option('step', { type: 'number', describe: 'stop after step N (1-based) and dump every flow table' })
        .option('seed', { type: 'string', describe: `override the scenario seed (0..${MAX_SEED}, as settings.seed)`, coerce: (v: unknown) => (v === undefined ? undefined : parseSeed(v)) })
        .option('semantics', { choices: ['kubernetes', 'contrail'] as const, describe: 'override the scenario semantics (kubernetes = the spec; contrail = kube-manager firewall policies, first match)' })
        .option('color', { type: 'boolean', describe: 'colour marks (default: when stdout is a terminal and NO_COLOR is not set); --no-color to disable' })
        .option('junit', { type: 'string', describe: 'also write the expectations as JUnit XML to this file (one testcase each, transcript as system-out)' })
        .option('pcap', { type: 'string', describe: 'write every packet on every vif to this pcapng file (overrides the scenario\'s capture:)' })
        .option('html', { type: 'string', describe: 'also write a self-contained HTML report to this file (topology, steps, sequence diagrams, flow tables, heat maps)' }) as unknown as Argv,
    async run(args, io: CliIo): Promise<number> {
      try {
        const step = args['step'];
        const seed = args['seed'];
        if (step !== undefined && (typeof step !== 'number' || !Number.isInteger(step) || step < 1)) throw new UserError('--step expects a step number (1 or more)', 2);
        const junitPath = outputPath(io, '--junit', args['junit']);
        const htmlPath = outputPath(io, '--html', args['html']);
        const scenarioPath = String(args['scenario']);
        const loaded = loadScenarioFile(scenarioPath, io.cwd, typeof seed === 'number' ? seed : undefined);
        if (typeof step === 'number' && step > loaded.steps.length) {
          throw new UserError(`--step ${step}: the scenario has ${loaded.steps.length} step${loaded.steps.length === 1 ? '' : 's'}`, 2);
        }
        const semantics = args['semantics'] as Semantics | undefined;
        const scenario = semantics === undefined ? loaded : { ...loaded, settings: { ...loaded.settings, semantics } };
        const pcapFlag = args['pcap'] !== undefined ? '--pcap' : 'capture';
        const pcapPath =
          args['pcap'] !== undefined
            ? outputPath(io, '--pcap', args['pcap'])
            : scenario.capture !== undefined
              ? outputPath(io, `${scenarioPath}: capture`, join(dirname(scenarioPath), scenario.capture))
              : undefined;
        const captured: { capture?: PacketCapture } = {};
        const html = htmlPath === undefined ? undefined : new ScenarioCollector(scenario);
        const factory =
          pcapPath !== undefined ? withCapture(createSim, io, captured, html) : html !== undefined ? withHtml(createSim, io, html) : withDataplaneLog(createSim, io);
        const warn = (w: Diagnostic): void => printWarnings(io, [w]);
        const report = runScenario(scenario, factory, {
          views: html === undefined ? views : html.views(views),
          warn,
          ...(typeof step === 'number' ? { stopAfterStep: step } : {}),
          ...(html === undefined ? {} : { onStep: html.afterStep }),
        });
        if (html !== undefined && htmlPath !== undefined) writeOutputFile('--html', htmlPath, scenarioPage({ report, topology: html.topology(), capture: (n) => html.capture(n) }));
        if (pcapPath !== undefined && captured.capture !== undefined) writeOutputFile(pcapFlag, pcapPath, captured.capture.toPcapng());
        io.logger?.info({ scenario: String(args['scenario']), passed: report.passed, failed: report.failed }, 'scenario done');
        const color = colorEnabled(args, io);
        if (junitPath !== undefined) writeOutputFile('--junit', junitPath, junitXml([report]));
        io.stdout(args['output'] === 'json' ? renderJson(report) : renderTranscript(report, { color }));
        return report.failed > 0 ? 1 : 0;
      } catch (error) {
        // Exit codes: 0 every expectation passed, 1 one failed, 2 bad input (scenario, flags, files).
        const code = reportFailure(io, error);
        return code === 70 ? code : 2;
      }
    },
  };
}

export const runCommand: CliCommand = makeRunCommand(createClusterSim, defaultViews);
