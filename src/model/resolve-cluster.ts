/**
 * Merges parsed objects into a cluster and applies vrsim's defaults for hand-written lab
 * files, then checks what only the whole cluster can show.
 *
 * In order:
 * 1. duplicates among the new objects (same kind/namespace/name) are errors naming both places;
 * 2. new objects replace existing ones with the same identity (kubectl apply); a replaced pod
 *    that does not write its node or IPs keeps the old ones; a replaced policy keeps its
 *    creation `order`, new policies continue the count: in `metadata.creationTimestamp`
 *    order when every new policy has one (a `kubectl get -o yaml` dump lists them by name),
 *    else in load order (ties keep load order);
 * 3. a namespace used by a pod or policy without a Namespace object is created implicitly
 *    (labels: only `kubernetes.io/metadata.name`);
 * 4. pods are split by lifecycle (pod-lifecycle.ts): finished pods (Succeeded, Failed) and
 *    observed pods without an IP or a node are left out (a left-out pod also removes the pod
 *    of the same name from the cluster); each such group gets ONE warning;
 * 5. the nodes and their fabric addresses (nodes.ts): Node objects, nodes named by pods
 *    (address from the pods' hostIP, else a deterministic one), the book's nodes when nothing
 *    names a node;
 * 6. pods without a node go round-robin over the node names in sorted order, in load order
 *    (the count continues after the pods already in the cluster);
 * 7. hostNetwork pods take their node's InternalIPs; other pods without IPs get the next
 *    free address of 10.32.0.0/12 downward from 10.47.255.252 (see ipam.ts);
 * 8. duplicate pod IPs (or a pod IP equal to a node's InternalIP) are errors;
 * 9. cluster network policies replace those of the same kind and name; two of one tier with
 *    the same priority get a warning when one of them is new (see cluster-network-policy-checks.ts).
 * Output order: namespaces and nodes by name, pods and policies by namespace then name.
 * Never throws: problems are appended to `diagnostics`.
 */
import type { Cluster, Diagnostic, NetworkPolicy, Node, Pod, SourceRef } from './types.js';
import { describeRef, objectKey, refOf, type NodeDraft, type ParsedObject, type PodDraft } from './parsed-objects.js';
import { namespaceLabels } from './read-objects.js';
import { podIpAllocator } from './ipam.js';
import { draftOfService, resolveServices, type WorkingService } from './service-ips.js';
import type { ClusterNetworkPolicy } from './cluster-network-policy.js';
import { warnSamePriority } from './cluster-network-policy-checks.js';
import { resolveNodes, type NodeEvidence } from './nodes.js';
import { splitByLifecycle } from './pod-lifecycle.js';
import { resolveWorkloads } from './workloads/resolve-workloads.js';
import type { WorkloadDraft } from './workloads/types.js';

export { BOOK_NODES, DEFAULT_SOURCE } from './nodes.js';

export const EMPTY_CLUSTER: Cluster = { namespaces: [], nodes: [], pods: [], policies: [], services: [] };

const where = (s: SourceRef): string => `${s.file}:${s.line}`;

function error(diagnostics: Diagnostic[], source: SourceRef, path: string, message: string, severity: Diagnostic['severity'] = 'error'): void {
  diagnostics.push({ severity, file: source.file, line: source.line, path, message });
}

/** Pod state while resolving: a base pod, or a draft with what it inherits. */
interface WorkingPod {
  draft: PodDraft;
  nodeName: string | undefined;
  ips: readonly string[];
  readonly isNew: boolean;
}

function draftOf(pod: Pod): PodDraft {
  return { ...pod, declaredIps: pod.ips, ipSource: pod.source, ipPath: 'status.podIPs' };
}

export function resolveCluster(base: Cluster, objects: readonly ParsedObject[], diagnostics: Diagnostic[], seed = 1): Cluster {
  const unique = dropDuplicates(objects, diagnostics);
  const namespaces = new Map(base.namespaces.map((n) => [n.name, n] as const));
  const pods = new Map<string, WorkingPod>(base.pods.map((p) => [`${p.namespace}/${p.name}`, { draft: draftOf(p), nodeName: p.nodeName, ips: p.ips, isNew: false }]));
  const policies = new Map<string, NetworkPolicy>(base.policies.map((p) => [`${p.namespace}/${p.name}`, p]));
  let nextOrder = base.policies.reduce((max, p) => Math.max(max, (p.order ?? -1) + 1), 0);
  const services = new Map<string, WorkingService>((base.services ?? []).map((s) => [`${s.namespace}/${s.name}`, { draft: draftOfService(s), inherited: s.clusterIPs }]));
  const clusterPolicies = new Map<string, ClusterNetworkPolicy>((base.clusterPolicies ?? []).map((p) => [`${p.origin}/${p.name}`, p]));
  const loadedClusterPolicies = new Set<string>();
  /** Policies new to the cluster, in load order (numbered after the loop). */
  const fresh: NetworkPolicy[] = [];

  const nodeDrafts: NodeDraft[] = [];
  const podDrafts: PodDraft[] = [];
  const workloadDrafts: WorkloadDraft[] = [];
  for (const obj of unique) {
    switch (obj.kind) {
      case 'Namespace':
        namespaces.set(obj.value.name, obj.value);
        break;
      case 'Node':
        nodeDrafts.push(obj.value);
        break;
      case 'Pod':
        podDrafts.push(obj.value);
        break;
      case 'NetworkPolicy': {
        const key = `${obj.value.namespace}/${obj.value.name}`;
        const order = policies.get(key)?.order;
        if (order === undefined) fresh.push(obj.value);
        else policies.set(key, { ...obj.value, order });
        break;
      }
      case 'Service': {
        const key = `${obj.value.namespace}/${obj.value.name}`;
        services.set(key, { draft: obj.value, inherited: services.get(key)?.inherited ?? [] });
        break;
      }
      case 'ClusterNetworkPolicy': {
        const key = `${obj.value.origin}/${obj.value.name}`;
        clusterPolicies.set(key, obj.value);
        loadedClusterPolicies.add(key);
        break;
      }
      case 'Workload':
        workloadDrafts.push(obj.value);
        break;
    }
  }
  const lifecycle = splitByLifecycle(podDrafts, diagnostics);
  for (const gone of lifecycle.skipped) pods.delete(`${gone.namespace}/${gone.name}`);
  for (const draft of lifecycle.endpoints) {
    const key = `${draft.namespace}/${draft.name}`;
    const old = pods.get(key);
    const keepIps = draft.declaredIps.length === 0 && old !== undefined && old.draft.hostNetwork === draft.hostNetwork;
    pods.delete(key); // a replaced pod counts as newly loaded for placement order
    pods.set(key, { draft, nodeName: draft.nodeName ?? old?.nodeName, ips: keepIps ? old.ips : draft.declaredIps, isNew: true });
  }
  for (const policy of creationOrder(fresh)) policies.set(`${policy.namespace}/${policy.name}`, { ...policy, order: nextOrder++ });

  for (const owner of [...[...pods.values()].map((p) => p.draft), ...policies.values(), ...[...services.values()].map((s) => s.draft), ...workloadDrafts]) {
    if (!namespaces.has(owner.namespace)) {
      namespaces.set(owner.namespace, { name: owner.namespace, labels: namespaceLabels(owner.namespace, {}), source: owner.source });
    }
  }
  const nodes = resolveNodes({
    base: new Map(base.nodes.map((n) => [n.name, n] as const)),
    drafts: nodeDrafts,
    evidence: podDrafts.flatMap(evidenceOf),
    named: new Set([...[...pods.values()].map((p) => p.nodeName), ...workloadDrafts.map((w) => w.template.nodeName)].flatMap((n) => (n === undefined ? [] : [n]))),
    taken: new Set([...pods.values()].flatMap((p) => p.ips)),
  }, diagnostics);

  const workloads = resolveWorkloads({ base, drafts: workloadDrafts, pods: podDrafts, nodes: [...nodes.values()].sort((a, b) => compare(a.name, b.name)), seed }, diagnostics);
  for (const key of workloads.replaced) pods.delete(key);
  for (const pod of pods.values()) {
    const workload = workloads.workloadOf.get(pod.draft);
    if (workload !== undefined) pod.draft = { ...pod.draft, workload };
  }
  for (const draft of workloads.generated) pods.set(`${draft.namespace}/${draft.name}`, { draft, nodeName: draft.nodeName, ips: [], isNew: true });

  placePods(pods, nodes, base.pods.length, diagnostics);
  const addressOwners = assignIps(pods, nodes, diagnostics);
  checkNodeIps(nodes, diagnostics);

  const byNamespaceThenName = <T extends { namespace: string; name: string }>(a: T, b: T): number =>
    a.namespace === b.namespace ? compare(a.name, b.name) : compare(a.namespace, b.namespace);
  const sortedClusterPolicies = [...clusterPolicies.entries()].sort((a, b) => compare(a[0], b[0])).map(([, p]) => p);
  warnSamePriority(sortedClusterPolicies, loadedClusterPolicies, diagnostics);
  return {
    ...(sortedClusterPolicies.length > 0 || base.clusterPolicies !== undefined ? { clusterPolicies: sortedClusterPolicies } : {}),
    namespaces: [...namespaces.values()].sort((a, b) => compare(a.name, b.name)),
    nodes: [...nodes.values()].sort((a, b) => compare(a.name, b.name)),
    pods: [...pods.values()].map(toPod).sort(byNamespaceThenName),
    policies: [...policies.values()].sort(byNamespaceThenName),
    services: resolveServices(services.values(), addressOwners, diagnostics, seed),
    workloads: [...workloads.workloads].sort((a, b) => compare(a.namespace, b.namespace) || compare(a.kind, b.kind) || compare(a.name, b.name)),
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** New policies in creation order: by creationTimestamp when all have one, else load order. */
function creationOrder(fresh: readonly NetworkPolicy[]): readonly NetworkPolicy[] {
  if (fresh.some((p) => p.createdAtMs === undefined)) return fresh;
  return fresh.map((policy, i) => ({ policy, i })).sort((a, b) => a.policy.createdAtMs! - b.policy.createdAtMs! || a.i - b.i).map((x) => x.policy);
}

function dropDuplicates(objects: readonly ParsedObject[], diagnostics: Diagnostic[]): ParsedObject[] {
  const seen = new Map<string, SourceRef>();
  const out: ParsedObject[] = [];
  for (const obj of objects) {
    const key = objectKey(refOf(obj));
    const first = seen.get(key);
    if (first !== undefined) {
      error(diagnostics, obj.value.source, '', `${describeRef(refOf(obj))} is defined twice: here and at ${where(first)}`);
      continue;
    }
    seen.set(key, obj.value.source);
    out.push(obj);
  }
  return out;
}

/** What a new pod says about its node (finished pods too: they ran there). */
function evidenceOf(pod: PodDraft): NodeEvidence[] {
  if (pod.nodeName === undefined) return [];
  const own = pod.hostNetwork ? pod.declaredIps.map((ip) => ({ ip, line: pod.ipSource.line, path: pod.ipPath })) : [];
  const hostIps = [...(pod.status?.hostIps ?? []), ...own.filter((o) => !(pod.status?.hostIps ?? []).some((h) => h.ip === o.ip))];
  return [{ nodeName: pod.nodeName, hostIps, podName: `${pod.namespace}/${pod.name}`, file: pod.source.file, source: pod.source }];
}

/**
 * Pods without a node go round-robin over the nodes in name order (the count continues after
 * the pods already placed); a generated pod with a template `nodeSelector` only over matching
 * nodes, and is left out with ONE warning when no node matches.
 */
function placePods(pods: Map<string, WorkingPod>, nodes: ReadonlyMap<string, Node>, alreadyPlaced: number, diagnostics: Diagnostic[]): void {
  const sorted = [...nodes.values()].sort((a, b) => compare(a.name, b.name));
  let counter = alreadyPlaced;
  const unplaced: WorkingPod[] = [];
  for (const pod of pods.values()) {
    if (pod.nodeName !== undefined || sorted.length === 0) continue;
    const selector = Object.entries(pod.draft.nodeSelector ?? {});
    const eligible = selector.length === 0 ? sorted : sorted.filter((n) => selector.every(([k, v]) => n.labels?.[k] === v));
    if (eligible.length === 0) {
      unplaced.push(pod);
      continue;
    }
    pod.nodeName = eligible[counter % eligible.length]!.name;
    counter++;
  }
  if (unplaced.length === 0) return;
  for (const pod of unplaced) pods.delete(`${pod.draft.namespace}/${pod.draft.name}`);
  const first = unplaced[0]!.draft.source;
  const names = unplaced.map((p) => `${p.draft.namespace}/${p.draft.name}`);
  const shown = names.length > 5 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', ');
  error(diagnostics, first, '', `${names.length === 1 ? '1 pod' : `${names.length} pods`} not created: no node matches the template's nodeSelector (${shown})`, 'warning');
}

/** Returns the owner of every pod and node address (for the Services' cluster IP checks). */
function assignIps(pods: Map<string, WorkingPod>, nodes: ReadonlyMap<string, Node>, diagnostics: Diagnostic[]): ReadonlyMap<string, string> {
  const owners = new Map<string, string>();
  for (const node of nodes.values()) for (const ip of node.internalIPs) owners.set(ip, `the ${node.addressOrigin === 'InternalIP' || node.addressOrigin === 'book' || node.addressOrigin === undefined ? 'InternalIP' : 'address'} of node ${node.name}`);
  const taken = new Set<string>(owners.keys());
  for (const pod of pods.values()) for (const ip of pod.ips) taken.add(ip);
  const allocator = podIpAllocator(taken);

  for (const pod of pods.values()) {
    const node = pod.nodeName === undefined ? undefined : nodes.get(pod.nodeName);
    if (pod.draft.hostNetwork) {
      if (pod.ips.length === 0) pod.ips = node?.internalIPs ?? [];
      continue;
    }
    if (pod.ips.length === 0) {
      const ip = allocator.next();
      if (ip === undefined) error(diagnostics, pod.draft.source, '', 'the pod subnet 10.32.0.0/12 has no free address left');
      else pod.ips = [ip];
    }
    for (const ip of pod.ips) {
      const owner = owners.get(ip);
      if (owner !== undefined) {
        error(diagnostics, pod.draft.ipSource, pod.draft.ipPath, `${ip} is already ${owner}`);
      } else {
        owners.set(ip, `the IP of pod ${pod.draft.namespace}/${pod.draft.name} (${where(pod.draft.ipSource)})`);
      }
    }
  }
  return owners;
}

function checkNodeIps(nodes: ReadonlyMap<string, Node>, diagnostics: Diagnostic[]): void {
  const owners = new Map<string, Node>();
  for (const node of [...nodes.values()].sort((a, b) => compare(a.name, b.name))) {
    for (const ip of node.internalIPs) {
      const first = owners.get(ip);
      if (first === undefined) owners.set(ip, node);
      else if (node.addressOrigin === 'hostIP') error(diagnostics, node.source, 'status.hostIP', `${ip}, the host address of node ${node.name}, is already the address of node ${first.name} (${where(first.source)})`);
      else error(diagnostics, node.source, 'status.addresses', `${node.addressOrigin ?? 'InternalIP'} ${ip} is already used by node ${first.name} (${where(first.source)})`);
    }
  }
}

function toPod(pod: WorkingPod): Pod {
  const d = pod.draft;
  return {
    namespace: d.namespace,
    name: d.name,
    labels: d.labels,
    nodeName: pod.nodeName ?? '',
    ips: pod.ips,
    ports: d.ports,
    hostNetwork: d.hostNetwork,
    source: d.source,
    workload: d.workload ?? { kind: 'Pod', namespace: d.namespace, name: d.name },
    ...(d.generated === true ? { generated: true } : {}),
  };
}
