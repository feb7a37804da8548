/**
 * Reachability truth tables in cyclonus' layout: sources as rows, destinations as columns,
 * one table per protocol and port, `.` allowed, `X` blocked, `-` not served, then a summary
 * line. Streamed: a table's head is written when its first row is final, each row as it
 * becomes final, the summary when the table is done.
 *
 * Two layouts: `full` heads each column with its destination's name (the cyclonus look);
 * `compact` numbers the destinations once, in a key before the tables, and heads the columns
 * with those numbers, so that 15 pods take 100 columns of terminal instead of 650. `auto`
 * picks `full` when its widest table fits in 120 characters. The CLI adds a legend (`legend`);
 * the scenario transcript's view (`formatReachTables`) prints the tables alone.
 */
import { cellsView, type ReachView } from '../sim/cluster/reach-result.js';
import type { ReachResult } from '../sim/cluster/types.js';
import { MARKS, legendItems, columnsOf, countRow, groupTitle, summaryLine, noCounts, type GroupCounts, type ReachWriter, type Sink } from './writers/reach-writer.js';

export type TableLayout = 'full' | 'compact' | 'auto';

/** The widest line `auto` still draws in full. */
export const AUTO_FULL_MAX_WIDTH = 120;

export interface TableOptions {
  readonly layout: TableLayout;
  /** Print the legend (and, in compact layout, the column key) before the first table. */
  readonly legend: boolean;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - text.length));
}

function labelWidth(view: ReachView): number {
  let width = 3;
  for (const s of view.sources) width = Math.max(width, s.length);
  for (const d of view.destinations) width = Math.max(width, d.length);
  return width;
}

/** Width of the widest full-layout line: `| label | col | col |`. */
function fullWidth(view: ReachView, width: number): number {
  let widest = 0;
  for (let g = 0; g < view.groups.length; g++) widest = Math.max(widest, columnsOf(view, g).length);
  return 1 + (width + 3) * (widest + 1);
}

/** A reach with no source or no destination has no table to draw: say so instead of `+-----++`. */
export function emptyReachText(view: { readonly sources: readonly unknown[]; readonly destinations: readonly unknown[] }, filters = ''): string | undefined {
  const noSources = view.sources.length === 0;
  const noDestinations = view.destinations.length === 0;
  if (!noSources && !noDestinations) return undefined;
  const what = noSources && noDestinations ? 'no sources and no destinations' : noSources ? 'no sources' : 'no destinations';
  if (filters !== '') return `${what} match ${filters}: the truth table is empty\n`;
  return `${what} match: the truth table is empty (the manifests define no pods to probe; --hosts adds the node hosts)\n`;
}

export class ReachTableWriter implements ReachWriter {
  private readonly width: number;
  private readonly compact: boolean;
  /** Compact column number of each destination (0 = a column of no table). */
  private readonly numbers: Int32Array;
  private readonly numberOfLabel: Map<string, number>;
  /** Width of a compact column: the widest destination number. */
  private readonly numberWidth: number;
  private columns: number[] = [];
  private counts: GroupCounts = noCounts();
  private tablesWritten = 0;

  constructor(private readonly view: ReachView, private readonly sink: Sink, private readonly options: TableOptions) {
    this.width = labelWidth(view);
    this.compact = options.layout === 'compact' || (options.layout === 'auto' && fullWidth(view, this.width) > AUTO_FULL_MAX_WIDTH);
    // Compact columns are numbered 1.. over the destinations that are a column of some table.
    this.numbers = new Int32Array(view.destinations.length);
    let next = 0;
    for (let d = 0; d < view.destinations.length; d++) {
      for (let g = 0; g < view.groups.length; g++) {
        if (view.hasColumn(g, d)) {
          this.numbers[d] = ++next;
          break;
        }
      }
    }
    this.numberWidth = String(Math.max(1, next)).length;
    this.numberOfLabel = new Map();
    this.numbers.forEach((n, d) => {
      if (n > 0) this.numberOfLabel.set(view.destinations[d]!, n);
    });
    if (this.compact) for (const s of view.sources) this.width = Math.max(this.width, s.length + this.numberWidth + 1);
  }

  start(): void {
    if (!this.options.legend) return;
    legendItems(this.view).forEach(([mark, meaning], i) => this.sink(`${i === 0 ? 'Legend:' : '       '}  ${mark}  ${meaning}\n`));
    for (const line of this.view.portsNote ?? []) this.sink(`${line}\n`);
    if (this.view.declared) {
      this.sink('Ports:   each destination on the container ports it declares (TCP/80, the book\'s web server, when it declares none);\n');
      this.sink('         a table lists the destinations serving its port; one that serves none (a node host) is a source only.\n');
    }
    if (this.compact) {
      this.sink('Columns:\n');
      this.numbers.forEach((n, d) => {
        if (n > 0) this.sink(`  ${String(n).padStart(this.numberWidth)}  ${this.view.destinations[d]}\n`);
      });
    }
    this.sink('\n');
  }

  /** The row label: in compact layout prefixed with the source's column number when it is one. */
  private rowLabel(s: number): string {
    const name = this.view.sources[s]!;
    if (!this.compact) return pad(name, this.width);
    const n = this.numberOfLabel.get(name);
    return pad(`${n === undefined ? ' '.repeat(this.numberWidth) : String(n).padStart(this.numberWidth)} ${name}`, this.width);
  }

  rows(g: number, from: number, to: number): void {
    if (from === 0) this.head(g);
    const view = this.view;
    const cellWidth = this.compact ? this.numberWidth : this.width;
    // Whole cells (` mark |`) built once: a row of 10,000 columns is one append per cell.
    const cell = (mark: string): string => ` ${pad(mark, cellWidth)} |`;
    const cells = { absent: cell(''), allowed: cell(MARKS.allowed), blocked: cell(MARKS.blocked), 'not-served': cell(MARKS['not-served']), partial: cell(MARKS.partial) };
    const columns = this.columns;
    for (let s = from; s < to; s++) {
      let line = `| ${this.rowLabel(s)} |`;
      for (let c = 0; c < columns.length; c++) line += cells[view.state(g, s, columns[c]!)];
      countRow(view, g, s, this.columns, this.counts);
      this.sink(line + '\n');
    }
    if (to === view.sources.length) this.sink(summaryLine(this.counts) + '\n');
  }

  private head(g: number): void {
    this.columns = columnsOf(this.view, g);
    this.counts = noCounts();
    const cellWidth = this.compact ? this.numberWidth : this.width;
    const titles = this.columns.map((d) => pad(this.compact ? String(this.numbers[d]).padStart(this.numberWidth) : this.view.destinations[d]!, cellWidth));
    if (this.tablesWritten++ > 0) this.sink('\n');
    this.sink(`${groupTitle(this.view, g)}:\n`);
    this.sink(`| ${pad('-', this.width)} |${titles.map((t) => ` ${t} |`).join('')}\n`);
    this.sink(`+${'-'.repeat(this.width + 2)}+${this.columns.map(() => '-'.repeat(cellWidth + 2) + '+').join('')}\n`);
  }

  finish(): void {}
}

/** Drive a writer over a finished result: every group's rows at once. */
export function writeFinished(view: ReachView, writer: ReachWriter): void {
  writer.start();
  for (let g = 0; g < view.groups.length; g++) if (view.sources.length > 0) writer.rows(g, 0, view.sources.length);
  writer.finish();
}

/** The tables alone as one string, in full layout (the scenario transcript's view of a small reach). */
export function formatReachTables(result: ReachResult): string {
  const empty = emptyReachText(result);
  if (empty !== undefined) return empty;
  const view = cellsView(result);
  const parts: string[] = [];
  writeFinished(view, new ReachTableWriter(view, (t) => void parts.push(t), { layout: 'full', legend: false }));
  return parts.join('');
}
