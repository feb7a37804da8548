/**
 * `vrsim reach --services`: pods to Services (columns ns/name:port), each cell tried at the
 * cluster IP through the vRouters until every ECMP member was hit, the policy decided on the
 * backend: `.` every backend answers, `~` some, `X` none, `-` not served / no backend. Every
 * reach format; goldens on the real-cluster dump; a Service whose backends policy treats
 * differently; the filters and their errors.
 */
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { expectGolden } from '../support/golden.js';

const CANARY = 'test/fixtures/services/canary.yaml';
const DUMP = 'test/fixtures/real-cluster/cluster.yaml';

interface Backend { pod: string; address: string; port: number; verdict: string; reason: string }
interface Row { from: string; to: string; service: string; port: number; protocol: string; verdict: string; reachable: string; backends: Backend[]; reason: string }

async function json(...argv: string[]): Promise<Row[]> {
  const run = await cli('reach', '--services', '-o', 'json', ...argv);
  expect(run.code).toBe(0);
  return (JSON.parse(run.out) as { results: Row[] }).results;
}

describe('reach --services on a Service whose backends policy treats differently', () => {
  it('says whether all, some or none of the backends answer, and which', async () => {
    const rows = await json('-f', CANARY, '--from', 'app=client');
    const cell = (from: string, to: string) => rows.find((r) => r.from === from && r.to === to)!;
    const trusted = cell('shop/client-a', 'shop/web:80');
    expect(trusted).toMatchObject({ service: 'shop/web', port: 80, protocol: 'TCP', verdict: 'allowed', reachable: 'all' });
    expect(trusted.backends.map((b) => [b.pod, b.address, b.port, b.verdict])).toEqual([
      ['shop/web-canary', '10.47.255.201', 8080, 'allowed'],
      ['shop/web-stable', '10.47.255.200', 8080, 'allowed'],
    ]);
    const other = cell('shop/client-b', 'shop/web:80');
    expect(other).toMatchObject({ verdict: 'partial', reachable: 'some' });
    expect(other.backends.map((b) => [b.pod, b.verdict])).toEqual([['shop/web-canary', 'blocked'], ['shop/web-stable', 'allowed']]);
    expect(other.backends[0]!.reason).toBe('denied: egress shop/client-b: implicit allow-all; ingress shop/web-canary: implicit deny-all (isolated by shop/canary-trusted-only)');
    expect(other.reason).toMatch(/^1 of 2 backends answer \(shop\/web-stable\); shop\/web-canary blocked: denied/);
    // a target port nothing listens on: reached (RST) but not served; blocked where policy drops it
    expect(cell('shop/client-a', 'shop/web:81')).toMatchObject({ verdict: 'not-served', reachable: 'none' });
    expect(cell('shop/client-b', 'shop/web:81').backends.map((b) => b.verdict)).toEqual(['blocked', 'not-served']);
    // no ready backend: the cluster IP has no route
    expect(cell('shop/client-a', 'shop/empty:80')).toMatchObject({ verdict: 'not-served', reachable: 'none', backends: [] });
    expect(cell('shop/client-a', 'shop/empty:80').reason).toContain('D(NoDstRt)');
  });

  it('prints the table with its own legend', async () => {
    const run = await cli('reach', '-f', CANARY, '--services', '--from', 'app=client');
    expect(run.code).toBe(0);
    expect(run.out).toContain('~  some backends answered: a connection succeeds or not depending on the backend ECMP picks');
    expect(run.out).toContain(
      [
        'TCP/80:',
        '| -             | shop/empty:80 | shop/web:80   |',
        '+---------------+---------------+---------------+',
        '| shop/client-a | -             | .             |',
        '| shop/client-b | -             | ~             |',
        '1 allowed, 0 blocked, 2 not served, 1 partial out of 4 total',
      ].join('\n'),
    );
  });

  it('without enforcement every backend answers', async () => {
    const rows = await json('-f', CANARY, '--from', 'shop/client-b', '--to', 'svc/shop/web', '--port', 'http', '--enforcement', 'none');
    expect(rows.map((r) => [r.to, r.verdict, r.backends.map((b) => b.verdict)])).toEqual([['shop/web:80', 'allowed', ['allowed', 'allowed']]]);
  });

  it('hits every backend of a large Service (no member left unprobed)', async () => {
    const rows = await json('-f', DUMP, '--from', 'shop/debug-shell', '--to', 'kube-system', '--to', 'svc/shop/checkout');
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) for (const b of r.backends) expect(b.verdict).not.toBe('unprobed');
    expect(rows.find((r) => r.to === 'shop/checkout:443')!.backends).toHaveLength(3);
  });
});

describe('reach --services on the real-cluster dump (goldens)', () => {
  it.each([
    ['table', 'cli-reach-real-cluster-services.txt', []],
    ['json', 'cli-reach-real-cluster-services-shop.json', ['-n', 'shop', '-o', 'json']],
    ['csv', 'cli-reach-real-cluster-services-shop.csv', ['-n', 'shop', '-o', 'csv']],
    ['md', 'cli-reach-real-cluster-services-shop.md', ['-n', 'shop', '-o', 'md']],
    ['dot', 'cli-reach-real-cluster-services-shop.dot', ['-n', 'shop', '-o', 'dot']],
  ])('%s', async (_format, golden, extra) => {
    const run = await cli('reach', '-f', DUMP, '--services', ...(extra as string[]));
    expect(run.err).not.toContain('internal error');
    expect(run.code).toBe(0);
    expectGolden(golden, run.out);
  });

  it('the dot graph draws an edge to a Service only when every backend answers', async () => {
    const run = await cli('reach', '-f', CANARY, '--services', '-o', 'dot', '--from', 'app=client');
    expect(run.out).toContain('"shop/client-a" -> "shop/web:80" [label="TCP 80"');
    expect(run.out).not.toContain('"shop/client-b" -> "shop/web:80"');
  });
});

describe('reach --services filters and errors', () => {
  it.each([
    [['--to', 'svc/shop/wbe'], 'vrsim: --to: no Service shop/wbe (did you mean svc/shop/web?); Services: svc/shop/empty, svc/shop/web\n'],
    [['--to', 'app=web'], 'vrsim: --to: with --services give svc/<namespace>/<name> or a namespace, not "app=web" (Services: svc/shop/empty, svc/shop/web)\n'],
    [['--group', 'workload'], 'vrsim: --services rows are pods; --group workload is not supported with it\n'],
  ])('%j', async (extra, message) => {
    const run = await cli('reach', '-f', CANARY, '--services', ...extra);
    expect(run.code).toBe(2);
    expect(run.err).toBe(message);
  });

  it('says so when there is no Service to probe', async () => {
    const run = await cli('reach', '-f', 'scenarios/book-ch8/manifests', '--services');
    expect(run.code).toBe(0);
    expect(run.out).toBe('no Service with a cluster IP: nothing to probe (headless Services have no address; reach their pods instead)\n');
  });
});
