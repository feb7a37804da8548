/**
 * `vrsim diverge`: every divergence example of docs/contrail-translation.md found on a cluster
 * that contains them all, with the deciding Contrail rule and the cause; nothing on the book's
 * lab; the CLI's exit codes and formats.
 */
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { loadCluster } from '../../src/model/load.js';
import { readManifestInputs } from '../../src/model/read-files.js';
import { DEFAULT_SETTINGS } from '../../src/sim/cluster/types.js';
import { runDiverge, type DivergentConnection } from '../../src/sim/cluster/diverge.js';

const FIXTURE = 'test/fixtures/manifests/contrail-divergences';
const BOOK = 'scenarios/book-ch8/manifests';

function clusterOf(...paths: string[]) {
  return loadCluster(readManifestInputs(paths)).cluster;
}

describe('diverge on a cluster with every documented divergence', () => {
  const report = runDiverge(clusterOf(FIXTURE), DEFAULT_SETTINGS);
  const all: DivergentConnection[] = report.groups.flatMap((g) => g.connections);
  const find = (from: string, to: string, protocol: string, port: number) => all.find((c) => c.from === from && c.to === to && c.protocol === protocol && c.port === port);

  it.each([
    ['1 first match', 'e1/y', 'e1/x', 'TCP', 80, false, true, 'first-match', 'e1-egress-y-out-podSelector-0-0'],
    ['2 target matchExpressions', 'e2/x', 'e2/y', 'TCP', 80, true, false, 'target-match-expressions', 'e2-ingress-p-denyall'],
    ['2 peer matchExpressions (NotIn as In)', 'e10/y', 'e10/x', 'TCP', 80, false, true, 'peer-match-expressions', 'e10-ingress-p-0-podSelector-0-0'],
    ['3 named port', 'e3/y', 'e3/x', 'TCP', 80, true, false, 'named-port', 'e3-ingress-p-denyall'],
    ['4 except as a terminating deny', 'e4b/z', 'e4/x', 'TCP', 80, true, false, 'except-deny', 'e4-ingress-p1-0-ipBlock-0-10.47.255.200/32-0'],
    ['5 empty namespaceSelector next to a peer', 'e1/x', 'e5/x', 'TCP', 80, true, false, 'empty-namespace-selector', 'e5-ingress-p-denyall'],
    ['5 empty namespaceSelector alone admits hosts', 'node/cent222', 'e5b/x', 'TCP', 80, false, true, 'empty-namespace-selector', 'e5b-ingress-p-0-allow-all-0'],
    ['5 empty podSelector next to a namespaceSelector', 'e9src/c', 'e9/x', 'TCP', 80, true, false, 'empty-pod-selector', 'e9-ingress-p-denyall'],
    ['6 namespace labels as pod tags', 'e6/y', 'e6/x', 'TCP', 80, false, true, 'namespace-labels-as-tags', 'e6-ingress-p-0-podSelector-0-0'],
    ['7 endPort dropped', 'e1/x', 'e7/x', 'TCP', 85, true, false, 'end-port', 'e7-ingress-p-denyall'],
    ['SCTP port matched as 0', 'e1/x', 'e8/x', 'SCTP', 80, true, false, 'sctp-port', 'e8-ingress-p-denyall'],
  ] as const)('%s: %s -> %s %s/%d', (_name, from, to, protocol, port, k8s, contrail, cause, rule) => {
    const c = find(from, to, protocol, port);
    expect(c, `${from} -> ${to} ${protocol}/${port} should diverge`).toBeDefined();
    expect([c!.kubernetes.allowed, c!.contrail.allowed, c!.contrail.rule]).toEqual([k8s, contrail, rule]);
    expect(c!.causes).toContain(cause);
  });

  it('agrees where the translation is faithful', () => {
    expect(find('e1/x', 'e7/x', 'TCP', 80)).toBeUndefined(); // port 80 of 80-90 survives
    expect(find('e2/y', 'e2/x', 'TCP', 80)).toBeUndefined(); // x is isolated in both
  });

  it('groups every connection under its causes, in the documented order', () => {
    expect(report.divergent).toBe(all.length);
    expect(report.groups.map((g) => g.causes[0])).toEqual([
      'first-match', 'target-match-expressions', 'peer-match-expressions', 'named-port', 'except-deny',
      'empty-namespace-selector', 'empty-pod-selector', 'namespace-labels-as-tags', 'end-port', 'sctp-port',
    ]);
  });
});

describe('vrsim diverge', () => {
  it('finds nothing on the book lab and exits 0', async () => {
    const r = await cli('diverge', '-f', BOOK);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^No divergence: Kubernetes and Contrail agree on all 64 connections attempted\.\n/);
  });

  it('exits 1 on the fixture, in text, JSON and Markdown', async () => {
    const text = await cli('diverge', '-f', FIXTURE, '--port', '80', '--protocol', 'TCP');
    expect(text.code).toBe(1);
    expect(text.out).toContain('\nfirst match instead of egress AND ingress (');
    expect(text.out).toContain('  e1/y -> e1/x TCP/80: kubernetes denied, contrail allowed\n');
    expect(text.out).toContain('    contrail:   firewall policy k8s-e1-y-out rule 00000.0 e1-egress-y-out-podSelector-0-0 (pass)\n');
    const json = await cli('diverge', '-f', FIXTURE, '--port', '80', '--protocol', 'TCP', '-o', 'json');
    expect(json.code).toBe(1);
    const parsed = JSON.parse(json.out) as { divergent: number; groups: { key: string }[] };
    expect(parsed.divergent).toBeGreaterThan(0);
    expect(parsed.groups[0]!.key).toBe('first-match');
    const md = await cli('diverge', '-f', FIXTURE, '--port', '80', '--protocol', 'TCP', '-o', 'md');
    expect(md.out).toMatch(/^# Kubernetes vs Contrail: divergences\n/);
    expect(md.out).toContain('| e1/y -> e1/x TCP/80 | denied | allowed |');
  });

  it('--namespace, --from and --to narrow both runs alike, and the report says so', async () => {
    const args = ['diverge', '-f', FIXTURE, '--port', '80', '--protocol', 'TCP'];
    const whole = JSON.parse((await cli(...args, '-o', 'json')).out) as { groups: { connections: { from: string; to: string }[] }[] };
    const wholeE1 = whole.groups.flatMap((g) => g.connections).filter((c) => c.from.startsWith('e1/') && c.to.startsWith('e1/'));
    const narrowed = await cli(...args, '-n', 'e1', '-o', 'json');
    expect(narrowed.code).toBe(1);
    const parsed = JSON.parse(narrowed.out) as { selection: string; groups: { connections: { from: string; to: string }[] }[] };
    expect(parsed.selection).toBe('--namespace e1');
    // Exactly the whole run's divergences inside e1, nothing from elsewhere.
    expect(parsed.groups.flatMap((g) => g.connections).map((c) => `${c.from}>${c.to}`)).toEqual(wholeE1.map((c) => `${c.from}>${c.to}`));
    const text = await cli(...args, '--from', 'e3/y', '--to', 'e3');
    expect(text.out).toMatch(/^1 of 2 connections attempted diverge/);
    expect(text.out).toContain('probed: TCP ports 80, node hosts included, only --from e3/y --to e3\n');
    expect((await cli(...args, '--from', 'e3/y', '--to', 'e3', '-o', 'md')).out).toContain('\nOnly `--from e3/y --to e3`.\n');
    // Nothing diverges between e1/x and e7/x on port 80: exit 0.
    expect((await cli(...args, '--from', 'e1/x', '--to', 'e7/x')).code).toBe(0);
  });

  it('a --from that names nothing is an input error (exit 2), nothing printed on stdout', async () => {
    const r = await cli('diverge', '-f', FIXTURE, '--from', 'nosuch');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('--from: "nosuch" is neither a namespace nor a pod');
  });

  it('rejects a bad port list with a clear message', async () => {
    const r = await cli('diverge', '-f', BOOK, '--port', '0');
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('--port: 0 is outside 1-65535');
  });
});
