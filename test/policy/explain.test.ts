/**
 * The explain view and the Decision renderers on the book's lab.
 */
import { describe, expect, it } from 'vitest';
import { compilePolicies } from '../../src/policy/compile.js';
import { decide } from '../../src/policy/evaluate.js';
import { buildWhitelistView } from '../../src/policy/whitelist.js';
import { decisionDetails, decisionReason } from '../../src/policy/decision-text.js';
import { renderWhitelistView, whitelistViewJson } from '../../src/report/policy-explain.js';
import { book, cluster, conn, hostEp, ipBlock, namespace, pod, podEp, podsPeer, policy, port, rule, sel } from './builders.js';
import { expectGolden } from '../support/golden.js';

describe('explain (whitelist view)', () => {
  it('book policy1 + policy2 (golden)', () => {
    const view = buildWhitelistView(compilePolicies(book.withPolicies([book.policy1, book.policy2])));
    expectGolden('explain-book-policy1-policy2.txt', renderWhitelistView(view));
  });

  it('book policy1 + policy2-egress-denyall (golden)', () => {
    const view = buildWhitelistView(compilePolicies(book.withPolicies([book.policy1, book.policy2EgressDenyAll])));
    expectGolden('explain-book-policy2-egress-denyall.txt', renderWhitelistView(view));
  });

  it('is JSON-serialisable and round-trips', () => {
    const view = buildWhitelistView(compilePolicies(book.withPolicies([book.policy1])));
    expect(JSON.parse(whitelistViewJson(view))).toEqual(view);
  });

  it('lists selected pods, peers, ports and rules in readable form', () => {
    const view = buildWhitelistView(compilePolicies(book.withPolicies([book.policy1])));
    expect(view.policies).toEqual([
      { policy: 'dev/policy1', namespace: 'dev', name: 'policy1', podSelector: 'app=webserver-dev', policyTypes: ['Ingress', 'Egress'], selects: ['dev/webserver-dev'] },
    ]);
    const web = view.pods.find((p) => p.pod === 'dev/webserver-dev')!;
    expect(web.ingress.kind === 'isolated' && web.ingress.entries.map((e) => e.text)).toEqual([
      'from ipBlock 10.169.25.20/32 on TCP/80',
      'from namespaces {project=jtac}: jtac/client-jtac on TCP/80',
      'from pods dev/client1-dev (podSelector app=client1-dev) on TCP/80',
    ]);
    expect(view.pods.find((p) => p.pod === 'dev/client1-dev')!.ingress).toEqual({ kind: 'implicit-allow-all' });
  });

  it('resolves named ports of ingress rules on the pod itself and explains except/empty rules', () => {
    const nss = [namespace('a')];
    const pods = [pod('a', 'web', { ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] })];
    const policies = [
      policy('a', 'p', {
        podSelector: sel(),
        policyTypes: ['Ingress', 'Egress'],
        ingress: [rule([ipBlock('10.0.0.0/8', ['10.1.0.0/16'])], [port('TCP', 'http'), port('TCP', 'grpc'), port('UDP', 1000, 2000)]), rule()],
        egress: [rule([podsPeer(sel(), sel({ team: 'x' }))], [port('TCP', 'http')])],
      }),
    ];
    const view = buildWhitelistView(compilePolicies(cluster({ namespaces: nss, pods, policies })));
    const web = view.pods[0]!;
    expect(web.ingress.kind === 'isolated' && web.ingress.entries.map((e) => e.text)).toEqual([
      'from ipBlock 10.0.0.0/8 except 10.1.0.0/16 on TCP/http (=8080), TCP/grpc (not a port of this pod: matches nothing), UDP/1000-2000',
      'from any peer on any port and protocol',
    ]);
    expect(web.egress.kind === 'isolated' && web.egress.entries.map((e) => e.text)).toEqual([
      'to namespaces {team=x} and pods {<all>}: (no pods match) on TCP/http (named port of each destination)',
    ]);
  });
});

describe('decision text', () => {
  const compiled = compilePolicies(book.withPolicies([book.policy1, book.policy2EgressDenyAll]));
  const web = podEp(book.pod('webserver-dev'));
  const db = podEp(book.pod('dbserver-dev'));
  const client1 = podEp(book.pod('client1-dev'));

  it.each([
    [conn(web, db), 'egress dev/webserver-dev: explicit policy dev/policy1 egress rule 0; ingress dev/dbserver-dev: explicit policy dev/policy2 ingress rule 0'],
    [conn(db, client1), 'egress dev/dbserver-dev: implicit deny-all (isolated by dev/policy2); ingress dev/client1-dev: implicit allow-all'],
    [conn(hostEp(book.host('cent222')), web), 'egress host cent222: not a pod, not restricted by NetworkPolicy; ingress dev/webserver-dev: explicit policy dev/policy1 ingress rule 0'],
    [conn(web, web), 'same pod: always allowed (egress dev/webserver-dev: implicit deny-all (isolated by dev/policy1); ingress dev/webserver-dev: implicit deny-all (isolated by dev/policy1))'],
  ])('decisionReason %#', (c, expected) => {
    expect(decisionReason(decide(compiled, c), c)).toBe(expected);
  });

  it('decisionReason without the connection leaves out the names', () => {
    expect(decisionReason(decide(compiled, conn(client1, web)))).toBe('egress: implicit allow-all; ingress: explicit policy dev/policy1 ingress rule 0');
  });

  it('decisionDetails names the matching peer and port', () => {
    const c = conn(podEp(book.pod('client-jtac')), web);
    expect(decisionDetails(decide(compiled, c), c, book.withPolicies([book.policy1, book.policy2EgressDenyAll]))).toEqual([
      'ALLOWED  TCP jtac/client-jtac (10.47.255.229) -> dev/webserver-dev (10.47.255.234):80',
      '  egress of jtac/client-jtac: implicit allow-all (no policy selects it in this direction)',
      '  ingress of dev/webserver-dev: explicit policy — isolated by dev/policy1, allowed by',
      '    dev/policy1 ingress rule 0: from[1] namespaceSelector project=jtac; ports[0] TCP/80',
    ]);
    const denied = conn(db, client1);
    expect(decisionDetails(decide(compiled, denied), denied, book.withPolicies([book.policy1, book.policy2EgressDenyAll]))).toEqual([
      'DENIED  TCP dev/dbserver-dev (10.47.255.233) -> dev/client1-dev (10.47.255.232):80',
      '  egress of dev/dbserver-dev: implicit deny-all — isolated by dev/policy2, no rule matches',
      '  ingress of dev/client1-dev: implicit allow-all (no policy selects it in this direction)',
    ]);
  });
});
