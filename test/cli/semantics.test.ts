/**
 * `--semantics contrail` on the simulating commands: under it the dataplane shows Contrail's
 * outcome with the deciding firewall rule (reach, trace, flows) and loading warns once per
 * policy kube-manager translates differently; under the default nothing changes.
 */
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

const F = 'test/fixtures/manifests/contrail-divergences';

describe('--semantics contrail', () => {
  it('flows: the first-match pass installs F where the spec installs D(FwPolicy)', async () => {
    const contrail = await cli('flows', '-f', F, '-t', 'e1/y->e1/x:80', '--semantics', 'contrail');
    const k8s = await cli('flows', '-f', F, '-t', 'e1/y->e1/x:80');
    expect(contrail.out).toContain('Action:F, Flags:, TCP:SSrEEr');
    expect(contrail.out).not.toContain('D(FwPolicy)');
    expect(k8s.out).toContain('Action:D(FwPolicy)');
  });

  it('reach: the verdict and the deciding rule', async () => {
    const r = await cli('reach', '-f', F, '--semantics', 'contrail', '-o', 'json');
    const cells = (JSON.parse(r.out) as { results: { from: string; to: string; allowed: boolean; reason: string }[] }).results;
    const cell = cells.find((c) => c.from === 'e1/y' && c.to === 'e1/x')!;
    expect(cell.allowed).toBe(true);
    expect(cell.reason).toBe('allowed: firewall policy k8s-e1-y-out rule 00000.0 e1-egress-y-out-podSelector-0-0 (pass)');
    const k8s = await cli('reach', '-f', F, '-o', 'json');
    expect((JSON.parse(k8s.out) as { results: { from: string; to: string; allowed: boolean }[] }).results.find((c) => c.from === 'e1/y' && c.to === 'e1/x')!.allowed).toBe(false);
  });

  it('trace: the Contrail decision leads, the spec’s follows', async () => {
    const r = await cli('trace', '-f', F, '--from', 'e3/y', '--to', 'e3/x', '--port', '80', '--semantics', 'contrail');
    expect(r.out).toContain('\nenforcement: flow, semantics: contrail\ncontrail: denied: firewall policy k8s-denyall rule 00004.0 e3-ingress-p-denyall (deny)\nkubernetes would say: allowed:');
    expect(r.out).toContain('agent: denied: firewall policy k8s-denyall');
    const json = JSON.parse((await cli('trace', '-f', F, '--from', 'e3/y', '--to', 'e3/x', '--port', '80', '--semantics', 'contrail', '-o', 'json')).out) as { contrail: { allowed: boolean; rule: string } };
    expect(json.contrail).toMatchObject({ allowed: false, rule: 'e3-ingress-p-denyall' });
  });

  it('loading warns once per policy translated differently, only under contrail', async () => {
    const contrail = await cli('reach', '-f', F, '--semantics', 'contrail');
    const lines = contrail.err.trimEnd().split('\n');
    expect(lines).toHaveLength(10);
    expect(lines).toContain(`${F}/policies.yaml:21: warning: spec: e2/p: kube-manager translates this policy differently: matchExpressions in the target selector are ignored by kube-manager; this policy selects every pod of namespace e2`);
    expect((await cli('reach', '-f', F)).err).toBe('');
  });

  it('rejects an unknown semantics', async () => {
    const r = await cli('reach', '-f', F, '--semantics', 'calico');
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/semantics/);
  });
});
