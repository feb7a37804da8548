/**
 * fast-check generators for reach runs: the policy layer's random clusters and policies
 * (test/policy/arbitraries.ts) spread over two nodes, with IPv4-only, IPv6-only and
 * dual-stack pods (one family for the cluster, or mixed), with one ephemeral-range port P
 * (32768-60999) taking the place of 8080 in container ports and policy ports, and reach
 * options probing well-known ports, named ports, P and further random ephemeral ports over a
 * random set of protocols, with a random simulation seed. `aim` names a pod and an offset:
 * the property adds the port that pod's stack allocates `offset` ports after its first
 * ephemeral port, so probed ports land on the probes' own source ports, the crosstalk case.
 */
import fc from 'fast-check';
import type { Cluster, NetworkPolicy, PolicyPort, PolicyRule } from '../../src/model/types.js';
import { EPHEMERAL_HIGH, EPHEMERAL_LOW } from '../../src/sim/ephemeral-ports.js';
import type { ReachOptions } from '../../src/sim/cluster/types.js';
import { clusterArb } from '../policy/arbitraries.js';
import { node } from '../policy/builders.js';

export interface ReachCase {
  readonly cluster: Cluster;
  readonly options: ReachOptions;
  readonly seed: number;
  readonly aim: { readonly pod: number; readonly offset: number } | undefined;
}

const ephemeralPort = fc.integer({ min: EPHEMERAL_LOW, max: EPHEMERAL_HIGH });

function withPort(port: PolicyPort, p: number): PolicyPort {
  const swapped = port.port === 8080 ? { ...port, port: p } : port;
  return swapped.endPort === 8080 ? { ...swapped, endPort: p } : swapped;
}

function withRulePorts(rule: PolicyRule, p: number): PolicyRule {
  return { ...rule, ports: rule.ports.map((port) => withPort(port, p)) };
}

function withPolicyPorts(policy: NetworkPolicy, p: number): NetworkPolicy {
  return { ...policy, ingress: policy.ingress.map((r) => withRulePorts(r, p)), egress: policy.egress.map((r) => withRulePorts(r, p)) };
}

export type Family = 'v4' | 'v6' | 'dual';

/** Each pod's addresses by family (IPv4 first for dual-stack, as the model orders them). */
function withFamilies(cluster: Cluster, families: readonly Family[]): Cluster {
  return {
    ...cluster,
    pods: cluster.pods.map((pod, i) => {
      const v4 = `10.${i % 3}.${i % 2 === 0 ? 2 : 0}.${i + 1}`;
      const v6 = `fd00::1:${i}`;
      const family = families[i % families.length]!;
      return { ...pod, ips: family === 'v4' ? [v4] : family === 'v6' ? [v6] : [v4, v6] };
    }),
  };
}

/** One family for the whole cluster (most runs), or each pod its own: IPv4-only, IPv6-only, dual-stack. */
const familiesArb: fc.Arbitrary<Family[]> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom<Family>('v4', 'v6', 'dual').map((f) => [f]) },
  { weight: 2, arbitrary: fc.array(fc.constantFrom<Family>('v4', 'v6', 'dual'), { minLength: 6, maxLength: 6 }) },
);

export const reachCaseArb: fc.Arbitrary<ReachCase> = fc
  .record({
    cluster: clusterArb({ contrailSafe: false }),
    families: familiesArb,
    nodeOf: fc.array(fc.constantFrom('n1', 'n2'), { minLength: 6, maxLength: 6 }),
    p: ephemeralPort,
    extra: fc.uniqueArray(ephemeralPort, { maxLength: 8 }),
    fixed: fc.subarray<number | string>([53, 80, 'http', 'dns']),
    protocols: fc.subarray(['TCP', 'UDP', 'SCTP'] as const, { minLength: 1 }),
    hosts: fc.boolean(),
    seed: fc.integer({ min: 0, max: 0x7fffffff }),
    aim: fc.option(fc.record({ pod: fc.nat(5), offset: fc.nat(40) }), { nil: undefined, freq: 2 }),
  })
  .map(({ cluster, families, nodeOf, p, extra, fixed, protocols, hosts, seed, aim }) => {
    const base = withFamilies(cluster, families);
    const spread: Cluster = {
      ...base,
      nodes: [node('n1', '192.168.0.1'), node('n2', '192.168.0.2')],
      pods: base.pods.map((pod, i) => ({
        ...pod,
        nodeName: nodeOf[i % nodeOf.length]!,
        ports: pod.ports.map((port) => (port.containerPort === 8080 ? { ...port, containerPort: p } : port)),
      })),
      policies: base.policies.map((policy) => withPolicyPorts(policy, p)),
    };
    const ports = [...new Set<number | string>([...fixed, p, ...extra])];
    // Node hosts are IPv4: from an IPv6-only pod they are unreachable (no common family).
    return { cluster: spread, options: { ports, protocols: [...protocols], hosts }, seed, aim };
  });
