/**
 * The half-open TCP probe reach uses: one SYN; a listening port answers SYN-ACK (and the
 * prober resets it, leaving no connection on either side), a closed port answers RST, a
 * black hole answers nothing.
 */
import { describe, expect, it } from 'vitest';
import { ipAddr } from '../../src/packet/address.js';
import { TCP_ACK, TCP_RST, TCP_SYN } from '../../src/packet/types.js';
import { EventLoop } from '../../src/sim/event-loop.js';
import { MemoryNetwork } from '../../src/sim/memory-network.js';
import { startWebServer } from '../../src/sim/apps/webserver.js';
import { opened } from '../support/sockets.js';

function lab() {
  const loop = new EventLoop(1);
  const net = new MemoryNetwork(loop, 50);
  const client = net.addStack('client', [ipAddr('10.0.0.1')]);
  const server = net.addStack('server', [ipAddr('10.0.0.2')]);
  startWebServer(server, { hostname: 'server', port: 80 });
  return { loop, net, client, server };
}

function flagsOf(net: MemoryNetwork): string[] {
  return net.trace.map((t) => {
    const l4 = t.packet.l4;
    if (l4.kind !== 'tcp') return l4.kind;
    const f = l4.flags;
    return [f & TCP_SYN ? 'S' : '', f & TCP_ACK ? 'A' : '', f & TCP_RST ? 'R' : ''].join('');
  });
}

describe('half-open TCP probe', () => {
  it('open port: SYN, SYN-ACK, RST — answered syn-ack, and no connection remains', () => {
    const { loop, net, client } = lab();
    const answers: string[] = [];
    client.probeTcp(ipAddr('10.0.0.2'), 80, { answered: (a) => answers.push(a) });
    loop.runUntilIdle();
    expect(answers).toEqual(['syn-ack']);
    expect(flagsOf(net)).toEqual(['S', 'SA', 'R']);
    expect(loop.pending()).toBe(0);
  });

  it('closed port: SYN, RST-ACK — answered rst', () => {
    const { loop, net, client } = lab();
    const answers: string[] = [];
    client.probeTcp(ipAddr('10.0.0.2'), 81, { answered: (a) => answers.push(a) });
    loop.runUntilIdle();
    expect(answers).toEqual(['rst']);
    expect(flagsOf(net)).toEqual(['S', 'AR']);
  });

  it('black hole: no answer, nothing left scheduled', () => {
    const { loop, net, client } = lab();
    const answers: string[] = [];
    net.dropWhen((p) => p.l4.kind === 'tcp' && (p.l4.flags & TCP_SYN) !== 0 && (p.l4.flags & TCP_ACK) === 0);
    client.probeTcp(ipAddr('10.0.0.2'), 80, { answered: (a) => answers.push(a) });
    loop.runUntilIdle();
    expect(answers).toEqual([]);
    expect(flagsOf(net)).toEqual(['S']);
  });

  it('cancelled probe: the late SYN-ACK gets the ordinary RST and no callback', () => {
    const { loop, net, client } = lab();
    const answers: string[] = [];
    opened(client.probeTcp(ipAddr('10.0.0.2'), 80, { answered: (a) => answers.push(a) })).cancel();
    loop.runUntilIdle();
    expect(answers).toEqual([]);
    expect(flagsOf(net)).toEqual(['S', 'SA', 'R']);
  });
});
