/**
 * The Contrail firewall view: the book's tables (names, sequences, tags, services), first-match
 * evaluation reproducing the book's results, the documented divergences from the spec, and a
 * property test against `decide()` restricted to the class where the translations agree.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePolicies } from '../../src/policy/compile.js';
import { evaluateContrail } from '../../src/policy/contrail-evaluate.js';
import { buildContrailView } from '../../src/policy/contrail-view.js';
import { decide } from '../../src/policy/evaluate.js';
import { contrailEndpointText, contrailServiceText, contrailViewJson, renderContrailView } from '../../src/report/contrail-view.js';
import { scenarioArb } from './arbitraries.js';
import { book, cluster, conn, hostEp, ipBlock, namespace, pod, podEp, podsPeer, policy, port, rule, sel } from './builders.js';
import { expectGolden } from '../support/golden.js';

const bookView = buildContrailView(book.withPolicies([book.policy1, book.policy2]));

describe('Contrail view of the book policies', () => {
  it('orders the firewall policies like the book', () => {
    expect(bookView.firewallPolicies.map((p) => `${p.sequence} ${p.name}`)).toEqual([
      '00002.0 k8s-Ingress',
      '00038.0 k8s-dev-policy1',
      '00040.0 k8s-dev-policy2',
      '00042.0 k8s-denyall',
      '00043.0 k8s-allowall',
    ]);
  });

  it('names and fills policy1 rules like kube-manager', () => {
    const rules = bookView.firewallPolicies[1]!.rules.map((r) => [r.sequence, r.name, r.action, contrailServiceText(r.service), contrailEndpointText(r.endpoint1), r.direction, contrailEndpointText(r.endpoint2)]);
    expect(rules).toEqual([
      ['00000.0', 'dev-ingress-policy1-0-ipBlock-0-cidr-10.169.25.20/32-0', 'pass', 'tcp:80', 'Address Group: 10.169.25.20/32', '>', 'app=webserver-dev && namespace=dev'],
      ['00001.0', 'dev-ingress-policy1-0-namespaceSelector-1-0', 'pass', 'tcp:80', 'project=jtac', '>', 'app=webserver-dev && namespace=dev'],
      ['00002.0', 'dev-ingress-policy1-0-podSelector-2-0', 'pass', 'tcp:80', 'app=client1-dev && namespace=dev', '>', 'app=webserver-dev && namespace=dev'],
      ['00003.0', 'dev-egress-policy1-podSelector-0-0', 'pass', 'tcp:80', 'app=webserver-dev && namespace=dev', '>', 'app=dbserver-dev && namespace=dev'],
    ]);
  });

  it('builds k8s-denyall per isolated direction and k8s-allowall per namespace', () => {
    const text = (i: number) => bookView.firewallPolicies[i]!.rules.map((r) => `${r.name}: ${r.action} ${contrailEndpointText(r.endpoint1)} > ${contrailEndpointText(r.endpoint2)}`);
    expect(text(3)).toEqual([
      'dev-ingress-policy1-denyall: deny any > app=webserver-dev && namespace=dev',
      'dev-egress-policy1-default-deny-all: deny app=webserver-dev && namespace=dev > any',
      'dev-ingress-policy2-denyall: deny any > app=dbserver-dev && namespace=dev',
    ]);
    expect(text(4)).toEqual([
      'k8s-Namespace-dev-ingress: pass any > namespace=dev',
      'k8s-Namespace-dev-egress: pass namespace=dev > any',
      'k8s-Namespace-jtac-ingress: pass any > namespace=jtac',
      'k8s-Namespace-jtac-egress: pass namespace=jtac > any',
      'k8s-Namespace-qa-ingress: pass any > namespace=qa',
      'k8s-Namespace-qa-egress: pass namespace=qa > any',
    ]);
  });

  it('adds the egress deny-all after policy2-egress-denyall', () => {
    const view = buildContrailView(book.withPolicies([book.policy1, book.policy2EgressDenyAll]));
    expect(view.firewallPolicies[3]!.rules.map((r) => r.name)).toContain('dev-egress-policy2-default-deny-all');
  });

  it('uses the loader’s creation order when present', () => {
    const first = { ...book.policy2, order: 1 };
    const second = { ...book.policy1, order: 2 };
    const view = buildContrailView(book.withPolicies([second, first]));
    expect(view.firewallPolicies.map((p) => p.name).slice(1, 3)).toEqual(['k8s-dev-policy2', 'k8s-dev-policy1']);
  });

  it('renders the book tables (golden) and JSON', () => {
    expectGolden('contrail-book-policy1-policy2.txt', renderContrailView(bookView));
    expect(JSON.parse(contrailViewJson(bookView))).toEqual(bookView);
  });

  it.each([
    ['client2-dev', 'webserver-dev', false, 'k8s-denyall', 'dev-ingress-policy1-denyall'],
    ['client1-dev', 'webserver-dev', true, 'k8s-dev-policy1', 'dev-ingress-policy1-0-podSelector-2-0'],
    ['client-jtac', 'webserver-dev', true, 'k8s-dev-policy1', 'dev-ingress-policy1-0-namespaceSelector-1-0'],
    ['webserver-dev', 'dbserver-dev', true, 'k8s-dev-policy1', 'dev-egress-policy1-podSelector-0-0'],
    ['client1-dev', 'dbserver-dev', false, 'k8s-denyall', 'dev-ingress-policy2-denyall'],
    ['dbserver-dev', 'client1-dev', true, 'k8s-allowall', 'k8s-Namespace-dev-ingress'],
    ['client-qa', 'client1-dev', true, 'k8s-allowall', 'k8s-Namespace-dev-ingress'],
  ])('first match: %s -> %s', (from, to, allowed, fwPolicy, ruleName) => {
    const c = conn(podEp(book.pod(from)), podEp(book.pod(to)));
    const verdict = evaluateContrail(bookView, book.withPolicies([book.policy1, book.policy2]), c);
    expect([verdict.allowed, verdict.match?.policy.name, verdict.match?.rule.name]).toEqual([allowed, fwPolicy, ruleName]);
  });

  it('matches hosts by address group only', () => {
    const cl = book.withPolicies([book.policy1, book.policy2]);
    expect(evaluateContrail(bookView, cl, conn(hostEp(book.host('cent222')), podEp(book.pod('webserver-dev')))).allowed).toBe(true);
    expect(evaluateContrail(bookView, cl, conn(hostEp(book.host('cent333')), podEp(book.pod('webserver-dev')))).match?.rule.name).toBe('dev-ingress-policy1-denyall');
  });
});

describe('documented divergences (docs/contrail-translation.md)', () => {
  const nss = [namespace('a', { team: 'a' }), namespace('b', { team: 'b' })];
  const x = pod('a', 'x', { labels: { app: 'x' }, ip: '10.0.0.1', ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] });
  const y = pod('a', 'y', { labels: { app: 'y' }, ip: '10.0.0.2' });
  const z = pod('b', 'z', { labels: { app: 'z' }, ip: '10.1.0.1' });
  const both = (policies: ReturnType<typeof policy>[], c: ReturnType<typeof conn>) => {
    const cl = cluster({ namespaces: nss, pods: [x, y, z], policies });
    return { k8s: decide(compilePolicies(cl), c).allowed, contrail: evaluateContrail(buildContrailView(cl), cl, c).allowed };
  };

  it('1. first match over one list: an egress pass ends evaluation before the peer’s ingress deny-all', () => {
    const egress = policy('a', 'y-out', { podSelector: sel({ app: 'y' }), policyTypes: ['Egress'], egress: [rule([podsPeer(sel({ app: 'x' }))])] });
    const ingress = policy('a', 'x-in', { podSelector: sel({ app: 'x' }), policyTypes: ['Ingress'] });
    expect(both([egress, ingress], conn(podEp(y), podEp(x)))).toEqual({ k8s: false, contrail: true });
  });

  it('2. matchExpressions on the target are ignored: the policy isolates the whole namespace', () => {
    const p = policy('a', 'p', { podSelector: sel({}, [{ key: 'app', operator: 'In', values: ['x'] }]), policyTypes: ['Ingress'] });
    expect(both([p], conn(podEp(z), podEp(y)))).toEqual({ k8s: true, contrail: false });
  });

  it('3. named ports cannot be translated', () => {
    const p = policy('a', 'p', { podSelector: sel({ app: 'x' }), ingress: [rule([], [port('TCP', 'http')])] });
    expect(both([p], conn(podEp(y), podEp(x), 'TCP', 8080))).toEqual({ k8s: true, contrail: false });
  });

  it('4. an ipBlock except deny ends evaluation even when another policy allows', () => {
    const p1 = policy('a', 'p1', { podSelector: sel({ app: 'x' }), ingress: [rule([ipBlock('10.0.0.0/8', ['10.1.0.0/16'])])] });
    const p2 = policy('a', 'p2', { podSelector: sel({ app: 'x' }), ingress: [rule([podsPeer(undefined, sel({ team: 'b' }))])] });
    expect(both([p1, p2], conn(podEp(z), podEp(x)))).toEqual({ k8s: true, contrail: false });
  });

  it('5. an empty namespaceSelector peer vanishes', () => {
    const p = policy('a', 'p', { podSelector: sel({ app: 'x' }), ingress: [rule([podsPeer(undefined, sel()), ipBlock('192.168.0.0/16')])] });
    expect(both([p], conn(podEp(z), podEp(x)))).toEqual({ k8s: true, contrail: false });
  });

  it('6. namespace labels are pod tags, so a podSelector can match a namespace label', () => {
    const p = policy('a', 'p', { podSelector: sel({ app: 'x' }), ingress: [rule([podsPeer(sel({ team: 'a' }))])] });
    expect(both([p], conn(podEp(y), podEp(x)))).toEqual({ k8s: false, contrail: true });
  });

  it('7. endPort is dropped', () => {
    const p = policy('a', 'p', { podSelector: sel({ app: 'x' }), ingress: [rule([], [port('TCP', 8000, 8100)])] });
    expect(both([p], conn(podEp(y), podEp(x), 'TCP', 8080))).toEqual({ k8s: true, contrail: false });
  });
});

describe('Contrail first-match vs decide(), on the class where they agree', () => {
  it('same verdict when at most one side is isolated (no matchExpressions, named ports, endPort, except, empty namespaceSelector)', () => {
    let compared = 0;
    fc.assert(
      fc.property(scenarioArb({ contrailSafe: true }), ({ cluster: cl, connections }) => {
        const compiled = compilePolicies(cl);
        const view = buildContrailView(cl);
        for (const c of connections) {
          const decision = decide(compiled, c);
          if (decision.selfTraffic) continue;
          const isolated = (k: string) => k === 'allowed' || k === 'denied';
          if (isolated(decision.egress.kind) && isolated(decision.ingress.kind)) continue;
          compared++;
          expect(evaluateContrail(view, cl, c).allowed).toBe(decision.allowed);
        }
      }),
      { numRuns: 800 },
    );
    expect(compared).toBeGreaterThan(2000);
  });
});
