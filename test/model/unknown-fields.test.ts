/**
 * Unknown fields under metadata and a pod's spec, containers and ports warn with a
 * did-you-mean; port names are unique per container (not per pod); policyTypes is bounded
 * as the API server validates it.
 */
import { describe, expect, it } from 'vitest';
import { errorLines, load, policyDoc, warningLines } from './helpers.js';

describe('unknown fields warn with a suggestion', () => {
  it.each([
    ['metadata.lables', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  lables: {app: a}\n', 'in.yaml:5: warning: unknown field "metadata.lables" (did you mean "metadata.labels"?)'],
    ['spec.contianers', 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  contianers: []\n', 'in.yaml:5: warning: unknown field "spec.contianers" (did you mean "spec.containers"?)'],
    ['a container field', 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers:\n  - name: c\n    prots: []\n', 'in.yaml:7: warning: unknown field "spec.containers[0].prots" (did you mean "spec.containers[0].ports"?)'],
    ['a port field', 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers:\n  - name: c\n    ports:\n    - {containerPort: 80, nmae: http}\n', 'in.yaml:8: warning: unknown field "spec.containers[0].ports[0].nmae" (did you mean "spec.containers[0].ports[0].name"?)'],
  ])('%s', (_what, text, warning) => {
    expect(warningLines(text)).toEqual([warning]);
  });

  it('kubectl\'s own metadata fields (uid, managedFields, ownerReferences...) are silent', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  uid: x\n  resourceVersion: "1"\n  generateName: a-\n  ownerReferences: []\n  finalizers: []\n  managedFields: []\n  annotations: {}\n';
    expect(warningLines(text)).toEqual([]);
  });
});

describe('container port names', () => {
  const pod = (containers: string): string => `apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers:\n${containers}`;
  it('the same port name in two containers of one pod is legal', () => {
    const text = pod('  - name: a\n    ports: [{name: http, containerPort: 80}]\n  - name: b\n    ports: [{name: http, containerPort: 8080}]\n');
    expect(load(text).cluster.pods[0]?.ports.map((p) => [p.name, p.containerPort])).toEqual([['http', 80], ['http', 8080]]);
  });
  it('twice in one container is refused', () => {
    expect(errorLines(pod('  - name: a\n    ports:\n    - {name: http, containerPort: 80}\n    - {name: http, containerPort: 81}\n'))).toEqual([
      'in.yaml:9: spec.containers[0].ports[1].name: duplicate port name "http" (first used at line 8 in this container)',
    ]);
  });
});

describe('policyTypes', () => {
  it('more than two entries is refused as the API server does', () => {
    expect(errorLines(policyDoc('  podSelector: {}\n  policyTypes: [Ingress, Egress, Ingress]\n'))).toEqual([
      'in.yaml:7: spec.policyTypes: may not specify more than two policyTypes (got 3)',
    ]);
  });
  it('[Ingress, Ingress] is accepted (the API server does) and counts once, with a warning', () => {
    const { cluster, warnings } = load(policyDoc('  podSelector: {}\n  policyTypes: [Ingress, Ingress]\n'));
    expect(cluster.policies[0]?.policyTypes).toEqual(['Ingress']);
    expect(warnings.map((w) => w.message)).toEqual(['Ingress is listed twice; it counts once']);
  });
});
