import { describe, expect, it } from 'vitest';
import { startPing, type PingResult, formatReplyTime, rttSummary } from '../../src/sim/apps/ping.js';
import { startUdpProbe, type UdpProbeResult } from '../../src/sim/apps/udp-probe.js';
import { startUdpEchoServer } from '../../src/sim/apps/udp-echo-server.js';
import { startSctpProbe, type SctpProbeResult } from '../../src/sim/apps/sctp-probe.js';
import { startSctpServer } from '../../src/sim/apps/sctp-server.js';
import { CLIENT1, SERVER_V6, WEBSERVER, lab } from './harness.js';
import { frameLength } from '../../src/packet/frame.js';

function finishOn<T>(loop: { runUntilIdle(limit?: number): void; now: number }, start: (done: (r: T) => void) => void): T {
  let result: T | undefined;
  start((r) => (result = r));
  loop.runUntilIdle(loop.now + 120_000_000);
  if (result === undefined) throw new Error('probe never finished');
  return result;
}

describe('ping', () => {
  it('prints iputils output for 3 answered requests (RTT 0.5 ms on the virtual clock)', () => {
    const { loop, network, client } = lab();
    const result = finishOn<PingResult>(loop, (done) => startPing(client, { to: WEBSERVER, count: 3 }, done));
    expect(result.stdout).toBe(
      [
        'PING 10.47.255.234 (10.47.255.234) 56(84) bytes of data.',
        '64 bytes from 10.47.255.234: icmp_seq=1 ttl=64 time=0.500 ms',
        '64 bytes from 10.47.255.234: icmp_seq=2 ttl=64 time=0.500 ms',
        '64 bytes from 10.47.255.234: icmp_seq=3 ttl=64 time=0.500 ms',
        '',
        '--- 10.47.255.234 ping statistics ---',
        '3 packets transmitted, 3 received, 0% packet loss, time 2000ms',
        'rtt min/avg/max/mdev = 0.500/0.500/0.500/0.000 ms',
        '',
      ].join('\n'),
    );
    expect(result.exitCode).toBe(0);
    expect(frameLength(network.trace[0]!.packet)).toBe(98); // 84-byte IPv4 packet on Ethernet
  });

  it('reports 100% loss and exit 1 when every request is dropped', () => {
    const { loop, network, client } = lab();
    network.dropWhen((p) => p.dst === WEBSERVER);
    const result = finishOn<PingResult>(loop, (done) => startPing(client, { to: WEBSERVER, count: 3, waitSeconds: 2 }, done));
    expect(result.stdout).toContain('\n--- 10.47.255.234 ping statistics ---\n3 packets transmitted, 0 received, 100% packet loss, time 2000ms\n');
    expect(result.stdout).not.toContain('rtt');
    expect(result).toMatchObject({ kind: 'no-reply', exitCode: 1, elapsedMs: 4000 });
  });

  it('counts partial loss like iputils (integer percent)', () => {
    const { loop, network, client } = lab();
    network.dropWhen((p, now) => p.dst === WEBSERVER && now >= 1_000_000);
    const result = finishOn<PingResult>(loop, (done) => startPing(client, { to: WEBSERVER, count: 3 }, done));
    expect(result.stdout).toContain('3 packets transmitted, 1 received, 66% packet loss, time 2000ms\n');
    expect(result.exitCode).toBe(0);
  });

  it('pings over IPv6 with the ping6 header line', () => {
    const { loop, client } = lab();
    const result = finishOn<PingResult>(loop, (done) => startPing(client, { to: SERVER_V6, count: 1 }, done));
    expect(result.stdout.split('\n').slice(0, 2)).toEqual(['PING fd00::1(fd00::1) 56 data bytes', '64 bytes from fd00::1: icmp_seq=1 ttl=64 time=0.500 ms']);
  });

  it.each([
    [512, '0.512'],
    [1234, '1.23'],
    [12_345, '12.3'],
    [123_456, '123'],
  ])('formats a %d µs reply time as %s', (us, text) => {
    expect(formatReplyTime(us)).toBe(text);
  });

  it('computes mdev from integer µs like iputils', () => {
    expect(rttSummary([400, 600])).toBe('rtt min/avg/max/mdev = 0.400/0.500/0.600/0.100 ms');
  });
});

describe('UDP probe', () => {
  it.each([
    ['echo server listening', true, false, { kind: 'ok', exitCode: 0, stdout: 'hello\n', stderr: '' }],
    ['nothing listening', false, false, { kind: 'port-unreachable', exitCode: 1, stderr: 'Ncat: Connection refused.\n' }],
    ['black hole', true, true, { kind: 'timeout', exitCode: 1, stderr: 'Ncat: TIMEOUT.\n', elapsedMs: 5000 }],
  ] as const)('%s', (_name, listening, blackHole, expected) => {
    const { loop, network, client, server } = lab();
    if (listening) startUdpEchoServer(server, { port: 9999 });
    if (blackHole) network.dropWhen((p) => p.dst === WEBSERVER);
    const result = finishOn<UdpProbeResult>(loop, (done) => startUdpProbe(client, { to: WEBSERVER, port: 9999 }, done));
    expect(result).toMatchObject(expected);
  });

  it('sends ICMP port unreachable 3/3 (v4) and 1/4 (v6) quoting the datagram', () => {
    for (const [to, type, code] of [
      [WEBSERVER, 3, 3],
      [SERVER_V6, 1, 4],
    ] as const) {
      const { loop, network, client } = lab();
      const result = finishOn<UdpProbeResult>(loop, (done) => startUdpProbe(client, { to, port: 53 }, done));
      expect(result.kind).toBe('port-unreachable');
      const error = network.trace[1]!.packet.l4;
      expect(error).toMatchObject({ kind: 'icmp-error', type, code });
    }
  });
});

describe('SCTP probe', () => {
  it('establishes with the four-way handshake and shuts down cleanly', () => {
    const { loop, network, client, server } = lab();
    const listener = startSctpServer(server, { port: 9999 });
    const result = finishOn<SctpProbeResult>(loop, (done) => startSctpProbe(client, { to: WEBSERVER, port: 9999 }, done));
    expect(result).toMatchObject({ kind: 'established', exitCode: 0, stderr: 'Ncat: Connected to 10.47.255.234:9999.\n', initsSent: 1 });
    expect(listener.associationsAccepted()).toBe(1);
    const chunkTypes = network.trace.map((t) => (t.packet.l4.kind === 'sctp' ? t.packet.l4.chunks[0]!.type : -1));
    expect(chunkTypes).toEqual([1, 2, 10, 11, 7, 8, 14]); // INIT, INIT ACK, COOKIE ECHO, COOKIE ACK, SHUTDOWN, SHUTDOWN ACK, SHUTDOWN COMPLETE
    expect(loop.pending()).toBe(0);
  });

  it('is aborted by a port with no listener', () => {
    const { loop, client } = lab();
    const result = finishOn<SctpProbeResult>(loop, (done) => startSctpProbe(client, { to: WEBSERVER, port: 9999 }, done));
    expect(result).toMatchObject({ kind: 'aborted', exitCode: 1, stderr: 'Ncat: Connection refused.\n', elapsedMs: 0 });
  });

  it('times out into a black hole after INITs at 0 and 3 s (RTO.Initial 3 s)', () => {
    const { loop, network, client, server } = lab();
    startSctpServer(server, { port: 9999 });
    network.dropWhen((p) => p.dst === WEBSERVER);
    const result = finishOn<SctpProbeResult>(loop, (done) => startSctpProbe(client, { to: WEBSERVER, port: 9999, timeoutMs: 10_000 }, done));
    expect(result).toMatchObject({ kind: 'timeout', exitCode: 1, elapsedMs: 10_000, initsSent: 3 });
    expect(network.trace.filter((t) => t.packet.src === CLIENT1).map((t) => t.sentAt / 1_000_000)).toEqual([0, 3, 9]);
  });
});
