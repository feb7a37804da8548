/**
 * The pod's resolver as glibc drives it with the kubelet's resolv.conf (ndots:5, the three
 * search domains): the candidate order, the timing of a dropped query (5 s per try, 2 tries),
 * and curl's words for each failure.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { candidateNames } from '../../src/sim/apps/dns-resolver.js';
import { clusterFromYaml, ref, sim, withYaml } from '../support/lab.js';

const conf = { search: ['shop.svc.cluster.local', 'svc.cluster.local', 'cluster.local'], ndots: 5 };
const manifests = 'scenarios/services-dns/manifests';
const cluster = clusterFromYaml(readFileSync(`${manifests}/cluster.yaml`, 'utf8'));

describe('search list and ndots', () => {
  it.each([
    ['web', ['web.shop.svc.cluster.local', 'web.svc.cluster.local', 'web.cluster.local', 'web']],
    ['web.shop', ['web.shop.shop.svc.cluster.local', 'web.shop.svc.cluster.local', 'web.shop.cluster.local', 'web.shop']],
    ['a.b.c.d.e.f', ['a.b.c.d.e.f', 'a.b.c.d.e.f.shop.svc.cluster.local', 'a.b.c.d.e.f.svc.cluster.local', 'a.b.c.d.e.f.cluster.local']],
    ['web.shop.svc.cluster.local.', ['web.shop.svc.cluster.local']],
  ])('%s is tried as %j', (name, expected) => {
    expect(candidateNames(name, conf)).toEqual(expected);
  });
});

describe('curl by name from a pod', () => {
  it('resolves <svc>, <svc>.<ns> and the full name through kube-dns, over the dataplane', () => {
    const s = sim(cluster);
    for (const host of ['web', 'web.shop', 'web.shop.svc.cluster.local']) {
      expect(s.curl(ref('shop/client'), `http://${host}`, { maxTimeSeconds: 5 }).outcome).toBe('success');
    }
    const dns = s.flowTable('cent222');
    expect(dns.activeIndexes().length).toBeGreaterThan(0);
  });

  it('a name that does not exist: exit 6 at once, Name or service not known', () => {
    const r = sim(cluster).curl(ref('shop/client'), 'http://nothere', { maxTimeSeconds: 30 });
    expect([r.exitCode, r.stderr, r.elapsedMs < 100]).toEqual([6, 'curl: (6) Could not resolve host: nothere; Name or service not known\n', true]);
  });

  it('DNS blocked by egress: exit 6 after 10 s (2 tries of 5 s), or 28 when -m expires first', () => {
    const trapped = withYaml(cluster, readFileSync(`${manifests}/egress-web-only.yaml`, 'utf8'));
    const slow = sim(trapped).curl(ref('shop/client'), 'http://web', { maxTimeSeconds: 30 });
    expect([slow.exitCode, slow.elapsedMs, slow.stderr]).toEqual([6, 10000, 'curl: (6) Could not resolve host: web; Unknown error\n']);
    const quick = sim(trapped).curl(ref('shop/client'), 'http://web', { maxTimeSeconds: 5 });
    expect([quick.exitCode, quick.stderr]).toEqual([28, 'curl: (28) Resolving timed out after 5000 milliseconds\n']);
  });

  it('a node host has no cluster resolver: exit 6 at once', () => {
    const r = sim(cluster).curl(ref('node/cent222'), 'http://web.shop.svc.cluster.local', { maxTimeSeconds: 5 });
    expect(r.exitCode).toBe(6);
  });
});
