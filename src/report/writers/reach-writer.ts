/**
 * The contract of a streaming reach writer: told when rows become final, it writes them at
 * once through a sink (one call per line or row, never the whole output as one string), so a
 * 10,000-pod reach prints its first rows while the rest is still being probed.
 *
 * Calls come in order: `start`, then `rows(g, from, to)` covering each group's rows
 * `[0, sources)` in ascending groups without gaps, then `finish`. Writers that need every
 * group before they can write (dot) write everything in `finish`.
 */
import type { CellState, ReachView } from '../../sim/cluster/reach-result.js';

export type Sink = (text: string) => void;

export interface ReachWriter {
  start(): void;
  /** Rows `[from, to)` of group `g` are final. */
  rows(g: number, from: number, to: number): void;
  finish(): void;
}

export type ReachWriterFactory = (view: ReachView, sink: Sink) => ReachWriter;

/** The one-character marks of the text and markdown tables. */
export const MARKS: Record<Exclude<CellState, 'absent'>, string> = { allowed: '.', blocked: 'X', 'not-served': '-', partial: '~' };

/** What the marks mean, printed with every table. */
export const LEGEND_ITEMS: readonly (readonly [string, string])[] = [
  ['.', 'allowed (the server answered)'],
  ['X', 'blocked (no answer: dropped by policy)'],
  ['-', 'not served (reached the destination, but nothing serves that port there)'],
];

/** The legend line of grouped views. */
export const PARTIAL_LEGEND: readonly [string, string] = ['~', 'partial (some pod pairs of the two workloads allowed, some not: not allowed as a workload)'];

/** The legend of a view: its own when it has one, else the three marks, and `~` when the view groups pods into workloads. */
export function legendItems(view: ReachView): readonly (readonly [string, string])[] {
  if (view.legend !== undefined) return view.legend;
  return view.grouped === true ? [...LEGEND_ITEMS, PARTIAL_LEGEND] : LEGEND_ITEMS;
}

/** The verdict word of a cell in machine formats. */
export function verdictWord(state: Exclude<CellState, 'absent'>): string {
  return state;
}

/** Destinations that are columns of group `g`: every one, except those not probed in declared mode. */
export function columnsOf(view: ReachView, g: number): number[] {
  const out: number[] = [];
  for (let d = 0; d < view.destinations.length; d++) if (view.hasColumn(g, d)) out.push(d);
  return out;
}

/** Counts of one group's cells by state. */
export interface GroupCounts {
  allowed: number;
  blocked: number;
  notServed: number;
  partial: number;
}

export function noCounts(): GroupCounts {
  return { allowed: 0, blocked: 0, notServed: 0, partial: 0 };
}

export function countRow(view: ReachView, g: number, s: number, columns: readonly number[], into: GroupCounts): void {
  for (const d of columns) {
    const state = view.state(g, s, d);
    if (state === 'allowed') into.allowed++;
    else if (state === 'blocked') into.blocked++;
    else if (state === 'not-served') into.notServed++;
    else if (state === 'partial') into.partial++;
  }
}

/** `25 allowed, 11 blocked out of 36 total` (with `, 3 not served` when there are any). */
export function summaryLine(c: GroupCounts): string {
  const total = c.allowed + c.blocked + c.notServed + c.partial;
  const partial = c.partial > 0 ? `, ${c.partial} partial` : '';
  return `${c.allowed} allowed, ${c.blocked} blocked${c.notServed > 0 ? `, ${c.notServed} not served` : ''}${partial} out of ${total} total`;
}

/** `TCP/80`, the heading of a group. */
export function groupTitle(view: ReachView, g: number): string {
  const group = view.groups[g]!;
  return `${group.protocol}/${group.portLabel}`;
}
