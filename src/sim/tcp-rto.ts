/**
 * TCP retransmission timeout estimation (RFC 6298 with Linux's floor): RTO starts at 1 s,
 * becomes srtt + max(4·rttvar, 200 ms) once a round trip is measured, doubles on every
 * timeout (backoff) up to 120 s. Guarantees: Karn's rule — a sample is only taken for a
 * sequence range timed on its first transmission; any retransmission discards the pending
 * sample. Values are integer microseconds.
 */

export const INITIAL_RTO_US = 1_000_000;
export const MIN_RTO_US = 200_000;
export const MAX_RTO_US = 120_000_000;

export class RtoEstimator {
  private rto = INITIAL_RTO_US;
  private srtt: number | undefined;
  private rttvar = 0;
  private pending: { readonly endSeq: number; readonly sentAt: number } | undefined;

  /** Current timeout in µs. */
  get current(): number {
    return this.rto;
  }

  /** Start timing the transmission that ends at `endSeq`, unless one is already timed. */
  startTiming(endSeq: number, now: number): void {
    if (this.pending === undefined) this.pending = { endSeq, sentAt: now };
  }

  /** An ACK up to `ack` arrived at `now`: completes the timed transmission if it covers it. */
  acknowledge(ack: number, now: number): void {
    const pending = this.pending;
    if (pending === undefined || ((ack - pending.endSeq) | 0) < 0) return;
    this.pending = undefined;
    const rtt = now - pending.sentAt;
    if (this.srtt === undefined) {
      this.srtt = rtt;
      this.rttvar = rtt / 2;
    } else {
      this.rttvar = 0.75 * this.rttvar + 0.25 * Math.abs(this.srtt - rtt);
      this.srtt = 0.875 * this.srtt + 0.125 * rtt;
    }
    this.rto = Math.min(MAX_RTO_US, Math.max(MIN_RTO_US, Math.round(this.srtt + Math.max(4 * this.rttvar, MIN_RTO_US))));
  }

  /** A retransmission timeout fired: double the RTO and forget the timed transmission (Karn). */
  backoff(): void {
    this.pending = undefined;
    this.rto = Math.min(this.rto * 2, MAX_RTO_US);
  }

  /** Something was retransmitted without a timeout (fast retransmit): stop timing (Karn). */
  discardTiming(): void {
    this.pending = undefined;
  }
}
