import { describe, expect, it } from 'vitest';
import { startHttpPoller } from '../../src/sim/apps/http-poller.js';
import { startWebServer } from '../../src/sim/apps/webserver.js';
import { startCurl, type CurlResult } from '../../src/sim/apps/curl.js';
import type { TcpCloseReason, TcpSocket } from '../../src/sim/tcp-socket.js';
import { EPHEMERAL_HIGH, EPHEMERAL_LOW } from '../../src/sim/ephemeral-ports.js';
import { CLIENT1, WEBSERVER, lab, tcpLadder } from './harness.js';
import { opened } from '../support/sockets.js';

const MS = 1000;

describe('TCP connections', () => {
  it('keep-alive poller: one connection, one request and response per second', () => {
    const { loop, server, client } = lab();
    const web = startWebServer(server, { hostname: 'server', port: 8888 });
    const poller = startHttpPoller(client, { url: 'http://10.47.255.234:8888/', keepAlive: true });
    loop.run(4500 * MS);
    expect(poller.ticks()).toEqual([0, 1000, 2000, 3000, 4000].map((sentAtMs) => ({ sentAtMs, respondedAtMs: sentAtMs + (sentAtMs === 0 ? 1 : 0.5) })));
    expect(poller.connectionsOpened()).toBe(1);
    expect(web.requestsServed()).toBe(5);
    poller.stop();
  });

  it('fresh-connection poller opens one connection per tick, each closed with FINs both ways', () => {
    const { loop, network, server, client } = lab();
    startWebServer(server, { hostname: 'server', port: 8888 });
    const poller = startHttpPoller(client, { url: 'http://10.47.255.234:8888/', keepAlive: false });
    loop.run(2500 * MS);
    poller.stop();
    loop.runUntilIdle();
    expect(poller.connectionsOpened()).toBe(3);
    expect(poller.ticks().every((t) => t.respondedAtMs !== null)).toBe(true);
    const ladder = tcpLadder(network.trace);
    expect(ladder.filter((l) => l.includes('FIN')).length).toBe(6);
    expect(ladder.filter((l) => l.endsWith('SYN')).length).toBe(3);
  });

  it('a keep-alive poller whose packets start being dropped stops seeing responses, and recovers when they flow again', () => {
    const { loop, network, server, client } = lab();
    startWebServer(server, { hostname: 'server', port: 8888 });
    const poller = startHttpPoller(client, { url: 'http://10.47.255.234:8888/', keepAlive: true });
    network.dropWhen((p, now) => p.src === WEBSERVER && now >= 3000 * MS && now < 8000 * MS);
    loop.run(20_200 * MS);
    poller.stop();
    const ticks = poller.ticks();
    expect(ticks.length).toBe(21);
    const answeredBefore = ticks.filter((t) => t.sentAtMs < 3000).every((t) => t.respondedAtMs !== null && t.respondedAtMs < 3000);
    expect(answeredBefore).toBe(true);
    // Nothing is answered while the server's packets are dropped.
    expect(ticks.some((t) => t.respondedAtMs !== null && t.respondedAtMs >= 3000 && t.respondedAtMs < 8000)).toBe(false);
    // TCP retransmission delivers the queued responses after the drop ends; later ticks are answered promptly.
    expect(ticks.filter((t) => t.sentAtMs >= 3000 && t.sentAtMs < 8000).every((t) => t.respondedAtMs !== null && t.respondedAtMs >= 8000)).toBe(true);
    expect(ticks.filter((t) => t.sentAtMs >= 12_000).every((t) => t.respondedAtMs === t.sentAtMs + 0.5)).toBe(true);
    expect(poller.connectionsOpened()).toBe(1);
  });

  it('an established connection whose packets are all dropped fails with ETIMEDOUT after 15 retransmissions', () => {
    const { loop, network, server, client } = lab();
    startWebServer(server, { hostname: 'server' });
    let reason: TcpCloseReason | undefined;
    let socket: TcpSocket | undefined;
    socket = opened(client.connectTcp(WEBSERVER, 80, {
      connected: () => network.dropWhen(() => true),
      closed: (_s, r) => (reason = r),
    }));
    loop.run(10 * MS);
    socket.write(new TextEncoder().encode('GET / HTTP/1.1\r\n\r\n'));
    loop.runUntilIdle(3_600_000 * MS);
    expect(reason).toEqual({ kind: 'timed-out', phase: 'established' });
    const dataSegments = network.trace.filter((t) => t.packet.src === CLIENT1 && t.packet.l4.kind === 'tcp' && t.packet.l4.payload.length > 0);
    expect(dataSegments.length).toBe(16);
    const gaps = dataSegments.slice(1).map((t, i) => t.sentAt - dataSegments[i]!.sentAt);
    expect(gaps[0]).toBeGreaterThanOrEqual(200 * MS);
    expect(gaps.slice(0, 9).every((gap, i) => i === 0 || gap === 2 * gaps[i - 1]!)).toBe(true);
    expect(Math.max(...gaps)).toBe(120_000 * MS);
  });

  it('a RST on an established connection reports ECONNRESET; a RST answers segments for unknown connections', () => {
    const { loop, network, server, client } = lab();
    let serverSocket: TcpSocket | undefined;
    server.listenTcp(7000, { accept: (s) => ((serverSocket = s), {}) });
    let reason: TcpCloseReason | undefined;
    client.connectTcp(WEBSERVER, 7000, { closed: (_s, r) => (reason = r) });
    loop.run(10 * MS);
    serverSocket!.abort();
    loop.runUntilIdle();
    expect(reason).toEqual({ kind: 'reset' });
    expect(tcpLadder(network.trace)).toEqual(['client1-dev SYN', 'webserver-dev SYN|ACK', 'client1-dev ACK', 'webserver-dev RST|ACK']);
  });

  it('curl -m 5 on an established connection that goes dark reports the bytes received so far', () => {
    const { loop, network, server, client } = lab();
    // A server that sends only the head and part of the body, then goes silent.
    server.listenTcp(80, {
      accept: () => ({
        data: (s) => {
          s.write(new TextEncoder().encode('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789'));
          network.dropWhen(() => true);
        },
      }),
    });
    let result: CurlResult | undefined;
    startCurl(client, { url: 'http://10.47.255.234/', maxTimeSeconds: 5 }, (r) => (result = r));
    loop.runUntilIdle(300_000 * MS);
    expect(result?.stderr).toBe('curl: (28) Operation timed out after 5000 milliseconds with 10 out of 100 bytes received\n');
  });
});

describe('determinism', () => {
  function transcript(seed: number): string {
    const { loop, network, server, client } = lab(seed);
    startWebServer(server, { hostname: 'webserver-dev' });
    const outputs: string[] = [];
    for (let i = 0; i < 3; i++) startCurl(client, { url: 'http://10.47.255.234/' }, (r) => outputs.push(r.stdout));
    loop.runUntilIdle();
    const packets = network.trace.map((t) => {
      const l4 = t.packet.l4;
      const tcp = l4.kind === 'tcp' ? `${l4.srcPort}>${l4.dstPort} seq=${l4.seq} ack=${l4.ack} opts=${Buffer.from(l4.options).toString('hex')}` : l4.kind;
      return `${t.sentAt} id=${t.packet.id} ${tcp}`;
    });
    return [...packets, ...outputs].join('\n');
  }

  it('the same seed gives the same ports, sequence numbers, timestamps and outputs', () => {
    expect(transcript(7)).toBe(transcript(7));
    expect(transcript(7)).not.toBe(transcript(8));
  });

  it('allocates sequential ephemeral ports from a seeded start inside 32768-60999', () => {
    const { loop, client, server } = lab(3);
    server.listenTcp(80, { accept: () => ({}) });
    const ports = [0, 1, 2].map(() => opened(client.connectTcp(WEBSERVER, 80, {})).localPort);
    loop.runUntilIdle(1000 * MS);
    expect(ports[0]).toBeGreaterThanOrEqual(EPHEMERAL_LOW);
    expect(ports[0]).toBeLessThanOrEqual(EPHEMERAL_HIGH);
    expect(ports.map((p) => p - ports[0]!)).toEqual([0, 1, 2]);
  });
});
