/**
 * The result of a reach run in compact form: one byte per (port group, source, destination)
 * cell, filled while the probes run (so writers can print rows as they complete), the plan's
 * port and served flag per (destination, group), and each cell's reason text built only when
 * someone asks for it (JSON, CSV, a logger).
 *
 * A cell's state, as a port scanner would put it:
 * - `allowed`: the destination serves the port and the probe was answered;
 * - `not-served`: the probe reached the destination (the policy let it through) but nothing
 *   serves that port there (RST, ICMP port unreachable, ABORT), or a named port the
 *   destination does not declare (nothing to probe);
 * - `blocked`: no answer: the request or its reply was dropped (by policy), or the source has
 *   no address of the destination's families, so nothing could be sent (connect(2) ENETUNREACH);
 * - `partial` (grouped views only): the pod pairs of two workloads disagree;
 * - `absent`: not attempted because the destination does not serve this group's port
 *   (only with declared ports, where each destination is probed on what it serves).
 *
 * A result may hold only a window of the source rows (`rows`: one shard's, one task's): its
 * verdict bytes then cover only those rows, so a shard of a 10,000-pod reach holds its own
 * slice and not the whole matrix.
 *
 * Guarantees: `cells` lists groups (as planned), then sources, then destinations, leaving out
 * absent cells; reasons are the policy layer's text for the verdict the dataplane produced,
 * from the same policy the probes ran against. `verdicts` is laid out group by group, then the
 * window's rows, then destinations (the shard file's layout); cells outside the window are
 * never read (`index` throws for them).
 */
import type { IpAddr } from '../../packet/types.js';
import type { L4Protocol } from '../../model/types.js';
import type { FlowPolicy } from '../../dataplane/flow-policy.js';
import { noCommonFamilyReason, pairAddresses } from './address-pair.js';
import type { ReachGroup, ReachPlan } from './reach-plan.js';
import { endpointRefText, type Enforcement, type ReachCell, type ReachMatrix, type ReachResult } from './types.js';

export type { ReachGroup } from './reach-plan.js';

const PROTO_NUMBER: Record<L4Protocol, number> = { TCP: 6, UDP: 17, SCTP: 132 };

/** Verdict byte of a cell. */
export const CELL_BLOCKED = 0;
export const CELL_ALLOWED = 1;
/** Not attempted: source and destination share no address family (shown as blocked, with that reason). */
export const CELL_NO_ROUTE = 2;

/** `partial` only in a grouped view: some pod pairs of the two workloads allowed, some not. */
export type CellState = 'allowed' | 'blocked' | 'not-served' | 'partial' | 'absent';

/** What the writers read: labels, groups, and each cell's state and (on demand) its full record. */
export interface ReachView {
  readonly sources: readonly string[];
  readonly destinations: readonly string[];
  readonly groups: readonly ReachGroup[];
  /** True when each destination was probed on the ports it serves (no `--port`). */
  readonly declared: boolean;
  /** True when rows and columns are workloads (cells may be `partial`). */
  readonly grouped?: boolean;
  /** The marks' meanings when they differ from pod reach (Service columns). */
  readonly legend?: readonly (readonly [string, string])[];
  /** Lines saying what the columns are, printed under the legend. */
  readonly portsNote?: readonly string[];
  state(g: number, s: number, d: number): CellState;
  /** False when destination `d` was not probed at all in group `g` (its cells are absent). */
  hasColumn(g: number, d: number): boolean;
  /** The cell with its reason; only for cells that are not absent. */
  cell(g: number, s: number, d: number): ReachCell;
}

/** Why a probe was answered or not, in one line (the policy decision the dataplane applied). */
export function reachReason(
  policy: FlowPolicy, enforcement: Enforcement, src: IpAddr, dst: IpAddr, protocol: L4Protocol, port: number, allowed: boolean,
): string {
  if (enforcement === 'none') return allowed ? 'not enforced: the network plugin ignores NetworkPolicy' : 'no answer (not enforced)';
  const proto = PROTO_NUMBER[protocol];
  const forward = policy.explain(src, dst, proto, port);
  if (forward.allowed === allowed) return forward.reason;
  if (enforcement === 'packet' && forward.allowed && !allowed) {
    const reply = policy.explain(dst, src, proto, 0);
    return `packet-based: the request is allowed but the reply is checked as a new connection: ${reply.reason}`;
  }
  return `${allowed ? 'answered' : 'no answer'} although the policy says: ${forward.reason}`;
}

export class CompactReachResult implements ReachResult, ReachView {
  readonly sources: readonly string[];
  readonly destinations: readonly string[];
  readonly groups: readonly ReachGroup[];
  readonly declared: boolean;
  readonly matrix: ReachMatrix;
  /** The source rows `[rowFrom, rowTo)` this result holds verdicts for (default: every row). */
  readonly rowFrom: number;
  readonly rowTo: number;
  /** `verdicts[(g * (rowTo - rowFrom) + s - rowFrom) * destinations + d]` is a CELL_* byte (filled as probes finish). */
  readonly verdicts: Uint8Array;
  private materialised: ReachCell[] | undefined;

  constructor(
    readonly plan: ReachPlan,
    /** Every address of each source and destination: each cell uses the pair of a common family. */
    private readonly sourceAddresses: readonly (readonly IpAddr[])[],
    private readonly destinationAddresses: readonly (readonly IpAddr[])[],
    private readonly policy: FlowPolicy,
    private readonly enforcement: Enforcement,
    rows?: { readonly from: number; readonly to: number },
  ) {
    this.sources = plan.sources.map(endpointRefText);
    this.destinations = plan.destinations.map(endpointRefText);
    this.groups = plan.groups;
    this.declared = plan.declared;
    this.rowFrom = rows?.from ?? 0;
    this.rowTo = rows?.to ?? plan.sources.length;
    if (!(this.rowFrom >= 0 && this.rowFrom <= this.rowTo && this.rowTo <= plan.sources.length)) {
      throw new Error(`invariant: rows ${this.rowFrom}-${this.rowTo} of ${plan.sources.length}`);
    }
    this.verdicts = new Uint8Array(plan.groups.length * (this.rowTo - this.rowFrom) * plan.destinations.length);
    this.matrix = { groups: plan.groups, allowed: (s, d, g) => this.state(g, s, d) === 'allowed' };
  }

  /** Index of a cell in `verdicts` (its row must be in the window). */
  index(g: number, s: number, d: number): number {
    if (s < this.rowFrom || s >= this.rowTo) throw new Error(`invariant: row ${s} is outside this result's rows ${this.rowFrom}-${this.rowTo}`);
    return this.rowStart(g, s) + d;
  }

  /** Index in `verdicts` of row `s`'s first cell in group `g` (unchecked). */
  private rowStart(g: number, s: number): number {
    return (g * (this.rowTo - this.rowFrom) + s - this.rowFrom) * this.destinations.length;
  }

  /**
   * Put the verdict bytes of rows `[from, from + bytes.length / destinations)` of group `g`
   * (rows then destinations, as a task or a shard computed them) in place.
   */
  setRows(g: number, from: number, bytes: Uint8Array): void {
    const nd = this.destinations.length;
    const count = nd === 0 ? 0 : bytes.length / nd;
    if (!Number.isInteger(count) || from < this.rowFrom || from + count > this.rowTo || g < 0 || g >= this.groups.length) {
      throw new Error(`invariant: ${bytes.length} verdicts for group ${g} from row ${from} do not fit rows ${this.rowFrom}-${this.rowTo} x ${nd} destinations`);
    }
    this.verdicts.set(bytes, this.rowStart(g, from));
  }

  state(g: number, s: number, d: number): CellState {
    const pd = d * this.groups.length + g;
    if (this.plan.ports[pd]! < 0) return this.declared ? 'absent' : 'not-served';
    if (this.verdicts[this.index(g, s, d)] !== CELL_ALLOWED) return 'blocked';
    return this.plan.served[pd] === 1 ? 'allowed' : 'not-served';
  }

  hasColumn(g: number, d: number): boolean {
    return !this.declared || this.plan.ports[d * this.groups.length + g]! >= 0;
  }

  cell(g: number, s: number, d: number): ReachCell {
    const { protocol, portLabel } = this.groups[g]!;
    const from = this.sources[s]!;
    const to = this.destinations[d]!;
    const port = this.plan.ports[d * this.groups.length + g]!;
    if (port < 0) {
      const reason = this.declared ? `${to} does not serve ${protocol}/${portLabel}` : `${to} declares no ${protocol} container port named "${portLabel}"`;
      return { from, to, port: 0, portLabel, protocol, allowed: false, served: false, reason };
    }
    const allowed = this.verdicts[this.index(g, s, d)] === CELL_ALLOWED;
    const served = this.plan.served[d * this.groups.length + g] === 1;
    const pair = pairAddresses(this.sourceAddresses[s]!, this.destinationAddresses[d]!);
    if (pair === undefined) {
      return { from, to, port, portLabel, protocol, allowed: false, served, reason: noCommonFamilyReason(from, this.destinationAddresses[d]!, to) };
    }
    let reason = reachReason(this.policy, this.enforcement, pair.src, pair.dst, protocol, port, allowed);
    if (allowed && !served) reason = `${reason}; but nothing serves ${protocol}/${port} on ${to} (the probe was answered with a reset or port unreachable)`;
    return { from, to, port, portLabel, protocol, allowed, served, reason };
  }

  get cells(): readonly ReachCell[] {
    this.materialised ??= this.materialise();
    return this.materialised;
  }

  private materialise(): ReachCell[] {
    const cells: ReachCell[] = [];
    for (let g = 0; g < this.groups.length; g++) {
      for (let s = 0; s < this.sources.length; s++) {
        for (let d = 0; d < this.destinations.length; d++) if (this.state(g, s, d) !== 'absent') cells.push(this.cell(g, s, d));
      }
    }
    return cells;
  }
}

/** A view over a result known only by its cells (e.g. a test double): groups in first-seen order. */
export function cellsView(result: ReachResult): ReachView {
  if (isReachView(result)) return result;
  const groups: ReachGroup[] = [];
  const groupIndex = new Map<string, number>();
  const byKey = new Map<string, ReachCell>();
  const srcIndex = new Map(result.sources.map((l, i) => [l, i] as const));
  const dstIndex = new Map(result.destinations.map((l, i) => [l, i] as const));
  const columns = new Set<string>();
  for (const c of result.cells) {
    const key = `${c.protocol}/${c.portLabel}`;
    let g = groupIndex.get(key);
    if (g === undefined) {
      g = groups.length;
      groups.push({ protocol: c.protocol, portLabel: c.portLabel });
      groupIndex.set(key, g);
    }
    byKey.set(`${g}/${srcIndex.get(c.from)}/${dstIndex.get(c.to)}`, c);
    columns.add(`${g}/${dstIndex.get(c.to)}`);
  }
  return {
    sources: result.sources,
    destinations: result.destinations,
    groups,
    declared: false,
    hasColumn: (g, d) => columns.has(`${g}/${d}`),
    state: (g, s, d) => {
      const c = byKey.get(`${g}/${s}/${d}`);
      if (c === undefined) return 'absent';
      if (!c.allowed) return c.served === false && c.port === 0 ? 'not-served' : 'blocked';
      return c.served === false ? 'not-served' : 'allowed';
    },
    cell: (g, s, d) => {
      const c = byKey.get(`${g}/${s}/${d}`);
      if (c === undefined) throw new Error(`invariant: no cell ${g}/${s}/${d}`);
      return c;
    },
  };
}

function isReachView(result: ReachResult): result is ReachResult & ReachView {
  return typeof (result as Partial<ReachView>).state === 'function';
}
