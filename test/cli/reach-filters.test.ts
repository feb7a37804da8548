/**
 * `--namespace`, `--from` and `--to` on reach (and trace's --from/--to): every kind of filter
 * picks the endpoints a user means, and a filter naming what the cluster does not have is a
 * clear error listing the candidates, never an empty table or a stack trace.
 */
import { describe, expect, it } from 'vitest';
import { parseSelectorText } from '../../src/model/selector-text.js';
import { selectorMatches } from '../../src/policy/selector.js';
import { cli } from '../support/cli.js';
import { expectGolden } from '../support/golden.js';

const SHOP = 'test/fixtures/reach/shop.yaml';
const BOOK = 'scenarios/book-ch8/manifests';

async function endpoints(...flags: string[]): Promise<{ sources: string[]; destinations: string[] }> {
  const r = await cli('reach', '-f', SHOP, '-o', 'json', ...flags);
  expect(r.err).toBe('');
  const results = (JSON.parse(r.out) as { results: { from: string; to: string }[] }).results;
  return { sources: [...new Set(results.map((c) => c.from))].sort(), destinations: [...new Set(results.map((c) => c.to))].sort() };
}

describe('reach filters pick what they name', () => {
  it.each([
    ['a pod by ns/pod', ['--from', 'shop/web-1'], ['shop/web-1'], undefined],
    ['a pod by its bare name', ['--from', 'ledger-0'], ['payments/ledger-0'], undefined],
    ['a namespace', ['--from', 'payments'], ['payments/ledger-0', 'payments/pay-1', 'payments/pay-2'], undefined],
    ['a label selector with a set', ['--from', 'app in (pay,ledger)'], ['payments/ledger-0', 'payments/pay-1', 'payments/pay-2'], undefined],
    ['a label selector with two requirements', ['--from', 'tier=backend,app!=cart'], ['shop/api-1', 'shop/api-2', 'shop/api-3'], undefined],
    ['a selector on a key that some pods lack', ['--from', '!tier', '-n', 'shop'], ['shop/batch-report'], undefined],
    ['a bare pod as its own workload', ['--from', 'shop/cart-0[Pod]'], ['shop/cart-0'], undefined],
    ['repeated --from is a union', ['--from', 'shop/web-1', '--from', 'coredns-2'], ['kube-system/coredns-2', 'shop/web-1'], undefined],
    ['--to with --namespace', ['-n', 'kube-system', '--to', 'k8s-app=kube-dns'], ['kube-system/coredns-1', 'kube-system/coredns-2'], ['kube-system/coredns-1', 'kube-system/coredns-2']],
  ])('%s', async (_name, flags, sources, destinations) => {
    const got = await endpoints(...flags);
    expect(got.sources).toEqual(sources);
    if (destinations !== undefined) expect(got.destinations).toEqual(destinations);
  });

  it('a filtered table (golden): the front end to the back end', async () => {
    const r = await cli('reach', '-f', SHOP, '--from', 'tier=frontend', '--to', 'tier=backend', '--layout', 'full');
    expect(r.code).toBe(0);
    expectGolden('cli-reach-shop-frontend-backend.txt', r.out);
  });

  it('a node host named by --from is a source without --hosts', async () => {
    const got = await cli('reach', '-f', BOOK, '-o', 'json', '--from', 'node/cent222', '--to', 'dev/webserver-dev');
    const results = (JSON.parse(got.out) as { results: { from: string; to: string; verdict: string }[] }).results;
    expect(results).toEqual([expect.objectContaining({ from: 'node/cent222', to: 'dev/webserver-dev', verdict: 'allowed' })]);
  });

  it('a valid filter that matches nothing says so, naming the filter', async () => {
    const r = await cli('reach', '-f', SHOP, '--from', 'app=nothing');
    expect(r.code).toBe(0);
    expect(r.out).toBe('no sources match --from app=nothing: the truth table is empty\n');
  });
});

describe('bad filters: a clear error with the candidates, exit 2', () => {
  it.each([
    [['--from', 'shop/web'], 'vrsim: --from: no pod named shop/web (pods in shop: api-1, api-2, api-3, batch-report, cart-0, web-1, web-2, web-3)\n'],
    [['--to', 'paymnts/pay-1'], 'vrsim: --to: no namespace "paymnts" (did you mean payments?) (namespaces: payments, kube-system, monitoring, shop)\n'],
    [['--from', 'webb-1'], 'vrsim: --from: "webb-1" is neither a namespace nor a pod (did you mean web-1?); namespaces: kube-system, monitoring, payments, shop; or give <namespace>/<pod>, a label selector (app=web) or a workload (<ns>/<name>[Deployment])\n'],
    [['--from', 'app=(x'], 'vrsim: --from: "app=(x" is not a label selector: unbalanced parentheses in "app=(x"\n'],
    [['--from', 'app in (a,b'], 'vrsim: --from: "app in (a,b" is not a label selector: unbalanced parentheses in "app in (a,b"\n'],
    [['--from', 'ap p=x'], 'vrsim: --from: "ap p=x" is not a label selector: "ap p=x" is not key=value, key!=value, key in (a,b), key notin (a,b), key or !key\n'],
    [['--from', 'node/cent22'], 'vrsim: --from: no node named "cent22" (did you mean cent222?) (nodes: cent222, cent333)\n'],
    [['-n', 'shopp'], 'vrsim: --namespace: no namespace "shopp" (did you mean shop?) (namespaces: shop, kube-system, monitoring, payments)\n'],
  ])('%j', async (flags, message) => {
    const r = await cli('reach', '-f', SHOP, ...flags);
    expect(r.code).toBe(2);
    expect(r.err).toBe(message);
    expect(r.out).toBe('');
  });

  it('a workload the cluster does not have lists the workloads', async () => {
    const r = await cli('reach', '-f', SHOP, '--from', 'shop/web[Deployment]');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^vrsim: --from: no workload shop\/web\[Deployment\] \(workloads: kube-system\/coredns-1\[Pod\], .*\(15 in all\)\)\n$/);
  });
});

describe('trace takes the same filters when they pick one pod', () => {
  it('a bare pod name and a label selector', async () => {
    const r = await cli('trace', '-f', BOOK, '--from', 'client1-dev', '--to', 'app=webserver-dev', '--port', '80');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe('trace dev/client1-dev (10.47.255.232) -> dev/webserver-dev (10.47.255.234) TCP/80');
  });

  it('a filter matching several pods lists them', async () => {
    const r = await cli('trace', '-f', BOOK, '--from', 'dev', '--to', 'dev/webserver-dev', '--port', '80');
    expect(r.code).toBe(2);
    expect(r.err).toBe('vrsim: --from: dev matches 4 pods (dev/client1-dev, dev/client2-dev, dev/dbserver-dev, dev/webserver-dev); name one as <namespace>/<pod>\n');
  });

  it('a pod name that is almost right gets a did-you-mean and the pods of its namespace', async () => {
    const r = await cli('trace', '-f', BOOK, '--from', 'dev/client1', '--to', 'dev/webserver-dev', '--port', '80');
    expect(r.err).toBe('vrsim: --from: no pod named dev/client1 (did you mean dev/client1-dev?) (pods in dev: client1-dev, client2-dev, dbserver-dev, webserver-dev)\n');
  });
});

describe('label selector text as kubectl -l writes it', () => {
  const labels = { app: 'web', tier: 'frontend' };
  it.each([
    ['app=web', true],
    ['app==web', true],
    ['app!=web', false],
    ['app!=db', true],
    ['tier in (frontend, backend)', true],
    ['tier notin (frontend)', false],
    ['app,tier', true],
    ['!canary', true],
    ['!app', false],
    ['canary!=yes', true], // != matches objects without the key, as the API server does
    ['app=web,tier=backend', false],
  ])('%s -> %s', (text, expected) => {
    const parsed = parseSelectorText(text);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(selectorMatches(parsed.selector, labels)).toBe(expected);
  });
});
