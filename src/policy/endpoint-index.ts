/**
 * Maps model `Endpoint`s to the compiled form's coordinates: a pod index (-1 = not a pod)
 * and the address as `IpWords`. Callers on a hot path do this once per endpoint and then
 * use `allowsBetween`.
 *
 * Guarantees: a pod is found by object identity first, then by `ns/name`; a pod that is not
 * in the compiled cluster is an error (thrown), never silently treated as unisolated.
 */
import type { Endpoint, Pod } from '../model/types.js';
import { qualifiedName } from '../model/types.js';
import type { CompiledPolicies } from './compiled.js';
import { parseIpWords, type IpWords } from './ip-prefix.js';

export function podIndexOf(compiled: CompiledPolicies, pod: Pod): number {
  const byObject = compiled.podIndexByObject.get(pod);
  if (byObject !== undefined) return byObject;
  const byName = compiled.podIndexByName.get(qualifiedName(pod));
  if (byName === undefined) throw new Error(`pod ${qualifiedName(pod)} is not part of the compiled cluster`);
  return byName;
}

/** -1 for node hosts and external addresses. */
export function endpointPodIndex(compiled: CompiledPolicies, endpoint: Endpoint): number {
  return endpoint.kind === 'pod' ? podIndexOf(compiled, endpoint.pod) : -1;
}

/** The address as words; memoised. Throws on text that is not an IP address. */
export function ipWordsOf(compiled: CompiledPolicies, ip: string): IpWords {
  let words = compiled.addressCache.get(ip);
  if (words === undefined) {
    words = parseIpWords(ip);
    compiled.addressCache.set(ip, words);
  }
  if (words === null) throw new Error(`not an IP address: ${JSON.stringify(ip)}`);
  return words;
}
