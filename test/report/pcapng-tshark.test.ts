/**
 * vrsim's captures read by the real consumers: tshark dissects every protocol (TCP, UDP, ICMP,
 * SCTP, MPLS-over-UDP on the fabric) with checksums verified and no expert error or warning;
 * capinfos counts agree with vrsim's own counters; the chapter 8 drop (three SYNs into
 * D(FwPolicy)) is checked field by field against a golden `tshark -T json` extract.
 */
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { loadCluster } from '../../src/model/load.js';
import { readManifestInputs } from '../../src/model/read-files.js';
import { attachCapture } from '../../src/report/pcapng/attach.js';
import { ClusterSim } from '../../src/sim/cluster/cluster-sim.js';
import { DEFAULT_SETTINGS } from '../../src/sim/cluster/types.js';
import { runConnection } from '../../src/cli/trace.js';
import { expectGolden } from '../support/golden.js';
import { hasTool, runTool } from '../support/tools.js';

const M = 'scenarios/book-ch8/manifests';
const DENYALL = `${M}/variants/policy2-egress-denyall.yaml`;
const TWO_PODS = 'test/fixtures/pcap/two-pods.yaml';
const tshark = hasTool('tshark');
const capinfos = hasTool('capinfos');
/** Verify every checksum the codec computes (tshark leaves IP, TCP, UDP and SCTP off by default; ICMP is always checked). */
const CHECKSUMS = ['-o', 'ip.check_checksum:TRUE', '-o', 'tcp.check_checksum:TRUE', '-o', 'udp.check_checksum:TRUE', '-o', 'sctp.checksum:crc-32c'];

function tmp(name: string): string {
  return join(mkdtempSync(join(tmpdir(), 'vrsim-pcap-')), name);
}

/** The expert info summary (`-z expert`), or '' when there is none. */
function expertLevels(file: string): string[] {
  const r = runTool('tshark', ['-r', file, ...CHECKSUMS, '-q', '-z', 'expert']);
  expect(r.status).toBe(0);
  return r.stdout.split('\n').filter((l) => /^(Errors|Warns|Notes|Chats|Comments) \(/.test(l)).map((l) => l.split(' ')[0]!);
}

function fields(file: string, filter: string, names: readonly string[]): string[][] {
  const r = runTool('tshark', ['-r', file, ...CHECKSUMS, '-Y', filter, '-T', 'fields', '-E', 'separator=|', ...names.flatMap((n) => ['-e', n])]);
  expect(r.stderr).toBe('');
  return r.stdout.split('\n').filter((l) => l !== '').map((l) => l.split('|'));
}

describe.skipIf(!tshark)('tshark reads vrsim captures', () => {
  it.each([
    ['TCP', '80', 'tcp', 'tcp.checksum.status'],
    ['UDP', '40000', 'udp', 'udp.checksum.status'],
    ['UDP', '40009', 'icmp', 'icmp.checksum.status'],
    ['SCTP', '40001', 'sctp', 'sctp.checksum.status'],
    ['ICMP', '0', 'icmp', 'icmp.checksum.status'],
  ])('%s/%s across nodes: dissected (%s) with good checksums, MPLS-over-UDP on eth0, no expert error or warning', async (protocol, port, proto, status) => {
    const file = tmp(`${protocol}.pcapng`);
    const r = await cli('trace', '-f', TWO_PODS, '--from', 'lab/client', '--to', 'lab/server', '--protocol', protocol, '--port', port, '--pcap', file);
    expect(r.code).toBe(0);
    const levels = expertLevels(file);
    expect(levels).not.toContain('Errors');
    expect(levels).not.toContain('Warns');
    // Every frame of the protocol has a good checksum (status 1 = Good), on taps and inside tunnels.
    // (A tunnel frame lists the outer UDP's status too, an ICMP error the quoted packet's.)
    const statuses = fields(file, proto, [status]).map((f) => f[0]!);
    expect(statuses.length).toBeGreaterThan(3);
    expect(new Set(statuses.flatMap((s) => s.split(',')))).toEqual(new Set(['1']));
    // The fabric frames: outer IPv4 between the fabric IPs, UDP to 6635, an MPLS label, the inner IP.
    const fabric = fields(file, 'frame.interface_name matches "/eth0$"', ['frame.protocols', 'ip.src', 'udp.dstport', 'mpls.label', 'mpls.bottom', 'ip.checksum.status']);
    expect(fabric.length).toBeGreaterThan(0);
    for (const [protocols, ips, dport, label, bottom, ipStatus] of fabric) {
      expect(protocols).toMatch(/^eth:ethertype:ip:udp:mpls:ip:/);
      expect(ips!.split(',')[0]).toMatch(/^10\.169\.25\.2[01]$/);
      expect(dport!.split(',')[0]).toBe('6635');
      expect(Number(label)).toBeGreaterThanOrEqual(19);
      expect(bottom).toBe('1');
      expect(new Set(ipStatus!.split(','))).toEqual(new Set(['1']));
    }
  });

  it('the tunnel source port and label are those vrsim trace prints', async () => {
    const file = tmp('tcp.pcapng');
    const r = await cli('trace', '-f', M, '--from', 'dev/client1-dev', '--to', 'dev/webserver-dev', '--port', '80', '--pcap', file);
    const m = /tunnel MPLSoUDP 10\.169\.25\.20:(\d+) -> 10\.169\.25\.21:6635 label (\d+)/.exec(r.out);
    expect(m).not.toBeNull();
    const first = fields(file, 'frame.interface_name == "cent222/eth0" && udp', ['udp.srcport', 'mpls.label'])[0];
    expect(first).toEqual([m![1], m![2]]);
  });
});

describe.skipIf(!tshark || !capinfos)('capinfos counts agree with vrsim counters', () => {
  it('every packet, per interface, as the vRouters counted them', () => {
    const cluster = loadCluster(readManifestInputs([M, DENYALL])).cluster;
    const sim = new ClusterSim(cluster, DEFAULT_SETTINGS);
    const capture = attachCapture(sim);
    runConnection(sim, { kind: 'pod', namespace: 'dev', name: 'client1-dev' }, { kind: 'pod', namespace: 'dev', name: 'webserver-dev' }, 80, 'TCP');
    runConnection(sim, { kind: 'pod', namespace: 'dev', name: 'dbserver-dev' }, { kind: 'pod', namespace: 'dev', name: 'client1-dev' }, 80, 'TCP');
    runConnection(sim, { kind: 'host', node: 'cent222' }, { kind: 'pod', namespace: 'jtac', name: 'client-jtac' }, 0, 'ICMP');
    sim.advance(2000);
    const file = tmp('counters.pcapng');
    writeFileSync(file, capture.toPcapng());
    const info = runTool('capinfos', ['-M', file]).stdout;
    const total = Number(/Number of packets:\s+(\d+)/.exec(info)![1]);
    expect(total).toBe(capture.records().length);
    // Per interface: "Name = <node>/<vif>" followed by "Number of packets = N".
    const perInterface = new Map<string, number>();
    for (const m of info.matchAll(/Name = (\S+)[\s\S]*?Number of packets = (\d+)/g)) perInterface.set(m[1]!, Number(m[2]));
    const vrouters = sim.wiring.vrouterList();
    const sum = (pred: (name: string) => boolean): number => [...perInterface].filter(([n]) => pred(n)).reduce((a, [, c]) => a + c, 0);
    // Tunnel frames: each one sent on one eth0 and received on the other.
    expect(sum((n) => n.endsWith('/eth0'))).toBe(2 * sim.wiring.fabric.tunnelPackets + vrouters.reduce((a, v) => a + v.routedOut, 0));
    // Packets delivered to pods and hosts = outbound frames on taps and vhost0; traps = flow misses.
    const outbound = (n: string): number => Number(runTool('tshark', ['-r', file, '-Y', `frame.interface_name == "${n}" && frame.packet_flags_direction == 2`, '-T', 'fields', '-e', 'frame.number']).stdout.split('\n').filter((l) => l !== '').length);
    let delivered = 0;
    for (const [n] of perInterface) if (/\/(tapeth0-|vhost0)/.test(n)) delivered += outbound(n);
    expect(delivered).toBe(vrouters.reduce((a, v) => a + v.delivered, 0));
    const misses = vrouters.reduce((a, v) => a + v.table.counters.created, 0);
    expect(sum((n) => n.endsWith('/pkt0'))).toBeGreaterThan(0);
    expect(sum((n) => n.endsWith('/pkt0'))).toBe(misses);
    // The D(FwPolicy) entry's Stats:3/222 = dbserver-dev's tap: three SYNs, 222 bytes.
    const sub = tmp('db.pcapng');
    runTool('tshark', ['-r', file, '-Y', 'frame.interface_name == "cent333/tapeth0-000004"', '-w', sub]);
    const db = runTool('capinfos', ['-c', '-d', '-M', sub]).stdout;
    expect(/Number of packets:\s+(\d+)/.exec(db)![1]).toBe('3');
    expect(/Data size:\s+(\d+) bytes/.exec(db)![1]).toBe('222');
  });
});

describe.skipIf(!tshark)('golden capture: the chapter 8 drop', () => {
  it('three SYNs from dbserver-dev into D(FwPolicy), one trap to the agent, field by field', async () => {
    const file = tmp('drop.pcapng');
    const r = await cli('trace', '-f', M, '-f', DENYALL, '--from', 'dev/dbserver-dev', '--to', 'dev/client1-dev', '--port', '80', '--pcap', file);
    expect(r.code).toBe(0);
    const names = [
      'frame.number', 'frame.interface_name', 'frame.interface_description', 'frame.packet_flags_direction', 'frame.time_epoch', 'frame.len', 'frame.comment',
      'eth.dst', 'eth.src', 'ip.src', 'ip.dst', 'ip.ttl', 'ip.flags.df', 'ip.checksum.status',
      'tcp.srcport', 'tcp.dstport', 'tcp.flags.str', 'tcp.seq_raw', 'tcp.options.mss_val', 'tcp.options.timestamp.tsval', 'tcp.checksum.status',
    ];
    const out = runTool('tshark', ['-r', file, ...CHECKSUMS, '-T', 'json', ...names.flatMap((n) => ['-e', n])]);
    expect(out.status).toBe(0);
    const frames = (JSON.parse(out.stdout) as { _source: { layers: Record<string, string[]> } }[]).map((f) => f._source.layers);
    expectGolden('pcap-book-ch8-drop.json', JSON.stringify(frames, null, 2) + '\n');
    // What a teacher looks for, independently of the golden bytes:
    expect(frames.map((f) => f['frame.interface_name']![0])).toEqual(['cent333/tapeth0-000004', 'cent333/pkt0', 'cent333/tapeth0-000004', 'cent333/tapeth0-000004']);
    expect(frames.map((f) => f['frame.time_epoch']![0])).toEqual(['0.000000000', '0.000000000', '1.000000000', '3.000000000']);
    expect(frames.every((f) => f['tcp.flags.str']![0]!.includes('S') && f['tcp.checksum.status']![0] === '1')).toBe(true);
    expect(frames[0]!['frame.comment']![0]).toContain('D(FwPolicy)');
    expect(frames[0]!['frame.comment']![0]).toContain('dropped');
    expect(frames[2]!['frame.comment']![0]).toMatch(/hit \d+ \(forward\), action D\(FwPolicy\); dropped/);
  });
});

describe('--pcap and capture: on the command line', () => {
  it('run --pcap and the scenario capture: setting write the same capture', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrsim-run-'));
    const scenario = readFileSync('scenarios/book-ch8.yaml', 'utf8').replace(/book-ch8\//g, `${process.cwd()}/scenarios/book-ch8/`);
    writeFileSync(join(dir, 'lab.yaml'), scenario.replace(/^source:/m, 'capture: lab.pcapng\nsource:'));
    const a = await cli('run', join(dir, 'lab.yaml'));
    expect(a.err).toBe('');
    expect(a.code).toBe(0);
    const b = await cli('run', 'scenarios/book-ch8.yaml', '--pcap', join(dir, 'flag.pcapng'));
    expect(b.code).toBe(0);
    expect(existsSync(join(dir, 'lab.pcapng'))).toBe(true);
    expect(readFileSync(join(dir, 'lab.pcapng')).equals(readFileSync(join(dir, 'flag.pcapng')))).toBe(true);
  });

  it('an unwritable --pcap is a clear error before anything runs', async () => {
    const r = await cli('trace', '-f', M, '--from', 'dev/client1-dev', '--to', 'dev/webserver-dev', '--port', '80', '--pcap', '/nonexistent/dir/x.pcapng');
    expect(r.code).toBe(2);
    expect(r.err).toBe('vrsim: --pcap: cannot write "/nonexistent/dir/x.pcapng": directory "/nonexistent/dir" does not exist\n');
    expect(r.out).toBe('');
  });
});
