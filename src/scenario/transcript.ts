/**
 * Renders a `ScenarioReport` as a book-style transcript: each step as the command a user
 * types, then what the simulation printed, then one mark per expectation
 * (`  ✔ expected success` / `  ✘ expected success, got timeout (...)`), ending with the
 * line `N passed, N failed`. Also the `-o json` form.
 *
 * Guarantees: without colour the output is plain text, byte-identical run to run; colour
 * (ANSI) only when asked; the summary line is always the last line, alone.
 */
import type { ExpectationResult, ScenarioReport, StepReport } from './report-types.js';

export interface TranscriptOptions {
  readonly color: boolean;
}

const ANSI = { green: '\u001b[32m', red: '\u001b[31m', dim: '\u001b[2m', bold: '\u001b[1m', reset: '\u001b[0m' };

function paint(on: boolean, code: string, text: string): string {
  return on ? `${code}${text}${ANSI.reset}` : text;
}

export function markLine(e: ExpectationResult, color: boolean): string {
  if (e.passed) return `  ${paint(color, ANSI.green, '✔')} ${e.description}`;
  const actual = e.actual === undefined ? '' : `, ${e.actual}`;
  const [first, ...rest] = `${e.description}${actual}`.split('\n');
  return [`  ${paint(color, ANSI.red, '✘')} ${first ?? ''}`, ...rest.map((l) => `    ${l}`)].join('\n');
}

function stepBlock(step: StepReport, color: boolean): string {
  const lines: string[] = [];
  for (const c of step.commands) lines.push(c.startsWith('# ') || c === '#' ? paint(color, ANSI.dim, c) : paint(color, ANSI.bold, c));
  if (step.output !== '') lines.push(step.output);
  for (const e of step.expectations) lines.push(markLine(e, color));
  return lines.join('\n');
}

export function summaryLine(report: ScenarioReport): string {
  return `${report.passed} passed, ${report.failed} failed`;
}

export function renderTranscript(report: ScenarioReport, options: TranscriptOptions): string {
  const { color } = options;
  const head: string[] = [paint(color, ANSI.bold, report.name), `Source: ${report.source}`];
  if (report.description.trim() !== '') head.push('', ...report.description.trimEnd().split('\n'));
  const s = report.settings;
  head.push('', paint(color, ANSI.dim, `# settings: enforcement ${s.enforcement}${s.semantics === 'contrail' ? ', semantics contrail' : ''}, policy change ${s.policyChange}, seed ${s.seed}`));
  const blocks = [head.join('\n')];
  for (const step of report.setup) blocks.push(stepBlock(step, color));
  for (const step of report.steps) blocks.push(stepBlock(step, color));
  if (report.stoppedAfterStep !== undefined) {
    const state = [paint(color, ANSI.dim, `# stopped after step ${report.stoppedAfterStep} (--step); the flow table of every node:`)];
    for (const dump of report.state ?? []) state.push('', ...dump.commands.map((c) => paint(color, ANSI.bold, c)), dump.output);
    blocks.push(state.join('\n'));
  }
  blocks.push(summaryLine(report));
  return blocks.filter((b) => b !== '').join('\n\n') + '\n';
}

export function renderJson(report: ScenarioReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}
