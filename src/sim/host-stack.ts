/**
 * A minimal Linux-like IP endpoint (a pod's or a node host's network stack). Guarantees:
 * - Demultiplexes TCP by 4-tuple, UDP/SCTP by local port, ICMP echo replies by identifier.
 *   A connected UDP socket (`connectUdp`) takes only datagrams from its peer and ICMP errors
 *   about datagrams to its peer, as Linux's socket lookup does; anything else sent to its
 *   port is treated as sent to a closed port.
 * - A half-open TCP probe takes only a SYN-ACK or RST|ACK acknowledging its own SYN (RFC 9293
 *   §3.10.7.3: in SYN-SENT an unacceptable ACK is reset, a RST without an acceptable ACK dropped).
 * - Answers like Linux: a SYN to a closed TCP port gets RST|ACK; a datagram to a closed UDP
 *   port gets ICMP port unreachable (v4 3/3, v6 1/4) quoting it; an SCTP INIT to a closed port
 *   gets ABORT; every echo request to one of its addresses gets an echo reply with the same
 *   identifier, sequence and payload.
 * - Every packet leaves with TTL/hop limit 64; IPv4 identifications count up per stack.
 * - Deterministic: ephemeral ports (32768-60999, PRNG start, then sequential, skipping the
 *   reserved ones and never the connection's own 4-tuple reversed onto itself), initial
 *   sequence numbers, TCP timestamp offsets and SCTP tags come from PRNG streams forked from
 *   the loop's PRNG by the stack's name, so they do not depend on other stacks.
 * - Socket calls fail as Linux's do, with an errno value and nothing sent (`SocketError`):
 *   ENETUNREACH towards an address family the stack has no address of, EADDRNOTAVAIL when a
 *   TCP connect finds no free ephemeral port for its 4-tuple, EAGAIN when a UDP or SCTP socket
 *   finds no port to bind.
 * Packets not addressed to one of the stack's addresses are dropped silently.
 */

import { FourTupleMap } from './four-tuple-map.js';
import { synSegment } from './tcp-segments.js';
import { resetFor } from './tcp-reset.js';
import { outOfTheBlueAnswer } from './sctp-out-of-the-blue.js';
import { SynProbe, type SynProbeOwner, type TcpProbeListener } from './tcp-syn-probe.js';
import type { EventLoop } from './event-loop.js';
import type { Prng } from './prng.js';
import { EphemeralPorts } from './ephemeral-ports.js';
import { socketError, type SocketError } from './socket-error.js';
import { quoteOffendingPacket, readQuotedFlow } from './icmp-quote.js';
import type { IcmpEchoHandlers, IcmpEchoSocket } from './icmp-echo-socket.js';
import { TcpConnection, type TcpConnectionHost, type TcpEndpoints } from './tcp-connection.js';
import type { TcpServerApp, TcpSocket, TcpSocketHandlers } from './tcp-socket.js';
import type { UdpSocket, UdpSocketHandlers } from './udp-socket.js';
import {
  SCTP_COOKIE_ECHO,
  SCTP_INIT,
  SctpAssociation,
  initAckFor,
  readCookie,
  type SctpAssociationHandlers,
  type SctpAssociationHost,
  type SctpServerApp,
} from './sctp-association.js';
import {
  PROTO_UDP,
  TCP_ACK,
  TCP_RST,
  TCP_SYN,
  type IcmpEcho,
  type IpAddr,
  type IpPacket,
  type L4Segment,
  type SctpChunk,
  type SctpPacket,
  type TcpSegment,
  type UdpDatagram,
} from '../packet/types.js';

export type { TcpProbeAnswer, TcpProbeListener } from './tcp-syn-probe.js';

export interface NetworkAttachment {
  transmit(packet: IpPacket): void;
}

export const DEFAULT_TTL = 64;

interface UdpBinding {
  readonly handlers: UdpSocketHandlers;
  /** The peer of a connected socket: only its datagrams and ICMP errors about it reach the socket. */
  readonly peer: { readonly address: IpAddr; readonly port: number } | undefined;
}

/** Whether a UDP binding takes a datagram from (or an ICMP error about) `address`:`port`. */
function bindingAccepts(binding: UdpBinding, address: IpAddr, port: number): boolean {
  const peer = binding.peer;
  return peer === undefined || (peer.address === address && peer.port === port);
}

export class HostStack implements SynProbeOwner {
  readonly loop: EventLoop;
  readonly name: string;
  readonly addresses: readonly IpAddr[];
  /** A stream for applications running on this stack (fork it per application). */
  readonly random: Prng;
  /** Packets handed to the attachment / received for one of our addresses / dropped as not ours. */
  readonly counters = { sent: 0, received: 0, notForUs: 0 };

  private readonly attachment: NetworkAttachment;
  private readonly isnRandom: Prng;
  private readonly timestampRandom: Prng;
  private readonly sctpTagRandom: Prng;
  private readonly ports: EphemeralPorts;
  private nextIpv4Id: number;
  private readonly tcpListeners = new Map<number, TcpServerApp>();
  private readonly tcpConnections = new FourTupleMap<TcpConnection>();
  /** Half-open probes waiting for their SYN's answer (`probeTcp`). */
  private readonly synProbes = new FourTupleMap<SynProbe>();
  private readonly udpBindings = new Map<number, UdpBinding>();
  private readonly sctpListeners = new Map<number, SctpServerApp>();
  private readonly sctpAssociations = new FourTupleMap<SctpAssociation>();
  private readonly echoSockets = new Map<number, IcmpEchoHandlers>();
  private readonly tcpHost: TcpConnectionHost;
  private readonly sctpHost: SctpAssociationHost;

  constructor(loop: EventLoop, name: string, addresses: readonly IpAddr[], attachment: NetworkAttachment) {
    if (addresses.length === 0) throw new Error(`invariant: host stack ${name} needs at least one address`);
    this.loop = loop;
    this.name = name;
    this.addresses = addresses;
    this.attachment = attachment;
    const root = loop.random.fork(`host-stack:${name}`);
    this.random = root.fork('applications');
    this.isnRandom = root.fork('tcp-isn');
    this.timestampRandom = root.fork('tcp-timestamps');
    this.sctpTagRandom = root.fork('sctp-tags');
    this.ports = new EphemeralPorts(root.fork('ephemeral-ports'));
    this.nextIpv4Id = root.fork('ipv4-id').nextInt(65536);
    this.tcpHost = {
      loop,
      emit: (connection, segment) => this.sendIp(connection.localAddress, connection.remoteAddress, segment),
      release: (connection) => {
        this.tcpConnections.deleteIf(connection.localAddress, connection.localPort, connection.remoteAddress, connection.remotePort, connection);
      },
    };
    this.sctpHost = {
      loop,
      emit: (association, packet) => this.sendIp(association.localAddress, association.remoteAddress, packet),
      release: (association) => {
        this.sctpAssociations.deleteIf(association.localAddress, association.localPort, association.remoteAddress, association.remotePort, association);
      },
    };
  }

  /**
   * The address this stack sends from to reach `remote` (the first of the same family), or
   * undefined when it has none: no route of that family, connect(2) fails with ENETUNREACH.
   */
  sourceAddressFor(remote: IpAddr): IpAddr | undefined {
    const addresses = this.addresses;
    for (let i = 0; i < addresses.length; i++) if (addresses[i]!.family === remote.family) return addresses[i];
    return undefined;
  }

  ownsAddress(address: IpAddr): boolean {
    return this.addresses[0] === address || this.addresses.includes(address);
  }

  /**
   * Ports automatic (ephemeral) assignment never picks, like Linux's
   * net.ipv4.ip_local_reserved_ports; replaces the previous set. A prober reserves the ports it
   * probes so that no probe's source port is another probe's destination.
   */
  reserveLocalPorts(ports: ReadonlySet<number>): void {
    this.ports.reserve(ports);
  }

  /** A local port would make a connection to itself: same address and port at both ends. */
  private isSelfTuple(localAddress: IpAddr, port: number, remote: IpAddr, remotePort: number): boolean {
    return port === remotePort && localAddress === remote;
  }

  // ---- applications: TCP ------------------------------------------------------------

  listenTcp(port: number, app: TcpServerApp): void {
    if (this.tcpListeners.has(port)) throw new Error(`invariant: ${this.name} already listens on TCP ${port}`);
    this.tcpListeners.set(port, app);
  }

  closeTcpListener(port: number): void {
    this.tcpListeners.delete(port);
  }

  connectTcp(remote: IpAddr, remotePort: number, handlers: TcpSocketHandlers): TcpSocket | SocketError {
    const localAddress = this.sourceAddressFor(remote);
    if (localAddress === undefined) return socketError('ENETUNREACH');
    const localPort = this.allocateTcpPort(localAddress, remote, remotePort, false);
    if (localPort === undefined) return socketError('EADDRNOTAVAIL');
    const endpoints: TcpEndpoints = { localAddress, localPort, remoteAddress: remote, remotePort };
    const connection = TcpConnection.create(this.tcpHost, endpoints, this.isnRandom.nextU32(), this.timestampRandom.nextU32(), handlers);
    // Registered before the SYN leaves, so a reply delivered synchronously finds the connection.
    this.tcpConnections.set(localAddress, localPort, remote, remotePort, connection);
    connection.open();
    return connection;
  }

  /**
   * A half-open TCP probe (what a SYN scan does): one Linux SYN from an ephemeral port; the
   * listener hears `syn-ack` (the port accepted; the stack answers the SYN-ACK with a RST, as
   * Linux does for a SYN-ACK no socket wants) or `rst` (refused). No connection is created;
   * `cancel` on the returned probe forgets it (a late answer then gets the ordinary RST treatment).
   */
  probeTcp(remote: IpAddr, remotePort: number, listener: TcpProbeListener): SynProbe | SocketError {
    const localAddress = this.sourceAddressFor(remote);
    if (localAddress === undefined) return socketError('ENETUNREACH');
    const localPort = this.allocateTcpPort(localAddress, remote, remotePort, true);
    if (localPort === undefined) return socketError('EADDRNOTAVAIL');
    const iss = this.isnRandom.nextU32();
    const probe = new SynProbe(localAddress, localPort, remote, remotePort, iss, listener, this);
    this.synProbes.set(localAddress, localPort, remote, remotePort, probe);
    this.sendIp(localAddress, remote, synSegment(localPort, remotePort, iss, this.timestampRandom.nextU32()));
    return probe;
  }

  forgetProbe(probe: SynProbe): void {
    this.synProbes.deleteIf(probe.localAddress, probe.localPort, probe.remoteAddress, probe.remotePort, probe);
  }

  /** The next free ephemeral port towards (remote, remotePort): not listened on, not in a connection (nor a probe); undefined when none is. */
  private allocateTcpPort(localAddress: IpAddr, remote: IpAddr, remotePort: number, probesToo: boolean): number | undefined {
    const port = this.ports.allocate(
      (p) =>
        this.tcpListeners.has(p) ||
        this.isSelfTuple(localAddress, p, remote, remotePort) ||
        this.tcpConnections.has(localAddress, p, remote, remotePort) ||
        (probesToo && this.synProbes.has(localAddress, p, remote, remotePort)),
    );
    return port;
  }

  // ---- applications: UDP ------------------------------------------------------------

  listenUdp(port: number, handlers: UdpSocketHandlers): UdpSocket {
    if (this.udpBindings.has(port)) throw new Error(`invariant: ${this.name} already has a UDP socket on port ${port}`);
    return this.bindUdp(port, handlers, undefined);
  }

  /** An unconnected UDP socket on an ephemeral port (EAGAIN when every port is bound). */
  openUdp(handlers: UdpSocketHandlers): UdpSocket | SocketError {
    const port = this.ports.allocate((p) => this.udpBindings.has(p));
    if (port === undefined) return socketError('EAGAIN');
    return this.bindUdp(port, handlers, undefined);
  }

  /**
   * A UDP socket connected to `remote`:`remotePort` (what `connect(2)` on a UDP socket does, as
   * ncat -u and probe tools use): an ephemeral port, and only the peer's datagrams and ICMP
   * errors about datagrams to the peer reach it.
   */
  connectUdp(remote: IpAddr, remotePort: number, handlers: UdpSocketHandlers): UdpSocket | SocketError {
    const localAddress = this.sourceAddressFor(remote);
    if (localAddress === undefined) return socketError('ENETUNREACH');
    const port = this.ports.allocate((p) => this.udpBindings.has(p) || this.isSelfTuple(localAddress, p, remote, remotePort));
    if (port === undefined) return socketError('EAGAIN');
    return this.bindUdp(port, handlers, { address: remote, port: remotePort });
  }

  private bindUdp(localPort: number, handlers: UdpSocketHandlers, peer: UdpBinding['peer']): UdpSocket {
    const binding: UdpBinding = { handlers, peer };
    this.udpBindings.set(localPort, binding);
    return {
      localPort,
      send: (to, toPort, payload) => this.sendUdp(localPort, to, toPort, payload),
      close: () => {
        if (this.udpBindings.get(localPort) === binding) this.udpBindings.delete(localPort);
      },
    };
  }

  // ---- applications: SCTP -----------------------------------------------------------

  listenSctp(port: number, app: SctpServerApp): void {
    if (this.sctpListeners.has(port)) throw new Error(`invariant: ${this.name} already listens on SCTP ${port}`);
    this.sctpListeners.set(port, app);
  }

  closeSctpListener(port: number): void {
    this.sctpListeners.delete(port);
  }

  connectSctp(remote: IpAddr, remotePort: number, handlers: SctpAssociationHandlers): SctpAssociation | SocketError {
    const localAddress = this.sourceAddressFor(remote);
    if (localAddress === undefined) return socketError('ENETUNREACH');
    const localPort = this.ports.allocate(
      (port) => this.sctpListeners.has(port) || this.isSelfTuple(localAddress, port, remote, remotePort) || this.sctpAssociations.has(localAddress, port, remote, remotePort),
    );
    if (localPort === undefined) return socketError('EAGAIN');
    const endpoints = { localAddress, localPort, remoteAddress: remote, remotePort };
    let registered = false;
    const host: SctpAssociationHost = {
      loop: this.loop,
      emit: (association, packet) => {
        if (!registered) {
          registered = true;
          this.sctpAssociations.set(localAddress, localPort, remote, remotePort, association);
        }
        this.sctpHost.emit(association, packet);
      },
      release: (association) => this.sctpHost.release(association),
    };
    return SctpAssociation.connect(host, endpoints, this.nextSctpTag(), handlers);
  }

  private nextSctpTag(): number {
    return 1 + this.sctpTagRandom.nextInt(0xffffffff); // never 0 (RFC 9260 §5.3.1)
  }

  // ---- applications: ICMP echo ------------------------------------------------------

  openIcmpEcho(handlers: IcmpEchoHandlers): IcmpEchoSocket {
    let identifier = this.random.nextInt(65536);
    while (this.echoSockets.has(identifier)) identifier = (identifier + 1) & 0xffff;
    this.echoSockets.set(identifier, handlers);
    return {
      identifier,
      sendRequest: (to, sequence, payload) => {
        const from = this.sourceAddressFor(to);
        if (from === undefined) return socketError('ENETUNREACH');
        const echo: IcmpEcho = { kind: 'icmp', type: 'echo-request', id: identifier, seq: sequence & 0xffff, payload };
        this.sendIp(from, to, echo);
        return undefined;
      },
      close: () => {
        if (this.echoSockets.get(identifier) === handlers) this.echoSockets.delete(identifier);
      },
    };
  }

  // ---- the network side -------------------------------------------------------------

  /** A packet delivered to this endpoint by the network. */
  receive(packet: IpPacket): void {
    if (!this.ownsAddress(packet.dst)) {
      this.counters.notForUs += 1;
      return;
    }
    this.counters.received += 1;
    const l4 = packet.l4;
    switch (l4.kind) {
      case 'tcp':
        this.receiveTcp(packet, l4);
        return;
      case 'udp':
        this.receiveUdp(packet, l4);
        return;
      case 'icmp':
        this.receiveEcho(packet, l4);
        return;
      case 'icmp-error':
        this.receiveIcmpError(packet.src, l4.original);
        return;
      case 'sctp':
        this.receiveSctp(packet, l4);
        return;
    }
  }

  private receiveTcp(packet: IpPacket, segment: TcpSegment): void {
    const connection = this.tcpConnections.get(packet.dst, segment.dstPort, packet.src, segment.srcPort);
    if (connection !== undefined) {
      connection.receive(segment);
      return;
    }
    // Only a SYN-ACK or a RST|ACK acknowledging the probe's SYN answers it (a SYN, a plain ACK,
    // a bare RST or a wrong acknowledgement never does; RFC 9293 §3.10.7.3).
    if ((segment.flags & TCP_ACK) !== 0) {
      const found = this.synProbes.get(packet.dst, segment.dstPort, packet.src, segment.srcPort);
      const probe = found !== undefined && segment.ack >>> 0 === ((found.iss + 1) >>> 0) ? found : undefined;
      if (probe !== undefined && (segment.flags & (TCP_SYN | TCP_ACK)) === (TCP_SYN | TCP_ACK)) {
        this.synProbes.deleteIf(packet.dst, segment.dstPort, packet.src, segment.srcPort, probe);
        this.sendIp(packet.dst, packet.src, resetFor(segment));
        probe.listener.answered('syn-ack');
        return;
      }
      if (probe !== undefined && (segment.flags & TCP_RST) !== 0) {
        this.synProbes.deleteIf(packet.dst, segment.dstPort, packet.src, segment.srcPort, probe);
        probe.listener.answered('rst');
        return;
      }
    }
    const listener = this.tcpListeners.get(segment.dstPort);
    const isInitialSyn = (segment.flags & (TCP_SYN | TCP_ACK | TCP_RST)) === TCP_SYN;
    if (listener !== undefined && isInitialSyn) {
      const endpoints: TcpEndpoints = { localAddress: packet.dst, localPort: segment.dstPort, remoteAddress: packet.src, remotePort: segment.srcPort };
      const accepted = TcpConnection.accept(this.tcpHost, endpoints, segment, this.isnRandom.nextU32(), this.timestampRandom.nextU32(), listener);
      if (accepted.state !== 'closed') this.tcpConnections.set(packet.dst, segment.dstPort, packet.src, segment.srcPort, accepted);
      return;
    }
    if ((segment.flags & TCP_RST) !== 0) return;
    this.sendIp(packet.dst, packet.src, resetFor(segment));
  }

  private receiveUdp(packet: IpPacket, datagram: UdpDatagram): void {
    const binding = this.udpBindings.get(datagram.dstPort);
    if (binding === undefined || !bindingAccepts(binding, packet.src, datagram.srcPort)) {
      const portUnreachable = packet.dst.family === 4 ? { type: 3, code: 3 } : { type: 1, code: 4 };
      this.sendIp(packet.dst, packet.src, { kind: 'icmp-error', ...portUnreachable, original: quoteOffendingPacket(packet) });
      return;
    }
    const socket = this.socketView(datagram.dstPort);
    binding.handlers.datagram?.(socket, packet.src, datagram.srcPort, datagram.payload);
  }

  private receiveIcmpError(reporter: IpAddr, original: Uint8Array): void {
    const quoted = readQuotedFlow(original);
    if (quoted === undefined || quoted.protocol !== PROTO_UDP) return;
    const binding = this.udpBindings.get(quoted.srcPort);
    if (binding === undefined || !bindingAccepts(binding, quoted.dst, quoted.dstPort)) return;
    binding.handlers.portUnreachable?.(this.socketView(quoted.srcPort), quoted.dst, quoted.dstPort, reporter);
  }

  /** A socket handle for callbacks on an existing binding. */
  private socketView(localPort: number): UdpSocket {
    return {
      localPort,
      send: (to, toPort, payload) => this.sendUdp(localPort, to, toPort, payload),
      close: () => this.udpBindings.delete(localPort),
    };
  }

  private receiveEcho(packet: IpPacket, echo: IcmpEcho): void {
    if (echo.type === 'echo-request') {
      this.sendIp(packet.dst, packet.src, { kind: 'icmp', type: 'echo-reply', id: echo.id, seq: echo.seq, payload: echo.payload });
      return;
    }
    this.echoSockets.get(echo.id)?.reply(packet.src, echo.seq, packet.ttl, echo.payload);
  }

  private receiveSctp(packet: IpPacket, sctp: SctpPacket): void {
    const association = this.sctpAssociations.get(packet.dst, sctp.dstPort, packet.src, sctp.srcPort);
    if (association !== undefined) {
      association.receive(sctp);
      return;
    }
    const first: SctpChunk | undefined = sctp.chunks[0];
    if (first === undefined) return;
    const listener = this.sctpListeners.get(sctp.dstPort);
    if (listener !== undefined && first.type === SCTP_INIT) {
      this.sendIp(packet.dst, packet.src, initAckFor(sctp, this.nextSctpTag(), this.sctpTagRandom.nextU32()));
      return;
    }
    const cookie = first.type === SCTP_COOKIE_ECHO ? readCookie(first) : undefined;
    if (listener !== undefined && cookie !== undefined && cookie.localTag === sctp.verificationTag >>> 0) {
      const endpoints = { localAddress: packet.dst, localPort: sctp.dstPort, remoteAddress: packet.src, remotePort: sctp.srcPort };
      const accepted = SctpAssociation.acceptCookie(this.sctpHost, endpoints, cookie, listener);
      if (accepted.state !== 'closed') this.sctpAssociations.set(packet.dst, sctp.dstPort, packet.src, sctp.srcPort, accepted);
      return;
    }
    // RFC 9260 §8.4: out-of-the-blue packets get ABORT (or SHUTDOWN COMPLETE) with a reflected tag.
    const answer = outOfTheBlueAnswer(sctp, first);
    if (answer !== undefined) this.sendIp(packet.dst, packet.src, answer);
  }

  /** sendto(2) from a bound port: ENETUNREACH (nothing sent) towards a family the stack has no address of. */
  private sendUdp(localPort: number, to: IpAddr, toPort: number, payload: Uint8Array): SocketError | undefined {
    const from = this.sourceAddressFor(to);
    if (from === undefined) return socketError('ENETUNREACH');
    const datagram: UdpDatagram = { kind: 'udp', srcPort: localPort, dstPort: toPort, payload };
    this.sendIp(from, to, datagram);
    return undefined;
  }

  private sendIp(src: IpAddr, dst: IpAddr, l4: L4Segment): void {
    let id = 0;
    if (src.family === 4) {
      id = this.nextIpv4Id;
      this.nextIpv4Id = (this.nextIpv4Id + 1) & 0xffff;
    }
    this.counters.sent += 1;
    this.attachment.transmit({ src, dst, ttl: DEFAULT_TTL, id, l4 });
  }
}
