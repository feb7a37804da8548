/**
 * The result of a reach run in compact form: one byte per (source, destination, port group)
 * cell, the resolved port per (destination, group), and the cells with their reason text built
 * only when someone reads `cells` (the JSON view, a logger), once. The table view reads the
 * verdict bytes directly through `matrix`.
 *
 * Guarantees: `cells` lists sources, then destinations, then protocols, then ports as asked,
 * exactly as the eager form did; reasons are the policy layer's text for the verdict the
 * dataplane produced, computed from the same policy the probes ran against.
 */
import type { IpAddr } from '../../packet/types.js';
import type { L4Protocol } from '../../model/types.js';
import type { ClusterFlowPolicy } from './policy-adapter.js';
import type { Enforcement, ReachCell, ReachMatrix, ReachResult } from './types.js';

const PROTO_NUMBER: Record<L4Protocol, number> = { TCP: 6, UDP: 17, SCTP: 132 };

/** Verdict byte of a cell. */
export const CELL_BLOCKED = 0;
export const CELL_ALLOWED = 1;

export interface ReachGroup {
  readonly protocol: L4Protocol;
  /** The port as asked (a number's text or a container port name). */
  readonly portLabel: string;
}

/** Why a probe was answered or not, in one line (the policy decision the dataplane applied). */
export function reachReason(
  policy: ClusterFlowPolicy, enforcement: Enforcement, src: IpAddr, dst: IpAddr, protocol: L4Protocol, port: number, allowed: boolean,
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

export class CompactReachResult implements ReachResult {
  readonly sources: readonly string[];
  readonly destinations: readonly string[];
  readonly matrix: ReachMatrix;
  private materialised: ReachCell[] | undefined;

  /**
   * `verdicts[(s * destinations + d) * groups + g]` is CELL_ALLOWED or CELL_BLOCKED;
   * `ports[d * groups + g]` the port probed, -1 when the destination declares no such name.
   */
  constructor(
    labels: readonly string[],
    private readonly addresses: readonly IpAddr[],
    readonly groups: readonly ReachGroup[],
    private readonly ports: Int32Array,
    private readonly verdicts: Uint8Array,
    private readonly policy: ClusterFlowPolicy,
    private readonly enforcement: Enforcement,
  ) {
    this.sources = labels;
    this.destinations = labels;
    const width = labels.length * groups.length;
    const g = groups.length;
    this.matrix = { groups, allowed: (s, d, group) => verdicts[s * width + d * g + group] === CELL_ALLOWED };
  }

  get cells(): readonly ReachCell[] {
    this.materialised ??= this.materialise();
    return this.materialised;
  }

  private materialise(): ReachCell[] {
    const cells: ReachCell[] = [];
    const labels = this.sources;
    const n = labels.length;
    const groups = this.groups;
    for (let s = 0; s < n; s++) {
      for (let d = 0; d < n; d++) {
        for (let g = 0; g < groups.length; g++) {
          const { protocol, portLabel } = groups[g]!;
          const port = this.ports[d * groups.length + g]!;
          if (port < 0) {
            cells.push({
              from: labels[s]!, to: labels[d]!, port: 0, portLabel, protocol, allowed: false,
              reason: `${labels[d]} declares no ${protocol} container port named "${portLabel}"`,
            });
            continue;
          }
          const allowed = this.verdicts[(s * n + d) * groups.length + g] === CELL_ALLOWED;
          const reason = reachReason(this.policy, this.enforcement, this.addresses[s]!, this.addresses[d]!, protocol, port, allowed);
          cells.push({ from: labels[s]!, to: labels[d]!, port, portLabel, protocol, allowed, reason });
        }
      }
    }
    return cells;
  }
}
