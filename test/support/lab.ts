/**
 * Test helpers: build clusters from inline YAML or the book's manifests, and a ClusterSim
 * with settings overrides.
 */
import { loadCluster } from '../../src/model/load.js';
import { applyManifests } from '../../src/model/apply.js';
import { readManifestInputs } from '../../src/model/read-files.js';
import type { Cluster } from '../../src/model/types.js';
import { ClusterSim } from '../../src/sim/cluster/cluster-sim.js';
import { DEFAULT_SETTINGS, parseEndpointRef, type ClusterSettings, type EndpointRef } from '../../src/sim/cluster/types.js';

export const BOOK = 'scenarios/book-ch8/manifests';

export function bookCluster(...extra: string[]): Cluster {
  const files = [`${BOOK}/policy-ns.yaml`, `${BOOK}/policy-pods.yaml`, ...extra.map((f) => `${BOOK}/${f}`)];
  return loadCluster(readManifestInputs(files)).cluster;
}

export function clusterFromYaml(yaml: string, file = 'inline.yaml'): Cluster {
  return loadCluster([{ file, text: yaml }]).cluster;
}

export function withBookFiles(base: Cluster, ...files: string[]): Cluster {
  return applyManifests(base, readManifestInputs(files.map((f) => `${BOOK}/${f}`))).cluster;
}

export function withYaml(base: Cluster, yaml: string): Cluster {
  return applyManifests(base, [{ file: 'step.yaml', text: yaml }]).cluster;
}

export function sim(cluster: Cluster, overrides: Partial<ClusterSettings> = {}): ClusterSim {
  return new ClusterSim(cluster, { ...DEFAULT_SETTINGS, ...overrides });
}

export function ref(text: string): EndpointRef {
  const r = parseEndpointRef(text);
  if (r === undefined) throw new Error(`bad endpoint ${text}`);
  return r;
}
