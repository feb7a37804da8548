import { describe, expect, it } from 'vitest';
import { startCurl, type CurlResult } from '../../src/sim/apps/curl.js';
import { renderHtmlText, startWebServer } from '../../src/sim/apps/webserver.js';
import { frameLength } from '../../src/packet/frame.js';
import { TCP_SYN, type IpPacket } from '../../src/packet/types.js';
import { CLIENT1, WEBSERVER, lab, tcpLadder } from './harness.js';
import type { EventLoop } from '../../src/sim/event-loop.js';
import type { HostStack } from '../../src/sim/host-stack.js';

function runCurl(loop: EventLoop, stack: HostStack, url: string, maxTimeSeconds?: number): CurlResult {
  let result: CurlResult | undefined;
  startCurl(stack, maxTimeSeconds === undefined ? { url } : { url, maxTimeSeconds }, (r) => (result = r));
  loop.runUntilIdle(loop.now + 400_000_000);
  if (result === undefined) throw new Error('curl never finished');
  return result;
}

const isSyn = (p: IpPacket) => p.l4.kind === 'tcp' && (p.l4.flags & TCP_SYN) !== 0 && p.src === CLIENT1;

describe('curl against the contrail webserver', () => {
  it('prints the page; w3m-style rendering matches the book', () => {
    const { loop, client, server } = lab();
    startWebServer(server, { hostname: 'webserver-dev' });
    const result = runCurl(loop, client, 'http://10.47.255.234', 5);
    expect(result.kind).toBe('ok');
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.synsSent).toBe(1);
    expect(renderHtmlText(result.stdout)).toBe('Hello\nThis page is served by a Contrail pod\nIP address = 10.47.255.234\nHostname = webserver-dev\n');
  });

  it('closes with FIN/ACK in both directions and leaves nothing behind but TIME_WAIT', () => {
    const { loop, network, client, server } = lab();
    startWebServer(server, { hostname: 'webserver-dev' });
    runCurl(loop, client, 'http://10.47.255.234');
    expect(tcpLadder(network.trace)).toEqual([
      'client1-dev SYN',
      'webserver-dev SYN|ACK',
      'client1-dev ACK',
      'client1-dev PSH|ACK len=77',
      'webserver-dev PSH|ACK len=' + ((network.trace[4]!.packet.l4 as { payload: Uint8Array }).payload.length),
      'client1-dev FIN|ACK',
      'webserver-dev FIN|ACK',
      'client1-dev ACK',
    ]);
    expect(loop.pending()).toBe(0); // TIME_WAIT expired, no timers left
  });

  it('sends the request exactly like curl 7.29, with the port in Host when not 80', () => {
    const { loop, network, client, server } = lab();
    startWebServer(server, { hostname: 'server', port: 8888 });
    const result = runCurl(loop, client, 'http://10.47.255.234:8888/path');
    expect(result.kind).toBe('ok');
    const request = network.trace.map((t) => t.packet.l4).find((l4) => l4.kind === 'tcp' && l4.payload.length > 0);
    expect(new TextDecoder().decode((request as { payload: Uint8Array }).payload)).toBe(
      'GET /path HTTP/1.1\r\nUser-Agent: curl/7.29.0\r\nHost: 10.47.255.234:8888\r\nAccept: */*\r\n\r\n',
    );
  });

  it('works over IPv6', () => {
    const { loop, client, server } = lab();
    startWebServer(server, { hostname: 'webserver-dev' });
    const result = runCurl(loop, client, 'http://[fd00::1]:80/');
    expect(result.kind).toBe('ok');
    expect(renderHtmlText(result.stdout)).toContain('IP address = fd00::1\n');
  });

  it('-m 5 into a black hole: (28) at exactly 5000 ms after 3 SYNs of 74 bytes at 0, 1 and 3 s', () => {
    const { loop, network, client, server } = lab();
    startWebServer(server, { hostname: 'webserver-dev' });
    network.dropWhen((p) => p.dst === WEBSERVER);
    const result = runCurl(loop, client, 'http://10.47.255.234', 5);
    expect(result).toMatchObject({ kind: 'timeout', phase: 'connect', exitCode: 28, elapsedMs: 5000, synsSent: 3, stdout: '' });
    expect(result.stderr).toBe('curl: (28) Connection timed out after 5000 milliseconds\n');
    const syns = network.trace.filter((t) => isSyn(t.packet));
    expect(syns.map((t) => t.sentAt)).toEqual([0, 1_000_000, 3_000_000]);
    expect(syns.map((t) => frameLength(t.packet))).toEqual([74, 74, 74]);
  });

  it('without -m: (7) Connection timed out after 127 s and 7 SYNs (tcp_syn_retries=6)', () => {
    const { loop, network, client } = lab();
    network.dropWhen(() => true);
    const result = runCurl(loop, client, 'http://10.47.255.234');
    expect(result).toMatchObject({ kind: 'connect-failed', reason: 'timed-out', exitCode: 7, elapsedMs: 127_000, synsSent: 7 });
    expect(result.stderr).toBe('curl: (7) Failed to connect to 10.47.255.234 port 80: Connection timed out\n');
    expect(network.trace.filter((t) => isSyn(t.packet)).map((t) => t.sentAt / 1_000_000)).toEqual([0, 1, 3, 7, 15, 31, 63]);
  });

  it('refused: RST|ACK from a closed port gives (7) Connection refused immediately', () => {
    const { loop, network, client } = lab();
    const result = runCurl(loop, client, 'http://10.47.255.234', 5);
    expect(result).toMatchObject({ kind: 'connect-failed', reason: 'refused', exitCode: 7, elapsedMs: 0, synsSent: 1 });
    expect(result.stderr).toBe('curl: (7) Failed to connect to 10.47.255.234 port 80: Connection refused\n');
    expect(tcpLadder(network.trace)).toEqual(['client1-dev SYN', 'webserver-dev RST|ACK']);
  });

  it('-m 5 after connecting (responses dropped): Operation timed out ... with 0 out of -1 bytes', () => {
    const { loop, network, client, server } = lab();
    startWebServer(server, { hostname: 'webserver-dev' });
    network.dropWhen((p) => p.src === WEBSERVER && p.l4.kind === 'tcp' && p.l4.payload.length > 0);
    const result = runCurl(loop, client, 'http://10.47.255.234', 5);
    expect(result).toMatchObject({ kind: 'timeout', phase: 'transfer', exitCode: 28, elapsedMs: 5000 });
    expect(result.stderr).toBe('curl: (28) Operation timed out after 5000 milliseconds with 0 out of -1 bytes received\n');
  });

  it('bad URLs fail like curl', () => {
    const { loop, client } = lab();
    expect(runCurl(loop, client, 'http://webserver-dev').stderr).toBe('curl: (6) Could not resolve host: webserver-dev; Name or service not known\n');
    expect(runCurl(loop, client, 'ftp://10.1.1.1').exitCode).toBe(1);
  });
});
