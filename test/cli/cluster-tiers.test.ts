/**
 * The tiers everywhere the verdict shows, on the guardrail story's cluster
 * (scenarios/cluster-network-policy/): explain lists every pod's tiers in order (golden),
 * trace and reach carry the tier chain per direction, flows says which tier dropped, and under
 * semantics contrail one warning per file says kube-manager never translated these objects.
 */
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { expectGolden } from '../support/golden.js';

const D = 'scenarios/cluster-network-policy';
const F = ['-f', `${D}/cluster.yaml`, '-f', `${D}/dev-policies.yaml`, '-f', `${D}/protect-db.yaml`, '-f', `${D}/pass-monitoring.yaml`, '-f', `${D}/default-deny.yaml`];

describe('ClusterNetworkPolicy tiers in the views', () => {
  it('explain: the cluster policies in evaluation order and every pod\'s tiers (golden)', async () => {
    const r = await cli('explain', ...F);
    expect(r.code).toBe(0);
    expectGolden('cli-explain-tiers.txt', r.out);
  });

  it('explain -o json carries the tier view', async () => {
    const view = JSON.parse((await cli('explain', ...F, '-o', 'json')).out) as { tiers: { policies: { policy: string }[] } };
    expect(view.tiers.policies.map((p) => p.policy)).toEqual(['cnp/protect-db', 'cnp/pass-monitoring', 'cnp/default-deny']);
  });

  it('trace: an Admin Pass handed on to the NetworkPolicy, with the rules behind each step (golden)', async () => {
    const r = await cli('trace', ...F, '--from', 'monitoring/prometheus', '--to', 'dev/db', '--port', '80');
    expect(r.code).toBe(0);
    expectGolden('cli-trace-tiers-pass-denied.txt', r.out);
  });

  it.each([
    ['staging/client', 'dev/db', 'denied: egress staging/client: [Default] Allowed (no tier decides); ingress dev/db: [Admin] Deny (cnp/protect-db ingress rule "deny-staging")'],
    ['monitoring/prometheus', 'dev/web', 'allowed: egress monitoring/prometheus: [Default] Allowed (no tier decides); ingress dev/web: [Admin] Pass (cnp/pass-monitoring ingress rule "pass-mon") -> [NetworkPolicy] Allowed (dev/allow-web ingress rule 0)'],
    ['monitoring/prometheus', 'staging/client', 'denied: egress monitoring/prometheus: [Default] Allowed (no tier decides); ingress staging/client: [Admin] Pass (cnp/pass-monitoring ingress rule "pass-mon") -> [Baseline] Deny (cnp/default-deny ingress rule "deny-all")'],
  ])('reach -o json: %s -> %s has its tier chain as the reason', async (from, to, reason) => {
    const { results } = JSON.parse((await cli('reach', ...F, '-o', 'json')).out) as { results: { from: string; to: string; reason: string }[] };
    expect(results.find((c) => c.from === from && c.to === to)?.reason).toBe(reason);
  });

  it('flows: the connection line says which tier dropped it; the client\'s node holds D(FwPolicy)', async () => {
    const r = await cli('flows', ...F, '-t', 'staging/client->dev/db:80', '--node', 'cent222', '--match', '10.47.255.251:80');
    expect(r.err).toContain('# staging/client -> dev/db TCP/80: timeout (exit 28); policy denied: egress staging/client: [Default] Allowed (no tier decides); ingress dev/db: [Admin] Deny (cnp/protect-db ingress rule "deny-staging")');
    expect(r.out).toContain('Action:D(FwPolicy)');
  });

  it('semantics contrail: one warning per file, the cluster policies are left out of the decision', async () => {
    const r = await cli('reach', ...F, '--semantics', 'contrail', '-o', 'json');
    expect(r.err.split('\n').filter((l) => l.includes('kube-manager never translated'))).toEqual([
      `${D}/default-deny.yaml:4: warning: kube-manager never translated cluster network policies into Contrail firewall policies: cnp/default-deny is left out of the Contrail decision (semantics: contrail); run with semantics kubernetes to see the tiers`,
      `${D}/pass-monitoring.yaml:3: warning: kube-manager never translated cluster network policies into Contrail firewall policies: cnp/pass-monitoring is left out of the Contrail decision (semantics: contrail); run with semantics kubernetes to see the tiers`,
      `${D}/protect-db.yaml:3: warning: kube-manager never translated cluster network policies into Contrail firewall policies: cnp/protect-db is left out of the Contrail decision (semantics: contrail); run with semantics kubernetes to see the tiers`,
    ]);
    const { results } = JSON.parse(r.out) as { results: { from: string; to: string; allowed: boolean }[] };
    // dev's own allow-db admits staging; without the Admin Deny the Contrail decision lets it in.
    expect(results.find((c) => c.from === 'staging/client' && c.to === 'dev/db')?.allowed).toBe(true);
  });
});
