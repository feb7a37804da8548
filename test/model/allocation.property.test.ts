/**
 * Properties of the lab defaults: pod IPs are unique, inside 10.32.0.0/12, independent of how
 * the same pods are split into apply steps, and never taken from an existing pod.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyManifests } from '../../src/model/apply.js';
import { loadCluster } from '../../src/model/load.js';
import { ipInCidr, parseCidr } from '../../src/model/ip-text.js';
import type { Cluster } from '../../src/model/types.js';

const SUBNET = parseCidr('10.32.0.0/12');

interface PodSpec {
  readonly name: string;
  readonly declared?: number;
}

const podYaml = (p: PodSpec): string =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: "${p.name}"}\n` + (p.declared === undefined ? '' : `status: {podIP: 10.47.255.${p.declared}}\n`);

const podsArb = fc
  .uniqueArray(fc.record({ name: fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/), declared: fc.option(fc.integer({ min: 200, max: 254 }), { nil: undefined }) }), {
    selector: (p) => p.name,
    minLength: 1,
    maxLength: 12,
  })
  .filter((pods) => {
    const declared = pods.flatMap((p) => (p.declared === undefined ? [] : [p.declared]));
    return new Set(declared).size === declared.length;
  });

const ips = (c: Cluster): string[] => c.pods.flatMap((p) => p.ips);

describe('pod IP allocation', () => {
  it('gives unique addresses inside the pod subnet, deterministically', () => {
    fc.assert(
      fc.property(podsArb, (pods) => {
        const input = [{ file: 'p.yaml', text: pods.map(podYaml).join('---\n') }];
        const first = loadCluster(input).cluster;
        expect(new Set(ips(first)).size).toBe(pods.length);
        for (const ip of ips(first)) expect(SUBNET !== undefined && ipInCidr(ip, SUBNET)).toBe(true);
        expect(JSON.stringify(loadCluster(input).cluster)).toBe(JSON.stringify(first));
      }),
    );
  });

  it('applying pods one by one never reuses an address of an existing pod; a clash is refused', () => {
    fc.assert(
      fc.property(podsArb, (pods) => {
        let cluster = loadCluster([]).cluster;
        for (const p of pods) {
          const before = new Set(ips(cluster));
          const step = [{ file: `${p.name}.yaml`, text: podYaml(p) }];
          if (p.declared !== undefined && before.has(`10.47.255.${p.declared}`)) {
            const snapshot = JSON.stringify(cluster);
            expect(() => applyManifests(cluster, step)).toThrow(/is already the IP of pod/);
            expect(JSON.stringify(cluster)).toBe(snapshot);
            continue;
          }
          cluster = applyManifests(cluster, step).cluster;
          const added = cluster.pods.find((q) => q.name === p.name);
          for (const ip of added?.ips ?? []) expect(before.has(ip)).toBe(false);
        }
        expect(new Set(ips(cluster)).size).toBe(cluster.pods.length);
      }),
    );
  });
});
