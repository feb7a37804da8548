/**
 * The workload a pod belongs to, as the reach filters and `--group workload` name it:
 * `ns/name[Kind]` for a pod a controller created (its top-level controller, from the model's
 * workload resolver), `ns/pod[Pod]` for a bare pod.
 */
import type { Pod } from '../model/types.js';
import { workloadLabel, workloadOf } from '../model/workloads/workload-ref.js';

export function workloadOfPod(pod: Pod): string {
  return workloadLabel(workloadOf(pod));
}
