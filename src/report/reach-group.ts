/**
 * `reach --group workload`: the truth table between workloads (`ns/name[Deployment]`,
 * `ns/pod[Pod]` for a bare pod), as netpol-analyzer names them, read from the pod-level result.
 * A workload cell is allowed only when every pod pair of the two workloads is; blocked (or not
 * served) when none is; `partial` when they disagree, with the count and a pair that was not
 * allowed in its reason.
 *
 * Streaming: the pod rows of one source workload must be contiguous (the CLI orders sources
 * so); a workload row is handed on once its last pod row is final.
 */
import type { CellState, ReachGroup, ReachView } from '../sim/cluster/reach-result.js';
import type { ReachCell } from '../sim/cluster/types.js';
import type { ReachWriter } from './writers/reach-writer.js';

interface Members {
  readonly labels: string[];
  readonly members: number[][];
}

function membersOf(keys: readonly string[]): Members {
  const index = new Map<string, number>();
  const labels: string[] = [];
  const members: number[][] = [];
  keys.forEach((key, i) => {
    let w = index.get(key);
    if (w === undefined) {
      w = labels.length;
      index.set(key, w);
      labels.push(key);
      members.push([]);
    }
    members[w]!.push(i);
  });
  return { labels, members };
}

export class WorkloadReachView implements ReachView {
  readonly sources: readonly string[];
  readonly destinations: readonly string[];
  readonly groups: readonly ReachGroup[];
  readonly declared: boolean;
  readonly grouped = true;
  private readonly rowMembers: number[][];
  private readonly columnMembers: number[][];

  /** `sourceKeys[s]` / `destinationKeys[d]`: the workload of the base view's source s / destination d. */
  constructor(private readonly base: ReachView, sourceKeys: readonly string[], destinationKeys: readonly string[]) {
    const rows = membersOf(sourceKeys);
    const columns = membersOf(destinationKeys);
    for (const m of rows.members) {
      if (m[m.length - 1]! - m[0]! !== m.length - 1) throw new Error('invariant: the pods of a source workload must be contiguous rows');
    }
    this.sources = rows.labels;
    this.destinations = columns.labels;
    this.rowMembers = rows.members;
    this.columnMembers = columns.members;
    this.groups = base.groups;
    this.declared = base.declared;
  }

  /** Workload rows whose pods are all among the base rows `[0, podRows)`. */
  rowsFinalAfter(podRows: number): number {
    let w = 0;
    while (w < this.rowMembers.length && this.rowMembers[w]![this.rowMembers[w]!.length - 1]! < podRows) w++;
    return w;
  }

  hasColumn(g: number, d: number): boolean {
    return this.columnMembers[d]!.some((pd) => this.base.hasColumn(g, pd));
  }

  private tally(g: number, s: number, d: number): { allowed: number; blocked: number; notServed: number; firstNotAllowed?: [number, number] } {
    const t: { allowed: number; blocked: number; notServed: number; firstNotAllowed?: [number, number] } = { allowed: 0, blocked: 0, notServed: 0 };
    for (const ps of this.rowMembers[s]!) {
      for (const pd of this.columnMembers[d]!) {
        const state = this.base.state(g, ps, pd);
        if (state === 'absent') continue;
        if (state === 'allowed') t.allowed++;
        else {
          if (state === 'not-served') t.notServed++;
          else t.blocked++;
          t.firstNotAllowed ??= [ps, pd];
        }
      }
    }
    return t;
  }

  state(g: number, s: number, d: number): CellState {
    const t = this.tally(g, s, d);
    const total = t.allowed + t.blocked + t.notServed;
    if (total === 0) return 'absent';
    if (t.allowed === total) return 'allowed';
    if (t.allowed > 0) return 'partial';
    return t.blocked > 0 ? 'blocked' : 'not-served';
  }

  cell(g: number, s: number, d: number): ReachCell {
    const t = this.tally(g, s, d);
    const total = t.allowed + t.blocked + t.notServed;
    const from = this.sources[s]!;
    const to = this.destinations[d]!;
    const { protocol, portLabel } = this.groups[g]!;
    const sample = t.firstNotAllowed ?? [this.rowMembers[s]![0]!, this.columnMembers[d]![0]!];
    const podCell = this.base.cell(g, sample[0], sample[1]);
    const pairs = `${t.allowed} of ${total} pod pair${total === 1 ? '' : 's'} allowed`;
    const reason = t.firstNotAllowed === undefined ? `${pairs}; e.g. ${podCell.reason}` : `${pairs}; not ${podCell.from} -> ${podCell.to}: ${podCell.reason}`;
    return { from, to, port: podCell.port, portLabel, protocol, allowed: t.allowed === total, served: t.notServed === 0, reason };
  }
}

/** Hands a writer of the workload view the workload rows that the pod rows made final. */
export class WorkloadRows implements ReachWriter {
  private emitted = 0;

  constructor(private readonly view: WorkloadReachView, private readonly writer: ReachWriter) {}

  start(): void {
    this.writer.start();
  }

  rows(g: number, from: number, to: number): void {
    if (from === 0) this.emitted = 0;
    const final = this.view.rowsFinalAfter(to);
    if (final > this.emitted) {
      this.writer.rows(g, this.emitted, final);
      this.emitted = final;
    }
  }

  finish(): void {
    this.writer.finish();
  }
}
