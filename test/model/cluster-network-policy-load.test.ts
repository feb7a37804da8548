/**
 * ClusterNetworkPolicy loading: what the CRD schema and its CEL rules refuse is refused with
 * `file:line: path: message` at the offending field; unknown fields warn with a suggestion;
 * the deprecated v1alpha1 kinds load as the tier they became, with one warning each.
 * (config/crd/experimental/policy.networking.k8s.io_clusternetworkpolicies.yaml, v0.2.0)
 */
import { describe, expect, it } from 'vitest';
import { errorLines, load, warningLines } from './helpers.js';

/** A ClusterNetworkPolicy whose spec body starts on line 6. */
const cnp = (spec: string, name = 'c'): string =>
  `apiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\nmetadata:\n  name: ${name}\nspec:\n${spec}`;
const head = 'tier: Admin\npriority: 10\nsubject:\n  namespaces: {}\n';
const indent = (text: string): string => text.split('\n').map((l) => (l === '' ? l : `  ${l}`)).join('\n');
const withRules = (rules: string): string => cnp(indent(head + rules));

describe('ClusterNetworkPolicy: a valid policy loads', () => {
  it('reads tier, priority, subject, rules, peers and protocols', () => {
    const text = withRules(
      'ingress:\n- name: deny-monitoring\n  action: Deny\n  from:\n  - pods:\n      namespaceSelector:\n        matchLabels: {team: mon}\n      podSelector: {}\n  protocols:\n  - tcp:\n      destinationPort:\n        number: 80\n  - udp:\n      destinationPort:\n        range: {start: 5000, end: 6000}\n  - destinationNamedPort: http\n' +
        'egress:\n- action: Accept\n  to:\n  - networks: [10.0.0.0/8, "fd00::/8"]\n  - nodes: {matchLabels: {role: infra}}\n',
    );
    const { cluster, warnings } = load(text);
    expect(warnings).toEqual([]);
    const [policy] = cluster.clusterPolicies ?? [];
    expect(policy).toMatchObject({ name: 'c', origin: 'ClusterNetworkPolicy', tier: 'Admin', priority: 10, subject: { kind: 'namespaces' } });
    expect(policy?.ingress[0]).toMatchObject({ name: 'deny-monitoring', action: 'Deny', peers: [{ kind: 'pods', namespaceSelector: { matchLabels: { team: 'mon' } } }] });
    expect(policy?.ingress[0]?.ports.map((p) => (p.kind === 'named' ? p.name : `${p.protocol}/${p.low}-${p.high}`))).toEqual(['TCP/80-80', 'UDP/5000-6000', 'http']);
    expect(policy?.egress[0]?.peers.map((p) => p.kind)).toEqual(['networks', 'nodes']);
  });

  it('accepts v1beta1 (same schema) and the List form', () => {
    const text = `apiVersion: policy.networking.k8s.io/v1beta1\nkind: ClusterNetworkPolicyList\nitems:\n- apiVersion: policy.networking.k8s.io/v1beta1\n  kind: ClusterNetworkPolicy\n  metadata: {name: a}\n  spec: {tier: Baseline, priority: 0, subject: {namespaces: {}}}\n`;
    expect(load(text).cluster.clusterPolicies?.map((p) => `${p.tier}/${p.name}`)).toEqual(['Baseline/a']);
  });
});

interface Case {
  readonly what: string;
  readonly text: string;
  readonly expected: readonly string[];
}

const errors: readonly Case[] = [
  { what: 'tier is required', text: cnp('  priority: 1\n  subject: {namespaces: {}}\n'), expected: ['in.yaml:5: spec.tier: required field is missing; expected Admin or Baseline'] },
  { what: 'tier enum', text: cnp('  tier: Developer\n  priority: 1\n  subject: {namespaces: {}}\n'), expected: ['in.yaml:6: spec.tier: "Developer" is not a valid tier: expected Admin or Baseline'] },
  { what: 'priority above 1000', text: cnp('  tier: Admin\n  priority: 1001\n  subject: {namespaces: {}}\n'), expected: ['in.yaml:7: spec.priority: 1001 is out of range: expected 0-1000'] },
  { what: 'priority below 0', text: cnp('  tier: Admin\n  priority: -1\n  subject: {namespaces: {}}\n'), expected: ['in.yaml:7: spec.priority: -1 is out of range: expected 0-1000'] },
  { what: 'priority is required', text: cnp('  tier: Admin\n  subject: {namespaces: {}}\n'), expected: ['in.yaml:5: spec.priority: required field is missing; expected an integer 0-1000 (lower is evaluated first)'] },
  { what: 'subject is required', text: cnp('  tier: Admin\n  priority: 1\n'), expected: ['in.yaml:5: spec.subject: required field is missing; expected namespaces or pods (the pods this policy applies to)'] },
  {
    what: 'subject sets both fields',
    text: cnp('  tier: Admin\n  priority: 1\n  subject:\n    namespaces: {}\n    pods: {podSelector: {}}\n'),
    expected: ['in.yaml:8: spec.subject: exactly one of namespaces or pods must be set, found namespaces and pods'],
  },
  { what: 'subject sets nothing', text: cnp('  tier: Admin\n  priority: 1\n  subject: {}\n'), expected: ['in.yaml:8: spec.subject: exactly one of namespaces or pods must be set, found none'] },
  { what: 'pods needs podSelector', text: cnp('  tier: Admin\n  priority: 1\n  subject:\n    pods:\n      namespaceSelector: {}\n'), expected: ['in.yaml:9: spec.subject.pods.podSelector: required field is missing; expected a label selector ({} selects every pod of the selected namespaces)'] },
  { what: 'action is required', text: withRules('ingress:\n- from:\n  - namespaces: {}\n'), expected: ['in.yaml:11: spec.ingress[0].action: required field is missing; expected one of Accept, Deny, Pass'] },
  { what: 'action enum (Allow is v1alpha1)', text: withRules('ingress:\n- action: Allow\n  from:\n  - namespaces: {}\n'), expected: ['in.yaml:11: spec.ingress[0].action: "Allow" is not a valid action: expected one of Accept, Deny, Pass'] },
  { what: 'from is required', text: withRules('ingress:\n- action: Deny\n'), expected: ['in.yaml:11: spec.ingress[0].from: required field is missing; expected a list of 1 to 25 peers'] },
  { what: 'from needs a peer', text: withRules('ingress:\n- action: Deny\n  from: []\n'), expected: ['in.yaml:12: spec.ingress[0].from: expected at least 1 peer'] },
  {
    what: 'at most 25 peers',
    text: withRules(`egress:\n- action: Deny\n  to:\n${'  - namespaces: {}\n'.repeat(26)}`),
    expected: ['in.yaml:12: spec.egress[0].to: 26 peers: at most 25 are allowed'],
  },
  {
    what: 'at most 25 rules',
    text: withRules(`ingress:\n${'- action: Deny\n  from: [{namespaces: {}}]\n'.repeat(26)}`),
    expected: ['in.yaml:10: spec.ingress: 26 rules: at most 25 are allowed'],
  },
  { what: 'rule name at most 100 characters', text: withRules(`ingress:\n- name: ${'n'.repeat(101)}\n  action: Deny\n  from: [{namespaces: {}}]\n`), expected: ['in.yaml:11: spec.ingress[0].name: 101 characters: at most 100 are allowed'] },
  { what: 'a peer with two fields', text: withRules('egress:\n- action: Deny\n  to:\n  - namespaces: {}\n    networks: [10.0.0.0/8]\n'), expected: ['in.yaml:13: spec.egress[0].to[0]: exactly one of namespaces, pods, nodes, networks or domainNames must be set, found namespaces and networks'] },
  { what: 'an empty peer', text: withRules('egress:\n- action: Deny\n  to:\n  - {}\n'), expected: ['in.yaml:13: spec.egress[0].to[0]: exactly one of namespaces, pods, nodes, networks or domainNames must be set, found none'] },
  { what: 'networks in an ingress peer', text: withRules('ingress:\n- action: Deny\n  from:\n  - networks: [10.0.0.0/8]\n'), expected: ['in.yaml:13: spec.ingress[0].from[0].networks: networks peers are only allowed in egress rules (ingress peers are namespaces or pods)'] },
  { what: 'an invalid CIDR', text: withRules('egress:\n- action: Deny\n  to:\n  - networks: [10.0.0.0/33]\n'), expected: ['in.yaml:13: spec.egress[0].to[0].networks[0]: "10.0.0.0/33" is not a valid CIDR (Invalid CIDR format provided)'] },
  { what: 'networks is a set', text: withRules('egress:\n- action: Deny\n  to:\n  - networks: [10.0.0.0/8, 10.0.0.0/8]\n'), expected: ['in.yaml:13: spec.egress[0].to[0].networks[1]: duplicate value "10.0.0.0/8" (the list is a set)'] },
  { what: 'an invalid domain name', text: withRules('egress:\n- action: Accept\n  to:\n  - domainNames: ["www.*.io"]\n'), expected: ['in.yaml:13: spec.egress[0].to[0].domainNames[0]: "www.*.io" is not a valid domain name: expected e.g. kubernetes.io or *.kubernetes.io (\'*\' only as a whole first label)'] },
  { what: 'protocols entry with two protocols', text: withRules('ingress:\n- action: Deny\n  from: [{namespaces: {}}]\n  protocols:\n  - tcp: {destinationPort: {number: 80}}\n    udp: {destinationPort: {number: 53}}\n'), expected: ['in.yaml:14: spec.ingress[0].protocols[0]: exactly one of tcp, udp, sctp or destinationNamedPort must be set, found tcp and udp'] },
  { what: 'tcp without destinationPort', text: withRules('ingress:\n- action: Deny\n  from: [{namespaces: {}}]\n  protocols:\n  - tcp: {}\n'), expected: ['in.yaml:14: spec.ingress[0].protocols[0].tcp.destinationPort: required field is missing; expected number or range (to match every port, leave the protocols entry out)'] },
  { what: 'destinationPort with number and range', text: withRules('ingress:\n- action: Deny\n  from: [{namespaces: {}}]\n  protocols:\n  - tcp:\n      destinationPort: {number: 80, range: {start: 1, end: 2}}\n'), expected: ['in.yaml:15: spec.ingress[0].protocols[0].tcp.destinationPort: exactly one of number or range must be set, found number and range'] },
  { what: 'port 0', text: withRules('ingress:\n- action: Deny\n  from: [{namespaces: {}}]\n  protocols:\n  - udp:\n      destinationPort:\n        number: 0\n'), expected: ['in.yaml:16: spec.ingress[0].protocols[0].udp.destinationPort.number: 0 is not a valid port number: expected 1-65535'] },
  { what: 'range start must be below end', text: withRules('ingress:\n- action: Deny\n  from: [{namespaces: {}}]\n  protocols:\n  - sctp:\n      destinationPort:\n        range:\n          start: 90\n          end: 90\n'), expected: ['in.yaml:16: spec.ingress[0].protocols[0].sctp.destinationPort.range: Start port must be less than End port (start 90, end 90)'] },
  { what: 'protocols needs an entry', text: withRules('ingress:\n- action: Deny\n  from: [{namespaces: {}}]\n  protocols: []\n'), expected: ['in.yaml:13: spec.ingress[0].protocols: expected at least 1 entry (leave the field out to match every protocol and port)'] },
  {
    what: 'CEL: named port with a networks peer',
    text: withRules('egress:\n- action: Deny\n  to:\n  - networks: [10.0.0.0/8]\n  protocols:\n  - destinationNamedPort: http\n'),
    expected: ['in.yaml:11: spec.egress[0]: networks/nodes/domainNames peer cannot be set with namedPorts since there are no namedPorts for networks/nodes/domainNames'],
  },
  { what: 'an invalid named port', text: withRules('ingress:\n- action: Deny\n  from: [{namespaces: {}}]\n  protocols:\n  - destinationNamedPort: HTTP_80\n'), expected: ['in.yaml:14: spec.ingress[0].protocols[0].destinationNamedPort: "HTTP_80" is not a valid port name: expected an IANA_SVC_NAME (at most 15 lowercase letters, digits and \'-\', with at least one letter)'] },
  { what: 'wrong apiVersion', text: cnp(indent(head)).replace('v1alpha2', 'v1'), expected: ['in.yaml:1: apiVersion: "policy.networking.k8s.io/v1" is not served for kind ClusterNetworkPolicy: expected "policy.networking.k8s.io/v1alpha2" or "policy.networking.k8s.io/v1beta1"'] },
  {
    what: 'BaselineAdminNetworkPolicy must be named default',
    text: 'apiVersion: policy.networking.k8s.io/v1alpha1\nkind: BaselineAdminNetworkPolicy\nmetadata:\n  name: base\nspec:\n  subject: {namespaces: {}}\n',
    expected: ['in.yaml:4: metadata.name: "base": only one baseline admin network policy with metadata.name="default" can be created in the cluster'],
  },
  {
    what: 'BANP has no Pass',
    text: 'apiVersion: policy.networking.k8s.io/v1alpha1\nkind: BaselineAdminNetworkPolicy\nmetadata:\n  name: default\nspec:\n  subject: {namespaces: {}}\n  ingress:\n  - action: Pass\n    from: [{namespaces: {}}]\n',
    expected: ['in.yaml:8: spec.ingress[0].action: "Pass" is not a valid action: expected one of Allow, Deny'],
  },
];

describe('ClusterNetworkPolicy: what the API server refuses is refused, located', () => {
  it.each(errors)('$what', ({ text, expected }) => {
    expect(errorLines(text)).toEqual(expected);
  });
});

describe('ClusterNetworkPolicy: warnings', () => {
  it('unknown fields warn with a suggestion', () => {
    expect(warningLines(withRules('ingres:\n- action: Deny\n  from: [{namespaces: {}}]\n'))).toEqual(['in.yaml:10: warning: unknown field "spec.ingres" (did you mean "spec.ingress"?)']);
    expect(warningLines(withRules('egress:\n- action: Deny\n  to: [{namespaces: {}}]\n  protocol:\n  - tcp: {destinationPort: {number: 1}}\n'))).toEqual([
      'in.yaml:13: warning: unknown field "spec.egress[0].protocol" (did you mean "spec.egress[0].protocols"?)',
    ]);
  });

  it('a peer with only unknown fields warns and fails closed', () => {
    const lines = warningLines(withRules('egress:\n- action: Deny\n  to:\n  - services: [{name: x}]\n'));
    expect(lines).toEqual([
      'in.yaml:13: warning: unknown field "spec.egress[0].to[0].services"',
      'in.yaml:13: warning: spec.egress[0].to[0]: peer sets none of namespaces, pods, nodes, networks, domainNames (only services): as the API requires, it fails closed — an Accept rule with it matches nothing, a Deny or Pass rule with it denies everything',
    ]);
  });

  it('same priority in one tier warns once, naming the order vrsim uses', () => {
    const a = cnp(indent(head), 'b-second');
    const b = cnp(indent(head), 'a-first');
    expect(warningLines(`${a}---\n${b}`)).toEqual([
      'in.yaml:1: warning: spec.priority: cnp/b-second has the same Admin priority 10 as cnp/a-first (in.yaml:11): the API leaves their order undefined; vrsim evaluates cnp/a-first first (by name)',
    ]);
  });

  it('AdminNetworkPolicy loads as the Admin tier with its priority, with one warning', () => {
    const text = 'apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata:\n  name: guard\nspec:\n  priority: 7\n  subject: {namespaces: {}}\n  ingress:\n  - action: Allow\n    from: [{namespaces: {}}]\n    ports:\n    - portNumber: {protocol: UDP, port: 53}\n    - portRange: {protocol: TCP, start: 8000, end: 9000}\n    - namedPort: dns\n';
    const { cluster, warnings } = load(text);
    expect(warnings.map((w) => w.message)).toEqual([
      'AdminNetworkPolicy guard (policy.networking.k8s.io/v1alpha1) is deprecated: network-policy-api v0.2.0 replaced it with ClusterNetworkPolicy; loaded as a ClusterNetworkPolicy of tier Admin, priority 7 (Allow read as Accept)',
    ]);
    const [policy] = cluster.clusterPolicies ?? [];
    expect(policy).toMatchObject({ origin: 'AdminNetworkPolicy', tier: 'Admin', priority: 7 });
    expect(policy?.ingress[0]?.action).toBe('Accept');
    expect(policy?.ingress[0]?.ports.map((p) => (p.kind === 'named' ? p.name : `${p.protocol}/${p.low}-${p.high}`))).toEqual(['UDP/53-53', 'TCP/8000-9000', 'dns']);
  });

  it('BaselineAdminNetworkPolicy loads as the Baseline tier', () => {
    const text = 'apiVersion: policy.networking.k8s.io/v1alpha1\nkind: BaselineAdminNetworkPolicy\nmetadata:\n  name: default\nspec:\n  subject: {namespaces: {}}\n  egress:\n  - action: Deny\n    to: [{networks: [0.0.0.0/0]}]\n';
    const { cluster, warnings } = load(text);
    expect(warnings).toHaveLength(1);
    expect(cluster.clusterPolicies?.[0]).toMatchObject({ origin: 'BaselineAdminNetworkPolicy', tier: 'Baseline', name: 'default' });
  });
});
