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
 * This file is the state machine (opens, the application side, segment arrival, teardown);
 * segmentation, ACK processing and retransmission live in its base class, `tcp-sender.ts`.
 */

import type { EventId } from './event-loop.js';
import { TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN, type TcpSegment } from '../packet/types.js';
import { SCALED_WINDOW } from './tcp-segments.js';
import { readTimestampValue } from './tcp-options.js';
import { seqAdd, seqDiff } from './tcp-sequence.js';
import type { TcpCloseReason, TcpServerApp, TcpSocket, TcpSocketHandlers, TcpState } from './tcp-socket.js';
import { TIME_WAIT_US, type TcpConnectionHost, type TcpEndpoints } from './tcp-connection-host.js';
import { EMPTY, TcpSender } from './tcp-sender.js';

export { DATA_RETRIES, SYNACK_RETRIES, SYN_RETRIES, TIME_WAIT_US, type TcpConnectionHost, type TcpEndpoints } from './tcp-connection-host.js';

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b.slice();
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

export class TcpConnection extends TcpSender implements TcpSocket {
  private handlers: TcpSocketHandlers | undefined;
  /** The listening application a passive connection reports to once its handshake completes. */
  private readonly acceptor: TcpServerApp | undefined;
  private timeWaitTimer: EventId | undefined;
  private closeReported = false;

  private constructor(
    host: TcpConnectionHost,
    endpoints: TcpEndpoints,
    iss: number,
    tsOffset: number,
    state: TcpState,
    handlers: TcpSocketHandlers | undefined,
    acceptor: TcpServerApp | undefined,
  ) {
    super(host, endpoints, iss, tsOffset, state);
    this.handlers = handlers;
    this.acceptor = acceptor;
  }

  /**
   * Active open, in two steps so the stack can register the connection before anything is
   * sent (a reply delivered synchronously must find it): `create`, then `open` sends the SYN.
   */
  static create(host: TcpConnectionHost, endpoints: TcpEndpoints, iss: number, tsOffset: number, handlers: TcpSocketHandlers): TcpConnection {
    return new TcpConnection(host, endpoints, iss, tsOffset, 'syn-sent', handlers, undefined);
  }

  /** Send the SYN of an active open (once, right after `create`). */
  open(): void {
    this.sendSyn();
    this.armRetransmit();
  }

  /** Passive open from a SYN that reached a listener: sends the SYN-ACK now. */
  static accept(host: TcpConnectionHost, endpoints: TcpEndpoints, syn: TcpSegment, iss: number, tsOffset: number, acceptor: TcpServerApp): TcpConnection {
    const connection = new TcpConnection(host, endpoints, iss, tsOffset, 'syn-received', undefined, acceptor);
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
    this.handlers = this.acceptor?.accept(this);
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

  protected enterTimeWait(): void {
    this.state = 'time-wait';
    this.stopRetransmit();
    this.timeWaitTimer = this.host.loop.after(TIME_WAIT_US, () => {
      this.timeWaitTimer = undefined;
      this.state = 'closed';
      this.release();
    });
  }

  // ---- teardown ---------------------------------------------------------------------

  protected finish(reason: TcpCloseReason): void {
    this.state = 'closed';
    this.release();
    this.reportClosed(reason);
  }

  protected release(): void {
    this.state = 'closed';
    this.stopRetransmit();
    if (this.timeWaitTimer !== undefined) this.host.loop.cancel(this.timeWaitTimer);
    this.timeWaitTimer = undefined;
    this.host.release(this);
  }

  protected reportClosed(reason: TcpCloseReason): void {
    if (this.closeReported) return;
    this.closeReported = true;
    this.handlers?.closed?.(this, reason);
  }
}
