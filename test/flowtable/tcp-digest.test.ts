import { describe, expect, it } from 'vitest';
import { FlowTable } from '../../src/dataplane/flow-table.js';
import { tcpFlagsText } from '../../src/dataplane/flow-codes.js';
import { inheritReverseTcpState, tcpDigest } from '../../src/dataplane/tcp-digest.js';
import { TCP_ACK, TCP_FIN, TCP_PSH, TCP_RST, TCP_SYN } from '../../src/packet/types.js';
import { tcpKey } from '../support/flow-keys.js';

type Dir = 'c>s' | 's>c';
interface Step { dir: Dir; flags: number; seq: number; ack: number; len: number; client: string; server: string; result?: 'none' | 'dead' }

function pair() {
  const t = new FlowTable({ entries: 1024 });
  const c = t.allocate(tcpKey('10.47.255.233', 42282, '10.47.255.232', 80), 0);
  const s = t.allocate(tcpKey('10.47.255.232', 80, '10.47.255.233', 42282), 0);
  t.linkReverse(c, s);
  return { t, c, s };
}

// Client ISN 1000, server ISN 5000 (seq numbers near 2^32 are covered separately).
const closeSequence: Step[] = [
  { dir: 'c>s', flags: TCP_SYN, seq: 1000, ack: 0, len: 0, client: 'S', server: 'Sr' },
  { dir: 's>c', flags: TCP_SYN | TCP_ACK, seq: 5000, ack: 1001, len: 0, client: 'SSrE', server: 'SSrEr' },
  { dir: 'c>s', flags: TCP_ACK, seq: 1001, ack: 5001, len: 0, client: 'SSrEEr', server: 'SSrEEr' },
  { dir: 'c>s', flags: TCP_ACK | TCP_PSH, seq: 1001, ack: 5001, len: 77, client: 'SSrEEr', server: 'SSrEEr' },
  { dir: 's>c', flags: TCP_ACK | TCP_PSH, seq: 5001, ack: 1078, len: 300, client: 'SSrEEr', server: 'SSrEEr' },
  { dir: 'c>s', flags: TCP_FIN | TCP_ACK, seq: 1078, ack: 5301, len: 0, client: 'SSrEErF', server: 'SSrEErFr' },
  { dir: 's>c', flags: TCP_ACK, seq: 5301, ack: 1079, len: 0, client: 'SSrEErFC', server: 'SSrEErFr' },
  { dir: 's>c', flags: TCP_FIN | TCP_ACK, seq: 5301, ack: 1079, len: 0, client: 'SSrEErFFrC', server: 'SSrEErFFr' },
  { dir: 'c>s', flags: TCP_ACK, seq: 1079, ack: 5302, len: 0, client: 'SSrEErFFrCD', server: 'SSrEErFFrCD', result: 'dead' },
];

describe('tcpDigest', () => {
  it.each(closeSequence.map((s, i) => [i, s] as const))('step %i of handshake, data and close', (n) => {
    const { t, c, s } = pair();
    let result = 'none';
    for (const step of closeSequence.slice(0, n + 1)) {
      const index = step.dir === 'c>s' ? c : s;
      result = tcpDigest(t, index, step.flags, step.seq, step.ack, step.len);
    }
    const last = closeSequence[n]!;
    expect(tcpFlagsText(t.tcpFlags(c))).toBe(last.client);
    expect(tcpFlagsText(t.tcpFlags(s))).toBe(last.server);
    expect(result).toBe(last.result ?? 'none');
  });

  it('FIN carrying data records seq + payload length; an ACK of only the data does not half-close', () => {
    const { t, c, s } = pair();
    tcpDigest(t, c, TCP_SYN, 1000, 0, 0);
    tcpDigest(t, s, TCP_SYN | TCP_ACK, 5000, 1001, 0);
    tcpDigest(t, c, TCP_ACK, 1001, 5001, 0);
    tcpDigest(t, c, TCP_FIN | TCP_ACK | TCP_PSH, 1001, 5001, 10);
    expect(t.tcpSeq(c)).toBe(1011);
    tcpDigest(t, s, TCP_ACK, 5001, 1005, 0);
    expect(tcpFlagsText(t.tcpFlags(c))).toBe('SSrEErF');
    tcpDigest(t, s, TCP_ACK, 5001, 1012, 0);
    expect(tcpFlagsText(t.tcpFlags(c))).toBe('SSrEErFC');
  });

  it.each([
    ['RST from the client after the handshake', 'c>s' as Dir],
    ['RST from the server (port closed)', 's>c' as Dir],
  ])('%s sets R and D on both entries', (_name, dir) => {
    const { t, c, s } = pair();
    tcpDigest(t, c, TCP_SYN, 1000, 0, 0);
    // After the handshake the server has acknowledged 1001, the sequence the client's RST carries.
    if (dir === 'c>s') tcpDigest(t, s, TCP_SYN | TCP_ACK, 5000, 1001, 0);
    const r = tcpDigest(t, dir === 'c>s' ? c : s, TCP_RST | TCP_ACK, dir === 'c>s' ? 1001 : 0, dir === 'c>s' ? 5001 : 1001, 0);
    expect(r).toBe('dead');
    expect(tcpFlagsText(t.tcpFlags(c))).toMatch(/RD$/);
    expect(tcpFlagsText(t.tcpFlags(s))).toMatch(/RD$/);
  });

  it('a RST whose sequence is not what the peer last acknowledged is ignored (RFC 5961 3.2, vr_uncond_close_flow_on_tcp_rst off)', () => {
    const { t, c, s } = pair();
    tcpDigest(t, c, TCP_SYN, 1000, 0, 0);
    tcpDigest(t, s, TCP_SYN | TCP_ACK, 5000, 1001, 0);
    tcpDigest(t, c, TCP_ACK, 1001, 5001, 0);
    expect(t.tcpAck(s)).toBe(1001);
    // A blind RST from the server's side with a sequence the client never acknowledged.
    expect(tcpDigest(t, s, TCP_RST, 7777, 0, 0)).toBe('none');
    expect(tcpFlagsText(t.tcpFlags(c))).toBe('SSrEEr');
    expect(tcpFlagsText(t.tcpFlags(s))).toBe('SSrEEr');
    // The in-window one (seq = what the client acknowledged, 5001) closes both.
    expect(tcpDigest(t, s, TCP_RST, 5001, 0, 0)).toBe('dead');
    expect(tcpFlagsText(t.tcpFlags(c))).toBe('SSrEErRD');
    expect(tcpFlagsText(t.tcpFlags(s))).toBe('SSrEErRD');
  });

  it('SYN retransmits on an unanswered flow keep S / Sr only (the book D(FwPolicy) pair)', () => {
    const { t, c, s } = pair();
    for (let n = 0; n < 3; n++) expect(tcpDigest(t, c, TCP_SYN, 1000, 0, 0)).toBe('none');
    expect(tcpFlagsText(t.tcpFlags(c))).toBe('S');
    expect(tcpFlagsText(t.tcpFlags(s))).toBe('Sr');
  });

  it('works across the 32-bit sequence wrap', () => {
    const { t, c, s } = pair();
    tcpDigest(t, c, TCP_SYN, 0xffffffff, 0, 0);
    tcpDigest(t, s, TCP_SYN | TCP_ACK, 0xfffffffe, 0, 0);
    tcpDigest(t, c, TCP_ACK, 0, 0xffffffff, 0);
    expect(tcpFlagsText(t.tcpFlags(c))).toBe('SSrEEr');
    expect(tcpFlagsText(t.tcpFlags(s))).toBe('SSrEEr');
  });

  it('without a reverse entry only the hit flow changes', () => {
    const t = new FlowTable({ entries: 1024 });
    const c = t.allocate(tcpKey('10.0.0.1', 1, '10.0.0.2', 2), 0);
    tcpDigest(t, c, TCP_SYN, 1, 0, 0);
    expect(tcpFlagsText(t.tcpFlags(c))).toBe('S');
    expect(tcpDigest(t, c, TCP_RST, 2, 0, 0)).toBe('dead');
    expect(tcpFlagsText(t.tcpFlags(c))).toBe('SRD');
  });

  it('inheritReverseTcpState gives a late-linked reverse Sr for a SYN seen while holding', () => {
    const t = new FlowTable({ entries: 1024 });
    const c = t.allocate(tcpKey('10.0.0.1', 1, '10.0.0.2', 2), 0);
    tcpDigest(t, c, TCP_SYN, 1, 0, 0); // first SYN: no reverse yet
    const s = t.allocate(tcpKey('10.0.0.2', 2, '10.0.0.1', 1), 0);
    t.linkReverse(c, s);
    inheritReverseTcpState(t, s);
    expect(tcpFlagsText(t.tcpFlags(s))).toBe('Sr');
  });
});
