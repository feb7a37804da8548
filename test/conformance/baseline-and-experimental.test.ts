/**
 * The upstream conformance suite's Baseline tier tests (standard profile) and the experimental
 * profiles ClusterNetworkPolicyNamedPorts and ClusterNetworkPolicyEgressNodePeers, one
 * table-driven test per upstream ConformanceTest (kubernetes-sigs/network-policy-api
 * conformance/tests/*.go, conformance/base/{admin,baseline}_tier/*), as real probes: allowed
 * probes succeed, denied probes time out.
 */
import { describe, it } from 'vitest';
import { cnp, HOST_PORTS, namedPort, NS, peerHousePods, peerNamespace, portOf, rule, runPhases, subjectHousePods, subjectNamespace, type Phase } from './harness.js';
import { protocolPhases, type ProtocolCase } from './protocol-cases.js';

const BASELINE_CASES: readonly ProtocolCase[] = [
  { tier: 'Baseline', direction: 'ingress', protocol: 'tcp', name: 'default', subject: 'gryffindor', everything: 'ravenclaw', denied: 'slytherin', denyPort: 80, accepted: 'hufflepuff', acceptPort: 80 },
  { tier: 'Baseline', direction: 'ingress', protocol: 'udp', name: 'default', subject: 'hufflepuff', everything: 'ravenclaw', denied: 'slytherin', denyPort: 5353, accepted: 'gryffindor', acceptPort: 53 },
  { tier: 'Baseline', direction: 'ingress', protocol: 'sctp', name: 'default', subject: 'ravenclaw', everything: 'hufflepuff', denied: 'slytherin', denyPort: 9003, accepted: 'gryffindor', acceptPort: 9003 },
  { tier: 'Baseline', direction: 'egress', protocol: 'tcp', name: 'default', subject: 'gryffindor', everything: 'ravenclaw', denied: 'slytherin', denyPort: 80, accepted: 'hufflepuff', acceptPort: 8080 },
  { tier: 'Baseline', direction: 'egress', protocol: 'udp', name: 'default', subject: 'gryffindor', everything: 'ravenclaw', denied: 'slytherin', denyPort: 5353, accepted: 'hufflepuff', acceptPort: 53 },
  { tier: 'Baseline', direction: 'egress', protocol: 'sctp', name: 'default', subject: 'ravenclaw', everything: 'hufflepuff', denied: 'slytherin', denyPort: 9003, accepted: 'gryffindor', acceptPort: 9003 },
];

describe('upstream conformance, Baseline tier, per protocol', () => {
  it.each(BASELINE_CASES.map((c) => ({ ...c, short: `CNPBaselineTier${c.direction === 'ingress' ? 'Ingress' : 'Egress'}${c.protocol.toUpperCase()}` })))(
    '$short (base/baseline_tier/standard-$direction-$protocol-rules.yaml)',
    (c) => runPhases(protocolPhases(c)),
  );
});

/** A NetworkPolicy selecting the gryffindor pods overrides the Baseline (the tier order's point). */
const npOverridesBaseline = `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-from-slytherin\n  namespace: ${NS('gryffindor')}\nspec:\n  podSelector: {}\n  ingress:\n  - from:\n    - namespaceSelector:\n        matchLabels:\n          conformance-house: slytherin\n`;

const baselineDeny = cnp('default', 'Baseline', 10, subjectNamespace('gryffindor'), `  ingress:\n${rule('deny-from-slytherin', 'Deny', 'ingress', peerNamespace('slytherin'))}`);

const BASELINE_INTEGRATION: readonly Phase[] = [
  { what: 'The Baseline denies when no NetworkPolicy selects the pod', policies: [baselineDeny], probes: [{ from: 'slytherin/draco-malfoy-0', to: 'gryffindor/harry-potter-0', protocol: 'tcp', port: 80, allowed: false }] },
  { what: 'A NetworkPolicy selecting the pod decides instead of the Baseline', policies: [baselineDeny, npOverridesBaseline], probes: [{ from: 'slytherin/draco-malfoy-0', to: 'gryffindor/harry-potter-0', protocol: 'tcp', port: 80, allowed: true }] },
];

/** base/baseline_tier/standard-egress-inline-cidr-rules.yaml, at the Baseline tier. */
const BASELINE_INLINE_CIDR: readonly Phase[] = [{
  what: "Should support an 'allow-egress' to slytherin pods and a 'deny-egress' to 0.0.0.0/0 at the Baseline",
  policies: [cnp('default', 'Baseline', 10, subjectHousePods('gryffindor'),
    `  egress:\n${rule('allow-egress-to-slytherin', 'Accept', 'egress', peerHousePods('slytherin'))}${rule('deny-egress-to-internet', 'Deny', 'egress', '    - networks:\n        - 0.0.0.0/0\n        - ::/0')}`)],
  probes: [
    { from: 'gryffindor/harry-potter-0', to: 'slytherin/draco-malfoy-1', protocol: 'tcp', port: 80, allowed: true },
    { from: 'gryffindor/harry-potter-0', to: 'ravenclaw/luna-lovegood-1', protocol: 'tcp', port: 80, allowed: false },
    { from: 'gryffindor/harry-potter-1', to: 'hufflepuff/cedric-diggory-1', protocol: 'sctp', port: 9003, allowed: false },
  ],
}];

/** base/baseline_tier/standard-same-priority.yaml-like: two Baseline policies at one priority both apply. */
const BASELINE_SAME_PRIORITY: readonly Phase[] = [{
  what: 'ClusterNetworkPolicies in the Baseline tier with the same priority are all applied',
  policies: [
    cnp('same-priority-a', 'Baseline', 5, subjectNamespace('gryffindor'), `  ingress:\n${rule('deny-from-slytherin', 'Deny', 'ingress', peerNamespace('slytherin'), portOf('tcp', 80))}`),
    cnp('same-priority-b', 'Baseline', 5, subjectNamespace('gryffindor'), `  ingress:\n${rule('deny-from-hufflepuff', 'Deny', 'ingress', peerNamespace('hufflepuff'), portOf('tcp', 80))}`),
  ],
  probes: [
    { from: 'slytherin/draco-malfoy-0', to: 'gryffindor/harry-potter-1', protocol: 'tcp', port: 80, allowed: false },
    { from: 'hufflepuff/cedric-diggory-0', to: 'gryffindor/harry-potter-1', protocol: 'tcp', port: 80, allowed: false },
    { from: 'ravenclaw/luna-lovegood-0', to: 'gryffindor/harry-potter-1', protocol: 'tcp', port: 80, allowed: true },
  ],
}];

const BASELINE_INGRESS_ONLY: readonly Phase[] = [{
  what: "A Baseline CNP with only ingress rules must not affect the subject's egress",
  policies: [cnp('default', 'Baseline', 0, subjectNamespace('gryffindor'), `  ingress:\n${rule('deny-all-ingress', 'Deny', 'ingress', '    - namespaces: {}')}`)],
  probes: [
    { from: 'ravenclaw/luna-lovegood-0', to: 'gryffindor/harry-potter-0', protocol: 'udp', port: 53, allowed: false },
    { from: 'gryffindor/harry-potter-0', to: 'ravenclaw/luna-lovegood-0', protocol: 'udp', port: 53, allowed: true },
  ],
}];

describe('upstream conformance, Baseline tier', () => {
  const cases: readonly { short: string; manifest: string; phases: readonly Phase[] }[] = [
    { short: 'CNPBaselineTierIntegration', manifest: 'api_integration/standard-anp-np-banp.yaml (Baseline part)', phases: BASELINE_INTEGRATION },
    { short: 'CNPBaselineTierEgressInlineCIDRPeers', manifest: 'baseline_tier/standard-egress-inline-cidr-rules.yaml', phases: BASELINE_INLINE_CIDR },
    { short: 'CNPBaselineTierSamePriority', manifest: 'baseline_tier/standard-same-priority.yaml', phases: BASELINE_SAME_PRIORITY },
    { short: 'CNPBaselineTierIngressRulesEgressUnaffected', manifest: '(inline, issue #103)', phases: BASELINE_INGRESS_ONLY },
  ];
  it.each(cases)('$short ($manifest)', ({ phases }) => runPhases(phases));
});

/** Named ports (profile ClusterNetworkPolicyNamedPorts): the rule at index 5 rewritten to a named port. */
function namedPortPolicy(tier: 'Admin' | 'Baseline', direction: 'ingress' | 'egress', subject: string, peer: string, name: string): string {
  const d = direction;
  return cnp(tier === 'Admin' ? `${d}-named` : 'default', tier, tier === 'Admin' ? 3 : 10, subjectNamespace(subject),
    `  ${d}:\n${rule(`allow-${peer}-at-${name}`, 'Accept', d, peerNamespace(peer), namedPort(name))}${rule(`deny-${peer}-everything-else`, 'Deny', d, peerNamespace(peer))}`);
}

const NAMED_PORT_CASES: readonly { short: string; manifest: string; phases: readonly Phase[] }[] = [
  {
    short: 'CNPAdminTierIngressNamedPort', manifest: 'admin_tier/standard-ingress-udp-rules.yaml, rule 5 as destinationNamedPort dns',
    phases: [{ what: "Should support an 'allow-ingress' policy for named port", policies: [namedPortPolicy('Admin', 'ingress', 'hufflepuff', 'gryffindor', 'dns')], probes: [
      { from: 'gryffindor/harry-potter-0', to: 'hufflepuff/cedric-diggory-1', protocol: 'udp', port: 53, allowed: true },
      { from: 'gryffindor/harry-potter-1', to: 'hufflepuff/cedric-diggory-1', protocol: 'udp', port: 5353, allowed: false },
    ] }],
  },
  {
    short: 'CNPAdminTierEgressNamedPort', manifest: 'admin_tier/standard-egress-tcp-rules.yaml, rule 5 as destinationNamedPort web',
    phases: [{ what: "Should support an 'allow-egress' policy for named port", policies: [namedPortPolicy('Admin', 'egress', 'gryffindor', 'hufflepuff', 'web')], probes: [
      { from: 'gryffindor/harry-potter-0', to: 'hufflepuff/cedric-diggory-1', protocol: 'tcp', port: 80, allowed: true },
      { from: 'gryffindor/harry-potter-1', to: 'hufflepuff/cedric-diggory-1', protocol: 'tcp', port: 8080, allowed: false },
    ] }],
  },
  {
    short: 'CNPBaselineTierIngressNamedPort', manifest: 'baseline_tier/standard-ingress-tcp-rules.yaml, the port rule as destinationNamedPort web',
    phases: [{ what: "Should support an 'allow-ingress' policy for named port", policies: [namedPortPolicy('Baseline', 'ingress', 'gryffindor', 'hufflepuff', 'web')], probes: [
      { from: 'hufflepuff/cedric-diggory-0', to: 'gryffindor/harry-potter-1', protocol: 'tcp', port: 80, allowed: true },
      { from: 'hufflepuff/cedric-diggory-1', to: 'gryffindor/harry-potter-1', protocol: 'tcp', port: 8080, allowed: false },
    ] }],
  },
  {
    short: 'CNPBaselineTierEgressNamedPort', manifest: 'baseline_tier/standard-egress-udp-rules.yaml, the port rule as destinationNamedPort dns',
    phases: [{ what: "Should support an 'allow-egress' policy for named port", policies: [namedPortPolicy('Baseline', 'egress', 'gryffindor', 'hufflepuff', 'dns')], probes: [
      { from: 'gryffindor/harry-potter-0', to: 'hufflepuff/cedric-diggory-1', protocol: 'udp', port: 53, allowed: true },
      { from: 'gryffindor/harry-potter-1', to: 'hufflepuff/cedric-diggory-1', protocol: 'udp', port: 5353, allowed: false },
    ] }],
  },
];

describe('upstream conformance, experimental profile ClusterNetworkPolicyNamedPorts', () => {
  it.each(NAMED_PORT_CASES)('$short ($manifest)', ({ phases }) => runPhases(phases));
});

/** base/{admin,baseline}_tier/experimental-egress-selector-rules.yaml: nodes peers select the nodes' InternalIPs. */
function nodePeers(tier: 'Admin' | 'Baseline'): string {
  const nodes = '    - nodes:\n        matchLabels:\n          kubernetes.io/os: linux';
  const pass = tier === 'Admin' ? rule(`pass-egress-to-${HOST_PORTS[2]}-on-nodes`, 'Pass', 'egress', nodes, portOf('udp', HOST_PORTS[2])) : rule(`allow-egress-to-${HOST_PORTS[2]}-on-nodes`, 'Accept', 'egress', nodes, portOf('udp', HOST_PORTS[2]));
  return cnp(tier === 'Admin' ? 'node-and-cidr-as-peers-example' : 'default', tier, tier === 'Admin' ? 75 : 10, subjectHousePods('gryffindor'),
    `  egress:\n${rule(`allow-egress-to-${HOST_PORTS[0]}-on-nodes`, 'Accept', 'egress', nodes, portOf('tcp', HOST_PORTS[0]))}${pass}`
    + rule('deny-egress-to-slytherin-and-nodes-and-internet', 'Deny', 'egress', `${peerHousePods('slytherin')}\n${nodes}\n    - networks:\n        - 0.0.0.0/0\n        - ::/0`));
}

const toHost = (protocol: 'tcp' | 'udp' | 'sctp', port: number, allowed: boolean): Phase['probes'][number] => ({ from: 'gryffindor/harry-potter-1', to: 'node/node-b', protocol, port, allowed });

describe('upstream conformance, experimental profile ClusterNetworkPolicyEgressNodePeers', () => {
  const cases: readonly { short: string; phases: readonly Phase[] }[] = [
    { short: 'CNPAdminTierEgressNodePeers', phases: [{ what: 'allow / pass / deny egress to the host-network server centaur-1', policies: [nodePeers('Admin')], probes: [
      toHost('tcp', HOST_PORTS[0], true), toHost('udp', HOST_PORTS[2], true), toHost('tcp', HOST_PORTS[1], false), toHost('udp', HOST_PORTS[5], false), toHost('sctp', HOST_PORTS[4], false),
    ] }] },
    { short: 'CNPBaselineTierEgressNodePeers', phases: [{ what: 'allow / deny egress to the host-network server centaur-1 at the Baseline', policies: [nodePeers('Baseline')], probes: [
      toHost('tcp', HOST_PORTS[0], true), toHost('udp', HOST_PORTS[2], true), toHost('tcp', HOST_PORTS[1], false), toHost('sctp', HOST_PORTS[4], false),
    ] }] },
  ];
  it.each(cases)('$short (experimental-egress-selector-rules.yaml)', ({ phases }) => runPhases(phases));
});
