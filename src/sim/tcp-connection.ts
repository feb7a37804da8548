/**
 * One TCP connection's state machine: the subset of RFC 9293 plus Linux defaults that
 * request/response applications exercise. Guarantees:
 * - Active open sends a Linux SYN (20 option bytes) and retransmits it after 1 s, doubling
 *   (SYNs at 0, 1, 3, 7, 15, 31, 63 s); after tcp_syn_retries = 6 it fails with ETIMEDOUT at 127 s.
 * - Passive open answers with a SYN-ACK (retried 5 times, 1 s doubling) and reports the
 *   connection to the listening application only once the handshake's final ACK arrives.
 * - Data is sent in PSH|ACK segments of at most 1448 bytes and retransmitted on an RTO
 *   of srtt + max(4·rttvar, 200 ms), doubling up to 120 s (go-back-N from the first
 *   unacknowledged byte; three duplicate ACKs trigger a fast retransmit); after 15
 *   retransmission timeouts of the same data the connection fails with ETIMEDOUT.
 * - Close is a FIN exchange in both directions (FIN_WAIT/CLOSE_WAIT/LAST_ACK/TIME_WAIT 60 s);
 *   an acceptable RST ends the connection with ECONNREFUSED (SYN_SENT) or ECONNRESET.
 * Simplifications: no reassembly (out-of-order segments are dropped and re-ACKed), no peer
 * receive-window or congestion control (at most 64 KiB in flight), no SACK, no delayed ACKs.
 */

import type { EventId, EventLoop } from './event-loop.js';
import { TCP_ACK, TCP_FIN, TCP_PSH, TCP_RST, TCP_SYN, type IpAddr, type TcpSegment } from '../packet/types.js';
import { SCALED_WINDOW, plainSegment, synAckSegment, synSegment } from './tcp-segments.js';
import { EFFECTIVE_MSS, readTimestampValue } from './tcp-options.js';
import { seqAdd, seqDiff } from './tcp-sequence.js';
import { RtoEstimator } from './tcp-rto.js';
import type { TcpCloseReason, TcpSocket, TcpSocketHandlers, TcpState } from './tcp-socket.js';

export const SYN_RETRIES = 6;
export const SYNACK_RETRIES = 5;
export const DATA_RETRIES = 15;
export const TIME_WAIT_US = 60_000_000;
const MAX_IN_FLIGHT = 65_536;
const EMPTY = new Uint8Array(0);

/** What a connection needs from its stack. */
export interface TcpConnectionHost {
  readonly loop: EventLoop;
  /** Send a segment from the connection's local endpoint to its remote one. */
  emit(connection: TcpConnection, segment: TcpSegment): void;
  /** Forget the connection (its 4-tuple may be reused). */
  release(connection: TcpConnection): void;
}

export interface TcpEndpoints {
  readonly localAddress: IpAddr;
  readonly localPort: number;
  readonly remoteAddress: IpAddr;
  readonly remotePort: number;
}

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b.slice();
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

export class TcpConnection implements TcpSocket {
  readonly localAddress: IpAddr;
  readonly localPort: number;
  readonly remoteAddress: IpAddr;
  readonly remotePort: number;
  state: TcpState;
  synsSent = 0;
  /** Retransmitted segments of any kind (SYN, SYN-ACK, data, FIN). */
  retransmissions = 0;

  private readonly host: TcpConnectionHost;
  private handlers: TcpSocketHandlers | undefined;
  private readonly acceptHandlers: ((socket: TcpSocket) => TcpSocketHandlers) | undefined;
  private readonly iss: number;
  private readonly tsOffset: number;
  private sndUna: number;
  private sndNxt: number;
  private rcvNxt = 0;
  private irs = 0;
  /** Highest sequence number sent so far (sndNxt goes back to sndUna on a retransmission). */
  private sndMax: number;
  /** Bytes from sndUna on; those before sndNxt are in flight, the rest not yet sent. */
  private outgoing: Uint8Array = EMPTY;
  private finQueued = false;
  private finSent = false;
  private finAcknowledged = false;
  private duplicateAcks = 0;
  private ackOwed = false;
  private tsRecent = 0;
  private retransmitTimer: EventId | undefined;
  private timeWaitTimer: EventId | undefined;
  private retries = 0;
  private readonly rto = new RtoEstimator();
  private closeReported = false;

  private constructor(
    host: TcpConnectionHost,
    endpoints: TcpEndpoints,
    iss: number,
    tsOffset: number,
    state: TcpState,
    handlers: TcpSocketHandlers | undefined,
    acceptHandlers: ((socket: TcpSocket) => TcpSocketHandlers) | undefined,
  ) {
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
    this.handlers = handlers;
    this.acceptHandlers = acceptHandlers;
  }

  /** Active open: sends the SYN now. */
  static connect(host: TcpConnectionHost, endpoints: TcpEndpoints, iss: number, tsOffset: number, handlers: TcpSocketHandlers): TcpConnection {
    const connection = new TcpConnection(host, endpoints, iss, tsOffset, 'syn-sent', handlers, undefined);
    connection.sendSyn();
    connection.armRetransmit();
    return connection;
  }

  /** Passive open from a SYN that reached a listener: sends the SYN-ACK now. */
  static accept(
    host: TcpConnectionHost,
    endpoints: TcpEndpoints,
    syn: TcpSegment,
    iss: number,
    tsOffset: number,
    acceptHandlers: (socket: TcpSocket) => TcpSocketHandlers,
  ): TcpConnection {
    const connection = new TcpConnection(host, endpoints, iss, tsOffset, 'syn-received', undefined, acceptHandlers);
    connection.irs = syn.seq >>> 0;
    connection.rcvNxt = seqAdd(syn.seq, 1);
    connection.tsRecent = readTimestampValue(syn.options) ?? 0;
    connection.sendSynAck();
    connection.armRetransmit();
    return connection;
  }

  // ---- application side -------------------------------------------------------------

  write(bytes: Uint8Array): void {
    if (this.finQueued || bytes.length === 0) return;
    if (this.state !== 'established' && this.state !== 'close-wait' && this.state !== 'syn-sent' && this.state !== 'syn-received') return;
    this.outgoing = concatBytes(this.outgoing, bytes);
    if (this.state === 'established' || this.state === 'close-wait') this.transmitPending(Number.POSITIVE_INFINITY);
  }

  close(): void {
    switch (this.state) {
      case 'syn-sent':
      case 'syn-received':
        this.finish({ kind: 'aborted' });
        return;
      case 'established':
        this.finQueued = true;
        this.state = 'fin-wait-1';
        this.transmitPending(Number.POSITIVE_INFINITY);
        return;
      case 'close-wait':
        this.finQueued = true;
        this.state = 'last-ack';
        this.transmitPending(Number.POSITIVE_INFINITY);
        return;
      default:
        return;
    }
  }

  abort(): void {
    if (this.state === 'closed') return;
    if (this.state !== 'syn-sent' && this.state !== 'time-wait') this.emit(TCP_RST | TCP_ACK, this.sndNxt, EMPTY);
    this.finish({ kind: 'aborted' });
  }

  // ---- network side -----------------------------------------------------------------

  /** A segment addressed to this connection's 4-tuple. */
  receive(segment: TcpSegment): void {
    if (this.state === 'closed') return;
    if (this.state === 'syn-sent') {
      this.receiveInSynSent(segment);
      return;
    }
    this.receiveSynchronized(segment);
  }

  private receiveInSynSent(segment: TcpSegment): void {
    const hasAck = (segment.flags & TCP_ACK) !== 0;
    if (hasAck && segment.ack >>> 0 !== this.sndNxt) {
      if ((segment.flags & TCP_RST) === 0) this.emitRaw(TCP_RST, segment.ack >>> 0, 0, EMPTY);
      return;
    }
    if ((segment.flags & TCP_RST) !== 0) {
      if (hasAck) this.finish({ kind: 'refused' });
      return;
    }
    if ((segment.flags & TCP_SYN) === 0 || !hasAck) return; // simultaneous open is not modelled
    this.irs = segment.seq >>> 0;
    this.rcvNxt = seqAdd(segment.seq, 1);
    this.tsRecent = readTimestampValue(segment.options) ?? this.tsRecent;
    this.sndUna = this.sndNxt;
    this.state = 'established';
    this.rto.acknowledge(this.sndUna, this.host.loop.now);
    this.retries = 0;
    this.stopRetransmit();
    this.emit(TCP_ACK, this.sndNxt, EMPTY);
    this.handlers?.connected?.(this);
    if (this.state === 'established' || this.state === 'fin-wait-1') this.transmitPending(Number.POSITIVE_INFINITY);
  }

  private receiveSynchronized(segment: TcpSegment): void {
    const flags = segment.flags;
    const offset = seqDiff(segment.seq >>> 0, this.rcvNxt);
    if ((flags & TCP_RST) !== 0) {
      if (offset >= 0 && offset < SCALED_WINDOW << 7) {
        if (this.state === 'syn-received') this.release();
        else this.finish({ kind: 'reset' });
      }
      return;
    }
    if ((flags & TCP_SYN) !== 0) {
      if (this.state === 'syn-received' && segment.seq >>> 0 === this.irs) this.sendSynAck();
      else this.emit(TCP_ACK, this.sndNxt, EMPTY); // challenge ACK (RFC 5961)
      return;
    }
    if (offset > 0) {
      this.emit(TCP_ACK, this.sndNxt, EMPTY); // out of order: no reassembly, ask again
      return;
    }
    const timestamp = readTimestampValue(segment.options);
    if (timestamp !== undefined) this.tsRecent = timestamp;
    let payload = segment.payload;
    let fin = (flags & TCP_FIN) !== 0;
    if (offset < 0) {
      const duplicate = -offset;
      if (duplicate >= payload.length + (fin ? 1 : 0)) {
        if (payload.length > 0 || fin) this.ackOwed = true; // the peer missed our ACK
        payload = EMPTY;
        fin = false;
      } else {
        payload = payload.subarray(duplicate);
      }
    }
    if ((flags & TCP_ACK) === 0) return;
    if (this.state === 'syn-received') {
      if (segment.ack >>> 0 !== this.sndNxt) {
        this.emitRaw(TCP_RST, segment.ack >>> 0, 0, EMPTY);
        return;
      }
      this.completePassiveOpen();
    } else {
      this.processAck(segment.ack >>> 0, payload.length > 0 || fin);
    }
    if (this.isClosed()) return;
    this.receivePayloadAndFin(payload, fin);
    if (!this.isClosed() && this.ackOwed) this.emit(TCP_ACK, this.sndNxt, EMPTY);
  }

  /** Re-reads the state after callbacks that may have closed the connection. */
  private isClosed(): boolean {
    return this.state === 'closed';
  }

  private completePassiveOpen(): void {
    this.sndUna = this.sndNxt;
    this.state = 'established';
    this.rto.acknowledge(this.sndUna, this.host.loop.now);
    this.retries = 0;
    this.stopRetransmit();
    this.handlers = this.acceptHandlers?.(this);
    this.handlers?.connected?.(this);
  }

  private receivePayloadAndFin(payload: Uint8Array, fin: boolean): void {
    const receiving = this.state === 'established' || this.state === 'fin-wait-1' || this.state === 'fin-wait-2';
    if (payload.length > 0 && receiving) {
      this.rcvNxt = seqAdd(this.rcvNxt, payload.length);
      this.ackOwed = true;
      this.handlers?.data?.(this, payload.slice());
      if (this.isClosed()) return;
    }
    if (!fin) return;
    if (this.state === 'time-wait' || this.state === 'close-wait' || this.state === 'closing' || this.state === 'last-ack') {
      this.ackOwed = true; // retransmitted FIN
      return;
    }
    this.rcvNxt = seqAdd(this.rcvNxt, 1);
    this.ackOwed = true;
    const before = this.state;
    if (before === 'established') this.state = 'close-wait';
    else if (before === 'fin-wait-1') this.state = 'closing';
    else if (before === 'fin-wait-2') this.enterTimeWait();
    if (before === 'fin-wait-2') this.emit(TCP_ACK, this.sndNxt, EMPTY);
    this.handlers?.peerClosed?.(this);
    if (before === 'fin-wait-2') this.reportClosed({ kind: 'closed' });
  }

  private processAck(ack: number, carriesData: boolean): void {
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
  private transmitPending(maxSegments: number): void {
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

  private sendSyn(): void {
    this.synsSent += 1;
    if (this.synsSent === 1) this.rto.startTiming(this.sndNxt, this.host.loop.now);
    this.host.emit(this, synSegment(this.localPort, this.remotePort, this.iss, this.timestampNow()));
  }

  private sendSynAck(): void {
    if (this.retransmissions === 0) this.rto.startTiming(this.sndNxt, this.host.loop.now);
    this.ackOwed = false;
    this.host.emit(this, synAckSegment(this, this.iss, this.rcvNxt, this.timestampNow(), this.tsRecent));
  }

  private emit(flags: number, seq: number, payload: Uint8Array): void {
    this.emitRaw(flags, seq, (flags & TCP_ACK) !== 0 ? this.rcvNxt : 0, payload);
  }

  private emitRaw(flags: number, seq: number, ack: number, payload: Uint8Array): void {
    if ((flags & TCP_ACK) !== 0) this.ackOwed = false;
    this.host.emit(this, plainSegment(this, flags, seq, ack, this.timestampNow(), this.tsRecent, payload));
  }

  private timestampNow(): number {
    return (this.tsOffset + Math.floor(this.host.loop.now / 1000)) >>> 0;
  }

  // ---- timers -----------------------------------------------------------------------

  private armRetransmit(): void {
    this.stopRetransmit();
    this.retransmitTimer = this.host.loop.after(this.rto.current, () => this.onRetransmitTimeout());
  }

  private stopRetransmit(): void {
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

  private enterTimeWait(): void {
    this.state = 'time-wait';
    this.stopRetransmit();
    this.timeWaitTimer = this.host.loop.after(TIME_WAIT_US, () => {
      this.timeWaitTimer = undefined;
      this.state = 'closed';
      this.release();
    });
  }

  // ---- teardown ---------------------------------------------------------------------

  private finish(reason: TcpCloseReason): void {
    this.state = 'closed';
    this.release();
    this.reportClosed(reason);
  }

  private release(): void {
    this.state = 'closed';
    this.stopRetransmit();
    if (this.timeWaitTimer !== undefined) this.host.loop.cancel(this.timeWaitTimer);
    this.timeWaitTimer = undefined;
    this.host.release(this);
  }

  private reportClosed(reason: TcpCloseReason): void {
    if (this.closeReported) return;
    this.closeReported = true;
    this.handlers?.closed?.(this, reason);
  }
}
