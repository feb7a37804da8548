/**
 * Correctness at scale: 10,000 pods x 1,000 policies compile, and the allocation-free fast
 * path agrees with `decide()` on a spread of pairs. Speed is measured in bench/, not here.
 */
import { describe, expect, it } from 'vitest';
import type { NetworkPolicy, Pod } from '../../src/model/types.js';
import { compilePolicies } from '../../src/policy/compile.js';
import { allowsBetween, decide } from '../../src/policy/evaluate.js';
import { PROTOCOL_TCP } from '../../src/policy/compiled.js';
import { cluster, conn, ipBlock, namespace, pod, podEp, podsPeer, policy, port, rule, sel } from './builders.js';
import { ipWordsOf } from '../../src/policy/endpoint-index.js';

describe('scale', () => {
  it('10,000 pods x 1,000 policies', () => {
    const nss = Array.from({ length: 100 }, (_, i) => namespace(`ns${i}`, { team: `t${i % 10}` }));
    const pods: Pod[] = Array.from({ length: 10_000 }, (_, i) =>
      pod(`ns${i % 100}`, `pod${i}`, { labels: { app: `app${i % 50}`, tier: `tier${i % 3}` }, ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` }),
    );
    const policies: NetworkPolicy[] = Array.from({ length: 1_000 }, (_, i) =>
      policy(`ns${i % 100}`, `np${i}`, {
        podSelector: sel({ app: `app${i % 50}` }),
        policyTypes: ['Ingress', 'Egress'],
        ingress: [rule([podsPeer(sel({ tier: `tier${i % 3}` })), podsPeer(undefined, sel({ team: `t${i % 10}` })), ipBlock('10.0.0.0/16', ['10.0.1.0/24'])], [port('TCP', 80), port('TCP', 8000, 9000)])],
        egress: [rule([podsPeer(sel({ app: `app${(i + 1) % 50}` }, [{ key: 'tier', operator: 'NotIn', values: ['tier2'] }]), sel({})), ipBlock('10.0.0.0/18')], [port('TCP', 443), port('TCP', 80)])],
      }),
    );
    const cl = cluster({ namespaces: nss, pods, policies });
    const compiled = compilePolicies(cl);

    const ips = pods.map((p) => ipWordsOf(compiled, p.ips[0]!));
    const n = 200_000;
    let allowed = 0;
    for (let k = 0; k < n; k++) {
      const s = (k * 7919) % 10_000;
      const d = (k * 104_729 + 13) % 10_000;
      if (allowsBetween(compiled, s, ips[s]!, d, ips[d]!, PROTOCOL_TCP, k & 1 ? 80 : 443)) allowed++;
    }
    expect(allowed).toBeGreaterThan(n / 100);
    expect(allowed).toBeLessThan(n);
    // spot-check the fast path against decide()
    for (let k = 0; k < 200; k++) {
      const s = (k * 31) % 10_000;
      const d = (k * 97 + 5) % 10_000;
      const c = conn(podEp(pods[s]!), podEp(pods[d]!), 'TCP', 80);
      expect(allowsBetween(compiled, s, ips[s]!, d, ips[d]!, PROTOCOL_TCP, 80)).toBe(decide(compiled, c).allowed);
    }
  }, 60_000);
});
