/**
 * Every input the API server would reject is rejected with `file:line: path: message`,
 * located at the offending field (not the document), and all errors come together.
 */
import { describe, expect, it } from 'vitest';
import { loadCluster } from '../../src/model/load.js';
import { errorLines, policyDoc } from './helpers.js';

const pod = (name: string, extra = ''): string =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: dev\n${extra}`;

interface Case {
  readonly what: string;
  readonly text: string;
  readonly expected: readonly string[];
}

const cases: readonly Case[] = [
  {
    what: 'malformed YAML, at the parser line',
    text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: [a, b\n',
    expected: ['in.yaml:5: malformed YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'],
  },
  {
    what: 'missing metadata.name',
    text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  labels:\n    app: x\n',
    expected: ['in.yaml:3: metadata.name: required field is missing; expected the object name'],
  },
  {
    what: 'a name that is not DNS-1123',
    text: pod('Web_Server'),
    expected: [
      'in.yaml:4: metadata.name: "Web_Server" is not a valid DNS-1123 subdomain: expected at most 253 lowercase letters, digits, \'-\' and \'.\', each part starting and ending with a letter or digit',
    ],
  },
  {
    what: 'an invalid namespace name',
    text: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: dev.team\n',
    expected: [
      'in.yaml:4: metadata.name: "dev.team" is not a valid DNS-1123 label: expected at most 63 lowercase letters, digits and \'-\', starting and ending with a letter or digit',
    ],
  },
  {
    what: 'an invalid label key',
    text: pod('a', '') .replace('namespace: dev\n', 'namespace: dev\n  labels:\n    app: a\n    -bad/key: x\n'),
    expected: [
      'in.yaml:8: metadata.labels.-bad/key: label key "-bad/key" is not valid: expected an optional DNS subdomain prefix and \'/\', then a name of at most 63 characters [A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?',
    ],
  },
  {
    what: 'a label value too long',
    text: pod('a').replace('namespace: dev\n', `namespace: dev\n  labels:\n    app: ${'x'.repeat(64)}\n`),
    expected: [`in.yaml:7: metadata.labels.app: label value "${'x'.repeat(64)}" is not valid: expected at most 63 characters [A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])? or empty`],
  },
  {
    what: 'a label value that is a number',
    text: pod('a').replace('namespace: dev\n', 'namespace: dev\n  labels:\n    tier: 1\n'),
    expected: ['in.yaml:7: metadata.labels.tier: expected a string, got the number 1 (quote it)'],
  },
  {
    what: 'an unknown selector operator',
    text: policyDoc('  podSelector:\n    matchExpressions:\n    - key: app\n      operator: Equals\n      values: [a]\n'),
    expected: ['in.yaml:9: spec.podSelector.matchExpressions[0].operator: "Equals" is not a valid operator: expected one of In, NotIn, Exists, DoesNotExist'],
  },
  {
    what: 'In without values',
    text: policyDoc('  podSelector:\n    matchExpressions:\n    - key: app\n      operator: In\n'),
    expected: ['in.yaml:8: spec.podSelector.matchExpressions[0].values: operator In needs a non-empty values list'],
  },
  {
    what: 'Exists with values',
    text: policyDoc('  podSelector:\n    matchExpressions:\n    - key: app\n      operator: Exists\n      values: [a]\n'),
    expected: ['in.yaml:10: spec.podSelector.matchExpressions[0].values: operator Exists must not have values'],
  },
  {
    what: 'a port above 65535',
    text: policyDoc('  podSelector: {}\n  ingress:\n  - ports:\n    - port: 70000\n'),
    expected: ['in.yaml:9: spec.ingress[0].ports[0].port: 70000 is not a valid port number: expected 1-65535'],
  },
  {
    what: 'port 0',
    text: policyDoc('  podSelector: {}\n  egress:\n  - ports:\n    - protocol: UDP\n      port: 0\n'),
    expected: ['in.yaml:10: spec.egress[0].ports[0].port: 0 is not a valid port number: expected 1-65535'],
  },
  {
    what: 'endPort below port',
    text: policyDoc('  podSelector: {}\n  ingress:\n  - ports:\n    - port: 8080\n      endPort: 8000\n'),
    expected: ['in.yaml:10: spec.ingress[0].ports[0].endPort: endPort 8000 is below port 8080: expected a value >= port'],
  },
  {
    what: 'endPort with a named port',
    text: policyDoc('  podSelector: {}\n  ingress:\n  - ports:\n    - port: http\n      endPort: 90\n'),
    expected: ['in.yaml:10: spec.ingress[0].ports[0].endPort: endPort cannot be used with the named port "http"'],
  },
  {
    what: 'endPort without port',
    text: policyDoc('  podSelector: {}\n  ingress:\n  - ports:\n    - endPort: 90\n'),
    expected: ['in.yaml:9: spec.ingress[0].ports[0].endPort: endPort requires a numeric port'],
  },
  {
    what: 'a named port that is not an IANA_SVC_NAME',
    text: policyDoc('  podSelector: {}\n  ingress:\n  - ports:\n    - port: Web_Port\n'),
    expected: [
      'in.yaml:9: spec.ingress[0].ports[0].port: "Web_Port" is not a valid port name: expected an IANA_SVC_NAME (at most 15 lowercase letters, digits and \'-\', with at least one letter)',
    ],
  },
  {
    what: 'a quoted numeric port (a string without letters)',
    text: policyDoc('  podSelector: {}\n  ingress:\n  - ports:\n    - port: "80"\n'),
    expected: [
      'in.yaml:9: spec.ingress[0].ports[0].port: "80" is not a valid port name: expected an IANA_SVC_NAME (at most 15 lowercase letters, digits and \'-\', with at least one letter)',
    ],
  },
  {
    what: 'an unknown protocol',
    text: policyDoc('  podSelector: {}\n  ingress:\n  - ports:\n    - protocol: ICMP\n'),
    expected: ['in.yaml:9: spec.ingress[0].ports[0].protocol: unsupported protocol "ICMP": expected one of TCP, UDP, SCTP'],
  },
  {
    what: 'an invalid CIDR (the example of the design)',
    text: [
      'apiVersion: networking.k8s.io/v1',
      'kind: NetworkPolicy',
      'metadata:',
      '  name: p',
      '  namespace: dev',
      'spec:',
      '  podSelector: {}',
      '  ingress:',
      '  - from:',
      '    - podSelector:',
      '        matchLabels:',
      '          app: a',
      '    - ipBlock:',
      '        cidr: 10.0.0.0/33',
      '',
    ].join('\n'),
    expected: ['in.yaml:14: spec.ingress[0].from[1].ipBlock.cidr: "10.0.0.0/33" is not a valid CIDR'],
  },
  {
    what: 'an except outside its cidr',
    text: policyDoc('  podSelector: {}\n  egress:\n  - to:\n    - ipBlock:\n        cidr: 10.0.0.0/16\n        except:\n        - 10.1.0.0/24\n'),
    expected: ['in.yaml:12: spec.egress[0].to[0].ipBlock.except[0]: "10.1.0.0/24" must be strictly inside cidr "10.0.0.0/16"'],
  },
  {
    what: 'an except equal to its cidr (not strictly inside)',
    text: policyDoc('  podSelector: {}\n  egress:\n  - to:\n    - ipBlock:\n        cidr: 10.0.0.0/16\n        except: [10.0.0.0/16]\n'),
    expected: ['in.yaml:11: spec.egress[0].to[0].ipBlock.except[0]: "10.0.0.0/16" must be strictly inside cidr "10.0.0.0/16"'],
  },
  {
    what: 'a peer with both ipBlock and a selector',
    text: policyDoc('  podSelector: {}\n  ingress:\n  - from:\n    - ipBlock:\n        cidr: 10.0.0.0/8\n      podSelector: {}\n'),
    expected: ['in.yaml:9: spec.ingress[0].from[0]: a peer may name either ipBlock or podSelector/namespaceSelector, not both (write them as two list entries)'],
  },
  {
    what: 'an unknown policyTypes value',
    text: policyDoc('  podSelector: {}\n  policyTypes:\n  - ingress\n'),
    expected: ['in.yaml:8: spec.policyTypes[0]: "ingress" is not a valid policy type: expected Ingress or Egress'],
  },
  {
    what: 'a mapping where a list is expected',
    text: policyDoc('  podSelector: {}\n  ingress:\n    from: []\n'),
    expected: ['in.yaml:7: spec.ingress: expected a list, got a mapping'],
  },
  {
    what: 'a string where a list is expected',
    text: policyDoc('  podSelector: {}\n  policyTypes: Ingress\n'),
    expected: ['in.yaml:7: spec.policyTypes: expected a list, got the string "Ingress"'],
  },
  {
    what: 'a field name that is not a plain key, reported once',
    text: policyDoc('  podSelector: {}\n  ? [a, b]\n  : x\n'),
    expected: ['in.yaml:7: spec: expected a field name (a plain string key)'],
  },
  {
    what: 'a missing podSelector',
    text: policyDoc('  policyTypes: [Ingress]\n'),
    expected: ['in.yaml:5: spec.podSelector: required field is missing; expected a label selector ({} selects every pod of the namespace)'],
  },
  {
    what: 'a NetworkPolicy with a removed apiVersion',
    text: policyDoc('  podSelector: {}\n').replace('networking.k8s.io/v1', 'extensions/v1beta1'),
    expected: ['in.yaml:1: apiVersion: "extensions/v1beta1" is not served for kind NetworkPolicy: expected "networking.k8s.io/v1"'],
  },
  {
    what: 'a document without kind',
    text: 'apiVersion: v1\nmetadata:\n  name: x\n',
    expected: ['in.yaml:1: kind: required field is missing; expected the object kind, e.g. Pod or NetworkPolicy'],
  },
  {
    what: 'an invalid pod IP',
    text: pod('a', 'status:\n  podIP: 10.47.255.300\n'),
    expected: ['in.yaml:7: status.podIP: "10.47.255.300" is not a valid IP address'],
  },
  {
    what: 'a container port out of range',
    text: pod('a', 'spec:\n  containers:\n  - name: c\n    ports:\n    - containerPort: 0\n'),
    expected: ['in.yaml:10: spec.containers[0].ports[0].containerPort: 0 is not a valid port number: expected 1-65535'],
  },
  {
    what: 'a duplicate object, naming both places',
    text: `${pod('a')}---\n${pod('a')}`,
    expected: ['in.yaml:7: Pod dev/a is defined twice: here and at in.yaml:1'],
  },
  {
    what: 'a duplicate pod IP',
    text: `${pod('a', 'status:\n  podIP: 10.47.255.232\n')}---\n${pod('b', 'status:\n  podIP: 10.47.255.232\n')}`,
    expected: ['in.yaml:15: status.podIP: 10.47.255.232 is already the IP of pod dev/a (in.yaml:7)'],
  },
  {
    what: 'a pod IP equal to a node InternalIP',
    text: pod('a', 'status:\n  podIP: 10.169.25.20\n'),
    expected: ['in.yaml:7: status.podIP: 10.169.25.20 is already the InternalIP of node cent222'],
  },
];

describe('rejected inputs', () => {
  it.each(cases)('$what', ({ text, expected }) => {
    expect(errorLines(text)).toEqual(expected);
  });
});

describe('error collection', () => {
  it('reports every error of every file at once, in file then line order', () => {
    const bad1 = policyDoc('  podSelector: {}\n  policyTypes: [Sideways]\n  ingress:\n  - ports:\n    - port: 99999\n');
    const bad2 = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: UPPER\n';
    let lines: string[] = [];
    try {
      loadCluster([
        { file: 'b.yaml', text: bad2 },
        { file: 'a.yaml', text: bad1 },
      ]);
    } catch (e) {
      lines = String((e as Error).message).split('\n');
    }
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^b\.yaml:4: metadata\.name: "UPPER"/);
    expect(lines[1]).toMatch(/^a\.yaml:7: spec\.policyTypes\[0\]: "Sideways"/);
    expect(lines[2]).toMatch(/^a\.yaml:10: spec\.ingress\[0\]\.ports\[0\]\.port: 99999/);
  });
});
