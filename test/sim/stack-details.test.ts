import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { HttpRequestParser, HttpResponseParser, curlRequest, httpResponse, textBytes } from '../../src/sim/apps/http-message.js';
import { renderHtmlText, contrailWebPage } from '../../src/sim/apps/webserver.js';
import { parseHttpUrl } from '../../src/sim/apps/url.js';
import { quoteOffendingPacket, readQuotedFlow } from '../../src/sim/icmp-quote.js';
import { EventLoop } from '../../src/sim/event-loop.js';
import { CLIENT1, SERVER_V6, WEBSERVER, lab } from './harness.js';
import { PROTO_UDP } from '../../src/packet/types.js';

describe('host stack wire details', () => {
  it('sends TTL 64 and sequential IPv4 ids; IPv6 id 0', () => {
    const { loop, network, client } = lab();
    client.openIcmpEcho({ reply: () => {} }).sendRequest(WEBSERVER, 1, new Uint8Array(8));
    const echo = client.openIcmpEcho({ reply: () => {} });
    echo.sendRequest(WEBSERVER, 1, new Uint8Array(8));
    echo.sendRequest(SERVER_V6, 1, new Uint8Array(8));
    loop.runUntilIdle();
    const fromClient = network.trace.filter((t) => t.from === 'client1-dev').map((t) => t.packet);
    expect(fromClient.every((p) => p.ttl === 64)).toBe(true);
    expect((fromClient[1]!.id - fromClient[0]!.id + 65536) % 65536).toBe(1);
    expect(fromClient[2]!.id).toBe(0);
  });

  it('echo replies keep id, sequence and payload', () => {
    const { loop, network, client } = lab();
    const payload = Uint8Array.from([1, 2, 3, 4]);
    const socket = client.openIcmpEcho({ reply: () => {} });
    socket.sendRequest(WEBSERVER, 7, payload);
    loop.runUntilIdle();
    expect(network.trace[1]!.packet).toMatchObject({ src: WEBSERVER, dst: CLIENT1, l4: { kind: 'icmp', type: 'echo-reply', id: socket.identifier, seq: 7, payload } });
  });

  it('drops packets for addresses it does not own', () => {
    const { client } = lab();
    client.receive({ src: WEBSERVER, dst: SERVER_V6, ttl: 64, id: 0, l4: { kind: 'icmp', type: 'echo-request', id: 1, seq: 1, payload: new Uint8Array(0) } });
    expect(client.counters).toMatchObject({ received: 0, notForUs: 1, sent: 0 });
  });

  it.each([
    [WEBSERVER, CLIENT1],
    [SERVER_V6, SERVER_V6],
  ])('ICMP quotes name the offending UDP flow (%s)', (src, dst) => {
    const quote = quoteOffendingPacket({ src, dst, ttl: 64, id: 3, l4: { kind: 'udp', srcPort: 40000, dstPort: 53, payload: new Uint8Array(2000) } });
    expect(quote.length).toBe(src.family === 4 ? 548 : 1232);
    expect(readQuotedFlow(quote)).toEqual({ protocol: PROTO_UDP, srcPort: 40000, dstPort: 53, dst });
    expect(readQuotedFlow(quote.slice(0, 10))).toBeUndefined();
  });
});

describe('EventLoop.runUntil', () => {
  it('stops at the event that satisfies the condition without advancing the clock further', () => {
    const loop = new EventLoop(1);
    let fired = 0;
    loop.at(100, () => (fired = 1));
    loop.at(200, () => (fired = 2));
    expect(loop.runUntil(() => fired === 1, 1000)).toBe(true);
    expect(loop.now).toBe(100);
    expect(loop.runUntil(() => fired === 3, 1000)).toBe(false);
    expect(loop.now).toBe(200);
  });
});

describe('HTTP messages', () => {
  it('parses requests and responses split at every possible byte boundary (property)', () => {
    const request = curlRequest('/', '10.47.255.234');
    const response = httpResponse(200, 'OK', [['Content-Type', 'text/html']], textBytes('hello world'));
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 30 }), (sizes) => {
        const requests = new HttpRequestParser();
        const responses = new HttpResponseParser();
        const stream = new Uint8Array([...request, ...request]);
        const responseStream = new Uint8Array([...response, ...response]);
        let at = 0;
        let responseAt = 0;
        let parsedRequests = 0;
        let bodies: string[] = [];
        for (let i = 0; at < stream.length || responseAt < responseStream.length; i++) {
          const size = sizes[i % sizes.length]!;
          requests.push(stream.slice(at, at + size));
          responses.push(responseStream.slice(responseAt, responseAt + size));
          at += size;
          responseAt += size;
          for (let step = requests.next(); step.kind === 'message'; step = requests.next()) parsedRequests += 1;
          for (let step = responses.next(); step.kind === 'message'; step = responses.next()) bodies = [...bodies, new TextDecoder().decode(step.message.body)];
        }
        expect(parsedRequests).toBe(2);
        expect(bodies).toEqual(['hello world', 'hello world']);
      }),
    );
  });

  it('reports malformed heads', () => {
    const parser = new HttpRequestParser();
    parser.push(textBytes('NONSENSE\r\n\r\n'));
    expect(parser.next().kind).toBe('malformed');
  });
});

describe('URLs', () => {
  it.each([
    ['http://10.47.255.234', '10.47.255.234', 80, '/', '10.47.255.234'],
    ['http://10.47.255.234:8888/path', '10.47.255.234', 8888, '/path', '10.47.255.234:8888'],
    ['http://[fd00::1]:80/', 'fd00::1', 80, '/', '[fd00::1]'],
    ['10.0.0.1/x?y=1', '10.0.0.1', 80, '/x?y=1', '10.0.0.1'],
  ])('%s', (text, address, port, path, host) => {
    const parsed = parseHttpUrl(text);
    expect(parsed.kind).toBe('ok');
    if (parsed.kind !== 'ok') return;
    expect([parsed.url.address.text, parsed.url.port, parsed.url.path, parsed.url.hostHeader]).toEqual([address, port, path, host]);
  });
});

describe('renderHtmlText', () => {
  it.each([
    ['<h1>Hello</h1>\n<h2>a <b>b</b> c</h2>', 'Hello\na b c\n'],
    ['<html><head><title>T</title><style>h1{}</style></head><body>x&amp;y<br>z</body></html>', 'x&y\nz\n'],
    ['<p>  spaced\n   out  </p><p></p>', 'spaced out\n'],
    ['<img src="a.gif" alt="giphy">', '[giphy]\n'],
  ])('%s', (html, text) => {
    expect(renderHtmlText(html)).toBe(text);
  });

  it('renders the webserver page for dbserver-dev', () => {
    expect(renderHtmlText(contrailWebPage('10.47.255.233', 'dbserver-dev'))).toBe(
      'Hello\nThis page is served by a Contrail pod\nIP address = 10.47.255.233\nHostname = dbserver-dev\n',
    );
  });
});
