/**
 * Loading: kubectl List dumps, JSON, IPv6, skipped kinds, unknown-field warnings, the
 * policyTypes defaulting and the deterministic defaults for hand-written lab files.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCluster } from '../../src/model/load.js';
import { formatDiagnostic } from '../../src/model/diagnostics.js';
import { load, policyDoc, warningLines } from './helpers.js';

const fixture = (name: string): { file: string; text: string } => {
  const file = `test/fixtures/manifests/${name}`;
  return { file, text: readFileSync(file, 'utf8') };
};

describe('kubectl get -o yaml dumps', () => {
  it('loads a PodList with managedFields, ownerReferences and status without any warning', () => {
    const { cluster, warnings } = loadCluster([fixture('kubectl-get-pods.yaml')]);
    expect(warnings).toEqual([]);
    expect(cluster.pods.map((p) => [p.namespace, p.name, p.nodeName, p.ips, p.hostNetwork])).toEqual([
      ['dev', 'client', 'cent222', ['10.47.255.237'], false],
      ['dev', 'webserver-5d8d6b9c7-x7k2p', 'cent333', ['10.47.255.238'], false],
      ['kube-system', 'kube-proxy-4xq8z', 'cent222', ['10.169.25.20'], true],
    ]);
    const web = cluster.pods[1];
    expect(web?.labels).toEqual({ app: 'webserver', 'pod-template-hash': '5d8d6b9c7' });
    expect(web?.ports).toEqual([
      { name: 'http', containerPort: 80, protocol: 'TCP' },
      { name: 'metrics', containerPort: 9090, protocol: 'TCP' },
    ]);
    expect(web?.source).toEqual({ file: 'test/fixtures/manifests/kubectl-get-pods.yaml', line: 3 });
    // Namespaces without a Namespace object are created with only the automatic label.
    expect(cluster.namespaces.map((n) => [n.name, n.labels])).toEqual([
      ['dev', { 'kubernetes.io/metadata.name': 'dev' }],
      ['kube-system', { 'kubernetes.io/metadata.name': 'kube-system' }],
    ]);
  });

  it('loads a NodeList keeping only InternalIP addresses, IPv4 first, nodes sorted by name', () => {
    const { cluster, warnings } = loadCluster([fixture('kubectl-get-nodes.yaml')]);
    expect(warnings).toEqual([]);
    expect(cluster.nodes.map((n) => [n.name, n.internalIPs])).toEqual([
      ['worker-a', ['192.168.10.11']],
      ['worker-b', ['192.168.10.12', 'fd00:10::12']],
    ]);
  });

  it('reads JSON with line numbers', () => {
    const json = '{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "metadata": {"name": "j", "labels": {"app": "j"}},\n  "status": {"podIP": "10.47.0.9"}\n}\n';
    expect(load(json, 'pod.json').cluster.pods[0]?.ips).toEqual(['10.47.0.9']);
    const bad = json.replace('"10.47.0.9"', '"10.47.0"');
    expect(() => load(bad, 'pod.json')).toThrow('pod.json:5: status.podIP: "10.47.0" is not a valid IP address');
  });
});

describe('IPv6', () => {
  it('keeps dual-stack podIPs canonical, IPv4 first', () => {
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: dual, namespace: dev}',
      'spec: {nodeName: cent222}',
      'status:',
      '  podIP: FD00:0:0::0A',
      '  podIPs:',
      '  - ip: FD00:0:0::0A',
      '  - ip: 10.47.255.200',
      '',
    ].join('\n');
    expect(load(text).cluster.pods[0]?.ips).toEqual(['10.47.255.200', 'fd00::a']);
  });

  it('rejects two addresses of the same family and a podIP that disagrees with podIPs[0]', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nstatus:\n  podIP: 10.0.0.9\n  podIPs:\n  - ip: 10.0.0.1\n  - ip: 10.0.0.2\n';
    expect(() => load(text)).toThrow(
      [
        'in.yaml:5: status.podIP: "10.0.0.9" must equal status.podIPs[0].ip ("10.0.0.1")',
        'in.yaml:8: status.podIPs[1].ip: a pod has at most one IPv4 address; 10.0.0.1 is already listed',
      ].join('\n'),
    );
  });
});

describe('skipped kinds', () => {
  it('warns once per file naming the kinds it skipped', () => {
    const text = [
      'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\n',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web}\n',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n',
      'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: other}\n',
    ].join('---\n');
    const { cluster, warnings } = load(text, 'app.yaml');
    expect(warnings.map(formatDiagnostic)).toEqual(['app.yaml:1: warning: skipped 3 objects of kinds not simulated: ConfigMap, Ingress']);
    expect(cluster.pods.map((p) => p.name)).toEqual(['p']);
  });
});

describe('unknown fields', () => {
  it('warns about the book tryout typo with a suggestion, at its line', () => {
    const text = readFileSync('scenarios/book-ch8/manifests/variants/policy2-tryout.yaml', 'utf8');
    const { cluster, warnings } = load(text, 'policy2-tryout.yaml');
    expect(warnings.map((w) => w.message)).toEqual(['unknown field "spec.engress" (did you mean "spec.egress"?)']);
    expect(warnings.map(formatDiagnostic)).toEqual(['policy2-tryout.yaml:20: warning: unknown field "spec.engress" (did you mean "spec.egress"?)']);
    expect(cluster.policies[0]?.policyTypes).toEqual(['Ingress']);
  });

  it.each([
    ['top level', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nstatsu: {}\n', 'in.yaml:4: warning: unknown field "statsu" (did you mean "status"?)'],
    ['rule', policyDoc('  podSelector: {}\n  ingress:\n  - form: []\n'), 'in.yaml:8: warning: unknown field "spec.ingress[0].form" (did you mean "spec.ingress[0].from"?)'],
    ['peer', policyDoc('  podSelector: {}\n  ingress:\n  - from:\n    - podselector: {}\n      ipBlock: {cidr: 10.0.0.0/8}\n'), 'in.yaml:9: warning: unknown field "spec.ingress[0].from[0].podselector" (did you mean "spec.ingress[0].from[0].podSelector"?)'],
    ['port', policyDoc('  podSelector: {}\n  ingress:\n  - ports:\n    - prot: 80\n'), 'in.yaml:9: warning: unknown field "spec.ingress[0].ports[0].prot" (did you mean "spec.ingress[0].ports[0].port"?)'],
    ['far from anything', policyDoc('  podSelector: {}\n  colour: blue\n'), 'in.yaml:7: warning: unknown field "spec.colour"'],
  ])('in a %s', (_where, text, expected) => {
    expect(warningLines(text)).toEqual([expected]);
  });
});

describe('strict mode', () => {
  it('turns warnings into errors', () => {
    const text = policyDoc('  podSelector: {}\n  engress: []\n');
    expect(load(text).warnings).toHaveLength(1);
    expect(() => loadCluster([{ file: 'in.yaml', text }], { strict: true })).toThrow('in.yaml:7: unknown field "spec.engress" (did you mean "spec.egress"?)');
  });
});

describe('policyTypes defaulting (as the API server)', () => {
  it.each([
    ['no types, no rules', '  podSelector: {}\n', ['Ingress'], false],
    ['no types, ingress rules', '  podSelector: {}\n  ingress:\n  - {}\n', ['Ingress'], false],
    ['no types, egress rules', '  podSelector: {}\n  egress:\n  - {}\n', ['Ingress', 'Egress'], false],
    ['no types, empty egress list', '  podSelector: {}\n  egress: []\n', ['Ingress'], false],
    ['explicit Egress only', '  podSelector: {}\n  policyTypes: [Egress]\n', ['Egress'], true],
    ['explicit both, written backwards', '  podSelector: {}\n  policyTypes: [Egress, Ingress]\n', ['Ingress', 'Egress'], true],
    ['explicit empty list', '  podSelector: {}\n  policyTypes: []\n  egress:\n  - {}\n', ['Ingress', 'Egress'], false],
  ])('%s', (_what, spec, types, explicit) => {
    const policy = load(policyDoc(spec)).cluster.policies[0];
    expect(policy?.policyTypes).toEqual(types);
    expect(policy?.policyTypesExplicit).toBe(explicit);
  });

  it('warns that an empty egress list without policyTypes does not isolate egress', () => {
    expect(warningLines(policyDoc('  podSelector: {}\n  egress: []\n'))).toEqual([
      'in.yaml:7: warning: spec.egress: an empty egress list without spec.policyTypes does not isolate egress; write policyTypes: [Ingress, Egress] to deny all egress',
    ]);
  });

  it('warns that rules of a type not listed in policyTypes are ignored', () => {
    expect(warningLines(policyDoc('  podSelector: {}\n  policyTypes: [Ingress]\n  egress:\n  - {}\n'))).toEqual([
      'in.yaml:8: warning: spec.egress: these rules are ignored because spec.policyTypes does not include Egress',
    ]);
  });
});

describe('defaults for hand-written lab files', () => {
  const pods = (names: readonly string[]): string =>
    names.map((n) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${n}\n`).join('---\n');

  it('allocates pod IPs downward from 10.47.255.252 in load order, skipping declared ones', () => {
    const text = `${pods(['zeta', 'alpha'])}---\napiVersion: v1\nkind: Pod\nmetadata: {name: fixed}\nstatus: {podIP: 10.47.255.251}\n---\n${pods(['mid'])}`;
    const { cluster } = load(text);
    expect(Object.fromEntries(cluster.pods.map((p) => [p.name, p.ips[0]]))).toEqual({
      alpha: '10.47.255.250',
      fixed: '10.47.255.251',
      mid: '10.47.255.249',
      zeta: '10.47.255.252',
    });
  });

  it("never gives a pod the subnet's gateway (.254) or DNS address (.253): vnc_addr_mgmt.py reserves them", () => {
    const { cluster } = load(pods(['p1', 'p2', 'p3']));
    const ips = cluster.pods.map((p) => p.ips[0]);
    expect(ips).toEqual(['10.47.255.252', '10.47.255.251', '10.47.255.250']);
    expect(ips).not.toContain('10.47.255.254');
    expect(ips).not.toContain('10.47.255.253');
  });

  it("uses the book's nodes when none are given and spreads pods round-robin in load order", () => {
    const { cluster } = load(pods(['p1', 'p2', 'p3']));
    expect(cluster.nodes.map((n) => [n.name, n.internalIPs])).toEqual([
      ['cent222', ['10.169.25.20']],
      ['cent333', ['10.169.25.21']],
    ]);
    expect(cluster.pods.map((p) => [p.name, p.nodeName])).toEqual([
      ['p1', 'cent222'],
      ['p2', 'cent333'],
      ['p3', 'cent222'],
    ]);
  });

  it('spreads over the given nodes (sorted by name) and gives hostNetwork pods their node IP', () => {
    const nodes = 'apiVersion: v1\nkind: Node\nmetadata: {name: n2}\nstatus: {addresses: [{type: InternalIP, address: 172.16.0.2}]}\n---\napiVersion: v1\nkind: Node\nmetadata: {name: n1}\nstatus: {addresses: [{type: InternalIP, address: 172.16.0.1}]}\n';
    const host = 'apiVersion: v1\nkind: Pod\nmetadata: {name: agent}\nspec: {hostNetwork: true, nodeName: n2}\n';
    const { cluster } = load(`${nodes}---\n${pods(['a', 'b'])}---\n${host}`);
    expect(cluster.pods.map((p) => [p.name, p.nodeName, p.ips])).toEqual([
      ['a', 'n1', ['10.47.255.252']],
      ['agent', 'n2', ['172.16.0.2']],
      ['b', 'n2', ['10.47.255.251']],
    ]);
  });

  it('gives the same cluster for the same input, byte for byte', () => {
    const text = pods(['c', 'b', 'a']);
    expect(JSON.stringify(load(text).cluster)).toBe(JSON.stringify(load(text).cluster));
  });

  it('creates a node named by a pod without a Node object, with an address from the documented range and a warning', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {nodeName: worker-9}\n';
    const { cluster, warnings } = load(text);
    expect(cluster.nodes.map((n) => [n.name, n.internalIPs, n.addressOrigin])).toEqual([['worker-9', ['198.18.0.1'], 'assigned']]);
    expect(warnings.map(formatDiagnostic)).toEqual([
      'in.yaml:1: warning: node worker-9 has no IPv4 address in the inputs (no InternalIP or ExternalIP on a Node object, no status.hostIP on its pods); simulated with addresses from 198.18.0.0/15: worker-9 198.18.0.1',
    ]);
  });

  it('numbers policies in creation (input) order, independent of the sorted output order', () => {
    const text = `${policyDoc('  podSelector: {}\n', 'zz')}\n---\n${policyDoc('  podSelector: {}\n', 'aa')}`;
    const { cluster } = load(text);
    expect(cluster.policies.map((p) => [p.name, p.order])).toEqual([
      ['aa', 1],
      ['zz', 0],
    ]);
  });
});
