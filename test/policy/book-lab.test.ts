/**
 * The book's chapter 8 lab (reference §6 "Results"): every curl outcome after policy1,
 * policy2 and policy2-egress-denyall.
 */
import { describe, expect, it } from 'vitest';
import type { Endpoint } from '../../src/model/types.js';
import { compilePolicies } from '../../src/policy/compile.js';
import { allows, decide } from '../../src/policy/evaluate.js';
import { book, conn, hostEp, podEp } from './builders.js';

const p = (name: string): Endpoint => podEp(book.pod(name));
const h = (name: string): Endpoint => hostEp(book.host(name));

type Row = [from: Endpoint, to: Endpoint, allowed: boolean];

function check(rows: Row[], policies: Parameters<typeof book.withPolicies>[0]): void {
  const compiled = compilePolicies(book.withPolicies(policies));
  for (const [from, to, expected] of rows) {
    const c = conn(from, to, 'TCP', 80);
    const label = `${from.kind === 'pod' ? from.pod.name : from.kind === 'host' ? from.node.name : from.ip} -> ${to.kind === 'pod' ? to.pod.name : to.ip}`;
    expect({ label, allowed: decide(compiled, c).allowed }).toEqual({ label, allowed: expected });
    expect({ label, allowed: allows(compiled, c) }).toEqual({ label, allowed: expected });
  }
}

describe('book lab, before any policy', () => {
  it('every client pod and both hosts reach both servers', () => {
    const sources = ['client1-dev', 'client2-dev', 'client-jtac', 'client-qa'].map(p).concat([h('cent222'), h('cent333')]);
    const rows: Row[] = sources.flatMap((s): Row[] => [
      [s, p('webserver-dev'), true],
      [s, p('dbserver-dev'), true],
    ]);
    check(rows, []);
  });
});

describe('book lab, after policy1', () => {
  it.each<[string, Row]>([
    ['client1-dev -> webserver-dev', [p('client1-dev'), p('webserver-dev'), true]],
    ['client-jtac -> webserver-dev', [p('client-jtac'), p('webserver-dev'), true]],
    ['cent222 host -> webserver-dev', [h('cent222'), p('webserver-dev'), true]],
    ['client2-dev -> webserver-dev', [p('client2-dev'), p('webserver-dev'), false]],
    ['client-qa -> webserver-dev', [p('client-qa'), p('webserver-dev'), false]],
    ['cent333 host -> webserver-dev', [h('cent333'), p('webserver-dev'), false]],
    ['webserver-dev -> dbserver-dev', [p('webserver-dev'), p('dbserver-dev'), true]],
    ['webserver-dev -> client1-dev', [p('webserver-dev'), p('client1-dev'), false]],
    ['webserver-dev -> cent222 host', [p('webserver-dev'), h('cent222'), false]],
    ['webserver-dev -> cent333 host', [p('webserver-dev'), h('cent333'), false]],
    ['client2-dev -> dbserver-dev (no policy on dbserver yet)', [p('client2-dev'), p('dbserver-dev'), true]],
    ['client-qa -> dbserver-dev', [p('client-qa'), p('dbserver-dev'), true]],
  ])('%s', (_name, row) => check([row], [book.policy1]));

  it('explains the allowed ingress by the namespaceSelector peer and the denied one by the implicit deny-all', () => {
    const compiled = compilePolicies(book.withPolicies([book.policy1]));
    expect(decide(compiled, conn(p('client-jtac'), p('webserver-dev')))).toEqual({
      allowed: true,
      egress: { kind: 'not-isolated' },
      ingress: {
        kind: 'allowed',
        isolatedBy: ['dev/policy1'],
        allowedBy: [{ policy: 'dev/policy1', direction: 'ingress', ruleIndex: 0, peerIndex: 1, portIndex: 0 }],
      },
    });
    expect(decide(compiled, conn(h('cent333'), p('webserver-dev')))).toEqual({
      allowed: false,
      egress: { kind: 'not-a-pod' },
      ingress: { kind: 'denied', isolatedBy: ['dev/policy1'] },
    });
  });

  it('denies webserver-dev -> dbserver-dev on another port (rule has ports TCP/80)', () => {
    const compiled = compilePolicies(book.withPolicies([book.policy1]));
    expect(allows(compiled, conn(p('webserver-dev'), p('dbserver-dev'), 'TCP', 8080))).toBe(false);
    expect(allows(compiled, conn(p('webserver-dev'), p('dbserver-dev'), 'ICMP'))).toBe(false);
  });
});

describe('book lab, after policy1 + policy2 (Ingress only)', () => {
  it.each<[string, Row]>([
    ['webserver-dev -> dbserver-dev', [p('webserver-dev'), p('dbserver-dev'), true]],
    ['client1-dev -> dbserver-dev', [p('client1-dev'), p('dbserver-dev'), false]],
    ['client2-dev -> dbserver-dev', [p('client2-dev'), p('dbserver-dev'), false]],
    ['client-jtac -> dbserver-dev', [p('client-jtac'), p('dbserver-dev'), false]],
    ['cent222 host -> dbserver-dev', [h('cent222'), p('dbserver-dev'), false]],
    ['dbserver-dev -> client1-dev still initiates (no Egress type)', [p('dbserver-dev'), p('client1-dev'), true]],
    ['client1-dev -> webserver-dev unchanged', [p('client1-dev'), p('webserver-dev'), true]],
  ])('%s', (_name, row) => check([row], [book.policy1, book.policy2]));
});

describe('book lab, after policy1 + policy2-egress-denyall', () => {
  it.each<[string, Row]>([
    ['dbserver-dev -> client1-dev', [p('dbserver-dev'), p('client1-dev'), false]],
    ['dbserver-dev -> cent222 host', [p('dbserver-dev'), h('cent222'), false]],
    ['webserver-dev -> dbserver-dev', [p('webserver-dev'), p('dbserver-dev'), true]],
    ['client1-dev -> dbserver-dev', [p('client1-dev'), p('dbserver-dev'), false]],
  ])('%s', (_name, row) => check([row], [book.policy1, book.policy2EgressDenyAll]));

  it('names the implicit deny-all of dev/policy2 on the egress side', () => {
    const compiled = compilePolicies(book.withPolicies([book.policy1, book.policy2EgressDenyAll]));
    expect(decide(compiled, conn(p('dbserver-dev'), p('client1-dev')))).toEqual({
      allowed: false,
      egress: { kind: 'denied', isolatedBy: ['dev/policy2'] },
      ingress: { kind: 'not-isolated' },
    });
  });
});
