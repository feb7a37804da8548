/**
 * A truth table as a heat map: rows are sources, columns destinations, one cell per pair
 * coloured by the share of its probes (protocols and ports) that got through — green all,
 * red none, amber some, grey when nothing serves the port. Each cell says why on hover (its
 * `title`) and, with the page script, in the explanation panel on click: every probe of the
 * pair with the policy decision the dataplane applied.
 *
 * Guarantees: deterministic (rows and columns in the reach's display order); every name and
 * reason escaped; cells named in `differing` are outlined (flow-based vs packet-based).
 */
import type { ReachCell } from '../../sim/cluster/types.js';
import { attr, text } from './escape.js';
import type { ReachTable } from './model.js';

/** The `from|to` key of a pair. */
export function pairKey(from: string, to: string): string {
  return `${from}|${to}`;
}

function clip(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}

export interface HeatMapOptions {
  /** Pairs (`pairKey`) to outline. */
  readonly differing?: ReadonlySet<string>;
}

export function heatMapHtml(table: ReachTable, options: HeatMapOptions = {}): string {
  const byPair = new Map<string, ReachCell[]>();
  for (const c of table.cells) {
    const k = pairKey(c.from, c.to);
    const list = byPair.get(k);
    if (list === undefined) byPair.set(k, [c]);
    else list.push(c);
  }
  const differing = options.differing ?? new Set<string>();
  const out: string[] = [];
  out.push(`<figure class="heat"><figcaption>${text(table.title)}</figcaption><div class="heat-scroll"><table class="heat-map"><thead><tr><th class="corner">from \\ to</th>`);
  for (const d of table.destinations) out.push(`<th class="col"><span>${text(clip(d, 28))}</span></th>`);
  out.push('</tr></thead><tbody>');
  for (const s of table.sources) {
    out.push(`<tr><th class="row">${text(clip(s, 32))}</th>`);
    for (const d of table.destinations) {
      const cells = byPair.get(pairKey(s, d)) ?? [];
      out.push(cellHtml(s, d, cells, differing.has(pairKey(s, d))));
    }
    out.push('</tr>');
  }
  out.push('</tbody></table></div></figure>');
  return out.join('');
}

function cellHtml(from: string, to: string, cells: readonly ReachCell[], differs: boolean): string {
  if (cells.length === 0) return '<td class="cell none-probed" title="not probed">·</td>';
  const served = cells.filter((c) => c.served !== false);
  const allowed = served.filter((c) => c.allowed).length;
  const cls = served.length === 0 ? 'unserved' : allowed === served.length ? 'allow' : allowed === 0 ? 'deny' : 'some';
  const mark = served.length === 0 ? '–' : allowed === served.length ? '✔' : allowed === 0 ? '✘' : `${allowed}/${served.length}`;
  const lines = cells.map((c) => `${c.protocol}/${c.portLabel}: ${c.served === false ? 'not served' : c.allowed ? 'allowed' : 'blocked'} — ${c.reason}`);
  const explain = [`${from} → ${to}`, ...lines].join('\n');
  return `<td class="cell ${cls}${differs ? ' differs' : ''}" tabindex="0" data-explain="${attr(explain)}" title="${attr(explain)}">${text(mark)}</td>`;
}
