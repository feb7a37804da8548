/**
 * The book's chapter 8 lab manifests load into the book's cluster: IPs, nodes, labels, policies.
 */
import { describe, expect, it } from 'vitest';
import { loadCluster } from '../../src/model/load.js';
import { readManifestInputs } from '../../src/model/read-files.js';
import { indexCluster } from '../../src/model/inventory.js';

const DIR = 'scenarios/book-ch8/manifests';

describe('book chapter 8 lab', () => {
  const { cluster, warnings } = loadCluster(readManifestInputs([DIR]));

  it('loads without warnings: namespaces, pods, policy1 and policy2 (variants/ is not read)', () => {
    expect(warnings).toEqual([]);
    expect(cluster.namespaces.map((n) => [n.name, n.labels['project']])).toEqual([
      ['dev', 'dev'],
      ['jtac', 'jtac'],
      ['qa', 'qa'],
    ]);
    expect(cluster.policies.map((p) => `${p.namespace}/${p.name}`)).toEqual(['dev/policy1', 'dev/policy2']);
  });

  it.each([
    ['dev', 'client1-dev', '10.47.255.232', 'cent222'],
    ['dev', 'client2-dev', '10.47.255.231', 'cent333'],
    ['dev', 'dbserver-dev', '10.47.255.233', 'cent333'],
    ['dev', 'webserver-dev', '10.47.255.234', 'cent333'],
    ['jtac', 'client-jtac', '10.47.255.229', 'cent222'],
    ['qa', 'client-qa', '10.47.255.230', 'cent333'],
  ])('%s/%s has IP %s on %s', (ns, name, ip, node) => {
    const pod = indexCluster(cluster).podByName(ns, name);
    expect(pod?.ips).toEqual([ip]);
    expect(pod?.nodeName).toBe(node);
    expect(pod?.labels).toEqual({ app: name, do: 'policy' });
    expect(pod?.ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
  });

  it("has the book's two nodes", () => {
    expect(cluster.nodes.map((n) => [n.name, n.internalIPs])).toEqual([
      ['cent222', ['10.169.25.20']],
      ['cent333', ['10.169.25.21']],
    ]);
  });

  it('reads policy1 as the book writes it', () => {
    const policy1 = cluster.policies.find((p) => p.name === 'policy1');
    expect(policy1?.podSelector.matchLabels).toEqual({ app: 'webserver-dev' });
    expect(policy1?.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(policy1?.ingress[0]?.peers.map((p) => p.kind)).toEqual(['ipBlock', 'pods', 'pods']);
    expect(policy1?.ingress[0]?.peers[0]).toMatchObject({ kind: 'ipBlock', cidr: '10.169.25.20/32', except: [] });
    expect(policy1?.ingress[0]?.peers[1]).toMatchObject({ kind: 'pods', namespaceSelector: { matchLabels: { project: 'jtac' } } });
    expect(policy1?.ingress[0]?.ports).toMatchObject([{ protocol: 'TCP', port: 80 }]);
    expect(policy1?.egress[0]?.peers[0]).toMatchObject({ kind: 'pods', podSelector: { matchLabels: { app: 'dbserver-dev' } } });
  });

  it('reads the policy2 variants: tryout stays Ingress-only, egress-denyall isolates egress with no rules', () => {
    const { cluster: variants, warnings: variantWarnings } = loadCluster(readManifestInputs([`${DIR}/variants`]));
    const byName = new Map(variants.policies.map((p) => [p.name, p]));
    expect(byName.get('policy2-tryout')?.policyTypes).toEqual(['Ingress']);
    expect(byName.get('policy2-egress-denyall')?.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(byName.get('policy2-egress-denyall')?.egress).toEqual([]);
    expect(variantWarnings.map((w) => w.message)).toEqual(['unknown field "spec.engress" (did you mean "spec.egress"?)']);
  });
});
