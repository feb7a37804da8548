/**
 * kube-manager's translation checked against tf-controller's vnc_security_policy.py where the
 * view used to stray (rule numbering of k8s-denyall/k8s-allowall, deny-all order), the agent's
 * port match for protocols other than TCP/UDP, the Contrail adapter behind the dataplane's
 * FlowPolicy, and the per-policy load warnings under `semantics: contrail`.
 */
import { describe, expect, it } from 'vitest';
import { ipAddr } from '../../src/packet/address.js';
import { loadCluster } from '../../src/model/load.js';
import { evaluateContrail } from '../../src/policy/contrail-evaluate.js';
import { buildContrailView } from '../../src/policy/contrail-view.js';
import { contrailWarnings } from '../../src/policy/contrail-warnings.js';
import { contrailServiceText } from '../../src/report/contrail-view.js';
import { ContrailFlowPolicy } from '../../src/sim/cluster/contrail-policy-adapter.js';
import { book, cluster, conn, namespace, pod, podEp, podsPeer, policy, port, rule, sel } from './builders.js';

describe('translation details from vnc_security_policy.py', () => {
  it('numbers k8s-denyall and k8s-allowall rules from 00001.0 (add_firewall_rule), NP rules from 00000.0', () => {
    const view = buildContrailView(book.withPolicies([book.policy1, book.policy2]));
    const byName = new Map(view.firewallPolicies.map((p) => [p.name, p.rules.map((r) => r.sequence)]));
    expect(byName.get('k8s-dev-policy1')).toEqual(['00000.0', '00001.0', '00002.0', '00003.0']);
    expect(byName.get('k8s-denyall')).toEqual(['00001.0', '00002.0', '00003.0']);
    expect(byName.get('k8s-allowall')![0]).toBe('00001.0');
  });

  it('appends the ingress deny-all before the egress one whatever the policyTypes order (create_firewall_policy)', () => {
    const p = policy('a', 'p', { podSelector: sel({ app: 'x' }), policyTypes: ['Egress', 'Ingress'] });
    const view = buildContrailView(cluster({ namespaces: [namespace('a')], pods: [], policies: [p] }));
    expect(view.firewallPolicies.find((f) => f.role === 'denyall')!.rules.map((r) => r.name)).toEqual(['a-ingress-p-denyall', 'a-egress-p-default-deny-all']);
  });

  it('a port without protocol is TCP: the API server defaults it before kube-manager reads it', () => {
    const yaml = [
      'apiVersion: v1', 'kind: Namespace', 'metadata: {name: a}', '---',
      'apiVersion: networking.k8s.io/v1', 'kind: NetworkPolicy', 'metadata: {name: p, namespace: a}',
      'spec:', '  podSelector: {}', '  ingress:', '  - ports:', '    - port: 53',
    ].join('\n');
    const { cluster: cl } = loadCluster([{ file: 'p.yaml', text: yaml }]);
    const rules = buildContrailView(cl).firewallPolicies.find((f) => f.role === 'network-policy')!.rules;
    expect(rules.map((r) => contrailServiceText(r.service))).toEqual(['tcp:53']);
  });

  it('matches SCTP with port 0, as FlowEntry::SetPacketHeader does: an SCTP port rule never matches', () => {
    const x = pod('a', 'x', { ip: '10.0.0.1' });
    const y = pod('a', 'y', { ip: '10.0.0.2' });
    const cl = cluster({ namespaces: [namespace('a')], pods: [x, y], policies: [policy('a', 'p', { podSelector: sel({ app: 'x' }), ingress: [rule([], [port('SCTP', 80)])] })] });
    const view = buildContrailView(cl);
    expect(evaluateContrail(view, cl, conn(podEp(y), podEp(x), 'SCTP', 80)).match?.rule.name).toBe('a-ingress-p-denyall');
    const any = cluster({ namespaces: [namespace('a')], pods: [x, y], policies: [policy('a', 'p', { podSelector: sel({ app: 'x' }), ingress: [rule([], [port('SCTP')])] })] });
    expect(evaluateContrail(buildContrailView(any), any, conn(podEp(y), podEp(x), 'SCTP', 80)).allowed).toBe(true);
  });
});

describe('ContrailFlowPolicy (the dataplane adapter)', () => {
  const cl = book.withPolicies([book.policy1, book.policy2]);
  const adapter = new ContrailFlowPolicy(cl);
  const ip = (name: string) => ipAddr(book.pod(name).ips[0]!);

  it.each([
    ['client1-dev', 'webserver-dev', true, 'dev-ingress-policy1-0-podSelector-2-0'],
    ['client2-dev', 'webserver-dev', false, 'dev-ingress-policy1-denyall'],
    ['dbserver-dev', 'client1-dev', true, 'k8s-Namespace-dev-ingress'],
  ])('%s -> %s:80 as evaluateContrail decides', (from, to, allowed, ruleName) => {
    expect(adapter.allows(ip(from), ip(to), 6, 80)).toBe(allowed);
    expect(adapter.matchOf(ip(from), ip(to), 6, 80)?.rule.name).toBe(ruleName);
    expect(evaluateContrail(adapter.view, cl, conn(podEp(book.pod(from)), podEp(book.pod(to)))).allowed).toBe(allowed);
    expect(adapter.explain(ip(from), ip(to), 6, 80).reason).toContain(ruleName);
  });

  it('a pod always reaches itself (the packet never leaves the pod), even when isolated', () => {
    expect(adapter.allows(ip('webserver-dev'), ip('webserver-dev'), 6, 80)).toBe(true);
  });

  it('traffic with no pod on either side is outside the APS', () => {
    expect(adapter.allows(ipAddr('10.169.25.20'), ipAddr('10.169.25.21'), 6, 22)).toBe(true);
  });
});

describe('load warnings under semantics: contrail', () => {
  it('one warning per policy kube-manager translates differently, saying what it does instead', () => {
    const p = policy('a', 'p', { podSelector: sel({}, [{ key: 'app', operator: 'In', values: ['x'] }]), ingress: [rule([podsPeer(undefined, sel())], [port('TCP', 8000, 8100)])] });
    const q = policy('a', 'q', { podSelector: sel({ app: 'x' }), ingress: [rule([], [port('TCP', 80)])] });
    const warnings = contrailWarnings(cluster({ namespaces: [namespace('a')], pods: [], policies: [p, q] }));
    expect(warnings).toHaveLength(1);
    const message = warnings[0]!.message;
    expect(message).toMatch(/^a\/p: kube-manager translates this policy differently: /);
    expect(message).toContain('matchExpressions in the target selector are ignored by kube-manager; this policy selects every pod of namespace a');
    expect(message).toContain('endPort 8100 is dropped');
    expect(message).toContain('empty namespaceSelector');
    expect(warnings[0]!.severity).toBe('warning');
  });

  it('the book policies translate faithfully: no warning', () => {
    expect(contrailWarnings(book.withPolicies([book.policy1, book.policy2, book.policy2EgressDenyAll]))).toEqual([]);
  });
});
