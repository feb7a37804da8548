/**
 * The workload controller kinds vrsim expands, and how `kubectl` names their resources.
 * No imports, so every model module (documents, parsed objects) can use it without cycles.
 */
import type { WorkloadKind } from '../types.js';

export const WORKLOAD_RESOURCES: Readonly<Record<WorkloadKind, string>> = {
  Deployment: 'deployment.apps',
  ReplicaSet: 'replicaset.apps',
  StatefulSet: 'statefulset.apps',
  DaemonSet: 'daemonset.apps',
  Job: 'job.batch',
  CronJob: 'cronjob.batch',
  ReplicationController: 'replicationcontroller',
};

export const WORKLOAD_KINDS = Object.keys(WORKLOAD_RESOURCES) as WorkloadKind[];

export function isWorkloadKind(kind: string): kind is WorkloadKind {
  return Object.prototype.hasOwnProperty.call(WORKLOAD_RESOURCES, kind);
}
