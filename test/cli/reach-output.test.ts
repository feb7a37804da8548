/**
 * `vrsim reach` output as users read it: every format on the book lab and on a 15-pod shop
 * whose pods serve different ports (goldens), the compact layout, the legend, `-` for a port
 * nothing serves, empty results said in words, SVG read back from Graphviz, and output
 * streamed in pieces as rows become final (never one string).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { loadCluster } from '../../src/model/load.js';
import { ReachJsonWriter } from '../../src/report/writers/reach-json.js';
import { planReach } from '../../src/sim/cluster/reach-plan.js';
import { probeReach, reachResultFor, reachSettings } from '../../src/sim/cluster/reach.js';
import { DEFAULT_SETTINGS } from '../../src/sim/cluster/types.js';
import { ClusterWiring } from '../../src/sim/cluster/wiring.js';
import { cli } from '../support/cli.js';
import { expectGolden } from '../support/golden.js';
import { hasTool } from '../support/tools.js';

const BOOK = 'scenarios/book-ch8/manifests';
const SHOP = 'test/fixtures/reach/shop.yaml';
const NO_PODS = 'test/fixtures/reach/no-pods.yaml';
const HAS_DOT = hasTool('dot');

describe('reach formats (golden)', () => {
  it.each([
    ['book: json', 'cli-reach-book-json.txt', ['reach', '-f', BOOK, '-o', 'json']],
    ['book: csv', 'cli-reach-book-csv.txt', ['reach', '-f', BOOK, '-o', 'csv']],
    ['book: md', 'cli-reach-book-md.txt', ['reach', '-f', BOOK, '-o', 'md']],
    ['book: dot', 'cli-reach-book-dot.txt', ['reach', '-f', BOOK, '-o', 'dot']],
    ['book: full table layout', 'cli-reach-book-full.txt', ['reach', '-f', BOOK, '--layout', 'full']],
    ['shop: table (declared ports, compact when wide)', 'cli-reach-shop-table.txt', ['reach', '-f', SHOP]],
    ['shop: --port 8080 (not served vs blocked)', 'cli-reach-shop-port-8080.txt', ['reach', '-f', SHOP, '--port', '8080,http']],
    ['shop: json', 'cli-reach-shop-json.txt', ['reach', '-f', SHOP, '-o', 'json']],
    ['shop: csv', 'cli-reach-shop-csv.txt', ['reach', '-f', SHOP, '-o', 'csv']],
    ['shop: md', 'cli-reach-shop-md.txt', ['reach', '-f', SHOP, '-o', 'md']],
    ['shop: dot', 'cli-reach-shop-dot.txt', ['reach', '-f', SHOP, '-o', 'dot']],
  ])('%s', async (_name, golden, argv) => {
    const r = await cli(...argv);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expectGolden(golden, r.out);
  });
});

describe('reach tables a person can read', () => {
  it('the 15-pod shop fits in a terminal: numbered columns with a key, every table under 60 characters wide', async () => {
    const r = await cli('reach', '-f', SHOP);
    const widest = Math.max(...r.out.split('\n').filter((l) => l.startsWith('|')).map((l) => l.length));
    expect(widest).toBeLessThan(60);
    expect(r.out).toContain('Columns:\n   1  kube-system/coredns-1\n');
    // full layout of the same cluster is what auto avoids
    const full = await cli('reach', '-f', SHOP, '--layout', 'full');
    expect(Math.max(...full.out.split('\n').map((l) => l.length))).toBeGreaterThan(120);
  });

  it('probes each destination on what it declares, with its protocol: DNS on UDP/53 and TCP/53, the portless pod on TCP/80', async () => {
    const r = await cli('reach', '-f', SHOP, '-o', 'json');
    const results = (JSON.parse(r.out) as { results: { to: string; port: number; protocol: string }[] }).results;
    const probed = (to: string) => [...new Set(results.filter((c) => c.to === to).map((c) => `${c.protocol}/${c.port}`))].sort();
    expect(probed('kube-system/coredns-1')).toEqual(['TCP/53', 'UDP/53']);
    expect(probed('shop/api-1')).toEqual(['TCP/9090', 'TCP/9100']);
    expect(probed('shop/batch-report')).toEqual(['TCP/80']);
  });

  it('marks a port nothing serves (-) apart from a policy block (X), and every table prints the legend', async () => {
    const r = await cli('reach', '-f', SHOP, '--port', '8080');
    expect(r.out).toMatch(/^Legend: {2}\. {2}allowed/);
    expect(r.out).toContain('X  blocked (no answer: dropped by policy)');
    expect(r.out).toContain('-  not served');
    const json = await cli('reach', '-f', SHOP, '--port', '8080', '-o', 'json');
    const cells = (JSON.parse(json.out) as { results: { from: string; to: string; verdict: string; served: boolean; reason: string }[] }).results;
    // the API serves 9090, not 8080, and its policy admits only grpc: the policy blocks first, so X, not -
    expect(cells.find((c) => c.from === 'shop/web-1' && c.to === 'shop/api-1')).toMatchObject({ verdict: 'blocked', served: false });
    // grafana has no policy: the probe gets through and is reset: not served
    const grafana = cells.find((c) => c.from === 'shop/web-1' && c.to === 'monitoring/grafana-1')!;
    expect(grafana).toMatchObject({ verdict: 'not-served', served: false });
    expect(grafana.reason).toContain('nothing serves TCP/8080 on monitoring/grafana-1');
    expect(cells.find((c) => c.from === 'shop/api-1' && c.to === 'shop/web-1')).toMatchObject({ verdict: 'allowed', served: true });
  });
});

describe('reach with nothing to probe', () => {
  it('says so in a sentence instead of drawing +-----++', async () => {
    const r = await cli('reach', '-f', NO_PODS);
    expect(r.code).toBe(0);
    expect(r.out).not.toContain('+-');
    expect(r.out).toBe('no sources and no destinations match: the truth table is empty (the manifests define no pods to probe; --hosts adds the node hosts)\n');
  });

  it('gives valid empty machine formats', async () => {
    expect(JSON.parse((await cli('reach', '-f', NO_PODS, '-o', 'json')).out)).toEqual({ results: [] });
    expect((await cli('reach', '-f', NO_PODS, '-o', 'csv')).out).toBe('from,to,protocol,port,port_name,verdict,reason\n');
    expect((await cli('reach', '-f', NO_PODS, '-o', 'dot')).out).toBe('digraph {\n}\n');
  });
});

describe('reach -o svg', () => {
  it.skipIf(!HAS_DOT)('renders the graph through Graphviz: one SVG edge per allowed pair', async () => {
    const dot = await cli('reach', '-f', BOOK, '-o', 'dot');
    const edges = dot.out.split('\n').filter((l) => l.includes(' -> ')).length;
    const r = await cli('reach', '-f', BOOK, '-o', 'svg');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^<\?xml[\s\S]*<svg [\s\S]*<\/svg>\n$/);
    expect((r.out.match(/<g id="edge\d+" class="edge">/g) ?? []).length).toBe(edges);
    expect(r.out).toContain('<title>dev/client1&#45;dev&#45;&gt;dev/webserver&#45;dev</title>');
  });

  it('without Graphviz on PATH says how to get it and exits 2 before any work', async () => {
    const saved = process.env['PATH'];
    process.env['PATH'] = '/nonexistent';
    try {
      const r = await cli('reach', '-f', BOOK, '-o', 'svg');
      expect(r.code).toBe(2);
      expect(r.err).toBe('vrsim: -o svg: Graphviz is not installed (no `dot` on PATH); install it (Debian/Ubuntu: apt-get install graphviz) or use -o dot and render it elsewhere\n');
      expect(r.out).toBe('');
    } finally {
      process.env['PATH'] = saved;
    }
  });
});

/** `n` pods in two namespaces, every one serving TCP/80, and a default-deny in the second. */
function manyPods(n: number): string {
  const docs = ['apiVersion: v1\nkind: Namespace\nmetadata: {name: a}', 'apiVersion: v1\nkind: Namespace\nmetadata: {name: b}'];
  for (let i = 0; i < n; i++) {
    docs.push(`apiVersion: v1\nkind: Pod\nmetadata: {name: p${i}, namespace: ${i % 2 === 0 ? 'a' : 'b'}, labels: {app: p${i % 5}}}\nspec:\n  containers:\n  - name: c\n    ports: [{containerPort: 80}]`);
  }
  docs.push('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: b}\nspec: {podSelector: {}, policyTypes: [Ingress]}');
  return docs.join('\n---\n') + '\n';
}

describe('reach output is streamed', () => {
  it('writes a large reach\'s JSON in pieces while the probes run, and the whole is valid JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrsim-reach-'));
    const file = join(dir, 'many.yaml');
    writeFileSync(file, manyPods(80));
    const r = await cli('reach', '-f', file, '-o', 'json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { results: { verdict: string }[] };
    expect(json.results).toHaveLength(80 * 80);
    expect(json.results.filter((c) => c.verdict === 'blocked')).toHaveLength(80 * 40 - 40); // into b, except each b pod to itself
    expect(r.chunks.length).toBeGreaterThanOrEqual(80);
    expect(Math.max(...r.chunks.map((c) => c.length))).toBeLessThan(r.out.length / 20);
  });

  it('hands rows to the writer before the last probe has run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrsim-reach-'));
    const file = join(dir, 'many.yaml');
    writeFileSync(file, manyPods(60));
    const { cluster } = loadCluster([{ file, text: manyPods(60) }]);
    const wiring = new ClusterWiring(cluster, reachSettings(DEFAULT_SETTINGS));
    const refs = wiring.endpointRefs(false);
    const result = reachResultFor(wiring, planReach(wiring, { sources: refs, destinations: refs, ports: 'declared' }));
    let written = 0;
    const writer = new ReachJsonWriter(result, () => void written++);
    writer.start();
    let row = 0;
    let writtenBeforeEnd = 0;
    for (const step of probeReach(wiring, result)) {
      if (step.group === 0 && step.rows > row) {
        writer.rows(0, row, step.rows);
        row = step.rows;
      }
      if (step.probed < step.total) writtenBeforeEnd = written;
    }
    expect(writtenBeforeEnd).toBeGreaterThan(10);
  });
});

describe('reach waits for a slow reader', () => {
  it('writes nothing more while stdout has not drained, then finishes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrsim-reach-'));
    const file = join(dir, 'many.yaml');
    writeFileSync(file, manyPods(60));
    const chunks: string[] = [];
    let release: (() => void) | undefined;
    let waits = 0;
    const run = runCli(['reach', '-f', file, '-o', 'json'], {
      stdout: (t) => void chunks.push(t),
      stderr: () => undefined,
      isTty: false,
      cwd: process.cwd(),
      drained: () => {
        waits++;
        // the first time the buffer is "full": hold the reach until released
        return waits === 1 ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();
      },
    });
    await new Promise((r) => setTimeout(r, 200));
    const held = chunks.length;
    await new Promise((r) => setTimeout(r, 200));
    expect(chunks.length).toBe(held); // nothing written while waiting
    expect(release).toBeDefined();
    release!();
    expect(await run).toBe(0);
    expect(chunks.length).toBeGreaterThan(held);
    expect((JSON.parse(chunks.join('')) as { results: unknown[] }).results).toHaveLength(3600);
  });
});
