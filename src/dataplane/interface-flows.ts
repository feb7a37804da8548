/**
 * The agent's per-interface flow limit (tf-controller `pkt/pkt_flow_info.cc`,
 * `PktFlowInfo::ApplyFlowLimits`): a new flow whose source or destination interface already
 * holds so many flows that two more would pass the limit (`flow_count() + 2 > max_flows`)
 * becomes a short flow with `SHORT_FLOW_LIMIT`, shown as `D(FlowLim)` both ways. A limit of
 * 0 means none (the check is skipped, as with `max_vm_flows` 0).
 *
 * Counted per local pod interface: both entries of every installed pair whose key names that
 * interface's next hop (a local-to-local pair counts on both interfaces). vhost0, the fabric
 * and tunnels are not VM interfaces and never count.
 *
 * Guarantees: with no limit nothing is counted (no cost on the setup path); `exceeded` is
 * true exactly when adding a pair would put one of its interfaces over the limit.
 */
import { FIRST_POD_VIF, interfaceNextHop, vifOfNextHop } from './topology.js';

/** Entries a pair adds to each interface it touches (forward and reverse). */
const ENTRIES_PER_PAIR = 2;

export class InterfaceFlowCounts {
  readonly limit: number;
  private readonly counts = new Map<number, number>();

  constructor(limit: number | undefined) {
    this.limit = limit ?? 0;
  }

  get enabled(): boolean {
    return this.limit > 0;
  }

  /** Flow entries counted on the vif. */
  count(vif: number): number {
    return this.counts.get(vif) ?? 0;
  }

  /** Would a new pair keyed on `nhA` / `nhB` pass the limit on either interface? */
  exceeded(nhA: number, nhB: number): boolean {
    if (!this.enabled) return false;
    const a = podVif(nhA);
    const b = podVif(nhB);
    return (a >= 0 && this.count(a) + ENTRIES_PER_PAIR > this.limit) || (b >= 0 && this.count(b) + ENTRIES_PER_PAIR > this.limit);
  }

  /** A pair with key next hops `nhA` (forward) and `nhB` (reverse) was installed (+1) or deleted (-1). */
  update(nhA: number, nhB: number, sign: 1 | -1): void {
    if (!this.enabled) return;
    const a = podVif(nhA);
    const b = podVif(nhB);
    if (a >= 0) this.bump(a, sign);
    if (b >= 0 && b !== a) this.bump(b, sign);
  }

  /** Forget an interface (it was deleted with its flows). */
  forget(vif: number): void {
    this.counts.delete(vif);
  }

  private bump(vif: number, sign: 1 | -1): void {
    const n = this.count(vif) + sign * ENTRIES_PER_PAIR;
    if (n <= 0) this.counts.delete(vif);
    else this.counts.set(vif, n);
  }
}

function podVif(nh: number): number {
  const vif = vifOfNextHop(nh);
  return vif >= FIRST_POD_VIF && interfaceNextHop(vif) === nh ? vif : -1;
}
