/**
 * Flow-based vs packet-based side by side: `reach --enforcement flow,packet` prints both
 * truth tables and every differing cell with the reason (the server's SYN-ACK dropped by the
 * stateless filter), the differences agree with two separate reaches, and `trace` under
 * packet prints the reply direction's verdict on its own line.
 */
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { expectGolden } from '../support/golden.js';

const M = 'scenarios/book-ch8/manifests';

interface Cell { from: string; to: string; allowed: boolean }

describe('reach --enforcement flow,packet', () => {
  it('both tables, then the cells that differ with which packet the stateless filter drops (golden)', async () => {
    const r = await cli('reach', '-f', M, '--enforcement', 'flow,packet');
    expect(r.code).toBe(0);
    expectGolden('cli-reach-flow-vs-packet.txt', r.out);
    expect(r.out).toContain("dev/client1-dev -> dev/webserver-dev TCP/80: flow allowed, packet blocked\n    the request is allowed, but the server's SYN-ACK (dev/webserver-dev -> dev/client1-dev) is checked as a new connection and dropped: egress dev/webserver-dev: implicit deny-all");
  });

  it('-o json: the differences are exactly the cells where two single-mode reaches disagree', async () => {
    const both = JSON.parse((await cli('reach', '-f', M, '--enforcement', 'flow,packet', '-o', 'json')).out) as { differences: { from: string; to: string; reason: string }[] };
    const single = async (mode: string): Promise<Map<string, boolean>> => {
      const j = JSON.parse((await cli('reach', '-f', M, '--enforcement', mode, '-o', 'json')).out) as { results: Cell[] };
      return new Map(j.results.map((c) => [`${c.from}->${c.to}`, c.allowed]));
    };
    const flow = await single('flow');
    const packet = await single('packet');
    const disagree = [...flow].filter(([k, v]) => packet.get(k) !== v).map(([k]) => k).sort();
    expect(both.differences.map((d) => `${d.from}->${d.to}`).sort()).toEqual(disagree);
    expect(disagree.length).toBeGreaterThan(0);
  });

  it('a bad pair is a clear error', async () => {
    const r = await cli('reach', '-f', M, '--enforcement', 'flow,flow');
    expect(r.code).toBe(2);
    expect(r.err).toContain('Argument: enforcement, Given: "flow,flow"');
    const csv = await cli('reach', '-f', M, '--enforcement', 'flow,packet', '-o', 'csv');
    expect(csv.code).toBe(2);
    expect(csv.err).toBe('vrsim: --enforcement flow,packet: prints the two tables and their differences as text or -o json, not -o csv\n');
  });
});

describe('trace under packet-based enforcement', () => {
  it('the reply direction has its own verdict line', async () => {
    const r = await cli('trace', '-f', M, '--from', 'dev/client1-dev', '--to', 'dev/webserver-dev', '--port', '80', '--enforcement', 'packet');
    const lines = r.out.split('\n');
    const policy = lines.findIndex((l) => l.startsWith('policy: allowed: '));
    const reply = lines.findIndex((l) => l.startsWith("reply (packet-based: the server's SYN-ACK is checked as a new connection): denied: egress dev/webserver-dev: implicit deny-all"));
    expect(policy).toBeGreaterThan(0);
    expect(reply).toBeGreaterThan(policy);
    // The client port in the reply's check is the one the trace shows.
    const port = /10\.47\.255\.232:(\d+) > 10\.47\.255\.234:80/.exec(r.out)![1];
    expect(lines[reply + 1]).toContain(`-> dev/client1-dev (10.47.255.232):${port}`);
    const flow = await cli('trace', '-f', M, '--from', 'dev/client1-dev', '--to', 'dev/webserver-dev', '--port', '80');
    expect(flow.out).not.toContain('reply (packet-based');
  });
});
