/**
 * The HTML report of a scenario run (`vrsim run <scenario> --html FILE`): the header with the
 * settings and the verdict, "where packets died" (every connection the vRouters dropped, with
 * the agent's reason, linked to its step), the topology as the run began, then each step — its commands,
 * output and expectations, the topology after it when it added or deleted pods (packets are
 * named with the pods as they were during the step), each connection with its sequence diagram, the flow table of
 * every node after the step with the selected connection's entries marked, and truth tables
 * as heat maps (flow-based and packet-based side by side under flow or packet enforcement).
 *
 * Guarantees: a function of the report and the collected data only (deterministic bytes);
 * every user-derived text escaped.
 */
import type { ScenarioReport, StepReport } from '../../scenario/report-types.js';
import { connectionHtml, connectionTitle } from './connection-section.js';
import { fateText, groupConnections, type Connection } from './connections.js';
import { attr, text } from './escape.js';
import { flowTableHtml } from './flow-table-section.js';
import type { Counterpart, StepCapture, Topology } from './model.js';
import { card, htmlPage } from './page.js';
import { comparisonHtml, reachHtml } from './reach-section.js';
import { topologySvg } from './topology-svg.js';

export interface ScenarioPageInput {
  readonly report: ScenarioReport;
  readonly topology: Topology;
  capture(stepNumber: number): StepCapture | undefined;
}

type Status = 'ok' | 'bad' | 'note' | 'plain';

function statusOf(step: StepReport): Status {
  if (step.kind === 'note') return 'note';
  if (step.expectations.some((e) => !e.passed)) return 'bad';
  return step.expectations.length > 0 ? 'ok' : 'plain';
}

/** The connection a step is about: the first that is not a DNS lookup. */
function mainConnection(connections: readonly Connection[]): Connection | undefined {
  return connections.find((c) => c.server.port !== 53) ?? connections[0];
}

function commandText(step: StepReport): string {
  return step.commands.find((c) => !c.startsWith('#')) ?? step.commands[0] ?? '';
}

function expectationsHtml(step: StepReport): string {
  if (step.expectations.length === 0) return '';
  const items = step.expectations.map((e) => `<li class="${e.passed ? 'ok' : 'bad'}">${text(e.description)}${e.passed || e.actual === undefined ? '' : `, ${text(e.actual)}`}</li>`);
  return `<ul class="expect">${items.join('')}</ul>`;
}

interface Marked {
  readonly step: number;
  readonly connection: Connection;
}

function stepHtml(step: StepReport, input: ScenarioPageInput, carried: Marked | undefined): { html: string; marked: Marked | undefined } {
  const status = statusOf(step);
  const id = `step-${step.number}`;
  if (step.kind === 'note') {
    const comment = step.commands.map((c) => c.replace(/^# ?/, '')).join(' ');
    return { html: `<div class="step note" id="${id}"><p class="comment">${text(comment)}</p></div>`, marked: carried };
  }
  const capture = input.capture(step.number);
  const naming = capture?.naming ?? input.topology;
  const connections = capture === undefined ? [] : groupConnections(capture.events, naming);
  const main = mainConnection(connections);
  const marked: Marked | undefined = main === undefined ? carried : { step: step.number, connection: main };
  const parts: string[] = [];
  const verdict = status === 'bad' ? '<span class="pill bad">failed</span>' : status === 'ok' ? '<span class="pill ok">passed</span>' : '';
  parts.push(`<div class="step ${status}" id="${id}"><h3><span class="num">step ${step.number}</span><span class="kind">${text(step.kind)}</span>${verdict}</h3>`);
  parts.push(`<pre class="cmd">${text(step.commands.join('\n'))}</pre>`);
  if (step.output !== '' && capture?.reach === undefined) parts.push(`<pre class="out">${text(step.output)}</pre>`);
  parts.push(expectationsHtml(step));
  if (capture !== undefined && capture.topologyChanges.length > 0) parts.push(topologyChangeHtml(step.number, capture));
  const own = connections.map((c, i) => connectionHtml(c, naming, { id: `${id}-c${i + 1}`, open: c.fate.drops.length > 0 || capture?.counterpart !== undefined, selected: c === main, selectable: connections.length > 1 }));
  if (capture?.counterpart !== undefined) parts.push(sideBySide(id, own, capture.counterpart, naming));
  else parts.push(...own);
  if (capture?.comparison !== undefined) parts.push(comparisonHtml(capture.comparison));
  else if (capture?.reach !== undefined) parts.push(reachHtml(capture.reach));
  if (capture !== undefined && capture.flowTables.length > 0) {
    const highlight = marked?.connection.entries;
    const whose = marked === undefined ? '' : marked.step === step.number ? ' (marked: this step’s connection)' : ` (marked: the entries of step ${marked.step}’s connection)`;
    const tables = capture.flowTables.map((t) => flowTableHtml(t, highlight?.get(t.node) ?? new Set(), `flow -l on ${t.node}`));
    const open = step.kind === 'flows' || (main?.fate.drops.length ?? 0) > 0;
    parts.push(`<details class="tables"${open ? ' open' : ''}><summary>Flow tables after step ${step.number}${text(whose)}</summary><div class="tables-grid">${tables.join('')}</div></details>`);
  }
  parts.push('</div>');
  return { html: parts.join(''), marked };
}

/** What a step added or removed, and the topology after it. */
function topologyChangeHtml(number: number, capture: StepCapture): string {
  const count = (sign: string): number => capture.topologyChanges.filter((c) => c.startsWith(sign)).length;
  const [added, removed] = [count('+'), count('-')];
  const what = [removed > 0 ? `${removed} pod${removed === 1 ? '' : 's'} removed` : '', added > 0 ? `${added} added` : ''].filter((w) => w !== '').join(', ');
  const items = capture.topologyChanges.map((c) => `<li>${text(c.startsWith('+') ? `added ${c.slice(2)}` : `removed ${c.slice(2)}`)}</li>`).join('');
  return `<details class="topo-change" open><summary>Topology after step ${number}: ${text(what)}</summary><ul class="changes">${items}</ul><div class="svg-scroll">${topologySvg(capture.topology)}</div></details>`;
}

/** Packet-based (this run) beside flow-based (the same probe on a fresh copy of the cluster). */
function sideBySide(id: string, own: readonly string[], other: Counterpart, topology: Topology): string {
  const theirs = groupConnections(other.events, topology).map((c, i) => connectionHtml(c, topology, { id: `${id}-f${i + 1}`, open: true, selected: false, selectable: false }));
  return (
    `<div class="side-by-side"><div><h4>packet-based (this run)</h4>${own.join('')}</div>` +
    `<div><h4>flow-based (the same probe on a fresh copy of the cluster): ${text(other.outcome)}</h4><pre class="out">${text(other.output)}</pre>${theirs.join('')}</div></div>`
  );
}

function diedHtml(input: ScenarioPageInput): string {
  const items: string[] = [];
  for (const step of input.report.steps) {
    const capture = input.capture(step.number);
    if (capture === undefined) continue;
    for (const c of groupConnections(capture.events, capture.naming)) {
      if (c.fate.drops.length === 0) continue;
      const denial = c.fate.decisions.find((d) => !d.allowed);
      const expected = step.expectations.map((e) => `${e.passed ? '✔' : '✘'} ${e.description}`).join(', ');
      items.push(
        `<li><a href="#step-${step.number}">step ${step.number}</a> <b>${text(connectionTitle(c))}</b>${expected === '' ? '' : ` <span class="muted">${text(expected)}</span>`}<br>` +
          `<span class="fate bad">${text(fateText(c))}</span>${denial === undefined ? '' : `<br>agent on ${text(denial.node)}: ${text(denial.reason)}`}</li>`,
      );
    }
  }
  if (items.length === 0) return '<p class="muted">No vRouter dropped a packet in this run.</p>';
  return `<p class="lead">Every connection a vRouter dropped packets of: the node, the drop reason and flow entry, and the agent's policy decision that installed the drop action. Follow the link for the packets' sequence diagram and the flow tables.</p><ul class="diffs">${items.join('')}</ul>`;
}

function tocHtml(report: ScenarioReport): string {
  const chips = report.steps
    .filter((s) => s.kind !== 'note')
    .map((s) => {
      const st = statusOf(s);
      return `<a class="${st}" href="#step-${s.number}" title="${attr(commandText(s))}">${s.number} ${text(s.kind)}</a>`;
    });
  return `<nav class="toc">${chips.join('')}</nav>`;
}

/** A YAML block's text as paragraphs: blank lines separate them, single line breaks are spaces (list items keep theirs). */
function paragraphs(description: string): string {
  return description
    .trim()
    .split(/\n\s*\n/)
    .map((p) => `<p class="lead">${text(p.replace(/\n(?!\s*(?:[-*]|\d+\.)\s)/g, ' '))}</p>`)
    .join('');
}

/** A sentence linking the steps that added or deleted pods, or nothing when none did. */
function changedSteps(input: ScenarioPageInput): string {
  const steps = input.report.steps.filter((s) => (input.capture(s.number)?.topologyChanges.length ?? 0) > 0);
  if (steps.length === 0) return ' No step adds or deletes a pod.';
  return ` Steps that add or delete pods show the topology after them: ${steps.map((s) => `<a href="#step-${s.number}">step ${s.number}</a>`).join(', ')}.`;
}

export function scenarioPage(input: ScenarioPageInput): string {
  const r = input.report;
  const s = r.settings;
  const body: string[] = [];
  if (r.description.trim() !== '') body.push(card('about', 'The lab', paragraphs(r.description)));
  body.push(card('died', 'Where packets died', diedHtml(input)));
  body.push(
    card(
      'topology',
      'Topology',
      `<p class="lead">Nodes with their vRouter, agent and fabric address; pods on their tap interfaces (vif 0/N); the MPLS-over-UDP tunnels between the vRouters, as the run began.${changedSteps(input)}</p><div class="svg-scroll">${topologySvg(input.topology)}</div>`,
    ),
  );
  const setup = r.setup.map((st) => `<div class="step plain" id="setup"><h3><span class="num">setup</span></h3><pre class="cmd">${text(st.commands.join('\n'))}</pre>${st.output === '' ? '' : `<pre class="out">${text(st.output)}</pre>`}</div>`);
  let marked: Marked | undefined;
  const steps: string[] = [];
  for (const step of r.steps) {
    const out = stepHtml(step, input, marked);
    marked = out.marked;
    steps.push(out.html);
  }
  const legend =
    '<p class="lead">Sequence diagrams: <b style="color:#1d4ed8">blue</b> the request direction, <b style="color:#047857">green</b> the reply (on the reverse flow), <b style="color:#b45309">dashed amber</b> the trap to the agent and the flows it installs, <b style="color:#b91c1c">red ✕</b> where the vRouter dropped the packet. Hover a row for its trace line.</p>';
  body.push(card('steps', `Steps (${r.steps.length})`, `${tocHtml(r)}${legend}${setup.join('')}${steps.join('')}`));
  const settings = `enforcement ${s.enforcement}${s.semantics === 'contrail' ? ', semantics contrail' : ''}, policy change ${s.policyChange}, seed ${s.seed}`;
  return htmlPage({
    title: r.name,
    subtitle: `${r.file} · ${r.source}`,
    pills: [
      { text: settings },
      { text: `${r.passed} passed`, tone: 'ok' },
      ...(r.failed > 0 ? [{ text: `${r.failed} failed`, tone: 'bad' as const }] : []),
      ...(r.stoppedAfterStep === undefined ? [] : [{ text: `stopped after step ${r.stoppedAfterStep}` }]),
    ],
    body: body.join('\n'),
  });
}
