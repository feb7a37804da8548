/**
 * Lists and YAML as kubectl reads them: typed lists whose items carry no kind, nested and
 * empty lists, anchors/aliases/merge keys with source lines kept, YAML 1.1 scalars, strict
 * JSON for .json files, duplicate keys, kind typos, and files without objects.
 */
import { describe, expect, it } from 'vitest';
import { errorLines, load, warningLines } from './helpers.js';

const podList = `apiVersion: v1
kind: PodList
items:
- metadata: {name: a, namespace: dev, labels: {app: a}}
  status: {podIP: 10.47.0.1}
- metadata: {name: b, namespace: dev}
`;

describe('typed lists as the API server returns them', () => {
  it('a PodList whose items carry no kind or apiVersion loads its pods', () => {
    const { cluster, warnings } = load(podList);
    expect(warnings).toEqual([]);
    expect(cluster.pods.map((p) => [p.namespace, p.name, p.labels])).toEqual([
      ['dev', 'a', { app: 'a' }],
      ['dev', 'b', {}],
    ]);
  });

  it.each([
    ['NamespaceList', 'v1', '- metadata: {name: dev, labels: {team: x}}', (c: ReturnType<typeof load>['cluster']) => c.namespaces.map((n) => n.name)],
    ['NodeList', 'v1', '- metadata: {name: w1}\n  status: {addresses: [{type: InternalIP, address: 10.0.0.1}]}', (c: ReturnType<typeof load>['cluster']) => c.nodes.map((n) => n.name)],
    ['NetworkPolicyList', 'networking.k8s.io/v1', '- metadata: {name: deny}\n  spec: {podSelector: {}}', (c: ReturnType<typeof load>['cluster']) => c.policies.map((p) => p.name)],
  ])('a %s loads', (kind, apiVersion, items, names) => {
    const { cluster } = load(`apiVersion: ${apiVersion}\nkind: ${kind}\nitems:\n${items}\n`);
    expect(names(cluster).length).toBeGreaterThan(0);
  });

  it('items of a list of a kind not simulated are skipped with the one warning, not "kind missing"', () => {
    const text = `apiVersion: networking.k8s.io/v1\nkind: IngressList\nitems:\n- metadata: {name: web}\n---\n${podList}`;
    expect(warningLines(text)).toEqual(['in.yaml:4: warning: skipped 1 object of a kind not simulated: Ingress']);
  });

  it('a typed list item with a wrong list apiVersion is located', () => {
    expect(errorLines('apiVersion: v2\nkind: PodList\nitems:\n- metadata: {name: a}\n')).toEqual([
      'in.yaml:4: items[0].apiVersion: "v2" (from the list) is not served for kind Pod: expected "v1"',
    ]);
  });

  it('nested Lists are flattened and an empty List among objects is fine', () => {
    const text = `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: List\n  items:\n  - {apiVersion: v1, kind: Pod, metadata: {name: inner}}\n- apiVersion: v1\n  kind: List\n  items: []\n---\n${podList}`;
    const { cluster, warnings } = load(text);
    expect(warnings).toEqual([]);
    expect(cluster.pods.map((p) => p.name)).toEqual(['inner', 'a', 'b']);
  });
});

describe('files without objects', () => {
  it.each([
    ['an empty file', ''],
    ['only comments', '# nothing here\n---\n'],
    ['an empty List', 'apiVersion: v1\nkind: List\nitems: []\n'],
    ['a List with items: null', 'apiVersion: v1\nkind: List\nitems:\n'],
  ])('%s is an error like kubectl\'s', (_what, text) => {
    expect(errorLines(text)).toEqual([
      'in.yaml: no objects in this file (kubectl says "error: no objects passed to apply"); expected Namespaces, Pods, Nodes or NetworkPolicies',
    ]);
  });
});

describe('anchors, aliases and merge keys', () => {
  // Anchors are per document, so the pod and the policy share one List.
  const base = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Pod
  metadata:
    name: a
    labels: &l {app: web, tier: front}
- apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata: {name: p}
  spec:
    podSelector:
      matchLabels: *l
`;
  it('an alias resolves (matchLabels: *s)', () => {
    const { cluster } = load(base);
    expect(cluster.policies[0]?.podSelector.matchLabels).toEqual({ app: 'web', tier: 'front' });
  });

  it('a merge key brings the namespace and labels in; written keys win', () => {
    const merged = `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: &meta\n    name: a\n    namespace: dev\n    labels: {app: web, tier: x}\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    <<: *meta\n    name: b\n    labels: {app: api}\n`;
    const { cluster } = load(merged);
    expect(cluster.pods.map((p) => [p.namespace, p.name, p.labels])).toEqual([
      ['dev', 'a', { app: 'web', tier: 'x' }],
      ['dev', 'b', { app: 'api' }],
    ]);
  });

  it('anchors do not cross documents (as in YAML): a located error', () => {
    expect(errorLines('apiVersion: v1\nkind: Pod\nmetadata: &m {name: a}\n---\napiVersion: v1\nkind: Pod\nmetadata: *m\n')[0]).toMatch(/^in\.yaml:7: /);
  });

  it('a merge of a list of maps: earlier sources win', () => {
    const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  annotations:\n    one: &a {app: first}\n    two: &b {app: second, tier: t}\n  labels:\n    <<: [*a, *b]\n`;
    expect(load(text).cluster.pods[0]?.labels).toEqual({ app: 'first', tier: 't' });
  });

  it('an error inside an aliased value points at the anchor\'s line', () => {
    const text = base.replace('tier: front', 'tier: "bad value!"');
    expect(errorLines(text)).toEqual([
      expect.stringMatching(/^in\.yaml:8: items\[0\]\.metadata\.labels\.tier: label value "bad value!" is not valid/),
      expect.stringMatching(/^in\.yaml:8: items\[1\]\.spec\.podSelector\.matchLabels\.tier: label value "bad value!" is not valid/),
    ]);
  });

  it('an alias bomb stops at the bound with a located error', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    const lines2 = errorLines(`apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n${lines.join('\n')}\n`);
    expect(lines2).toEqual([expect.stringMatching(/^in\.yaml:\d+: .*copies more than 250000 nodes through its aliases/)]);
  });

  it('an alias inside its own anchor is a located error, not a stack overflow', () => {
    expect(errorLines('apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: &s {x: *s}\n')).toEqual([
      expect.stringMatching(/^in\.yaml:4: spec(\.x)+: nesting deeper than 100 levels \(through aliases\)/),
    ]);
  });
});

describe('nesting depth', () => {
  it.each([
    ['flow', (n: number) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  annotations: {x: ${'['.repeat(n)}${']'.repeat(n)}}\n`],
    ['block', (n: number) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  annotations:\n${Array.from({ length: n }, (_, i) => `${' '.repeat(4 + 2 * i)}k${i}:`).join('\n')} v\n`],
  ])('900 levels of %s nesting: a located error with the bound', (_what, make) => {
    const lines = errorLines(make(900));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^in\.yaml:\d+: nesting deeper than 100 levels; vrsim reads at most 100/);
    expect(lines[0]).not.toContain('call stack');
  });

  it('98 levels load', () => {
    expect(load(`apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  annotations: {x: ${'['.repeat(97)}${']'.repeat(97)}}\n`).cluster.pods).toHaveLength(1);
  });
});

describe('YAML 1.1 scalars, as kubectl (go-yaml v2) reads them', () => {
  it('hostNetwork: yes is true, like kubectl', () => {
    expect(load('apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {hostNetwork: yes}\nstatus: {podIP: 10.0.0.9}\n').cluster.pods[0]?.hostNetwork).toBe(true);
  });
  it('a label value `on` is a boolean and must be quoted', () => {
    expect(errorLines('apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  labels: {enabled: on}\n')).toEqual([
      'in.yaml:5: metadata.labels.enabled: expected a string, got the boolean true (quote it)',
    ]);
  });
  it('a containerPort written 0100 is octal 64 and 0080 is 80 (a float to Go), as in kubectl', () => {
    expect(load('apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {containers: [{name: c, ports: [{containerPort: 0100}, {containerPort: 0080}]}]}\n').cluster.pods[0]?.ports.map((p) => p.containerPort)).toEqual([64, 80]);
  });
  it('a time-like label value (10:30) stays a string', () => {
    expect(load('apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  labels: {at: 10-30, t: 1030}\n'.replace('t: 1030', 't: "1030"')).cluster.pods[0]?.labels).toEqual({ at: '10-30', t: '1030' });
  });
});

describe('strict JSON for .json files', () => {
  const good = '{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "metadata": {"name": "j"}\n}\n';
  it.each([
    ['a trailing comma in an object', good.replace('"j"}', '"j",}'), 4, 'a double-quoted field name (no trailing comma before "}")'],
    ['a trailing comma in a list', good.replace('"j"}', '"j", "x": [1,]}'), 4, 'a trailing comma before "]"'],
    ['single quotes', good.replace('"Pod"', "'Pod'"), 3, 'a single quote'],
    ['a comment', good.replace('{\n', '{\n  # c\n'), 2, '"#"'],
  ])('%s is refused with its line', (_what, text, line, reason) => {
    const lines = errorLines(text, 'pod.json');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^pod\\.json:${line}: not valid JSON`));
    expect(lines[0]).toContain(reason);
  });
  it('valid JSON loads', () => {
    expect(load(good, 'pod.json').cluster.pods).toHaveLength(1);
  });
});

describe('duplicate keys and exact paths', () => {
  it('a duplicate key names its own path and both lines', () => {
    expect(errorLines('apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  labels:\n    app: x\n    app: y\n')).toEqual([
      'in.yaml:7: metadata.labels.app: duplicate key "app" (first at line 6); the API server refuses it',
    ]);
  });
});

describe('kind typos', () => {
  it.each([
    ['pod', 'Pod'],
    ['Pods', 'Pod'],
    ['NetworkPolicies', 'NetworkPolicy'],
    ['networkpolicy', 'NetworkPolicy'],
    ['NetworkPolcy', 'NetworkPolicy'],
    ['namespace', 'Namespace'],
  ])('kind: %s is an error suggesting %s', (kind, guess) => {
    expect(errorLines(`apiVersion: v1\nkind: ${kind}\nmetadata: {name: a}\n`)).toEqual([
      `in.yaml:2: kind: "${kind}" is not a kind vrsim knows (did you mean "${guess}"? kinds are case-sensitive and singular)`,
    ]);
  });
  it('a real other kind (Ingress, a CRD) is skipped with a warning', () => {
    expect(warningLines(`apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: a}\n---\n${podList}`)[0]).toContain('skipped 1 object of a kind not simulated: Ingress');
  });
});

describe('values in messages are cut', () => {
  it('a 1 MB label value is quoted to 80 characters', () => {
    const lines = errorLines(`apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  labels: {app: ${'x'.repeat(1_000_000)}}\n`);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.length).toBeLessThan(500);
    expect(lines[0]).toContain('(999920 more characters)');
  });
  it('a binary file (NUL bytes, as /proc/self/environ) is refused without echoing it', () => {
    const lines = errorLines('SECRET=hunter2\u0000PATH=/bin\u0000');
    expect(lines).toEqual(['in.yaml:1: not a text file: it holds NUL bytes (expected YAML or JSON manifests)']);
  });
});
