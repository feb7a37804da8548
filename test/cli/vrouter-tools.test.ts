/**
 * `vrsim vrouter <node> vif|nh|rt|mpls|flow --get` on the book lab after the denied
 * dbserver-dev -> client1-dev connection: each tool's output (golden), the cross-references a
 * Contrail user follows (the flow's `Sinfo 4.0.0.0` is vif0/4 with its tap, VRF and policy
 * flag; `K(nh)`/`S(nh)` are next hops `nh` shows; the labels `trace` prints are the MPLS label
 * map of the receiving node), counters that come from the run, and bad arguments refused
 * with exit 2.
 */
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { expectGolden } from '../support/golden.js';

const M = 'scenarios/book-ch8/manifests';
const DENYALL = `${M}/variants/policy2-egress-denyall.yaml`;
const BOOK_FLOW = 'dev/dbserver-dev->dev/client1-dev:80';

const onCent333 = (...tool: string[]) => cli('vrouter', 'cent333', ...tool, '-f', M, '-f', DENYALL, '-t', BOOK_FLOW);

describe('vrouter tools: golden output on the book lab (cent333, after the denied flow)', () => {
  it.each([
    ['vif --list', ['vif', '--list'], 'cli-vrouter-vif-list-book-cent333.txt'],
    ['vif --get 4', ['vif', '--get', '4'], 'cli-vrouter-vif-get4-book-cent333.txt'],
    ['nh --list', ['nh', '--list'], 'cli-vrouter-nh-list-book-cent333.txt'],
    ['nh --get 8', ['nh', '--get', '8'], 'cli-vrouter-nh-get8-book-cent333.txt'],
    ['rt --dump 5', ['rt', '--dump', '5'], 'cli-vrouter-rt-dump5-book-cent333.txt'],
    ['rt --dump 0', ['rt', '--dump', '0'], 'cli-vrouter-rt-dump0-book-cent333.txt'],
    ['mpls --dump', ['mpls', '--dump'], 'cli-vrouter-mpls-dump-book-cent333.txt'],
  ])('%s', async (_name, tool, golden) => {
    const r = await onCent333(...tool);
    expect(r.err).toBe('# dev/dbserver-dev -> dev/client1-dev TCP/80: timeout (exit 28)\n');
    expect(r.code).toBe(0);
    expectGolden(golden, r.out);
  });

  it('flow --get of the D(FwPolicy) entry (golden), the index taken from `flows`', async () => {
    const flows = await cli('flows', '-f', M, '-f', DENYALL, '-t', BOOK_FLOW, '--node', 'cent333');
    const index = /^\s+(\d+)<=>\d+\s+10\.47\.255\.233:/m.exec(flows.out)![1]!;
    const r = await onCent333('flow', '--get', index);
    expect(r.code).toBe(0);
    expectGolden('cli-vrouter-flow-get-book-cent333.txt', r.out);
    expect(r.out).toContain('Flow Action:                  DROP:                              FwPolicy\n');
    expect(r.out).toContain('Flow Statistics:              3/222\n');
  });
});

describe('vrouter tools agree with flows and trace', () => {
  it('Sinfo 4.0.0.0 of the dropped entry is vif0/4: the tap of dbserver-dev, VRF 5, policy on, its 3 packets / 222 bytes dropped', async () => {
    const flows = await cli('flows', '-f', M, '-f', DENYALL, '-t', BOOK_FLOW, '--node', 'cent333');
    expect(flows.out).toContain('Stats:3/222,  SPort');
    expect(flows.out).toMatch(/Action:D\(FwPolicy\), Flags:, TCP:S, QOS:-1, S\(nh\):32, \n Stats:3\/222,  SPort \d+, TTL 0, Sinfo 4\.0\.0\.0\)/);
    const vif = await onCent333('vif', '--get', '4', '-o', 'json');
    const v = (JSON.parse(vif.out) as { vif: Record<string, unknown>[] }).vif[0]!;
    expect(v).toMatchObject({ vifr_idx: 4, vifr_name: 'tapeth0-000004', owner: 'dev/dbserver-dev', vifr_ip: '10.47.255.233', vifr_vrf: 5, vifr_nh_id: 32 });
    expect(String(v['vifr_flags']).startsWith('P')).toBe(true);
    expect(v).toMatchObject({ vifr_ipackets: 3, vifr_ibytes: 222, vifr_opackets: 0, vifr_dpackets: 3 });
  });

  it('K(nh) 32 is the encap next hop out of vif0/4; the reverse entry S(nh) 8 is the tunnel to cent222', async () => {
    const nh = await onCent333('nh', '--list', '-o', 'json');
    const list = (JSON.parse(nh.out) as { nh: Record<string, unknown>[] }).nh;
    expect(list.find((n) => n['nhr_id'] === 32)).toMatchObject({ nhr_type: 'Encap', nhr_encap_oif_id: 4, nhr_vrf: 5 });
    expect(list.find((n) => n['nhr_id'] === 8)).toMatchObject({ nhr_type: 'Tunnel', nhr_tun_sip: '10.169.25.21', nhr_tun_dip: '10.169.25.20' });
  });

  it('the label trace puts on the tunnel is the receiving node\'s MPLS entry for the destination vif', async () => {
    const trace = await cli('trace', '-f', M, '--from', 'dev/client1-dev', '--to', 'dev/webserver-dev', '--port', '80');
    const label = /cent222  tunnel MPLSoUDP \S+ -> 10\.169\.25\.21:6635 label (\d+)/.exec(trace.out)![1]!;
    const vifIndex = /cent333  deliver to vif (\d+)/.exec(trace.out)![1]!;
    const mpls = await cli('vrouter', 'cent333', 'mpls', '--get', label, '-f', M);
    const vif = await cli('vrouter', 'cent333', 'vif', '--get', vifIndex, '-f', M, '-o', 'json');
    const nhOfVif = (JSON.parse(vif.out) as { vif: { vifr_nh_id: number }[] }).vif[0]!.vifr_nh_id;
    expect(mpls.out).toBe(`MPLS Input Label Map\n\n   Label    NextHop\n-------------------\n${label.padStart(8)}    ${String(nhOfVif).padStart(6)}\n`);
    // On the sending node the route to webserver-dev carries the same label over a tunnel.
    const rt = await cli('vrouter', 'cent222', 'rt', '--dump', '5', '-f', M);
    expect(rt.out).toMatch(new RegExp(`^10\\.47\\.255\\.234/32 +32 +LP +${label} +\\d+ +-$`, 'm'));
  });

  it('counters come from the run: no traffic, no packets; an allowed curl counts both ways', async () => {
    const idle = await cli('vrouter', 'cent333', 'vif', '--get', '5', '-f', M, '-o', 'json');
    expect((JSON.parse(idle.out) as { vif: Record<string, number>[] }).vif[0]).toMatchObject({ vifr_ipackets: 0, vifr_opackets: 0 });
    const busy = await cli('vrouter', 'cent333', 'vif', '--list', '-f', M, '-t', 'dev/client1-dev->dev/webserver-dev:80', '-o', 'json');
    const vifs = (JSON.parse(busy.out) as { vif: Record<string, number>[] }).vif;
    const web = vifs.find((v) => v['vifr_ip'] === ('10.47.255.234' as unknown as number))!;
    const eth0 = vifs.find((v) => v['vifr_idx'] === 0)!;
    expect(web['vifr_ipackets']).toBeGreaterThan(0);
    expect(web['vifr_opackets']).toBeGreaterThan(0);
    // Everything the webserver sent left over the tunnel, everything it received came in over it.
    expect(eth0['vifr_opackets']).toBe(web['vifr_ipackets']);
    expect(eth0['vifr_ipackets']).toBe(web['vifr_opackets']);
    expect(eth0['vifr_obytes']).toBe(web['vifr_ibytes']! + 32 * web['vifr_ipackets']!);
  });
});

describe('rt --get: the longest route no longer than the query, as mtrie_get answers', () => {
  const header = (vrf: number) => `Flags: L=Label Valid, P=Proxy ARP, T=Trap ARP, F=Flood ARP, Ml=MAC-IP learnt route\nvRouter inet4 routing table 0/${vrf}/unicast\nDestination           PPL        Flags        Label         Nexthop    Stitched MAC(Index)\n`;
  it.each([
    ['a remote pod: its /32 over the tunnel, with its label', '10.47.255.232/32', 5, 'Match 10.47.255.232/32', '10.47.255.232/32        0           LP         19              8        -\n'],
    ['a local pod: its /32 to the tap\'s encap next hop', '10.47.255.233/32', 5, 'Match 10.47.255.233/32', '10.47.255.233/32        0            P          -             32        -\n'],
    ['a /24 query: the host routes are longer, so the discard root', '10.47.255.232/24', 5, 'Match 10.47.255.0/24', '0.0.0.0/0               0                       -              0        -\n'],
    ['an address no pod has', '10.47.255.99/32', 5, 'Match 10.47.255.99/32', '0.0.0.0/0               0                       -              0        -\n'],
    ['the node address in the fabric VRF: received by the host', '10.169.25.21/32', 0, 'Match 10.169.25.21/32', '10.169.25.21/32         0            T          -              1        -\n'],
  ])('%s', async (_what, query, vrf, match, line) => {
    const r = await cli('vrouter', 'cent333', 'rt', '--get', query, '--vrf', String(vrf), '-f', M);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${match} in vRouter inet4 table 0/${vrf}/unicast\n\n${header(vrf)}${line}`);
  });

  it('agrees with rt --dump on every route of the VRF', async () => {
    const dump = (await cli('vrouter', 'cent222', 'rt', '--dump', '5', '-f', M)).out.split('\n').slice(3).filter((l) => l !== '');
    expect(dump.length).toBeGreaterThan(3);
    for (const line of dump) {
      const prefix = line.split(' ')[0]!;
      const got = await cli('vrouter', 'cent222', 'rt', '--get', prefix, '--vrf', '5', '-f', M);
      // The same route, but PPL is the request's replace length (0), as vr_send_route_get sends it.
      expect(line.slice(21, 25)).toBe('  32');
      expect(got.out.trimEnd().split('\n').at(-1)).toBe(`${line.slice(0, 21)}   0${line.slice(25)}`);
    }
  });
});

describe('vrouter tools on the host path', () => {
  it('vhost0 has no P flag; a host -> local pod flow is in VRF 0 and flow --get finds its routes there', async () => {
    const F = ['-f', M, '-t', 'node/cent333->dev/webserver-dev:80'];
    const vif = await cli('vrouter', 'cent333', 'vif', '--get', '1', ...F);
    expect(vif.out).toContain('            Vrf:0 Mcast Vrf:65535 Flags:L3DEr QOS:-1 Ref:3\n            RX packets:3  bytes:222 errors:0\n');
    const flows = await cli('flows', ...F, '--node', 'cent333');
    const index = /^\s+(\d+)<=>\d+\s+10\.169\.25\.21:\d+\s+6 \(0\)$/m.exec(flows.out)![1]!;
    const get = await cli('vrouter', 'cent333', 'flow', '--get', index, ...F);
    expect(get.out).toContain('VRF:                          0\n');
    expect(get.out).toContain('Source Information:           VRF: 0\n                              Layer 3 Route Information\n                              Matching Route: 10.169.25.21/32\n                              NextHop(Index, VRF, Type): 1, 0, RECEIVE\n');
    expect(get.out).toContain('Matching Route: 10.47.255.234/32\n                              NextHop(Index, VRF, Type): 35, 5, ENCAP\n                              Egress Interface(Index, VRF, OS): vif0/5, 5, tapeth0-000005\n');
  });
});

describe('vrouter tools: bad arguments exit 2 with a clear message', () => {
  it.each([
    [['vrouter', 'cent999', 'vif', '--list'], 'vrsim: vrouter: no node named "cent999" (nodes: cent222, cent333)\n'],
    [['vrouter', 'cent333', 'vif', '--get', '99'], 'vrsim: vrouter vif --get 99: no interface vif0/99 on cent333 (interfaces: 0, 1, 2, 3, 4, 5, 6)\n'],
    [['vrouter', 'cent333', 'vif', '--get', '-1'], 'vrsim: vrouter vif --get: expected a non-negative integer, got "-1" (usage: vif --list | vif --get <vif index>)\n'],
    [['vrouter', 'cent333', 'vif'], 'vrsim: vrouter vif: give --list or --get (usage: vif --list | vif --get <vif index>)\n'],
    [['vrouter', 'cent333', 'vif', '--list', '--get', '1'], 'vrsim: vrouter vif: give one of --list, --get (usage: vif --list | vif --get <vif index>)\n'],
    [['vrouter', 'cent333', 'rt', '--dump', '7'], 'vrsim: vrouter rt --dump 7: no VRF 7 on cent333 (VRFs: 0, 5)\n'],
    [['vrouter', 'cent333', 'rt', '--list'], 'vrsim: vrouter rt: --list is not an option of rt (usage: rt --dump <vrf> | rt --get <address>/<plen> --vrf <vrf>)\n'],
    [['vrouter', 'cent333', 'rt', '--dump'], 'vrsim: vrouter rt: --dump needs a VRF number (usage: rt --dump <vrf> | rt --get <address>/<plen> --vrf <vrf>)\n'],
    [['vrouter', 'cent333', 'rt', '--get', '10.47.255.232/32'], 'vrsim: vrouter rt: --get needs --vrf <vrf> (usage: rt --dump <vrf> | rt --get <address>/<plen> --vrf <vrf>)\n'],
    [['vrouter', 'cent333', 'rt', '--get', '10.47.255.232', '--vrf', '5'], 'vrsim: vrouter rt: --get: expected <IPv4 address>/<prefix length>, e.g. 10.47.255.232/32 (rt --get needs the length, and vrsim\'s VRFs hold inet4 routes only), got "10.47.255.232" (usage: rt --dump <vrf> | rt --get <address>/<plen> --vrf <vrf>)\n'],
    [['vrouter', 'cent333', 'rt', '--get', '10.47.255.232/33', '--vrf', '5'], 'vrsim: vrouter rt: --get: prefix length 33 is over 32 (usage: rt --dump <vrf> | rt --get <address>/<plen> --vrf <vrf>)\n'],
    [['vrouter', 'cent333', 'rt', '--get', '10.47.255.232/32', '--vrf', '7'], 'vrsim: vrouter rt --get 10.47.255.232/32 --vrf 7: no VRF 7 on cent333 (VRFs: 0, 5)\n'],
    [['vrouter', 'cent333', 'rt', '--dump', '5', '--vrf', '5'], 'vrsim: vrouter rt: --vrf goes with --get (rt --dump takes the VRF itself) (usage: rt --dump <vrf> | rt --get <address>/<plen> --vrf <vrf>)\n'],
    [['vrouter', 'cent333', 'vif', '--list', '--vrf', '5'], 'vrsim: vrouter vif: --vrf is not an option of vif (usage: vif --list | vif --get <vif index>)\n'],
    [['vrouter', 'cent333', 'nh', '--get', '7'], 'vrsim: vrouter nh --get 7: no next hop 7 on cent333 (next hops: 0, 1, 8, 20, 23, 29, 32, 35, 38)\n'],
    [['vrouter', 'cent333', 'mpls', '--get', '99'], 'vrsim: vrouter mpls --get 99: no label 99 on cent333 (labels: 17, 19, 20, 21, 22)\n'],
    [['vrouter', 'cent333', 'flow', '--get', '12'], 'vrsim: vrouter flow --get 12: Flow index 12 is not active (on cent333)\n'],
    [['vrouter', 'cent333', 'flow', '--get', '9999999'], 'vrsim: vrouter flow --get 9999999: Invalid flow index value 9999999 (on cent333)\n'],
    [['vrouter', 'cent333', 'arp'], 'vrsim: vrouter: unknown tool "arp" (tools: dropstats, vif, nh, rt, mpls, flow; the flow table is `vrsim flows`)\n'],
  ])('%j', async (argv, message) => {
    const r = await cli(...argv, '-f', M);
    expect(r.err).toBe(message);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
  });
});

describe('vrouter tools on a Service address (ECMP)', () => {
  const F = ['-f', 'scenarios/services-dns/manifests/cluster.yaml', '-t', 'shop/client->10.96.0.20:80'];

  it('the ClusterIP routes to its composite next hop, whose members are the backends (goldens)', async () => {
    const rt = await cli('vrouter', 'cent222', 'rt', '--dump', '5', ...F);
    expectGolden('cli-vrouter-rt-dump5-services-cent222.txt', rt.out);
    expect(rt.out).toMatch(/^10\.96\.0\.20\/32 +32 +P +- +1001 +-$/m);
    const nh = await cli('vrouter', 'cent222', 'nh', '--get', '1001', ...F);
    expectGolden('cli-vrouter-nh-get1001-services-cent222.txt', nh.out);
    expect(nh.out).toContain('Type:Composite');
  });

  it('flow --get of the reply names the ECMP member the forward entry picked (E:n) with a star', async () => {
    const flows = await cli('flows', ...F, '--node', 'cent222');
    const [, fwd, rev, member] = /^\s+(\d+)<=>(\d+)\s+10\.47\.255\.230:\d+\s+6 \(5\)\n\s+10\.96\.0\.20:80\s*\n\(Gen: \d+, K\(nh\):\d+, Action:F, Flags:, TCP:\w+, E:(\d+),/m.exec(flows.out)!;
    const reply = await cli('vrouter', 'cent222', 'flow', '--get', rev!, ...F);
    expectGolden('cli-vrouter-flow-get-services-reply-cent222.txt', reply.out);
    const stars = /^ {30}((?:\d+\*?, )+)$/m.exec(reply.out)![1]!.split(', ').filter((x) => x !== '');
    expect(stars.findIndex((x) => x.endsWith('*'))).toBe(Number(member));
    const forward = await cli('vrouter', 'cent222', 'flow', '--get', fwd!, ...F);
    expect(forward.out).not.toContain('*');
  });
});
