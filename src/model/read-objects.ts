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
import type { SimulatedKind } from './kinds.js';
import { readNode } from './nodes-read.js';
import { readObjectMeta, sortLabels } from './read-metadata.js';
import { readPod } from './read-pod.js';
import { readNetworkPolicy } from './read-network-policy.js';
import { readService } from './read-service.js';
import { readClusterNetworkPolicy } from './read-cluster-network-policy.js';
import type { ParsedObject } from './parsed-objects.js';
import { readWorkload } from './workloads/read-workload.js';
import { isWorkloadKind } from './workloads/kinds.js';

export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

type Reader = (raw: RawObject) => ParsedObject | undefined;

const readCnp: Reader = (raw) => {
  if (raw.kind !== 'ClusterNetworkPolicy' && raw.kind !== 'AdminNetworkPolicy' && raw.kind !== 'BaselineAdminNetworkPolicy') return undefined;
  const value = readClusterNetworkPolicy(raw.view, raw.kind);
  return value === undefined ? undefined : { kind: 'ClusterNetworkPolicy', value };
};

const readWl: Reader = (raw) => {
  if (!isWorkloadKind(raw.kind)) return undefined;
  const value = readWorkload(raw.kind, raw.view);
  return value === undefined ? undefined : { kind: 'Workload', value };
};

/** One reader per simulated kind (a new kind in `kinds.ts` must add its reader here). */
const READERS: { readonly [K in SimulatedKind]: Reader } = {
  Namespace: (raw) => {
    const value = readNamespace(raw);
    return value === undefined ? undefined : { kind: 'Namespace', value };
  },
  Node: (raw) => {
    const value = readNode(raw.view);
    return value === undefined ? undefined : { kind: 'Node', value };
  },
  Pod: (raw) => {
    const value = readPod(raw.view);
    return value === undefined ? undefined : { kind: 'Pod', value };
  },
  NetworkPolicy: (raw) => {
    const value = readNetworkPolicy(raw.view);
    return value === undefined ? undefined : { kind: 'NetworkPolicy', value };
  },
  Service: (raw) => {
    const value = readService(raw.view);
    return value === undefined ? undefined : { kind: 'Service', value };
  },
  ClusterNetworkPolicy: readCnp,
  AdminNetworkPolicy: readCnp,
  BaselineAdminNetworkPolicy: readCnp,
  Deployment: readWl,
  ReplicaSet: readWl,
  StatefulSet: readWl,
  DaemonSet: readWl,
  Job: readWl,
  CronJob: readWl,
  ReplicationController: readWl,
};

export function readObject(raw: RawObject): ParsedObject | undefined {
  return READERS[raw.kind](raw);
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
