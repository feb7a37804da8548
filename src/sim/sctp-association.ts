/**
 * A minimal SCTP association (RFC 9260): the four-way handshake INIT → INIT ACK (with a
 * state cookie) → COOKIE ECHO → COOKIE ACK, graceful SHUTDOWN → SHUTDOWN ACK → SHUTDOWN
 * COMPLETE, and ABORT. No DATA is exchanged. Guarantees:
 * - INIT and COOKIE ECHO are retransmitted after RTO.Initial = 3 s, doubling up to
 *   RTO.Max = 60 s; after Max.Init.Retransmits = 8 the association fails with ETIMEDOUT.
 * - Every packet after INIT carries the peer's initiate tag as verification tag; packets
 *   whose tag does not match are ignored (ABORT with the T bit is accepted reflected).
 * - `closed` is reported exactly once, last.
 * The listening side is stateless until COOKIE ECHO, as RFC 9260 §5.1 intends.
 */

import type { EventId, EventLoop } from './event-loop.js';
import type { IpAddr, SctpChunk, SctpPacket } from '../packet/types.js';

export const SCTP_INIT = 1;
export const SCTP_INIT_ACK = 2;
export const SCTP_ABORT = 6;
export const SCTP_SHUTDOWN = 7;
export const SCTP_SHUTDOWN_ACK = 8;
export const SCTP_COOKIE_ECHO = 10;
export const SCTP_COOKIE_ACK = 11;
export const SCTP_SHUTDOWN_COMPLETE = 14;
/** Chunk flag: the verification tag is the receiver's own tag, reflected (ABORT, SHUTDOWN COMPLETE). */
export const SCTP_FLAG_T = 0x01;

export const SCTP_RTO_INITIAL_US = 3_000_000;
export const SCTP_RTO_MAX_US = 60_000_000;
export const SCTP_MAX_INIT_RETRANSMITS = 8;
const STATE_COOKIE_PARAMETER = 7;
const ADVERTISED_RECEIVE_WINDOW = 106_496;
const EMPTY = new Uint8Array(0);

export type SctpState = 'cookie-wait' | 'cookie-echoed' | 'established' | 'shutdown-sent' | 'shutdown-ack-sent' | 'closed';

export type SctpCloseReason =
  | { readonly kind: 'shutdown' }
  | { readonly kind: 'aborted-by-peer' }
  | { readonly kind: 'timed-out' }
  | { readonly kind: 'aborted-locally' };

export interface SctpAssociationHandlers {
  readonly established?: (association: SctpAssociation) => void;
  readonly closed?: (association: SctpAssociation, reason: SctpCloseReason) => void;
}

export interface SctpServerApp {
  accept(association: SctpAssociation): SctpAssociationHandlers;
}

export interface SctpAssociationHost {
  readonly loop: EventLoop;
  emit(association: SctpAssociation, packet: SctpPacket): void;
  release(association: SctpAssociation): void;
}

export interface SctpEndpoints {
  readonly localAddress: IpAddr;
  readonly localPort: number;
  readonly remoteAddress: IpAddr;
  readonly remotePort: number;
}

function u32(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
}

function putU32(out: Uint8Array, at: number, value: number): void {
  out[at] = (value >>> 24) & 0xff;
  out[at + 1] = (value >>> 16) & 0xff;
  out[at + 2] = (value >>> 8) & 0xff;
  out[at + 3] = value & 0xff;
}

/** INIT / INIT ACK fixed part: initiate tag, a_rwnd, 10 outbound / 65535 inbound streams, initial TSN. */
function initValue(initiateTag: number, initialTsn: number, cookie: Uint8Array | undefined): Uint8Array {
  const cookieLength = cookie === undefined ? 0 : 4 + cookie.length;
  const out = new Uint8Array(16 + cookieLength);
  putU32(out, 0, initiateTag);
  putU32(out, 4, ADVERTISED_RECEIVE_WINDOW);
  out.set([0x00, 0x0a, 0xff, 0xff], 8);
  putU32(out, 12, initialTsn);
  if (cookie !== undefined) {
    out.set([0x00, STATE_COOKIE_PARAMETER, (cookieLength >>> 8) & 0xff, cookieLength & 0xff], 16);
    out.set(cookie, 20);
  }
  return out;
}

/** The initiate tag of an INIT or INIT ACK chunk (0 if the chunk is too short). */
export function initiateTagOf(chunk: SctpChunk): number {
  return chunk.value.length >= 4 ? u32(chunk.value, 0) : 0;
}

function stateCookieOf(initAck: SctpChunk): Uint8Array | undefined {
  let at = 16;
  while (at + 4 <= initAck.value.length) {
    const type = (initAck.value[at]! << 8) | initAck.value[at + 1]!;
    const length = (initAck.value[at + 2]! << 8) | initAck.value[at + 3]!;
    if (length < 4) return undefined;
    if (type === STATE_COOKIE_PARAMETER) return initAck.value.slice(at + 4, at + length);
    at += (length + 3) & ~3;
  }
  return undefined;
}

/**
 * The stateless answer of a listener to an INIT: an INIT ACK whose cookie records both tags.
 * `localTag` is the listener's fresh initiate tag.
 */
export function initAckFor(init: SctpPacket, localTag: number, localTsn: number): SctpPacket {
  const peerTag = initiateTagOf(init.chunks[0]!);
  const cookie = new Uint8Array(8);
  putU32(cookie, 0, localTag);
  putU32(cookie, 4, peerTag);
  return {
    kind: 'sctp',
    srcPort: init.dstPort,
    dstPort: init.srcPort,
    verificationTag: peerTag,
    chunks: [{ type: SCTP_INIT_ACK, flags: 0, value: initValue(localTag, localTsn, cookie) }],
  };
}

/** The tags a COOKIE ECHO carries back, if it is one of ours. */
export function readCookie(cookieEcho: SctpChunk): { readonly localTag: number; readonly peerTag: number } | undefined {
  if (cookieEcho.value.length < 8) return undefined;
  return { localTag: u32(cookieEcho.value, 0), peerTag: u32(cookieEcho.value, 4) };
}

export class SctpAssociation {
  readonly localAddress: IpAddr;
  readonly localPort: number;
  readonly remoteAddress: IpAddr;
  readonly remotePort: number;
  state: SctpState;
  initsSent = 0;

  private readonly host: SctpAssociationHost;
  private handlers: SctpAssociationHandlers | undefined;
  private readonly localTag: number;
  private peerTag: number;
  private readonly localTsn: number;
  private cookie: Uint8Array = EMPTY;
  private timer: EventId | undefined;
  private rto = SCTP_RTO_INITIAL_US;
  private retransmits = 0;
  private closeReported = false;

  private constructor(host: SctpAssociationHost, endpoints: SctpEndpoints, localTag: number, peerTag: number, state: SctpState) {
    this.host = host;
    this.localAddress = endpoints.localAddress;
    this.localPort = endpoints.localPort;
    this.remoteAddress = endpoints.remoteAddress;
    this.remotePort = endpoints.remotePort;
    this.localTag = localTag >>> 0;
    this.peerTag = peerTag >>> 0;
    this.localTsn = this.localTag;
    this.state = state;
  }

  /** Active open: sends INIT now. `localTag` must be non-zero. */
  static connect(host: SctpAssociationHost, endpoints: SctpEndpoints, localTag: number, handlers: SctpAssociationHandlers): SctpAssociation {
    const association = new SctpAssociation(host, endpoints, localTag, 0, 'cookie-wait');
    association.handlers = handlers;
    association.sendInit();
    association.armTimer();
    return association;
  }

  /** Passive open from a valid COOKIE ECHO: sends COOKIE ACK and reports to the listener. */
  static acceptCookie(host: SctpAssociationHost, endpoints: SctpEndpoints, tags: { localTag: number; peerTag: number }, app: SctpServerApp): SctpAssociation {
    const association = new SctpAssociation(host, endpoints, tags.localTag, tags.peerTag, 'established');
    association.send([{ type: SCTP_COOKIE_ACK, flags: 0, value: EMPTY }]);
    association.handlers = app.accept(association);
    association.handlers.established?.(association);
    return association;
  }

  /** Graceful close (SHUTDOWN). Before establishment it just drops the attempt. */
  shutdown(): void {
    if (this.state === 'established') {
      this.state = 'shutdown-sent';
      this.retransmits = 0;
      this.rto = SCTP_RTO_INITIAL_US;
      this.sendShutdown();
      this.armTimer();
    } else if (this.state === 'cookie-wait' || this.state === 'cookie-echoed') {
      this.finish({ kind: 'aborted-locally' });
    }
  }

  abort(): void {
    if (this.state === 'closed') return;
    if (this.state !== 'cookie-wait') this.send([{ type: SCTP_ABORT, flags: 0, value: EMPTY }]);
    this.finish({ kind: 'aborted-locally' });
  }

  receive(packet: SctpPacket): void {
    for (const chunk of packet.chunks) {
      if (this.state === 'closed') return;
      this.receiveChunk(packet, chunk);
    }
  }

  private receiveChunk(packet: SctpPacket, chunk: SctpChunk): void {
    const tag = packet.verificationTag >>> 0;
    if (chunk.type === SCTP_ABORT) {
      const reflected = (chunk.flags & SCTP_FLAG_T) !== 0;
      // RFC 9260 §8.5.1 B: an ABORT counts only with our own tag, or the peer's reflected (T bit);
      // in COOKIE-WAIT the peer's tag is not known yet, so only our own (the INIT's initiate tag).
      const expected = reflected ? (this.state === 'cookie-wait' ? undefined : this.peerTag) : this.localTag;
      if (tag === expected) this.finish({ kind: 'aborted-by-peer' });
      return;
    }
    if (tag !== this.localTag) return;
    switch (chunk.type) {
      case SCTP_INIT_ACK:
        if (this.state !== 'cookie-wait') return;
        this.peerTag = initiateTagOf(chunk);
        this.cookie = stateCookieOf(chunk) ?? EMPTY;
        this.state = 'cookie-echoed';
        this.retransmits = 0;
        this.sendCookieEcho();
        this.armTimer();
        return;
      case SCTP_COOKIE_ACK:
        if (this.state !== 'cookie-echoed') return;
        this.state = 'established';
        this.stopTimer();
        this.handlers?.established?.(this);
        return;
      case SCTP_COOKIE_ECHO:
        if (this.state === 'established') this.send([{ type: SCTP_COOKIE_ACK, flags: 0, value: EMPTY }]); // our COOKIE ACK was lost
        return;
      case SCTP_SHUTDOWN:
        if (this.state !== 'established' && this.state !== 'shutdown-ack-sent') return;
        this.state = 'shutdown-ack-sent';
        this.send([{ type: SCTP_SHUTDOWN_ACK, flags: 0, value: EMPTY }]);
        return;
      case SCTP_SHUTDOWN_ACK:
        if (this.state !== 'shutdown-sent') return;
        this.send([{ type: SCTP_SHUTDOWN_COMPLETE, flags: 0, value: EMPTY }]);
        this.finish({ kind: 'shutdown' });
        return;
      case SCTP_SHUTDOWN_COMPLETE:
        if (this.state === 'shutdown-ack-sent') this.finish({ kind: 'shutdown' });
        return;
      default:
        return;
    }
  }

  private sendInit(): void {
    this.initsSent += 1;
    this.host.emit(this, {
      kind: 'sctp',
      srcPort: this.localPort,
      dstPort: this.remotePort,
      verificationTag: 0,
      chunks: [{ type: SCTP_INIT, flags: 0, value: initValue(this.localTag, this.localTsn, undefined) }],
    });
  }

  private sendCookieEcho(): void {
    this.send([{ type: SCTP_COOKIE_ECHO, flags: 0, value: this.cookie }]);
  }

  private sendShutdown(): void {
    const value = new Uint8Array(4);
    putU32(value, 0, 0); // cumulative TSN ack: no DATA was ever received
    this.send([{ type: SCTP_SHUTDOWN, flags: 0, value }]);
  }

  private send(chunks: readonly SctpChunk[]): void {
    this.host.emit(this, { kind: 'sctp', srcPort: this.localPort, dstPort: this.remotePort, verificationTag: this.peerTag, chunks });
  }

  private armTimer(): void {
    this.stopTimer();
    this.timer = this.host.loop.after(this.rto, () => this.onTimeout());
  }

  private stopTimer(): void {
    if (this.timer !== undefined) this.host.loop.cancel(this.timer);
    this.timer = undefined;
  }

  private onTimeout(): void {
    this.timer = undefined;
    if (this.retransmits >= SCTP_MAX_INIT_RETRANSMITS) {
      this.finish({ kind: 'timed-out' });
      return;
    }
    this.retransmits += 1;
    if (this.state === 'cookie-wait') this.sendInit();
    else if (this.state === 'cookie-echoed') this.sendCookieEcho();
    else if (this.state === 'shutdown-sent') this.sendShutdown();
    else return;
    this.rto = Math.min(this.rto * 2, SCTP_RTO_MAX_US);
    this.armTimer();
  }

  private finish(reason: SctpCloseReason): void {
    this.state = 'closed';
    this.stopTimer();
    this.host.release(this);
    if (this.closeReported) return;
    this.closeReported = true;
    this.handlers?.closed?.(this, reason);
  }
}
