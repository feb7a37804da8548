/**
 * The upstream conformance suite's Admin tier tests (standard profile), one table-driven test
 * per upstream ConformanceTest, each naming its ShortName and base manifest
 * (kubernetes-sigs/network-policy-api conformance/tests/*.go, conformance/base/admin_tier/*),
 * replayed as real probes through the simulated vRouters: allowed probes succeed, denied probes
 * time out.
 */
import { describe, it } from 'vitest';
import { cnp, NS, peerHousePods, peerNamespace, portOf, rangeOf, rule, runPhases, subjectHousePods, subjectNamespace, type Phase } from './harness.js';
import { protocolPhases, type ProtocolCase } from './protocol-cases.js';

const PROTOCOL_CASES: readonly ProtocolCase[] = [
  { tier: 'Admin', direction: 'ingress', protocol: 'tcp', name: 'ingress-tcp', subject: 'gryffindor', everything: 'ravenclaw', denied: 'slytherin', denyPort: 80, accepted: 'hufflepuff', acceptPort: 80 },
  { tier: 'Admin', direction: 'ingress', protocol: 'udp', name: 'ingress-udp', subject: 'hufflepuff', everything: 'ravenclaw', denied: 'slytherin', denyPort: 5353, accepted: 'gryffindor', acceptPort: 53 },
  { tier: 'Admin', direction: 'ingress', protocol: 'sctp', name: 'ingress-sctp', subject: 'ravenclaw', everything: 'hufflepuff', denied: 'slytherin', denyPort: 9003, accepted: 'gryffindor', acceptPort: 9003 },
  { tier: 'Admin', direction: 'egress', protocol: 'tcp', name: 'egress-tcp', subject: 'gryffindor', everything: 'ravenclaw', denied: 'slytherin', denyPort: 80, accepted: 'hufflepuff', acceptPort: 8080 },
  { tier: 'Admin', direction: 'egress', protocol: 'udp', name: 'egress-udp', subject: 'hufflepuff', everything: 'ravenclaw', denied: 'slytherin', denyPort: 5353, accepted: 'gryffindor', acceptPort: 53 },
  { tier: 'Admin', direction: 'egress', protocol: 'sctp', name: 'egress-sctp', subject: 'ravenclaw', everything: 'hufflepuff', denied: 'slytherin', denyPort: 9003, accepted: 'gryffindor', acceptPort: 9003 },
];

const short = (c: ProtocolCase): string => `CNPAdminTier${c.direction === 'ingress' ? 'Ingress' : 'Egress'}${c.protocol.toUpperCase()}`;

describe('upstream conformance, Admin tier, per protocol', () => {
  it.each(PROTOCOL_CASES.map((c) => ({ ...c, short: short(c) })))('$short (base/admin_tier/standard-$name-rules.yaml)', (c) => {
    runPhases(protocolPhases(c));
  });
});

/** base/admin_tier/standard-gress-rules-combined.yaml: both directions and all three protocols in one policy. */
function gress(swap: boolean): string {
  const protos = (a: number, b: number, c: number): string => `${portOf('tcp', a)}\n${portOf('udp', b)}\n${portOf('sctp', c)}`;
  const side = (d: 'ingress' | 'egress', w: string): string => {
    const first = [rule(`allow-${w}-ravenclaw-everything`, 'Accept', d, peerNamespace('ravenclaw')), rule(`deny-${w}-ravenclaw-everything`, 'Deny', d, peerNamespace('ravenclaw'))];
    if (swap) first.reverse();
    return `  ${d}:\n${first.join('')}${rule(`pass-${w}-ravenclaw-everything`, 'Pass', d, peerNamespace('ravenclaw'))}`
      + rule(`deny-${w}-slytherin-at-ports-80-53-9003`, 'Deny', d, peerNamespace('slytherin'), protos(80, 53, 9003))
      + rule(`pass-${w}-slytherin-at-port-80-53-9003`, 'Pass', d, peerNamespace('slytherin'), protos(80, 53, 9003))
      + rule(`allow-${w}-hufflepuff-at-ports-8080-5353-9003`, 'Accept', d, peerNamespace('hufflepuff'), d === 'egress' ? protos(8080, 5353, 9003) : protos(80, 5353, 9003))
      + rule(`deny-${w}-hufflepuff-everything-else`, 'Deny', d, peerNamespace('hufflepuff'));
  };
  return cnp('gress-rules', 'Admin', 15, subjectNamespace('gryffindor'), side('egress', 'to') + side('ingress', 'from'));
}

const GRESS: readonly Phase[] = [
  {
    what: "Should support an 'allow-gress' policy across different protocols", policies: [gress(false)],
    probes: [
      { from: 'gryffindor/harry-potter-0', to: 'ravenclaw/luna-lovegood-0', protocol: 'tcp', port: 80, allowed: true },
      { from: 'gryffindor/harry-potter-1', to: 'ravenclaw/luna-lovegood-0', protocol: 'udp', port: 53, allowed: true },
      { from: 'gryffindor/harry-potter-0', to: 'ravenclaw/luna-lovegood-0', protocol: 'sctp', port: 9003, allowed: true },
      { from: 'ravenclaw/luna-lovegood-0', to: 'gryffindor/harry-potter-0', protocol: 'tcp', port: 80, allowed: true },
      { from: 'ravenclaw/luna-lovegood-1', to: 'gryffindor/harry-potter-0', protocol: 'udp', port: 53, allowed: true },
      { from: 'ravenclaw/luna-lovegood-1', to: 'gryffindor/harry-potter-0', protocol: 'sctp', port: 9003, allowed: true },
    ],
  },
  {
    what: "Should support an 'allow-gress' policy across different protocols at the specified ports", policies: [gress(false)],
    probes: [
      { from: 'gryffindor/harry-potter-0', to: 'hufflepuff/cedric-diggory-1', protocol: 'tcp', port: 8080, allowed: true },
      { from: 'gryffindor/harry-potter-1', to: 'hufflepuff/cedric-diggory-1', protocol: 'tcp', port: 80, allowed: false },
      { from: 'gryffindor/harry-potter-0', to: 'hufflepuff/cedric-diggory-1', protocol: 'udp', port: 5353, allowed: true },
      { from: 'gryffindor/harry-potter-1', to: 'hufflepuff/cedric-diggory-1', protocol: 'udp', port: 53, allowed: false },
      { from: 'gryffindor/harry-potter-0', to: 'hufflepuff/cedric-diggory-1', protocol: 'sctp', port: 9003, allowed: true },
      { from: 'gryffindor/harry-potter-1', to: 'hufflepuff/cedric-diggory-1', protocol: 'sctp', port: 9005, allowed: false },
      { from: 'hufflepuff/cedric-diggory-0', to: 'gryffindor/harry-potter-1', protocol: 'tcp', port: 80, allowed: true },
      { from: 'hufflepuff/cedric-diggory-1', to: 'gryffindor/harry-potter-1', protocol: 'tcp', port: 8080, allowed: false },
      { from: 'hufflepuff/cedric-diggory-0', to: 'gryffindor/harry-potter-1', protocol: 'udp', port: 5353, allowed: true },
      { from: 'hufflepuff/cedric-diggory-1', to: 'gryffindor/harry-potter-1', protocol: 'udp', port: 53, allowed: false },
      { from: 'hufflepuff/cedric-diggory-0', to: 'gryffindor/harry-potter-1', protocol: 'sctp', port: 9003, allowed: true },
      { from: 'hufflepuff/cedric-diggory-1', to: 'gryffindor/harry-potter-1', protocol: 'sctp', port: 9005, allowed: false },
    ],
  },
  {
    what: "Should support an 'deny-gress' policy across different protocols (rules 0 and 1 swapped)", policies: [gress(true)],
    probes: [
      { from: 'gryffindor/harry-potter-0', to: 'ravenclaw/luna-lovegood-1', protocol: 'tcp', port: 80, allowed: false },
      { from: 'gryffindor/harry-potter-1', to: 'ravenclaw/luna-lovegood-1', protocol: 'udp', port: 53, allowed: false },
      { from: 'gryffindor/harry-potter-0', to: 'ravenclaw/luna-lovegood-1', protocol: 'sctp', port: 9003, allowed: false },
      { from: 'ravenclaw/luna-lovegood-0', to: 'gryffindor/harry-potter-1', protocol: 'tcp', port: 80, allowed: false },
      { from: 'ravenclaw/luna-lovegood-1', to: 'gryffindor/harry-potter-1', protocol: 'udp', port: 53, allowed: false },
      { from: 'ravenclaw/luna-lovegood-1', to: 'gryffindor/harry-potter-1', protocol: 'sctp', port: 9003, allowed: false },
    ],
  },
  {
    what: "Should support a 'deny-gress' policy across different protocols at the specified ports", policies: [gress(false)],
    probes: [
      { from: 'gryffindor/harry-potter-0', to: 'slytherin/draco-malfoy-0', protocol: 'tcp', port: 80, allowed: false },
      { from: 'gryffindor/harry-potter-1', to: 'slytherin/draco-malfoy-0', protocol: 'tcp', port: 8080, allowed: true },
      { from: 'gryffindor/harry-potter-0', to: 'slytherin/draco-malfoy-0', protocol: 'udp', port: 53, allowed: false },
      { from: 'gryffindor/harry-potter-1', to: 'slytherin/draco-malfoy-0', protocol: 'udp', port: 5353, allowed: true },
      { from: 'gryffindor/harry-potter-0', to: 'slytherin/draco-malfoy-0', protocol: 'sctp', port: 9003, allowed: false },
      { from: 'gryffindor/harry-potter-1', to: 'slytherin/draco-malfoy-0', protocol: 'sctp', port: 9005, allowed: true },
    ],
  },
];

/** base/admin_tier/standard-priority-field.yaml. */
function priorityPolicies(passPriority: number): string[] {
  const pods = (d: 'ingress' | 'egress', action: 'Deny' | 'Pass' | 'Accept', name: string): string => `  ${d}:\n${rule(name, action, d, peerHousePods('slytherin'))}`;
  return [
    cnp('priority-50-example', 'Admin', 50, subjectHousePods('gryffindor'), pods('ingress', 'Deny', 'deny-all-ingress-from-slytherin') + pods('egress', 'Deny', 'deny-all-egress-to-slytherin')),
    cnp('old-priority-60-new-priority-40-example', 'Admin', passPriority, subjectHousePods('gryffindor'), pods('ingress', 'Pass', 'pass-all-ingress-from-slytherin') + pods('egress', 'Pass', 'pass-all-egress-to-slytherin')),
    cnp('default', 'Baseline', 10, subjectHousePods('gryffindor'), pods('ingress', 'Accept', 'allow-all-ingress-from-slytherin') + pods('egress', 'Accept', 'allow-all-egress-to-slytherin')),
  ];
}

const betweenGryffindorAndSlytherin = (allowed: boolean): Phase['probes'] => [
  { from: 'slytherin/draco-malfoy-0', to: 'gryffindor/harry-potter-0', protocol: 'tcp', port: 80, allowed },
  { from: 'slytherin/draco-malfoy-1', to: 'gryffindor/harry-potter-0', protocol: 'tcp', port: 8080, allowed },
  { from: 'gryffindor/harry-potter-0', to: 'slytherin/draco-malfoy-0', protocol: 'tcp', port: 80, allowed },
  { from: 'gryffindor/harry-potter-1', to: 'slytherin/draco-malfoy-0', protocol: 'tcp', port: 8080, allowed },
];

const PRIORITY: readonly Phase[] = [
  { what: 'Should Deny traffic from and to slytherin respecting admin CNP (priority 50 before 60)', policies: priorityPolicies(60), probes: betweenGryffindorAndSlytherin(false) },
  { what: 'Should respect admin CNP priority field; thus passing both ingress and egress traffic over to baseline CNP (60 patched to 40)', policies: priorityPolicies(40), probes: betweenGryffindorAndSlytherin(true) },
];

/** base/api_integration/standard-anp-np-banp.yaml (CNPAdminTierIntegration). */
function integration(adminAction: 'Deny' | 'Pass', withNetworkPolicy: boolean): string[] {
  const ns = (h: string): string => `    - namespaces:\n        matchLabels:\n          conformance-house: ${h}`;
  const subject = `    namespaces:\n      matchLabels:\n        conformance-house: gryffindor`;
  const body = (a: 'Deny' | 'Pass'): string => `  ingress:\n${rule('deny-all-ingress-from-slytherin', a, 'ingress', ns('slytherin'))}  egress:\n${rule('deny-all-egress-to-slytherin', a, 'egress', ns('slytherin'))}`;
  const np = `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-gress-from-to-slytherin-to-gryffindor\n  namespace: ${NS('gryffindor')}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n  ingress:\n  - from:\n    - namespaceSelector:\n        matchLabels:\n          conformance-house: slytherin\n  egress:\n  - to:\n    - namespaceSelector:\n        matchLabels:\n          conformance-house: slytherin\n`;
  return [cnp('pass-example', 'Admin', 10, subject, body(adminAction)), ...(withNetworkPolicy ? [np] : []), cnp('default', 'Baseline', 10, subject, body('Deny'))];
}

const INTEGRATION: readonly Phase[] = [
  { what: 'Should Deny traffic from slytherin to gryffindor respecting admin CNP (the Admin Deny beats the NetworkPolicy allow)', policies: integration('Deny', true), probes: betweenGryffindorAndSlytherin(false) },
  { what: 'Should support a pass-ingress/egress to delegate to the NetworkPolicy, which allows', policies: integration('Pass', true), probes: betweenGryffindorAndSlytherin(true) },
  { what: 'Should support a pass-ingress/egress to delegate to the baseline CNP when the NetworkPolicy is deleted, which denies', policies: integration('Pass', false), probes: betweenGryffindorAndSlytherin(false) },
];

/** base/admin_tier/standard-egress-inline-cidr-rules.yaml (the test adds the pod-IP rule at index 0). */
function inlineCidr(podIps: readonly string[] | undefined): string {
  const extra = podIps === undefined ? '' : rule('allow-egress-to-specific-podIPs', 'Accept', 'egress', `    - networks:\n${podIps.map((ip) => `        - ${ip}/32`).join('\n')}`);
  return cnp('inline-cidr-as-peers-example', 'Admin', 85, subjectHousePods('gryffindor'),
    `  egress:\n${extra}${rule('allow-egress-to-slytherin', 'Accept', 'egress', peerHousePods('slytherin'))}${rule('deny-egress-to-internet', 'Deny', 'egress', '    - networks:\n        - 0.0.0.0/0\n        - ::/0')}`);
}

// Pod IPs as the loader allocates them for base.yaml (from 10.47.255.252 down, .254 and .253 reserved, in load order).
const LUNA_0 = '10.47.255.246';
const CEDRIC_0 = '10.47.255.248';

const INLINE_CIDR: readonly Phase[] = [
  {
    what: "Should support an 'allow-egress' to slytherin pods and a 'deny-egress' to the internet (0.0.0.0/0 covers pods too)", policies: [inlineCidr(undefined)],
    probes: [
      { from: 'gryffindor/harry-potter-0', to: 'slytherin/draco-malfoy-0', protocol: 'tcp', port: 80, allowed: true },
      { from: 'gryffindor/harry-potter-1', to: 'ravenclaw/luna-lovegood-0', protocol: 'tcp', port: 80, allowed: false },
      { from: 'gryffindor/harry-potter-0', to: 'hufflepuff/cedric-diggory-0', protocol: 'udp', port: 53, allowed: false },
    ],
  },
  {
    what: "Should support an 'allow-egress' to specific pod IPs as networks peers (rule added at index 0)", policies: [inlineCidr([LUNA_0, CEDRIC_0])],
    probes: [
      { from: 'gryffindor/harry-potter-1', to: 'ravenclaw/luna-lovegood-0', protocol: 'tcp', port: 80, allowed: true },
      { from: 'gryffindor/harry-potter-0', to: 'hufflepuff/cedric-diggory-0', protocol: 'udp', port: 53, allowed: true },
      { from: 'gryffindor/harry-potter-0', to: 'ravenclaw/luna-lovegood-1', protocol: 'tcp', port: 80, allowed: false },
    ],
  },
];

/** base/admin_tier/standard-port-range-rules-combined.yaml (CNPAdminTierPortRange). */
function portRange(): string {
  const ns = (h: string): string => peerNamespace(h);
  const all = '    - namespaces:\n        matchExpressions:\n        - key: conformance-house\n          operator: Exists';
  const side = (d: 'ingress' | 'egress', w: string): string => `  ${d}:\n`
    + rule(`allow-${w}-ravenclaw-tcp-port-range`, 'Accept', d, ns('ravenclaw'), rangeOf('tcp', 80, 8080))
    + rule(`allow-${w}-hufflepuff-udp-port-range`, 'Accept', d, ns('hufflepuff'), rangeOf('udp', 53, 5353))
    + rule(`allow-${w}-slytherin-sctp-port-range`, 'Accept', d, ns('slytherin'), rangeOf('sctp', 9003, 9005))
    + rule(`deny-all-${d}`, 'Deny', d, all);
  return cnp('port-range-rules', 'Admin', 9, subjectNamespace('gryffindor'), side('egress', 'to') + side('ingress', 'from'));
}

const PORT_RANGE: readonly Phase[] = [{
  what: 'Should allow the ports inside each range (inclusive) and deny the rest, both ways', policies: [portRange()],
  probes: [
    { from: 'gryffindor/harry-potter-0', to: 'ravenclaw/luna-lovegood-0', protocol: 'tcp', port: 80, allowed: true },
    { from: 'gryffindor/harry-potter-0', to: 'ravenclaw/luna-lovegood-0', protocol: 'tcp', port: 8080, allowed: true },
    { from: 'gryffindor/harry-potter-0', to: 'ravenclaw/luna-lovegood-0', protocol: 'udp', port: 53, allowed: false },
    { from: 'gryffindor/harry-potter-1', to: 'hufflepuff/cedric-diggory-0', protocol: 'udp', port: 5353, allowed: true },
    { from: 'gryffindor/harry-potter-1', to: 'hufflepuff/cedric-diggory-0', protocol: 'tcp', port: 80, allowed: false },
    { from: 'gryffindor/harry-potter-1', to: 'slytherin/draco-malfoy-1', protocol: 'sctp', port: 9005, allowed: true },
    { from: 'ravenclaw/luna-lovegood-1', to: 'gryffindor/harry-potter-0', protocol: 'tcp', port: 8080, allowed: true },
    { from: 'hufflepuff/cedric-diggory-1', to: 'gryffindor/harry-potter-0', protocol: 'udp', port: 53, allowed: true },
    { from: 'slytherin/draco-malfoy-0', to: 'gryffindor/harry-potter-1', protocol: 'sctp', port: 9003, allowed: true },
    { from: 'slytherin/draco-malfoy-0', to: 'gryffindor/harry-potter-1', protocol: 'tcp', port: 80, allowed: false },
  ],
}];

/** base/admin_tier/standard-pod-selector-rules.yaml (CNPAdminTierPodSelector). */
const POD_SELECTOR_POLICIES = [
  cnp('pod-selector-rules', 'Admin', 20, '    pods:\n      podSelector:\n        matchLabels:\n          conformance-house: gryffindor',
    `  egress:\n${rule('deny-to-ravenclaw-pods', 'Deny', 'egress', '    - pods:\n        podSelector:\n          matchLabels:\n            conformance-house: ravenclaw')}`
    + rule('deny-to-cedric-diggory-0', 'Deny', 'egress', '    - pods:\n        namespaceSelector:\n          matchLabels:\n            conformance-house: hufflepuff\n        podSelector:\n          matchLabels:\n            statefulset.kubernetes.io/pod-name: cedric-diggory-0')
    + `  ingress:\n${rule('deny-from-slytherin-pods', 'Deny', 'ingress', '    - pods:\n        podSelector:\n          matchLabels:\n            conformance-house: slytherin')}`
    + rule('deny-from-cedric-diggory-0', 'Deny', 'ingress', '    - pods:\n        namespaceSelector:\n          matchLabels:\n            conformance-house: hufflepuff\n        podSelector:\n          matchLabels:\n            statefulset.kubernetes.io/pod-name: cedric-diggory-0')),
  cnp('pod-name-subject-rules', 'Admin', 21, '    pods:\n      namespaceSelector:\n        matchLabels:\n          conformance-house: ravenclaw\n      podSelector:\n        matchLabels:\n          statefulset.kubernetes.io/pod-name: luna-lovegood-0',
    `  egress:\n${rule('deny-to-slytherin', 'Deny', 'egress', peerNamespace('slytherin'))}`),
];

const POD_SELECTOR: readonly Phase[] = [{
  what: 'Should select subjects and peers by pod labels, with and without a namespaceSelector', policies: POD_SELECTOR_POLICIES,
  probes: [
    { from: 'gryffindor/harry-potter-0', to: 'ravenclaw/luna-lovegood-1', protocol: 'tcp', port: 80, allowed: false },
    { from: 'gryffindor/harry-potter-0', to: 'hufflepuff/cedric-diggory-0', protocol: 'tcp', port: 80, allowed: false },
    { from: 'gryffindor/harry-potter-0', to: 'hufflepuff/cedric-diggory-1', protocol: 'tcp', port: 80, allowed: true },
    { from: 'slytherin/draco-malfoy-0', to: 'gryffindor/harry-potter-1', protocol: 'tcp', port: 80, allowed: false },
    { from: 'hufflepuff/cedric-diggory-0', to: 'gryffindor/harry-potter-1', protocol: 'tcp', port: 80, allowed: false },
    { from: 'hufflepuff/cedric-diggory-1', to: 'gryffindor/harry-potter-1', protocol: 'tcp', port: 80, allowed: true },
    { from: 'ravenclaw/luna-lovegood-0', to: 'slytherin/draco-malfoy-0', protocol: 'tcp', port: 80, allowed: false },
    { from: 'ravenclaw/luna-lovegood-1', to: 'slytherin/draco-malfoy-0', protocol: 'tcp', port: 80, allowed: true },
    { from: 'slytherin/draco-malfoy-1', to: 'hufflepuff/cedric-diggory-0', protocol: 'tcp', port: 80, allowed: true },
  ],
}];

/** base/admin_tier/standard-same-priority.yaml: three disjoint policies at priority 15 all apply. */
function samePriority(): string[] {
  const one = (name: string, subject: string, peer: string, port: number): string =>
    cnp(name, 'Admin', 15, subjectNamespace(subject), `  ingress:\n${rule(`deny-from-${peer}-at-port-${port}`, 'Deny', 'ingress', peerNamespace(peer), portOf('tcp', port))}  egress:\n${rule(`deny-to-${peer}-at-port-${port}`, 'Deny', 'egress', peerNamespace(peer), portOf('tcp', port))}`);
  return [one('same-priority-gryffindor-slytherin', 'gryffindor', 'slytherin', 80), one('same-priority-gryffindor-hufflepuff', 'gryffindor', 'hufflepuff', 80), one('same-priority-hufflepuff-slytherin', 'hufflepuff', 'slytherin', 8080)];
}

const SAME_PRIORITY: readonly Phase[] = [{
  what: 'Should apply every disjoint policy of the same priority', policies: samePriority(),
  probes: [
    { from: 'slytherin/draco-malfoy-0', to: 'gryffindor/harry-potter-0', protocol: 'tcp', port: 80, allowed: false },
    { from: 'hufflepuff/cedric-diggory-0', to: 'gryffindor/harry-potter-0', protocol: 'tcp', port: 80, allowed: false },
    { from: 'gryffindor/harry-potter-1', to: 'slytherin/draco-malfoy-1', protocol: 'tcp', port: 80, allowed: false },
    { from: 'gryffindor/harry-potter-1', to: 'hufflepuff/cedric-diggory-1', protocol: 'tcp', port: 80, allowed: false },
    { from: 'slytherin/draco-malfoy-0', to: 'hufflepuff/cedric-diggory-0', protocol: 'tcp', port: 8080, allowed: false },
    { from: 'hufflepuff/cedric-diggory-1', to: 'slytherin/draco-malfoy-1', protocol: 'tcp', port: 8080, allowed: false },
    { from: 'slytherin/draco-malfoy-0', to: 'gryffindor/harry-potter-0', protocol: 'tcp', port: 8080, allowed: true },
    { from: 'slytherin/draco-malfoy-0', to: 'hufflepuff/cedric-diggory-0', protocol: 'tcp', port: 80, allowed: true },
  ],
}];

/** kubernetes-sigs/network-policy-api#103: a policy with only ingress rules leaves the subject's egress alone. */
const INGRESS_ONLY: readonly Phase[] = [{
  what: 'An Admin CNP with only ingress rules must not affect the subject\'s egress',
  policies: [cnp('ingress-only', 'Admin', 5, subjectNamespace('gryffindor'), `  ingress:\n${rule('deny-all-ingress', 'Deny', 'ingress', '    - namespaces: {}')}`)],
  probes: [
    { from: 'slytherin/draco-malfoy-0', to: 'gryffindor/harry-potter-0', protocol: 'tcp', port: 80, allowed: false },
    { from: 'gryffindor/harry-potter-0', to: 'slytherin/draco-malfoy-0', protocol: 'tcp', port: 80, allowed: true },
    { from: 'gryffindor/harry-potter-1', to: 'ravenclaw/luna-lovegood-0', protocol: 'udp', port: 53, allowed: true },
  ],
}];

describe('upstream conformance, Admin tier', () => {
  const cases: readonly { short: string; manifest: string; phases: readonly Phase[] }[] = [
    { short: 'CNPAdminTierGress', manifest: 'standard-gress-rules-combined.yaml', phases: GRESS },
    { short: 'CNPAdminTierPriorityField', manifest: 'standard-priority-field.yaml', phases: PRIORITY },
    { short: 'CNPAdminTierIntegration', manifest: 'api_integration/standard-anp-np-banp.yaml', phases: INTEGRATION },
    { short: 'CNPAdminTierEgressInlineCIDRPeers', manifest: 'standard-egress-inline-cidr-rules.yaml', phases: INLINE_CIDR },
    { short: 'CNPAdminTierPortRange', manifest: 'standard-port-range-rules-combined.yaml', phases: PORT_RANGE },
    { short: 'CNPAdminTierPodSelector', manifest: 'standard-pod-selector-rules.yaml', phases: POD_SELECTOR },
    { short: 'CNPAdminTierSamePriority', manifest: 'standard-same-priority.yaml', phases: SAME_PRIORITY },
    { short: 'CNPAdminTierIngressRulesEgressUnaffected', manifest: '(inline, issue #103)', phases: INGRESS_ONLY },
  ];
  it.each(cases)('$short ($manifest)', ({ phases }) => {
    runPhases(phases);
  });
});
