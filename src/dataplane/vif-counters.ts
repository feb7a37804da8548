/**
 * Per-interface packet counters of one vRouter, as `vif --get` prints them (tf-vrouter
 * `vr_interface_stats`: `vis_ipackets`/`vis_ibytes` for what the vRouter receives on the
 * interface, `vis_opackets`/`vis_obytes` for what it sends, and the per-interface drop count
 * `vifr_dpackets`).
 *
 * What counts where in vrsim (docs/vrouter-tools.md):
 * - a pod tap or vhost0: RX = frames the pod or host sends, TX = frames delivered to it;
 * - eth0 (vif 0): RX = MPLS-over-UDP packets from other nodes, TX = packets put on a tunnel or
 *   routed out plainly; tunnel bytes are the outer frame (inner frame + outer Ethernet, IPv4,
 *   UDP and MPLS headers, `MPLSOUDP_OVERHEAD`);
 * - pkt0 (vif 2): TX = frames trapped to the agent (flow misses);
 * - drops: every packet the vRouter drops, on the interface it came in on (vRouter counts a
 *   drop on `pkt->vp_if`).
 * Guarantees: counting allocates nothing (typed arrays grown on attach only).
 */

/** Outer Ethernet (14) + IPv4 (20) + UDP (8) + MPLS label (4) around a tunnelled frame, minus the inner Ethernet header (14) the tunnel does not carry. */
export const MPLSOUDP_OVERHEAD = 14 + 20 + 8 + 4 - 14;

export interface VifCounterValues {
  readonly rxPackets: number;
  readonly rxBytes: number;
  readonly txPackets: number;
  readonly txBytes: number;
  readonly drops: number;
}

export class VifCounters {
  private rxP: Float64Array = new Float64Array(8);
  private rxB: Float64Array = new Float64Array(8);
  private txP: Float64Array = new Float64Array(8);
  private txB: Float64Array = new Float64Array(8);
  private drp: Float64Array = new Float64Array(8);

  /** Make room for vif `index` (called when a vif is attached). */
  ensure(index: number): void {
    if (index < this.rxP.length) return;
    let size = this.rxP.length;
    while (size <= index) size *= 2;
    const grow = (a: Float64Array): Float64Array => {
      const b = new Float64Array(size);
      b.set(a);
      return b;
    };
    this.rxP = grow(this.rxP);
    this.rxB = grow(this.rxB);
    this.txP = grow(this.txP);
    this.txB = grow(this.txB);
    this.drp = grow(this.drp);
  }

  /** A vif index reused by a new pod starts from zero, as a new vRouter interface does. */
  reset(index: number): void {
    this.ensure(index);
    this.rxP[index] = 0;
    this.rxB[index] = 0;
    this.txP[index] = 0;
    this.txB[index] = 0;
    this.drp[index] = 0;
  }

  rx(index: number, bytes: number): void {
    if (index < 0 || index >= this.rxP.length) return;
    this.rxP[index]!++;
    this.rxB[index]! += bytes;
  }

  tx(index: number, bytes: number): void {
    if (index < 0 || index >= this.txP.length) return;
    this.txP[index]!++;
    this.txB[index]! += bytes;
  }

  drop(index: number): void {
    if (index < 0 || index >= this.drp.length) return;
    this.drp[index]!++;
  }

  get(index: number): VifCounterValues {
    if (index < 0 || index >= this.rxP.length) return { rxPackets: 0, rxBytes: 0, txPackets: 0, txBytes: 0, drops: 0 };
    return { rxPackets: this.rxP[index]!, rxBytes: this.rxB[index]!, txPackets: this.txP[index]!, txBytes: this.txB[index]!, drops: this.drp[index]! };
  }
}
