/**
 * The HTML report of `vrsim reach … --html FILE`: the topology, then the truth table as a heat
 * map (every cell's explanation on hover and click), or with `--enforcement flow,packet` the
 * two heat maps side by side with the cells that differ and why.
 *
 * Guarantees: a function of its input only (deterministic bytes); all names escaped.
 */
import { card, htmlPage } from './page.js';
import type { ReachComparison, ReachTable, Topology } from './model.js';
import { comparisonHtml, reachHtml } from './reach-section.js';
import { topologySvg } from './topology-svg.js';
import { text } from './escape.js';

export interface ReachPageInput {
  /** The command as typed (shown under the title). */
  readonly command: string;
  /** `enforcement flow, semantics kubernetes, ...`. */
  readonly settings: string;
  readonly topology: Topology;
  readonly table: { readonly kind: 'one'; readonly table: ReachTable } | { readonly kind: 'two'; readonly comparison: ReachComparison };
}

function pairs(t: ReachTable): number {
  return t.sources.length * t.destinations.length;
}

export function reachPage(input: ReachPageInput): string {
  const t = input.table;
  const main = t.kind === 'one' ? t.table : t.comparison.tables[0];
  const allowed = new Set(main.cells.filter((c) => c.allowed).map((c) => `${c.from}|${c.to}`)).size;
  const body = [
    card('topology', 'Topology', `<div class="svg-scroll">${topologySvg(input.topology)}</div>`),
    t.kind === 'one'
      ? card('reach', 'Truth table', `<p class="lead">${text(`${main.sources.length} sources × ${main.destinations.length} destinations, each connection really attempted through the simulated dataplane.`)}</p>${reachHtml(t.table)}`)
      : card('reach', 'Flow-based and packet-based, side by side', `<p class="lead">The same probes under stateful (flow) and stateless (packet) enforcement.</p>${comparisonHtml(t.comparison)}`),
  ];
  return htmlPage({
    title: 'vrsim reach',
    subtitle: input.command,
    pills: [
      { text: input.settings },
      { text: `${allowed} of ${pairs(main)} pairs with an allowed probe${t.kind === 'two' ? ' (flow)' : ''}` },
      ...(t.kind === 'two' ? [{ text: `${t.comparison.differences.length} cells differ`, tone: t.comparison.differences.length > 0 ? ('bad' as const) : ('ok' as const) }] : []),
    ],
    body: body.join('\n'),
  });
}
