/**
 * One connection in the report: a line with who talked to whom and what became of the
 * packets (delivered, or dropped by which vRouter and why), the agent's decision in words,
 * and its sequence diagram. Used by the scenario steps and by the trace report.
 *
 * Guarantees: the entries listed in `data-entries` are the flow entries the connection used
 * on each node (what the page script marks in the flow tables); all text escaped.
 */
import type { Connection } from './connections.js';
import { fateText } from './connections.js';
import { attr, domId, text } from './escape.js';
import type { Topology } from './model.js';
import { sequenceSvg } from './sequence-svg.js';

function portText(c: Connection): string {
  return c.server.port === undefined ? c.protocol : `${c.protocol}/${c.server.port}`;
}

/** `cent333=440964,291176;cent222=…` */
export function entriesAttribute(c: Connection): string {
  return [...c.entries].map(([node, set]) => `${node}=${[...set].sort((a, b) => a - b).join(',')}`).join(';');
}

export function connectionTitle(c: Connection): string {
  return `${c.client.name} (${c.client.ip}${c.client.port === undefined ? '' : `:${c.client.port}`}) → ${c.server.name} (${c.server.ip}) ${portText(c)}`;
}

export interface ConnectionOptions {
  readonly id: string;
  readonly open: boolean;
  readonly selected: boolean;
  /** Show the button that marks this connection's entries in the step's flow tables. */
  readonly selectable: boolean;
}

export function connectionHtml(c: Connection, topology: Topology, options: ConnectionOptions): string {
  const dropped = c.fate.drops.length > 0;
  const why = c.fate.decisions.map(
    (d) => `<div class="why ${d.allowed ? 'allow' : 'deny'}"><b>agent on ${text(d.node)}:</b> ${text(d.reason)}</div>`,
  );
  const cls = `conn${options.selected ? ' selected' : ''}${dropped ? ' dropped' : ''}`;
  return (
    `<details class="${cls}" id="${attr(options.id)}" data-entries="${attr(entriesAttribute(c))}"${options.open ? ' open' : ''}>` +
    `<summary><span class="who">${text(connectionTitle(c))}</span>` +
    `<span class="fate ${dropped ? 'bad' : 'ok'}">${text(fateText(c))}</span>` +
    `${options.selectable ? '<button type="button" class="select" title="mark this connection\'s entries in the flow tables below">mark flows</button>' : ''}</summary>` +
    why.join('') +
    `<div class="body svg-scroll">${sequenceSvg(c, topology, domId(options.id, 'm'))}</div></details>`
  );
}
