/**
 * The reach output formats by name, each a streaming writer. `svg` is `dot` piped through
 * Graphviz by the CLI (the report layer starts no processes).
 */
import type { ReachView } from '../../sim/cluster/reach-result.js';
import { ReachTableWriter, type TableLayout } from '../reach-table.js';
import { ReachCsvWriter } from './reach-csv.js';
import { ReachDotWriter } from './reach-dot.js';
import { ReachJsonWriter } from './reach-json.js';
import { ReachMarkdownWriter } from './reach-md.js';
import type { ReachWriter, Sink } from './reach-writer.js';

export const REACH_FORMATS = ['table', 'json', 'csv', 'md', 'dot', 'svg'] as const;
export type ReachFormat = (typeof REACH_FORMATS)[number];

export function reachWriter(format: ReachFormat, view: ReachView, sink: Sink, layout: TableLayout): ReachWriter {
  switch (format) {
    case 'table':
      return new ReachTableWriter(view, sink, { layout, legend: true });
    case 'json':
      return new ReachJsonWriter(view, sink);
    case 'csv':
      return new ReachCsvWriter(view, sink);
    case 'md':
      return new ReachMarkdownWriter(view, sink);
    case 'dot':
    case 'svg':
      return new ReachDotWriter(view, sink);
  }
}
