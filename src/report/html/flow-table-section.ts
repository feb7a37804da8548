/**
 * A node's flow table in the report: the real `flow -l` text (the report layer's renderer,
 * byte for byte as the transcript prints it) in a `<pre>`, with each record wrapped in a
 * `<span>` carrying its index, and the records of the selected connection marked — the
 * entries its packets hit, held on or the agent installed.
 *
 * Guarantees: the visible text is exactly the `flow -l` text (markup only wraps it, every
 * character escaped); a record is marked only when its index is in `highlight`.
 */
import { attr, text } from './escape.js';
import type { FlowTableSnapshot } from './model.js';

/** A record block starts with its right-aligned index, then `<=>` and the reverse index, or blanks. */
const RECORD = /^ *(\d+)(<=>| {12})/;

/** The header ends with the 83-dash column rule; the records follow, separated by blank lines. */
const RULE = `${'-'.repeat(83)}\n`;

export function flowTableHtml(snapshot: FlowTableSnapshot, highlight: ReadonlySet<number>, caption: string): string {
  const cut = snapshot.text.indexOf(RULE);
  const header = cut < 0 ? snapshot.text : snapshot.text.slice(0, cut + RULE.length);
  const blocks = cut < 0 ? [] : snapshot.text.slice(cut + RULE.length).split('\n\n');
  const parts = blocks.map((block) => {
    const m = RECORD.exec(block);
    if (m === null) return text(block);
    const index = Number(m[1]);
    const marked = highlight.has(index);
    const action = /Action:(\w)(?:\((\w+)\))?/.exec(block);
    const cls = `flow${marked ? ' marked' : ''}${action?.[1] === 'D' ? ' drop' : ''}`;
    return `<span class="${cls}" data-flow="${index}" title="${attr(`flow ${index}${action === null ? '' : `, action ${action[1]}${action[2] === undefined ? '' : `(${action[2]})`}`}`)}">${text(block)}</span>`;
  });
  const count = blocks.filter((b) => RECORD.test(b)).length;
  return (
    `<figure class="flow-table" data-node="${attr(snapshot.node)}"><figcaption>${text(caption)} · ${count} entr${count === 1 ? 'y' : 'ies'}` +
    `${highlight.size > 0 ? ` · <span class="legend-mark">marked</span>: this connection's entries` : ''}</figcaption><pre>${text(header)}${parts.join('\n\n')}</pre></figure>`
  );
}
