/**
 * The CLI as users run it, in-process through `runCli`: golden outputs of every command on
 * the book's lab, and bad input giving a located one-line error, a non-zero exit code and no
 * stack trace.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { expectGolden } from '../support/golden.js';

const M = 'scenarios/book-ch8/manifests';
const DENYALL = `${M}/variants/policy2-egress-denyall.yaml`;

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    isTty: false,
    cwd: process.cwd(),
  });
  return { code, out, err };
}

describe('vrsim commands on the book lab (golden)', () => {
  it.each([
    ['explain', 'cli-explain-book.txt', ['explain', '-f', M]],
    ['contrail', 'cli-contrail-book.txt', ['contrail', '-f', M]],
    ['reach --hosts', 'cli-reach-book-hosts.txt', ['reach', '-f', M, '--hosts']],
    ['reach in packet mode', 'cli-reach-book-packet.txt', ['reach', '-f', M, '--enforcement', 'packet']],
    ['reach over two protocols and a named port', 'cli-reach-book-udp-http.txt', ['reach', '-f', M, '--port', '80,http', '--protocol', 'TCP,UDP']],
    ['trace allowed cross-node', 'cli-trace-client1-webserver.txt', ['trace', '-f', M, '--from', 'dev/client1-dev', '--to', 'dev/webserver-dev', '--port', '80']],
    ['trace denied (egress deny-all)', 'cli-trace-dbserver-denied.txt', ['trace', '-f', M, '-f', DENYALL, '--from', 'dev/dbserver-dev', '--to', 'dev/client1-dev', '--port', '80']],
    ['trace ping from a host', 'cli-trace-ping-host.txt', ['trace', '-f', M, '--from', 'node/cent222', '--to', 'jtac/client-jtac', '--protocol', 'ICMP']],
    ['flows: the book\'s final dump on cent333', 'cli-flows-book-cent333.txt', ['flows', '-f', M, '-f', DENYALL, '-t', 'dev/dbserver-dev->dev/client1-dev:80', '--node', 'cent333', '--match', '10.47.255.232:80']],
    ['flows: nothing on cent222', 'cli-flows-book-cent222.txt', ['flows', '-f', M, '-f', DENYALL, '-t', 'dev/dbserver-dev->dev/client1-dev:80', '--node', 'cent222', '--match', '10.47.255.233']],
  ])('%s', async (_name, golden, argv) => {
    const r = await cli(...argv);
    expect(r.code).toBe(0);
    expectGolden(golden, r.out);
  });

  it('the same command prints the same bytes twice, and another seed changes only the random parts', async () => {
    const argv = ['flows', '-f', M, '-f', DENYALL, '-t', 'dev/dbserver-dev->dev/client1-dev:80', '--node', 'cent333'];
    const a = await cli(...argv);
    const b = await cli(...argv);
    expect(a.out).toBe(b.out);
    const c = await cli(...argv, '--seed', '7');
    expect(c.out).not.toBe(a.out);
    expect(c.out).toContain('Action:D(FwPolicy)');
    expect(c.out).toContain('Stats:3/222');
  });

  it('flows -o json lists the pair with its fields', async () => {
    const r = await cli('flows', '-f', M, '-f', DENYALL, '-t', 'dev/dbserver-dev->dev/client1-dev:80', '--node', 'cent333', '-o', 'json');
    const json = JSON.parse(r.out) as { nodes: Record<string, { flows: { action: string; dropReason: string | null; tcp: string; packets: number; bytes: number }[] }> };
    const entries = json.nodes['cent333']!.flows.map((e) => [e.action, e.dropReason, e.tcp, e.packets, e.bytes]);
    expect(entries).toContainEqual(['D', 'FwPolicy', 'S', 3, 222]);
    expect(entries).toContainEqual(['D', 'Unknown', 'Sr', 0, 0]);
  });

  it('reach -o json has one entry per source, destination, port and protocol', async () => {
    const r = await cli('reach', '-f', M, '-o', 'json');
    const json = JSON.parse(r.out) as { results: { from: string; to: string; port: number; protocol: string; allowed: boolean; reason: string }[] };
    expect(json.results).toHaveLength(36);
    const denied = json.results.find((x) => x.from === 'dev/client2-dev' && x.to === 'dev/webserver-dev')!;
    expect(denied).toMatchObject({ port: 80, protocol: 'TCP', allowed: false });
    expect(denied.reason).toContain('implicit deny-all');
  });

  it('enforcement none: every cell allowed though the policies load', async () => {
    const r = await cli('reach', '-f', M, '--enforcement', 'none');
    expect(r.out).toContain('36 allowed, 0 blocked out of 36 total');
  });
});

describe('--log', () => {
  it('writes JSON lines to stderr (every dataplane event at debug) and leaves stdout byte-identical', async () => {
    const plain = await cli('run', 'scenarios/blog-calico.yaml');
    const logged = await cli('run', 'scenarios/blog-calico.yaml', '--log', 'debug');
    expect(logged.code).toBe(0);
    expect(logged.out).toBe(plain.out);
    const lines = logged.err.trim().split('\n').map((l) => JSON.parse(l) as { msg: string; dataplane?: { kind: string } });
    expect(lines[0]!.msg).toBe('vrsim start');
    expect(lines.some((l) => l.dataplane?.kind === 'flow-install')).toBe(true);
    expect(lines.at(-1)!.msg).toBe('scenario done');
  });
});

describe('bad input: located error, non-zero exit, no stack trace', () => {
  it.each([
    [['explain', '-f', 'test/fixtures/cli/bad-cidr.yaml'], 1, 'test/fixtures/cli/bad-cidr.yaml:14: spec.ingress[0].from[1].ipBlock.cidr: "10.0.0.0/33" is not a valid CIDR'],
    [['explain', '-f', 'no/such/file.yaml'], 1, 'no/such/file.yaml: cannot read manifest: no such file or directory'],
    [['reach', '-f', M, '--port', '0'], 2, 'vrsim: --port: 0 is outside 1-65535'],
    [['reach', '-f', M, '--port', 'HTTP_x'], 2, 'is neither a port number'],
    [['reach', '-f', M, '--protocol', 'ICMP'], 2, 'vrsim: --protocol: "ICMP" is not one of TCP, UDP, SCTP'],
    [['trace', '-f', M, '--from', 'dev/nobody', '--to', 'dev/webserver-dev', '--port', '80'], 2, 'vrsim: --from: no pod named dev/nobody'],
    [['trace', '-f', M, '--from', 'dev/client1-dev', '--to', 'dev/webserver-dev'], 2, 'vrsim: --port: expected a port number 1-65535 for TCP, got nothing'],
    [['trace', '-f', M, '--from', '10.1.1.1', '--to', 'dev/webserver-dev', '--port', '80'], 2, '--from: the source must be a pod'],
    [['flows', '-f', M, '-t', 'dev/client1-dev=>x'], 2, 'vrsim: --traffic: "dev/client1-dev=>x" is not <from>-><to>:<port>'],
    [['flows', '-f', M, '--node', 'cent999'], 2, 'vrsim: --node: no node named "cent999" (nodes: cent222, cent333)'],
    [['flows', '-f', M, '--match', '10.1.1:80'], 2, '--match: "10.1.1:80" is not <ip>[:<port>]'],
    [['reach', '-f', M, '--enforcement', 'stateless'], 2, 'Invalid values'],
    [['explain'], 2, 'Give the manifests with -f'],
    [['frobnicate'], 2, 'Unknown argument: frobnicate'],
    [['explain', '-f', M, '--log', 'loud'], 2, 'vrsim: --log: "loud" is not one of trace, debug, info, warn, error'],
  ])('%j exits %i', async (argv, code, message) => {
    const r = await cli(...argv);
    expect(r.code).toBe(code);
    expect(r.err).toContain(message);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(r.out).toBe('');
  });

  it('a manifest with several problems reports all of them, and nothing runs', async () => {
    const r = await cli('reach', '-f', 'test/fixtures/cli/bad-cidr.yaml', '-f', M);
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n')).toEqual([
      'test/fixtures/cli/bad-cidr.yaml:14: spec.ingress[0].from[1].ipBlock.cidr: "10.0.0.0/33" is not a valid CIDR',
      'test/fixtures/cli/bad-cidr.yaml:16: spec.ingress[0].ports[0].port: 70000 is not a valid port number: expected 1-65535',
      'test/fixtures/cli/bad-cidr.yaml:17: spec.ingress[0].ports[0].protocol: unsupported protocol "TCPP": expected one of TCP, UDP, SCTP',
    ]);
    expect(r.out).toBe('');
  });

  it('warnings (the book\'s engress typo) go to stderr and the command still runs', async () => {
    const r = await cli('explain', '-f', M, '-f', `${M}/variants/policy2-tryout.yaml`);
    expect(r.code).toBe(0);
    expect(r.err).toContain('policy2-tryout.yaml:20: warning: unknown field "spec.engress" (did you mean "spec.egress"?)');
    expect(r.out).toContain('dev/policy2-tryout');
  });
});
