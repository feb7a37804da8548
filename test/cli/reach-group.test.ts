/**
 * Workload-level reach: a workload cell is allowed only when every pod pair is, `~` partial
 * when they disagree, blocked when none is; rows stream once all their pods' rows are final.
 * Workloads here are the shop's `app` labels (the CLI's `--group workload` uses each pod's
 * controller), so that three replicas really share a row.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCluster } from '../../src/model/load.js';
import { WorkloadReachView, WorkloadRows } from '../../src/report/reach-group.js';
import { ReachTableWriter } from '../../src/report/reach-table.js';
import { ReachJsonWriter } from '../../src/report/writers/reach-json.js';
import { planReach } from '../../src/sim/cluster/reach-plan.js';
import { probeReach, reachResultFor, reachSettings } from '../../src/sim/cluster/reach.js';
import { DEFAULT_SETTINGS } from '../../src/sim/cluster/types.js';
import { ClusterWiring } from '../../src/sim/cluster/wiring.js';
import { cli } from '../support/cli.js';
import { expectGolden } from '../support/golden.js';

const SHOP = 'test/fixtures/reach/shop.yaml';

function shopByApp() {
  const { cluster } = loadCluster([{ file: SHOP, text: readFileSync(SHOP, 'utf8') }]);
  const wiring = new ClusterWiring(cluster, reachSettings(DEFAULT_SETTINGS));
  const refs = wiring.endpointRefs(false);
  const key = (r: (typeof refs)[number]) => {
    const pod = wiring.podOf(r)!;
    return `${pod.namespace}/${pod.labels['app'] ?? pod.labels['k8s-app']}[App]`;
  };
  const result = reachResultFor(wiring, planReach(wiring, { sources: refs, destinations: refs, ports: 'declared' }));
  const view = new WorkloadReachView(result, refs.map(key), refs.map(key));
  return { wiring, result, view };
}

describe('reach grouped by workload', () => {
  it('allowed only if every pod pair is; partial when mixed; blocked when none', () => {
    const { wiring, result, view } = shopByApp();
    for (const _ of probeReach(wiring, result)) {
      // run
    }
    const g = (label: string) => view.groups.findIndex((x) => `${x.protocol}/${x.portLabel}` === label);
    const w = (label: string) => view.sources.indexOf(label);
    const c = (label: string) => view.destinations.indexOf(label);
    expect(view.state(g('TCP/9090'), w('shop/web[App]'), c('shop/api[App]'))).toBe('allowed');
    // api replicas: each reaches itself (same pod) but not its siblings
    expect(view.state(g('TCP/9090'), w('shop/api[App]'), c('shop/api[App]'))).toBe('partial');
    const partial = view.cell(g('TCP/9090'), w('shop/api[App]'), c('shop/api[App]'));
    expect(partial).toMatchObject({ allowed: false, served: true });
    expect(partial.reason).toMatch(/^3 of 9 pod pairs allowed; not shop\/api-1 -> shop\/api-2: denied: /);
    expect(view.state(g('TCP/6379'), w('shop/web[App]'), c('shop/cart[App]'))).toBe('blocked');
    expect(view.cell(g('TCP/6379'), w('shop/web[App]'), c('shop/cart[App]')).reason).toMatch(/^0 of 3 pod pairs allowed/);
  });

  it('prints the workload table with the partial mark in its legend (golden)', () => {
    const { wiring, result, view } = shopByApp();
    const out: string[] = [];
    const writer = new WorkloadRows(view, new ReachTableWriter(view, (t) => void out.push(t), { layout: 'full', legend: true }));
    writer.start();
    let group = 0;
    let row = 0;
    for (const step of probeReach(wiring, result)) {
      while (group < Math.min(step.group, view.groups.length)) {
        writer.rows(group, row, result.sources.length);
        group++;
        row = 0;
      }
      if (group < view.groups.length && step.rows > row) {
        writer.rows(group, row, step.rows);
        row = step.rows;
      }
    }
    writer.finish();
    const text = out.join('');
    expect(text).toContain('~  partial');
    expectGolden('reach-shop-by-app.txt', text);
  });

  it('hands on a workload row only when its last pod row is final', () => {
    const { view } = shopByApp();
    const rows: [number, number, number][] = [];
    const writer = new WorkloadRows(view, { start: () => undefined, rows: (g, f, t) => void rows.push([g, f, t]), finish: () => undefined });
    // pods: coredns-1,2 | grafana | prometheus | ledger | pay-1,2 | api-1,2,3 | batch | cart | web-1,2,3
    writer.rows(0, 0, 1); // coredns-1 only: the kube-dns row is not final yet
    writer.rows(0, 1, 2);
    writer.rows(0, 2, 9);
    expect(rows).toEqual([[0, 0, 1], [0, 1, 5]]);
    expect(view.sources.slice(0, 5)).toEqual(['kube-system/kube-dns[App]', 'monitoring/grafana[App]', 'monitoring/prometheus[App]', 'payments/ledger[App]', 'payments/pay[App]']);
  });

  it('JSON of a workload view has one object per workload pair', () => {
    const { wiring, result, view } = shopByApp();
    for (const _ of probeReach(wiring, result)) {
      // run
    }
    const out: string[] = [];
    const writer = new ReachJsonWriter(view, (t) => void out.push(t));
    writer.start();
    for (let g = 0; g < view.groups.length; g++) writer.rows(g, 0, view.sources.length);
    writer.finish();
    const results = (JSON.parse(out.join('')) as { results: { from: string; to: string; verdict: string }[] }).results;
    expect(results.find((r) => r.from === 'shop/api[App]' && r.to === 'shop/api[App]' && r.verdict === 'partial')).toBeDefined();
    expect(new Set(results.map((r) => r.from)).size).toBe(9);
  });

  it('--group workload on the CLI names bare pods ns/pod[Pod]', async () => {
    const r = await cli('reach', '-f', SHOP, '--group', 'workload', '-o', 'csv', '--to', 'shop/cart-0');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[1]).toMatch(/^kube-system\/coredns-1\[Pod\],shop\/cart-0\[Pod\],TCP,6379,,blocked,"0 of 1 pod pair allowed; not kube-system\/coredns-1 -> shop\/cart-0: denied: /);
  });
});



describe('--group workload on a real dump (controllers expanded by the model)', () => {
  const DUMP = 'test/fixtures/real-cluster/cluster.yaml';

  it('names Deployments, StatefulSets, DaemonSets and Jobs, and marks partial cells (golden)', async () => {
    const r = await cli('reach', '-f', DUMP, '--group', 'workload');
    expect(r.code).toBe(0);
    expect(r.out).toContain('shop/frontend[Deployment]');
    expect(r.out).toContain('payments/postgres[StatefulSet]');
    expect(r.out).toContain('~  partial');
    expectGolden('cli-reach-real-cluster-workloads.txt', r.out);
  });

  it('a workload filter picks every pod of the Deployment', async () => {
    const r = await cli('reach', '-f', DUMP, '--from', 'shop/frontend[Deployment]', '--to', 'shop/cart[Deployment]', '-o', 'csv');
    const rows = r.out.trim().split('\n').slice(1).map((l) => l.split(',').slice(0, 2).join(' -> '));
    expect(new Set(rows).size).toBe(6); // 3 frontend pods x 2 cart pods (on each of cart's ports)
    expect(rows.every((x) => /^shop\/frontend-[a-z0-9]+-[a-z0-9]+ -> shop\/cart-[a-z0-9]+-[a-z0-9]+$/.test(x))).toBe(true);
  });
});
