/**
 * The sending half of a TCP connection and the state both halves share: sequence space, the
 * queue of unacknowledged bytes, segment emission, ACK processing and the retransmission
 * timer. `TcpConnection` (the state machine) extends it. Guarantees:
 * - Data leaves in PSH|ACK segments of at most 1448 bytes (PSH on the last of a write), at most
 *   64 KiB in flight; the FIN follows once every queued byte has been sent.
 * - An ACK for new data clears it from the queue, resets the retry count and restarts (or
 *   stops) the retransmission timer; an ACK beyond anything sent is answered, not applied;
 *   three duplicate ACKs trigger one fast retransmit from the first unacknowledged byte.
 * - Retransmission: SYN at 1 s doubling, failing with ETIMEDOUT after SYN_RETRIES; SYN-ACK
 *   likewise up to SYNACK_RETRIES (then the half-open connection is dropped); data go-back-N
 *   on the RTO (srtt + max(4·rttvar, 200 ms), doubling up to 120 s), ETIMEDOUT after
 *   DATA_RETRIES timeouts of the same data.
 * - Every segment carries the connection's timestamp (offset + ms of virtual time) and echoes
 *   the peer's latest; emitting an ACK clears any owed ACK.
 */

import type { EventId } from './event-loop.js';
import { TCP_ACK, TCP_FIN, TCP_PSH, type IpAddr } from '../packet/types.js';
import { plainSegment, synAckSegment, synSegment } from './tcp-segments.js';
import { EFFECTIVE_MSS } from './tcp-options.js';
import { seqAdd, seqDiff } from './tcp-sequence.js';
import { RtoEstimator } from './tcp-rto.js';
import type { TcpCloseReason, TcpState } from './tcp-socket.js';
import { DATA_RETRIES, SYNACK_RETRIES, SYN_RETRIES, type TcpConnectionHost, type TcpEndpoints } from './tcp-connection-host.js';

const MAX_IN_FLIGHT = 65_536;
export const EMPTY = new Uint8Array(0);

export abstract class TcpSender {
  readonly localAddress: IpAddr;
  readonly localPort: number;
  readonly remoteAddress: IpAddr;
  readonly remotePort: number;
  state: TcpState;
  synsSent = 0;
  /** Retransmitted segments of any kind (SYN, SYN-ACK, data, FIN). */
  retransmissions = 0;

  protected readonly host: TcpConnectionHost;
  protected readonly iss: number;
  protected readonly tsOffset: number;
  protected sndUna: number;
  protected sndNxt: number;
  protected rcvNxt = 0;
  protected irs = 0;
  /** Highest sequence number sent so far (sndNxt goes back to sndUna on a retransmission). */
  protected sndMax: number;
  /** Bytes from sndUna on; those before sndNxt are in flight, the rest not yet sent. */
  protected outgoing: Uint8Array = EMPTY;
  protected finQueued = false;
  protected finSent = false;
  protected finAcknowledged = false;
  protected duplicateAcks = 0;
  protected ackOwed = false;
  protected tsRecent = 0;
  protected retransmitTimer: EventId | undefined;
  protected retries = 0;
  protected readonly rto = new RtoEstimator();

  protected constructor(host: TcpConnectionHost, endpoints: TcpEndpoints, iss: number, tsOffset: number, state: TcpState) {
    this.host = host;
    this.localAddress = endpoints.localAddress;
    this.localPort = endpoints.localPort;
    this.remoteAddress = endpoints.remoteAddress;
    this.remotePort = endpoints.remotePort;
    this.iss = iss >>> 0;
    this.tsOffset = tsOffset >>> 0;
    this.sndUna = this.iss;
    this.sndNxt = seqAdd(this.iss, 1);
    this.sndMax = this.sndNxt;
    this.state = state;
  }

  /** The connection is over: state closed, forgotten by the stack, reported to the application. */
  protected abstract finish(reason: TcpCloseReason): void;
  /** Forget the connection without reporting (a half-open passive connection that never completed). */
  protected abstract release(): void;
  /** Both FINs exchanged: wait TIME_WAIT before forgetting the 4-tuple. */
  protected abstract enterTimeWait(): void;
  /** Report the end to the application (once). */
  protected abstract reportClosed(reason: TcpCloseReason): void;

  // ---- acknowledgments --------------------------------------------------------------

  /** An ACK on a synchronized connection: clear what it acknowledges, then send what is pending. */
  protected processAck(ack: number, carriesData: boolean): void {
    const acked = seqDiff(ack, this.sndUna);
    if (acked <= 0) {
      if (acked === 0 && !carriesData && this.sndMax !== this.sndUna) this.countDuplicateAck();
      return;
    }
    if (seqDiff(ack, this.sndMax) > 0) {
      this.ackOwed = true; // acknowledges something never sent
      return;
    }
    const dataAcked = Math.min(acked, this.outgoing.length);
    const finAcked = this.finSent && acked > dataAcked;
    if (finAcked) this.finAcknowledged = true;
    this.outgoing = this.outgoing.subarray(dataAcked);
    this.sndUna = ack;
    if (seqDiff(this.sndNxt, ack) < 0) this.sndNxt = ack; // a late ACK after going back
    this.rto.acknowledge(ack, this.host.loop.now);
    this.retries = 0;
    this.duplicateAcks = 0;
    if (this.sndUna === this.sndMax) this.stopRetransmit();
    else this.armRetransmit();
    if (finAcked) {
      if (this.state === 'fin-wait-1') this.state = 'fin-wait-2';
      else if (this.state === 'closing') {
        this.enterTimeWait();
        this.reportClosed({ kind: 'closed' });
        return;
      } else if (this.state === 'last-ack') {
        this.finish({ kind: 'closed' });
        return;
      }
    }
    this.transmitPending(Number.POSITIVE_INFINITY);
  }

  /** Three duplicate ACKs: the peer is missing our first unacknowledged segment. */
  private countDuplicateAck(): void {
    this.duplicateAcks += 1;
    if (this.duplicateAcks !== 3) return;
    this.retransmissions += 1;
    this.rto.discardTiming();
    this.sndNxt = this.sndUna;
    this.transmitPending(1);
  }

  // ---- sending ----------------------------------------------------------------------

  /** Bytes of `outgoing` before sndNxt (in flight). */
  private bytesInFlight(): number {
    return Math.min(seqDiff(this.sndNxt, this.sndUna), this.outgoing.length);
  }

  /** Send unsent data (and the FIN once everything is sent), at most `maxSegments` segments. */
  protected transmitPending(maxSegments: number): void {
    let segments = 0;
    while (segments < maxSegments && this.bytesInFlight() < this.outgoing.length && this.bytesInFlight() < MAX_IN_FLIGHT) {
      const offset = this.bytesInFlight();
      const length = Math.min(EFFECTIVE_MSS, this.outgoing.length - offset);
      const last = offset + length === this.outgoing.length;
      this.emit(TCP_ACK | (last ? TCP_PSH : 0), this.sndNxt, this.outgoing.subarray(offset, offset + length));
      this.advanceSndNxt(length);
      segments += 1;
    }
    const finInFlight = seqDiff(this.sndNxt, this.sndUna) > this.outgoing.length;
    const finDue = this.finQueued && !this.finAcknowledged && !finInFlight;
    if (segments < maxSegments && finDue && this.bytesInFlight() === this.outgoing.length) {
      this.emit(TCP_FIN | TCP_ACK, this.sndNxt, EMPTY);
      this.advanceSndNxt(1);
      this.finSent = true;
    }
    if (this.sndNxt !== this.sndUna && this.retransmitTimer === undefined) this.armRetransmit();
  }

  private advanceSndNxt(length: number): void {
    this.sndNxt = seqAdd(this.sndNxt, length);
    if (seqDiff(this.sndNxt, this.sndMax) > 0) {
      this.rto.startTiming(this.sndNxt, this.host.loop.now);
      this.sndMax = this.sndNxt;
    }
  }

  protected sendSyn(): void {
    this.synsSent += 1;
    if (this.synsSent === 1) this.rto.startTiming(this.sndNxt, this.host.loop.now);
    this.host.emit(this, synSegment(this.localPort, this.remotePort, this.iss, this.timestampNow()));
  }

  protected sendSynAck(): void {
    if (this.retransmissions === 0) this.rto.startTiming(this.sndNxt, this.host.loop.now);
    this.ackOwed = false;
    this.host.emit(this, synAckSegment(this, this.iss, this.rcvNxt, this.timestampNow(), this.tsRecent));
  }

  protected emit(flags: number, seq: number, payload: Uint8Array): void {
    this.emitRaw(flags, seq, (flags & TCP_ACK) !== 0 ? this.rcvNxt : 0, payload);
  }

  protected emitRaw(flags: number, seq: number, ack: number, payload: Uint8Array): void {
    if ((flags & TCP_ACK) !== 0) this.ackOwed = false;
    this.host.emit(this, plainSegment(this, flags, seq, ack, this.timestampNow(), this.tsRecent, payload));
  }

  private timestampNow(): number {
    return (this.tsOffset + Math.floor(this.host.loop.now / 1000)) >>> 0;
  }

  // ---- timers -----------------------------------------------------------------------

  protected armRetransmit(): void {
    this.stopRetransmit();
    this.retransmitTimer = this.host.loop.after(this.rto.current, () => this.onRetransmitTimeout());
  }

  protected stopRetransmit(): void {
    if (this.retransmitTimer !== undefined) this.host.loop.cancel(this.retransmitTimer);
    this.retransmitTimer = undefined;
  }

  private onRetransmitTimeout(): void {
    this.retransmitTimer = undefined;
    if (this.state === 'syn-sent') {
      if (this.synsSent > SYN_RETRIES) {
        this.finish({ kind: 'timed-out', phase: 'connect' });
        return;
      }
      this.retransmissions += 1;
      this.sendSyn();
    } else if (this.state === 'syn-received') {
      if (this.retries >= SYNACK_RETRIES) {
        this.release();
        return;
      }
      this.retries += 1;
      this.retransmissions += 1;
      this.sendSynAck();
    } else {
      if (this.retries >= DATA_RETRIES) {
        this.finish({ kind: 'timed-out', phase: 'established' });
        return;
      }
      this.retries += 1;
      this.retransmissions += 1;
      this.sndNxt = this.sndUna; // go back N: resend from the first unacknowledged byte
      this.rto.backoff();
      this.transmitPending(1);
      this.armRetransmit();
      return;
    }
    this.rto.backoff();
    this.armRetransmit();
  }
}
