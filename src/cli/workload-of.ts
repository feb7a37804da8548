/**
 * The workload a pod belongs to, named as netpol-analyzer names it: `ns/name[Kind]` for a pod
 * a controller created, `ns/pod[Pod]` for a bare pod. The model does not record controllers
 * yet, so today every pod is its own `[Pod]` workload; when it does, this is the one place that
 * reads it.
 */
import type { Pod } from '../model/types.js';

export function workloadOfPod(pod: Pod): string {
  return `${pod.namespace}/${pod.name}[Pod]`;
}
