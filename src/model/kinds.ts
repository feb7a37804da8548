/**
 * The kinds vrsim reads, in one table: for each simulated kind the API versions it is served
 * at and whether it is namespaced. Adding a kind is one entry here plus its reader in
 * `read-objects.ts` (the compiler insists on both).
 *
 * Also answers, for any `kind:` text, what a typed list holds (`PodList` → `Pod`, as the API
 * server returns lists whose items carry no `kind`), and whether an unknown kind is a typo of
 * a simulated one (`pod`, `Pods`, `NetworkPolicies`, `NetworkPolcy`), so the loader can say
 * "did you mean" instead of silently skipping the object.
 */
import { suggestClosest } from './suggest.js';

export interface KindInfo {
  /** API versions (`apiVersion:`) the kind is served at; the first is the one to write. */
  readonly apiVersions: readonly string[];
  /** Namespaced kinds default `metadata.namespace` to `default`. */
  readonly namespaced: boolean;
}

export const SIMULATED_KINDS = {
  Namespace: { apiVersions: ['v1'], namespaced: false },
  Node: { apiVersions: ['v1'], namespaced: false },
  Pod: { apiVersions: ['v1'], namespaced: true },
  NetworkPolicy: { apiVersions: ['networking.k8s.io/v1'], namespaced: true },
  Service: { apiVersions: ['v1'], namespaced: true },
  // network-policy-api: v1alpha2 ClusterNetworkPolicy (v1beta1 serves the same schema)
  ClusterNetworkPolicy: { apiVersions: ['policy.networking.k8s.io/v1alpha2', 'policy.networking.k8s.io/v1beta1'], namespaced: false },
  AdminNetworkPolicy: { apiVersions: ['policy.networking.k8s.io/v1alpha1'], namespaced: false },
  BaselineAdminNetworkPolicy: { apiVersions: ['policy.networking.k8s.io/v1alpha1'], namespaced: false },
  // workload controllers (src/model/workloads/); removed versions (extensions/v1beta1, apps/v1beta2, batch/v1beta1) are not served
  Deployment: { apiVersions: ['apps/v1'], namespaced: true },
  ReplicaSet: { apiVersions: ['apps/v1'], namespaced: true },
  StatefulSet: { apiVersions: ['apps/v1'], namespaced: true },
  DaemonSet: { apiVersions: ['apps/v1'], namespaced: true },
  Job: { apiVersions: ['batch/v1'], namespaced: true },
  CronJob: { apiVersions: ['batch/v1'], namespaced: true },
  ReplicationController: { apiVersions: ['v1'], namespaced: true },
} as const satisfies Record<string, KindInfo>;

export type SimulatedKind = keyof typeof SIMULATED_KINDS;

export function isSimulatedKind(kind: string): kind is SimulatedKind {
  return Object.prototype.hasOwnProperty.call(SIMULATED_KINDS, kind);
}

export function kindInfo(kind: SimulatedKind): KindInfo {
  return SIMULATED_KINDS[kind];
}

/**
 * What a list kind holds: `List` → undefined (items name their own kind), `PodList` → `Pod`,
 * `NetworkPolicyList` → `NetworkPolicy`; not a list kind → undefined with `isList` false.
 */
export function listItemKind(kind: string): { isList: boolean; itemKind?: string } {
  if (kind === 'List') return { isList: true };
  if (kind.length > 4 && kind.endsWith('List') && /^[A-Z]/.test(kind)) return { isList: true, itemKind: kind.slice(0, -4) };
  return { isList: false };
}

/** Plural or lower-case spellings people write (`kubectl get pods`): `pods` → `pod`, `policies` → `policy`. */
function singular(word: string): string {
  const w = word.toLowerCase();
  if (w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.endsWith('es') && /(ss|x|ch|sh)es$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

/**
 * The simulated kind an unknown `kind:` text most likely meant, or undefined when it looks
 * like a real other kind (Deployment, a CRD). Case and plural are ignored; otherwise an edit
 * distance of at most a third of the word (as for field names).
 */
export function suggestKind(kind: string): SimulatedKind | undefined {
  const names = Object.keys(SIMULATED_KINDS) as SimulatedKind[];
  const folded = names.find((n) => n.toLowerCase() === kind.toLowerCase() || n.toLowerCase() === singular(kind));
  if (folded !== undefined) return folded;
  const guess = suggestClosest(kind, names);
  return guess === undefined ? undefined : (guess as SimulatedKind);
}
