/**
 * `reach -o md`, streamed: the legend, then one Markdown (GitHub) table per protocol and port,
 * sources as rows and destinations as columns, with the same marks as the text table
 * (`.` allowed, `X` blocked, `-` not served) and the summary line under each table.
 */
import type { ReachView } from '../../sim/cluster/reach-result.js';
import { MARKS, legendItems, columnsOf, countRow, groupTitle, summaryLine, noCounts, type GroupCounts, type ReachWriter, type Sink } from './reach-writer.js';

/** Text in a Markdown table cell: pipes escaped. */
function mdCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

export class ReachMarkdownWriter implements ReachWriter {
  private columns: number[] = [];
  private counts: GroupCounts = noCounts();

  constructor(private readonly view: ReachView, private readonly sink: Sink) {}

  start(): void {
    this.sink(`Legend: ${legendItems(this.view).map(([mark, meaning]) => `\`${mark}\` ${meaning}`).join(', ')}\n`);
    const note = this.view.portsNote;
    if (note !== undefined) this.sink(`\n${note.map((l) => l.replace(/^Services: |^ {10}/, '')).join(' ')}\n`);
  }

  rows(g: number, from: number, to: number): void {
    const view = this.view;
    if (from === 0) {
      this.columns = columnsOf(view, g);
      this.counts = noCounts();
      this.sink(`\n### ${groupTitle(view, g)}\n\n`);
      this.sink(`| from \\ to |${this.columns.map((d) => ` ${mdCell(view.destinations[d]!)} |`).join('')}\n`);
      this.sink(`|---|${this.columns.map(() => ':-:|').join('')}\n`);
    }
    for (let s = from; s < to; s++) {
      let line = `| ${mdCell(view.sources[s]!)} |`;
      for (const d of this.columns) {
        const state = view.state(g, s, d);
        line += ` ${state === 'absent' ? '' : MARKS[state]} |`;
      }
      countRow(view, g, s, this.columns, this.counts);
      this.sink(line + '\n');
    }
    if (to === view.sources.length) this.sink(`\n${summaryLine(this.counts)}\n`);
  }

  finish(): void {}
}
