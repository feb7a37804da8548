/**
 * Truth tables in the report: one heat map, or flow-based and packet-based side by side with
 * the cells that differ outlined and listed with the reason (which direction's packet the
 * stateless filter drops), and the colour legend.
 */
import { text } from './escape.js';
import { heatMapHtml, pairKey } from './heat-map.js';
import type { ReachComparison, ReachTable } from './model.js';

function legend(compared: boolean): string {
  return (
    '<div class="heat-legend"><span><i style="background:#34d399"></i>allowed</span><span><i style="background:#f87171"></i>blocked</span>' +
    '<span><i style="background:#fbbf24"></i>some ports allowed</span><span><i style="background:#e5e7eb"></i>port not served</span>' +
    (compared ? '<span><i style="outline:3px solid #7c3aed;background:#fff"></i>flow and packet differ</span>' : '') +
    '<span>hover or click a cell for the explanation</span></div>'
  );
}

export function reachHtml(table: ReachTable): string {
  return legend(false) + heatMapHtml(table);
}

export function comparisonHtml(c: ReachComparison): string {
  const differing = new Set(c.differences.map((d) => pairKey(d.from, d.to)));
  const list =
    c.differences.length === 0
      ? '<p class="muted">flow-based and packet-based agree on every cell.</p>'
      : `<p><b>${c.differences.length} cell${c.differences.length === 1 ? '' : 's'} differ</b> between flow-based and packet-based filtering:</p><ul class="diffs">${c.differences
          .map((d) => `<li><b>${text(d.connection)}</b>: ${text(d.reason)}</li>`)
          .join('')}</ul>`;
  return `${legend(true)}<div class="heat-pair">${heatMapHtml(c.tables[0], { differing })}${heatMapHtml(c.tables[1], { differing })}</div>${list}`;
}
