/**
 * Cluster inventory types: what vrsim knows about a Kubernetes cluster.
 *
 * These are validated, normalised records (the loader in `load.ts` builds them from manifests).
 * Every record remembers where it came from (`SourceRef`) so that later errors and
 * explanations can point back at the manifest line. Nothing here depends on other layers.
 */

/** Where an object or field was declared: file path as given by the user, 1-based line. */
export interface SourceRef {
  readonly file: string;
  readonly line: number;
}

import type { ClusterNetworkPolicy } from './cluster-network-policy.js';

export type Labels = Readonly<Record<string, string>>;

/** Layer-4 protocols NetworkPolicy can name. */
export type L4Protocol = 'TCP' | 'UDP' | 'SCTP';

export interface Namespace {
  readonly name: string;
  /** Includes the automatic `kubernetes.io/metadata.name: <name>` label. */
  readonly labels: Labels;
  readonly source: SourceRef;
}

export interface ContainerPort {
  readonly name?: string;
  readonly containerPort: number;
  readonly protocol: L4Protocol;
}

export interface Pod {
  readonly namespace: string;
  readonly name: string;
  readonly labels: Labels;
  /** Node the pod runs on (`spec.nodeName`, or assigned by the defaults). */
  readonly nodeName: string;
  /** Pod IPs, IPv4 first when both families exist (`status.podIPs`, or allocated). */
  readonly ips: readonly string[];
  readonly ports: readonly ContainerPort[];
  /** A hostNetwork pod uses its node's IPs and is matched like the node host. */
  readonly hostNetwork: boolean;
  readonly source: SourceRef;
}

export interface Node {
  readonly name: string;
  /**
   * The node host's addresses. The first is the fabric / vhost0 address (IPv4), always present
   * in a resolved cluster; the others are its further InternalIPs (IPv6). See `addressOrigin`.
   */
  readonly internalIPs: readonly string[];
  readonly source: SourceRef;
}

export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface LabelSelectorRequirement {
  readonly key: string;
  readonly operator: SelectorOperator;
  readonly values: readonly string[];
}

/** A Kubernetes LabelSelector; both parts empty selects everything. */
export interface LabelSelector {
  readonly matchLabels: Labels;
  readonly matchExpressions: readonly LabelSelectorRequirement[];
}

/**
 * One entry of a rule's `from`/`to` list.
 * - `pods`: podSelector and/or namespaceSelector. A missing podSelector means all pods of the
 *   selected namespaces; a missing namespaceSelector means the policy's own namespace.
 * - `ipBlock`: a CIDR with exceptions, matched against any address (pods, hosts, external).
 */
export type PolicyPeer =
  | {
      readonly kind: 'pods';
      readonly podSelector?: LabelSelector;
      readonly namespaceSelector?: LabelSelector;
      readonly source: SourceRef;
    }
  | {
      readonly kind: 'ipBlock';
      readonly cidr: string;
      readonly except: readonly string[];
      readonly source: SourceRef;
    };

export interface PolicyPort {
  readonly protocol: L4Protocol;
  /** Number, a named container port, or absent (= every port of the protocol). */
  readonly port?: number | string;
  /** Inclusive end of a numeric range starting at `port`. */
  readonly endPort?: number;
  readonly source: SourceRef;
}

/** One ingress or egress rule. An empty `peers` list = every peer; empty `ports` = every port/protocol. */
export interface PolicyRule {
  readonly peers: readonly PolicyPeer[];
  readonly ports: readonly PolicyPort[];
  readonly source: SourceRef;
}

export type PolicyType = 'Ingress' | 'Egress';

export interface NetworkPolicy {
  readonly namespace: string;
  readonly name: string;
  readonly podSelector: LabelSelector;
  /**
   * Effective policy types. When `spec.policyTypes` is absent: Ingress always, plus Egress
   * if `spec.egress` is present (the API server's defaulting).
   */
  readonly policyTypes: readonly PolicyType[];
  /** True when `spec.policyTypes` was written in the manifest. */
  readonly policyTypesExplicit: boolean;
  readonly ingress: readonly PolicyRule[];
  readonly egress: readonly PolicyRule[];
  readonly source: SourceRef;
  /** `metadata.creationTimestamp` in ms since the epoch, when the manifest has one (kubectl dumps do). */
  readonly createdAtMs?: number;
}

/** A warning or error about an input, located to file, line and field path. */
export interface Diagnostic {
  readonly severity: 'error' | 'warning';
  readonly file: string;
  readonly line: number;
  /** Field path inside the object, e.g. `spec.ingress[0].from[1].ipBlock.cidr`; '' for the whole document. */
  readonly path: string;
  readonly message: string;
}

/** The whole inventory. Arrays are in a deterministic order (see the loader). */
export interface Cluster {
  readonly namespaces: readonly Namespace[];
  readonly nodes: readonly Node[];
  readonly pods: readonly Pod[];
  readonly policies: readonly NetworkPolicy[];
}

/** `ns/name` for pods and policies. */
export function qualifiedName(obj: { readonly namespace: string; readonly name: string }): string {
  return `${obj.namespace}/${obj.name}`;
}

/**
 * Something that sends or receives traffic: a pod, a node's host stack (vhost0 in Contrail;
 * hostNetwork pods count as their node's host), or an address outside the cluster.
 * NetworkPolicy only ever isolates `pod` endpoints; the others are matched by `ipBlock` only.
 */
export type Endpoint =
  | { readonly kind: 'pod'; readonly pod: Pod; readonly ip: string }
  | { readonly kind: 'host'; readonly node: Node; readonly ip: string }
  | { readonly kind: 'external'; readonly ip: string };

/**
 * Appended by the model loader: creation order of each NetworkPolicy (0-based, input order
 * at first load; later applies continue the count; re-applying an existing policy keeps its
 * number). Contrail numbers its firewall policies in creation order. Set on every policy the
 * loader produces; optional only so hand-built test records may omit it.
 */
export interface NetworkPolicy {
  readonly order?: number;
}

/** `spec.type` of a Service (the API server's default is ClusterIP). */
export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

/** `spec.externalTrafficPolicy` of a NodePort/LoadBalancer Service: every ready backend, or only the node's own. */
export type ExternalTrafficPolicy = 'Cluster' | 'Local';

/** The API server's default `--service-node-port-range`. */
export const NODE_PORT_LOW = 30000;
export const NODE_PORT_HIGH = 32767;

/** One entry of a Service's `spec.ports`, with the API server's defaults applied. */
export interface ServicePort {
  readonly name?: string;
  readonly protocol: L4Protocol;
  readonly port: number;
  /** A container port number, or the name of a container port resolved per backend pod; defaults to `port`. */
  readonly targetPort: number | string;
  /** `nodePort` of a NodePort/LoadBalancer Service, when written. */
  readonly nodePort?: number;
  readonly source: SourceRef;
}

/**
 * A Service. `clusterIPs` holds the virtual addresses (canonical, IPv4 first); it is empty for
 * a headless Service (`clusterIP: None`) and for ExternalName. `selector` undefined = a Service
 * without selector (its endpoints are managed by hand; vrsim gives it none).
 */
export interface Service {
  readonly namespace: string;
  readonly name: string;
  readonly type: ServiceType;
  readonly headless: boolean;
  readonly clusterIPs: readonly string[];
  readonly selector?: Labels;
  readonly ports: readonly ServicePort[];
  /** NodePort and LoadBalancer Services: Cluster (the default) or Local. */
  readonly externalTrafficPolicy?: ExternalTrafficPolicy;
  readonly labels: Labels;
  readonly source: SourceRef;
}

/**
 * Appended by the model loader: the cluster's Services, by namespace then name. Optional only
 * so that hand-built clusters (tests, benchmarks) may omit it: absent = no Services.
 */
export interface Cluster {
  readonly services?: readonly Service[];
}

/**
 * Appended for the cluster tiers: a Node's `metadata.labels` (ClusterNetworkPolicy `nodes`
 * peers select nodes by them; absent on hand-built records = no labels).
 */
export interface Node {
  readonly labels?: Labels;
}

/**
 * Appended for the cluster tiers: the ClusterNetworkPolicies (and deprecated v1alpha1
 * Admin/Baseline policies loaded as them), sorted by kind then name. Absent = none.
 */
export interface Cluster {
  readonly clusterPolicies?: readonly ClusterNetworkPolicy[];
}

/**
 * Where a node's fabric address (`internalIPs[0]`) came from (see `nodes.ts`):
 * - `InternalIP` / `ExternalIP`: its Node object's `status.addresses` (kubelet's order);
 * - `hostIP`: the `status.hostIP` its pods report (no usable address on a Node object);
 * - `book`: the book's address of cent222 / cent333;
 * - `assigned`: vrsim's deterministic address from 198.18.0.0/15 (nothing said it).
 */
export type NodeAddressOrigin = 'InternalIP' | 'ExternalIP' | 'hostIP' | 'book' | 'assigned';

/** Appended by the node resolver: where the fabric address came from. */
export interface Node {
  /** Set on every node the loader produces; optional only so hand-built records may omit it. */
  readonly addressOrigin?: NodeAddressOrigin;
}

/** The workload controllers vrsim expands into pods (see src/model/workloads/). */
export type WorkloadKind = 'Deployment' | 'ReplicaSet' | 'StatefulSet' | 'DaemonSet' | 'Job' | 'CronJob' | 'ReplicationController';

/**
 * The workload a pod belongs to, as netpol-analyzer names it: its top-level controller
 * (a Deployment over its ReplicaSet, a CronJob over its Job), or the pod itself (`Pod`).
 */
export interface WorkloadRef {
  readonly kind: WorkloadKind | 'Pod';
  readonly namespace: string;
  readonly name: string;
}

/** Appended by the workload resolver (src/model/workloads/). */
export interface Pod {
  /** The pod's workload; absent on hand-built records = the pod itself (see `workloadOf`). */
  readonly workload?: WorkloadRef;
  /** True when vrsim created the pod from a controller's template (not in the inputs). */
  readonly generated?: boolean;
}

/** A workload controller object of the inputs and what it became. */
export interface Workload {
  readonly kind: WorkloadKind;
  readonly namespace: string;
  readonly name: string;
  /** Its own top-level workload (a ReplicaSet owned by a Deployment names the Deployment). */
  readonly workload: WorkloadRef;
  /** Pods it would run by its spec (with the API's defaults). */
  readonly desiredPods: number;
  /** `expanded`: vrsim created its pods; `observed`: its pods (or owned objects) are in the inputs; `none`: it runs none now. */
  readonly pods: 'expanded' | 'observed' | 'none';
  /** Names (in its namespace) of the pods vrsim created for it. */
  readonly generatedPods: readonly string[];
  readonly source: SourceRef;
}

/** Appended by the workload resolver: the controller objects, by namespace, kind, name. Absent = none. */
export interface Cluster {
  readonly workloads?: readonly Workload[];
}
