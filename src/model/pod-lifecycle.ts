/**
 * Which pods of a dump are endpoints, by their lifecycle (`status.phase`), as a network sees
 * them:
 * - Succeeded or Failed pods have finished: their sandbox is gone, they are not endpoints and
 *   their IPs are free (a running pod may hold the same address). ONE summary warning counts them.
 * - Pods that report a phase (Pending, Running, Unknown) but have no IP yet or no node are
 *   skipped with ONE warning naming them: vrsim never invents an address or a node for a pod
 *   the cluster has observed (a hostNetwork pod needs only its node).
 * - Pods without `status.phase` (hand-written labs, repository manifests) are kept; the
 *   defaults of `resolve-cluster.ts` place them and give them IPs.
 * Guarantees: order is kept; never throws.
 */
import type { Diagnostic } from './types.js';
import type { PodDraft } from './parsed-objects.js';

export interface LifecycleSplit {
  /** Pods that are (or will be, by the defaults) endpoints, in input order. */
  readonly endpoints: readonly PodDraft[];
  /** Pods left out (finished, or observed without an IP or a node), in input order. */
  readonly skipped: readonly PodDraft[];
}

/** Names listed in a summary warning before "and N more". */
const LISTED = 5;

function listNames(items: readonly string[]): string {
  const shown = items.slice(0, LISTED).join(', ');
  return items.length > LISTED ? `${shown} and ${items.length - LISTED} more` : shown;
}

function qualified(pod: PodDraft): string {
  return `${pod.namespace}/${pod.name}`;
}

export function splitByLifecycle(pods: readonly PodDraft[], diagnostics: Diagnostic[]): LifecycleSplit {
  const endpoints: PodDraft[] = [];
  const finished: PodDraft[] = [];
  const waiting: { pod: PodDraft; why: string }[] = [];
  for (const pod of pods) {
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') finished.push(pod);
    else if (phase !== undefined && pod.nodeName === undefined) waiting.push({ pod, why: 'no node' });
    else if (phase !== undefined && !pod.hostNetwork && pod.declaredIps.length === 0) waiting.push({ pod, why: 'no IP' });
    else endpoints.push(pod);
  }
  if (finished.length > 0) {
    const first = finished[0]!;
    const succeeded = finished.filter((p) => p.status?.phase === 'Succeeded').length;
    const failed = finished.length - succeeded;
    const counts = [succeeded > 0 ? `${succeeded} Succeeded` : '', failed > 0 ? `${failed} Failed` : ''].filter((s) => s !== '').join(', ');
    const what = finished.length === 1 ? '1 pod has finished' : `${finished.length} pods have finished`;
    diagnostics.push({
      severity: 'warning', file: first.source.file, line: first.source.line, path: '',
      message: `${what} (status.phase ${counts}: ${listNames(finished.map(qualified))}); finished pods are not endpoints and their IPs may be reused`,
    });
  }
  if (waiting.length > 0) {
    const first = waiting[0]!.pod;
    const what = waiting.length === 1 ? '1 pod' : `${waiting.length} pods`;
    diagnostics.push({
      severity: 'warning', file: first.source.file, line: first.source.line, path: '',
      message: `skipped ${what} not yet running with an address: ${listNames(waiting.map((w) => `${qualified(w.pod)} (${w.pod.status?.phase ?? ''}, ${w.why})`))}`,
    });
  }
  const left = new Set<PodDraft>([...finished, ...waiting.map((w) => w.pod)]);
  return { endpoints, skipped: pods.filter((p) => left.has(p)) };
}
