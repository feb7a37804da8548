/**
 * Services through the simulated vRouters, as Contrail carries a ClusterIP: ECMP from the
 * client's node, NAT on the backend's node (`N(DPd)` forward, `N(SPs)` reverse, `E:n` on the
 * client's ECMP entry), the policy decided on the backend pod and its target port, named
 * targetPorts resolved per backend, a deterministic spread over the backends, and what a
 * Service address without backend (or a port it does not declare) gets.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatFlowList } from '../../src/report/flow-dump.js';
import { ACTION_DROP, DROP_NO_DST_ROUTE, DROP_PORT_MAP_DROP } from '../../src/dataplane/flow-codes.js';
import type { FlowTable } from '../../src/dataplane/flow-table.js';
import { expectGolden } from '../support/golden.js';
import { clusterFromYaml, ref, sim, withYaml } from '../support/lab.js';

const SHOP = readFileSync('test/fixtures/services/shop.yaml', 'utf8');
const shop = clusterFromYaml(SHOP, 'shop.yaml');

const hostname = (stdout: string): string => /Hostname = ([^<]+)/.exec(stdout)?.[1] ?? '-';

function dropReasons(table: FlowTable): number[] {
  const out: number[] = [];
  for (const i of table.activeIndexes()) if (table.action(i) === ACTION_DROP) out.push(table.dropReason(i));
  return out;
}

const allowWebOn = (port: number): string => `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-ingress, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress:
  - from: [{podSelector: {matchLabels: {app: client}}}]
    ports: [{protocol: TCP, port: ${port}}]
`;

describe('a ClusterIP in the flow tables', () => {
  it('dumps the NAT pair on the backend node and the ECMP pair on the client node as flow -l prints them', () => {
    const s = sim(shop);
    // Seed 1: the first connection from client-a goes to web-b (cent333), the third to web-a (local).
    for (let i = 0; i < 3; i++) expect(s.curl(ref('shop/client-a'), 'http://10.96.0.50', { maxTimeSeconds: 5 }).outcome).toBe('success');
    const dump = ['cent222', 'cent333'].map((n) => `[${n}]\n${formatFlowList(s.flowTable(n), { showEvicted: true })}`).join('\n');
    expectGolden('flow-service-nat.txt', dump);
    expect(dump).toContain('Action:N(DPd)');
    expect(dump).toContain('Action:N(SPs)');
    // The closed ECMP pairs are evicted and reset as __vr_flow_reset_entry does (no E:n, no Ec left).
    expect(dump).toMatch(/Action:D\(Unknown\), Flags:E, TCP:, QOS:-1, S\(nh\):0, /);
    expect(dump).not.toContain('Flags:EEc');
  });

  it('serves the page from the backend pod, whose address the client never sees', () => {
    const r = sim(shop).curl(ref('shop/client-b'), 'http://10.96.0.50', { maxTimeSeconds: 5 });
    expect(r.outcome).toBe('success');
    expect(['web-a', 'web-b']).toContain(hostname(r.stdout));
  });
});

describe('the policy decision is made on the backend pod and the target port', () => {
  it('a policy allowing TCP 8080 on the pods allows the Service port 80 (targetPort 8080)', () => {
    const r = sim(withYaml(shop, allowWebOn(8080))).curl(ref('shop/client-a'), 'http://10.96.0.50', { maxTimeSeconds: 5 });
    expect(r.outcome).toBe('success');
  });

  it('a policy allowing only TCP 80 on the pods blocks the Service port 80 -> 8080', () => {
    const s = sim(withYaml(shop, allowWebOn(80)));
    const r = s.curl(ref('shop/client-a'), 'http://10.96.0.50', { maxTimeSeconds: 5 });
    expect(r.stderr).toBe('curl: (28) Connection timed out after 5000 milliseconds\n');
    expect(formatFlowList(s.flowTable('cent222'))).toContain('Action:D(FwPolicy)');
  });

  it('re-evaluates a Service flow on its backend after a policy change (the pair is cut, NAT kept)', () => {
    const s = sim(shop);
    const before = s.curl(ref('shop/client-a'), 'http://10.96.0.50', { maxTimeSeconds: 5 });
    expect(before.outcome).toBe('success');
    s.updateCluster(withYaml(shop, allowWebOn(80)));
    expect(s.curl(ref('shop/client-a'), 'http://10.96.0.50', { maxTimeSeconds: 5 }).outcome).toBe('timeout');
    s.updateCluster(withYaml(shop, allowWebOn(8080)));
    expect(s.curl(ref('shop/client-a'), 'http://10.96.0.50', { maxTimeSeconds: 5 }).outcome).toBe('success');
  });
});

describe('named targetPort resolved per backend', () => {
  it('translates to each backend pod\'s own port of that name', () => {
    const mixed = clusterFromYaml(SHOP.replace('name: http, containerPort: 8080}]}]}\nstatus: {podIP: 10.47.255.201}', 'name: http, containerPort: 9090}]}]}\nstatus: {podIP: 10.47.255.201}'));
    const s = sim(mixed);
    const seen = new Set<string>();
    for (let i = 0; i < 8; i++) seen.add(hostname(s.curl(ref('shop/client-b'), 'http://10.96.0.50', { maxTimeSeconds: 5 }).stdout));
    expect([...seen].sort()).toEqual(['web-a', 'web-b']);
    const dump = formatFlowList(s.flowTable('cent333'), { showEvicted: true });
    expect(dump).toContain('10.47.255.201:9090');
    expect(formatFlowList(s.flowTable('cent222'), { showEvicted: true })).toContain('10.47.255.200:8080');
  });
});

describe('ECMP over the backends', () => {
  const backends = (seed: number): string[] => {
    const s = sim(shop, { seed });
    return Array.from({ length: 24 }, () => hostname(s.curl(ref('shop/client-a'), 'http://10.96.0.50', { maxTimeSeconds: 5 }).stdout));
  };

  it('is deterministic for a seed and spreads the connections over every backend', () => {
    const first = backends(1);
    expect(backends(1)).toEqual(first);
    const a = first.filter((h) => h === 'web-a').length;
    expect(a).toBeGreaterThan(4);
    expect(24 - a).toBeGreaterThan(4);
  });

  it('depends on the seed', () => {
    expect(backends(2)).not.toEqual(backends(1));
  });
});

describe('no way to a backend', () => {
  it('a Service without ready backends has no route: both entries D(NoDstRt), curl times out', () => {
    const s = sim(shop);
    const r = s.curl(ref('shop/client-a'), 'http://10.96.0.51', { maxTimeSeconds: 5 });
    expect(r.stderr).toBe('curl: (28) Connection timed out after 5000 milliseconds\n');
    expect(dropReasons(s.flowTable('cent222'))).toEqual([DROP_NO_DST_ROUTE, DROP_NO_DST_ROUTE]);
  });

  it('a port the Service does not declare is not in the floating IP\'s port map: D(NoFipPortMap)', () => {
    const s = sim(shop);
    expect(s.curl(ref('shop/client-a'), 'http://10.96.0.50:8080', { maxTimeSeconds: 5 }).outcome).toBe('timeout');
    expect(dropReasons(s.flowTable('cent222'))).toEqual([DROP_PORT_MAP_DROP, DROP_PORT_MAP_DROP]);
    expect(formatFlowList(s.flowTable('cent222'))).toContain('Action:D(NoFipPortMap)');
  });
});
