/**
 * A probe takes only the answer to itself, from the address and port it probed (issue 9 §1):
 * a connected UDP socket ignores other peers' datagrams (the stack answers them as a closed
 * port) and ICMP errors about other destinations; a half-open TCP probe ignores a RST|ACK or
 * SYN-ACK that does not acknowledge its SYN; an SCTP association in COOKIE-WAIT ignores an ABORT
 * without its tag; and `reach` gives the policy's verdicts when the probed port is one of the
 * probes' own ephemeral source ports (the UDP crosstalk repro).
 */
import { describe, expect, it } from 'vitest';
import { ipAddr } from '../../src/packet/address.js';
import { TCP_ACK, TCP_RST, TCP_SYN, type IpPacket, type TcpSegment } from '../../src/packet/types.js';
import { EventLoop } from '../../src/sim/event-loop.js';
import { MemoryNetwork } from '../../src/sim/memory-network.js';
import { quoteOffendingPacket } from '../../src/sim/icmp-quote.js';
import { SCTP_ABORT } from '../../src/sim/sctp-association.js';
import { clusterFromYaml, sim } from '../support/lab.js';
import { opened } from '../support/sockets.js';

const A = ipAddr('10.0.0.1');
const B = ipAddr('10.0.0.2');
const C = ipAddr('10.0.0.3');

function lab() {
  const loop = new EventLoop(7);
  const net = new MemoryNetwork(loop, 50);
  return { loop, net, a: net.addStack('a', [A]), b: net.addStack('b', [B]), c: net.addStack('c', [C]) };
}

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const EMPTY = new Uint8Array(0);

describe('connected UDP socket', () => {
  it('takes only its peer\'s datagrams; another sender to its port gets a port unreachable', () => {
    const { loop, net, a, c } = lab();
    const heard: string[] = [];
    const socket = opened(a.connectUdp(B, 53, { datagram: (_s, from, port) => heard.push(`${from.text}:${port}`) }));
    const sender = opened(c.openUdp({ portUnreachable: (_s, to, port) => heard.push(`refused ${to.text}:${port}`) }));
    sender.send(A, socket.localPort, bytes('not for you'));
    loop.runUntilIdle();
    expect(heard).toEqual([`refused 10.0.0.1:${socket.localPort}`]);
    expect(net.trace.map((t) => t.packet.l4.kind)).toEqual(['udp', 'icmp-error']);
  });

  it('hears a port unreachable only about datagrams to its peer, with the reporter', () => {
    const { loop, a } = lab();
    const heard: string[] = [];
    const socket = opened(a.connectUdp(B, 53, { portUnreachable: (_s, to, port, reporter) => heard.push(`${to.text}:${port} from ${reporter.text}`) }));
    const sentTo = (dst: typeof B, dstPort: number): IpPacket => ({ src: A, dst, ttl: 64, id: 1, l4: { kind: 'udp', srcPort: socket.localPort, dstPort, payload: EMPTY } });
    const error = (from: typeof B, about: IpPacket): IpPacket => ({ src: from, dst: A, ttl: 64, id: 2, l4: { kind: 'icmp-error', type: 3, code: 3, original: quoteOffendingPacket(about) } });
    a.receive(error(C, sentTo(C, 53)));
    a.receive(error(B, sentTo(B, 54)));
    a.receive(error(B, sentTo(B, 53)));
    loop.runUntilIdle();
    expect(heard).toEqual(['10.0.0.2:53 from 10.0.0.2']);
  });

  it('never picks its own address and destination port as source (no socket connected to itself)', () => {
    const { a } = lab();
    const first = opened(a.connectUdp(B, 9, {})).localPort;
    const self = opened(a.connectUdp(A, first + 1, {}));
    expect(self.localPort).not.toBe(first + 1);
  });
});

describe('half-open TCP probe', () => {
  function synOf(net: MemoryNetwork): TcpSegment {
    const syn = net.trace.find((t) => t.packet.l4.kind === 'tcp')!.packet.l4;
    if (syn.kind !== 'tcp') throw new Error('no SYN');
    return syn;
  }
  const reply = (syn: TcpSegment, flags: number, ack: number): IpPacket => ({
    src: B, dst: A, ttl: 64, id: 3,
    l4: { kind: 'tcp', srcPort: syn.dstPort, dstPort: syn.srcPort, seq: 1000, ack, flags, window: 0, options: EMPTY, payload: EMPTY },
  });

  it('ignores a RST|ACK or SYN-ACK that does not acknowledge its SYN, and a bare RST', () => {
    const { a, net } = lab();
    net.dropWhen(() => true);
    const answers: string[] = [];
    a.probeTcp(B, 80, { answered: (x) => answers.push(x) });
    const syn = synOf(net);
    a.receive(reply(syn, TCP_RST | TCP_ACK, (syn.seq + 2) >>> 0));
    a.receive(reply(syn, TCP_SYN | TCP_ACK, syn.seq >>> 0));
    a.receive(reply(syn, TCP_RST, 0));
    expect(answers).toEqual([]);
    a.receive(reply(syn, TCP_RST | TCP_ACK, (syn.seq + 1) >>> 0));
    expect(answers).toEqual(['rst']);
  });
});

describe('SCTP association in COOKIE-WAIT', () => {
  it('ignores an ABORT that carries neither its tag nor a reflected one it could know', () => {
    const { a, net } = lab();
    net.dropWhen(() => true);
    const closed: string[] = [];
    const association = opened(a.connectSctp(B, 9, { closed: (_x, reason) => closed.push(reason.kind) }));
    const init = net.trace[0]!.packet.l4;
    if (init.kind !== 'sctp') throw new Error('no INIT');
    const v = init.chunks[0]!.value;
    const initiateTag = ((v[0]! << 24) | (v[1]! << 16) | (v[2]! << 8) | v[3]!) >>> 0;
    const abort = (tag: number, flags: number): IpPacket => ({
      src: B, dst: A, ttl: 64, id: 4,
      l4: { kind: 'sctp', srcPort: 9, dstPort: association.localPort, verificationTag: tag, chunks: [{ type: SCTP_ABORT, flags, value: EMPTY }] },
    });
    a.receive(abort((initiateTag + 1) >>> 0, 0));
    a.receive(abort(0, 1));
    expect(closed).toEqual([]);
    a.receive(abort(initiateTag, 0));
    expect(closed).toEqual(['aborted-by-peer']);
  });
});

describe('reach with a probed port in the ephemeral range', () => {
  // The repro: deny-b isolates b for ingress; 53874 is one of a's probe source ports.
  const cluster = clusterFromYaml(`
apiVersion: v1
kind: Pod
metadata: {name: a, namespace: default, labels: {app: a}}
spec: {containers: [{name: c, image: x}]}
---
apiVersion: v1
kind: Pod
metadata: {name: b, namespace: default, labels: {app: b}}
spec: {containers: [{name: c, image: x}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-b, namespace: default}
spec:
  podSelector: {matchLabels: {app: b}}
  policyTypes: [Ingress]
`);

  it.each(['UDP', 'TCP', 'SCTP'] as const)('%s/53874: a→b blocked, everything else allowed (a pod always reaches itself)', (protocol) => {
    const result = sim(cluster).reach({ ports: [53874], protocols: [protocol], hosts: false });
    const verdicts = result.cells.map((c) => `${c.from}->${c.to} ${c.allowed ? 'allowed' : 'blocked'}`);
    expect(verdicts).toEqual([
      'default/a->default/a allowed',
      'default/a->default/b blocked',
      'default/b->default/a allowed',
      'default/b->default/b allowed',
    ]);
  });
});
