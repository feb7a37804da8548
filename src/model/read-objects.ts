/**
 * Turns located raw objects into typed records: Namespace here, Node, Pod and NetworkPolicy
 * through their own readers.
 *
 * Guarantees: a Namespace always carries the automatic `kubernetes.io/metadata.name` label
 * (overriding a written one, as the API server does). An object whose name is unusable is
 * left out (its error is already recorded).
 */
import type { Namespace } from './types.js';
import type { RawObject } from './documents.js';
import { readNode } from './nodes-read.js';
import { readObjectMeta, sortLabels } from './read-metadata.js';
import { readPod } from './read-pod.js';
import { readNetworkPolicy } from './read-network-policy.js';
import { readService } from './read-service.js';
import { readClusterNetworkPolicy } from './read-cluster-network-policy.js';
import type { ParsedObject } from './parsed-objects.js';

export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

export function readObject(raw: RawObject): ParsedObject | undefined {
  switch (raw.kind) {
    case 'Namespace': {
      const value = readNamespace(raw);
      return value === undefined ? undefined : { kind: 'Namespace', value };
    }
    case 'Node': {
      const value = readNode(raw.view);
      return value === undefined ? undefined : { kind: 'Node', value };
    }
    case 'Pod': {
      const value = readPod(raw.view);
      return value === undefined ? undefined : { kind: 'Pod', value };
    }
    case 'NetworkPolicy': {
      const value = readNetworkPolicy(raw.view);
      return value === undefined ? undefined : { kind: 'NetworkPolicy', value };
    }
    case 'Service': {
      const value = readService(raw.view);
      return value === undefined ? undefined : { kind: 'Service', value };
    }
    case 'ClusterNetworkPolicy':
    case 'AdminNetworkPolicy':
    case 'BaselineAdminNetworkPolicy': {
      const value = readClusterNetworkPolicy(raw.view, raw.kind);
      return value === undefined ? undefined : { kind: 'ClusterNetworkPolicy', value };
    }
  }
}

/** A namespace's labels with the automatic name label added. */
export function namespaceLabels(name: string, labels: Readonly<Record<string, string>>): Namespace['labels'] {
  return sortLabels({ ...labels, [NAMESPACE_NAME_LABEL]: name });
}

function readNamespace(raw: RawObject): Namespace | undefined {
  const meta = readObjectMeta(raw.view, 'dns1123-label');
  if (meta === undefined) return undefined;
  return { name: meta.name, labels: namespaceLabels(meta.name, meta.labels), source: { file: raw.view.ctx.file, line: meta.line } };
}
