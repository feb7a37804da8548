/**
 * The HTML report of `vrsim trace … --html FILE`: the topology with the two endpoints marked,
 * the policy's verdict (the same lines `trace` prints), the connection's sequence diagram
 * (and any other connection the trace moved, e.g. the DNS lookup), what the client printed,
 * and every node's flow table afterwards with the connection's entries marked.
 *
 * Guarantees: a function of its input only (deterministic bytes); all text escaped.
 */
import type { DataplaneEvent } from '../../dataplane/trace-events.js';
import { connectionHtml } from './connection-section.js';
import { groupConnections } from './connections.js';
import { text } from './escape.js';
import { flowTableHtml } from './flow-table-section.js';
import type { FlowTableSnapshot, Topology } from './model.js';
import { card, htmlPage } from './page.js';
import { topologySvg } from './topology-svg.js';

export interface TracePageInput {
  /** `dev/dbserver-dev (10.47.255.233) -> dev/client1-dev (10.47.255.232) TCP/80`. */
  readonly heading: string;
  readonly from: string;
  readonly to: string;
  /** The verdict lines `trace` prints before the packets. */
  readonly verdict: readonly string[];
  readonly allowed: boolean;
  readonly events: readonly DataplaneEvent[];
  readonly topology: Topology;
  readonly flowTables: readonly FlowTableSnapshot[];
  /** The client's command and what it printed. */
  readonly client: string;
  readonly settings: string;
}

export function tracePage(input: TracePageInput): string {
  const connections = groupConnections(input.events, input.topology);
  const main = connections.find((c) => c.server.port !== 53) ?? connections[0];
  const body = [
    card('topology', 'Topology', `<div class="svg-scroll">${topologySvg(input.topology, { highlight: new Set([input.from, input.to]) })}</div>`),
    card('verdict', 'Policy', `<pre class="cmd">${text(input.verdict.join('\n'))}</pre>`),
    card(
      'packets',
      'Packets',
      `<pre class="out">${text(input.client)}</pre>` +
        connections.map((c, i) => connectionHtml(c, input.topology, { id: `trace-c${i + 1}`, open: c === main, selected: c === main, selectable: false })).join(''),
    ),
    card(
      'flows',
      'Flow tables afterwards',
      `<div class="tables-grid">${input.flowTables.map((t) => flowTableHtml(t, main?.entries.get(t.node) ?? new Set(), `flow -l on ${t.node}`)).join('')}</div>`,
    ),
  ];
  return htmlPage({
    title: `trace ${input.heading}`,
    pills: [{ text: input.settings }, { text: input.allowed ? 'allowed' : 'denied', tone: input.allowed ? 'ok' : 'bad' }],
    body: body.join('\n'),
  });
}
