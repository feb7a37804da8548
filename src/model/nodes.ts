/**
 * Decides which nodes a cluster has and each node's fabric address (the vhost0 address its
 * vRouter tunnels from, `Node.internalIPs[0]`).
 *
 * The node set: every Node object, every node a pod names in `spec.nodeName`, and the nodes
 * already in the cluster. With no Node object and no pod naming a node other than the book's,
 * the book's two nodes cent222 (10.169.25.20) and cent333 (10.169.25.21) exist (hand-written
 * labs); otherwise only the named nodes do.
 *
 * A node's fabric address (IPv4), first found of:
 * 1. its Node object's first IPv4 `InternalIP`, else first IPv4 `ExternalIP` (the order of
 *    kubelet's GetNodeHostIP, kubernetes pkg/util/node/node.go);
 * 2. the IPv4 `status.hostIP(s)` of its pods (hostNetwork pods' own IPs count too) — all of
 *    them must agree, else a located error naming both pods;
 * 3. the book's address for cent222 / cent333;
 * 4. a deterministic address from 198.18.0.0/15 (RFC 2544's benchmarking range, never a real
 *    network's), upward from 198.18.0.1 in node-name order, skipping every address in use;
 *    ONE warning names all such nodes.
 * The node's IPv6 InternalIPs follow the fabric address. A pod's hostIP that is not an
 * address of its node's Node object is a located error. Nodes already in the cluster keep
 * their addresses unless a Node object replaces them. Never throws.
 */
import type { Diagnostic, Labels, Node, NodeAddressOrigin, SourceRef } from './types.js';
import type { NodeDraft } from './parsed-objects.js';
import type { LocatedIp } from './pod-lifecycle-read.js';
import { ipFamily, ipv4ToNumber, numberToIpv4 } from './ip-text.js';

export const DEFAULT_SOURCE: SourceRef = { file: '(default)', line: 0 };

/**
 * The labels every kubelet puts on its Node (kubernetes.io/hostname and kubernetes.io/os,
 * k8s.io/api/core/v1 well_known_labels.go), given to nodes that have no Node object.
 */
export function kubeletLabels(name: string): Labels {
  return { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux' };
}

/** The book's two compute nodes, used when nothing names a node. */
export const BOOK_NODES: readonly Node[] = [
  { name: 'cent222', internalIPs: ['10.169.25.20'], source: DEFAULT_SOURCE, labels: kubeletLabels('cent222'), addressOrigin: 'book' },
  { name: 'cent333', internalIPs: ['10.169.25.21'], source: DEFAULT_SOURCE, labels: kubeletLabels('cent333'), addressOrigin: 'book' },
];

/** vrsim's range for nodes nothing gives an address to. */
export const ASSIGNED_NODE_RANGE = '198.18.0.0/15';
const ASSIGNED_FIRST = ipv4ToNumber('198.18.0.1');
const ASSIGNED_LAST = ipv4ToNumber('198.19.255.254');

/** What a pod tells about its node: the name, and the node addresses it saw. */
export interface NodeEvidence {
  readonly nodeName: string;
  /** The pod's `status.hostIP(s)`, or a hostNetwork pod's own IPs. */
  readonly hostIps: readonly LocatedIp[];
  readonly podName: string;
  /** File of the pod (hostIps carry their lines). */
  readonly file: string;
  readonly source: SourceRef;
}

export interface NodeInputs {
  /** Nodes of the cluster being changed. */
  readonly base: ReadonlyMap<string, Node>;
  /** Node objects of the new inputs (replacing base nodes of the same name). */
  readonly drafts: readonly NodeDraft[];
  /** Every pod of the new inputs that names a node (finished ones too: they ran there). */
  readonly evidence: readonly NodeEvidence[];
  /** Node names pods of the cluster name (base and new), for the book-nodes rule. */
  readonly named: ReadonlySet<string>;
  /** Addresses held by pods (declared) that an assigned address must avoid. */
  readonly taken: ReadonlySet<string>;
}

const where = (file: string, line: number): string => `${file}:${line}`;

function located(diagnostics: Diagnostic[], file: string, line: number, path: string, message: string, severity: Diagnostic['severity'] = 'error'): void {
  diagnostics.push({ severity, file, line, path, message });
}

/** Returns the cluster's nodes by name (unsorted); problems are appended to `diagnostics`. */
export function resolveNodes(inputs: NodeInputs, diagnostics: Diagnostic[]): Map<string, Node> {
  const nodes = new Map(inputs.base);
  const drafts = new Map(inputs.drafts.map((d) => [d.name, d] as const));
  const bookNames = new Set(BOOK_NODES.map((n) => n.name));
  if (nodes.size === 0 && drafts.size === 0 && [...inputs.named].every((n) => bookNames.has(n))) {
    for (const n of BOOK_NODES) nodes.set(n.name, n);
  }
  const hostIps = agreedHostIps(inputs.evidence, diagnostics);
  const firstSeen = new Map<string, NodeEvidence>();
  for (const e of inputs.evidence) if (!firstSeen.has(e.nodeName)) firstSeen.set(e.nodeName, e);

  const unaddressed: { name: string; source: SourceRef; labels: Labels; v6: readonly string[] }[] = [];
  const settle = (name: string, source: SourceRef, labels: Labels, v4: string | undefined, origin: NodeAddressOrigin, v6: readonly string[]): void => {
    if (v4 !== undefined) {
      nodes.set(name, { name, internalIPs: [v4, ...v6], source, labels, addressOrigin: origin });
      return;
    }
    const seen = hostIps.get(name);
    const book = BOOK_NODES.find((n) => n.name === name);
    if (seen !== undefined) nodes.set(name, { name, internalIPs: [seen.ip, ...v6], source, labels, addressOrigin: 'hostIP' });
    else if (book !== undefined) nodes.set(name, { ...book, internalIPs: [...book.internalIPs, ...v6], source, labels });
    else unaddressed.push({ name, source, labels, v6 });
  };

  for (const d of drafts.values()) {
    const internal = d.internalIPs.find((ip) => ipFamily(ip) === 'IPv4');
    const external = d.externalIPs.find((ip) => ipFamily(ip) === 'IPv4');
    const v6 = d.internalIPs.filter((ip) => ipFamily(ip) === 'IPv6');
    if (internal !== undefined) settle(d.name, d.source, d.labels, internal, 'InternalIP', v6);
    else if (external !== undefined) settle(d.name, d.source, d.labels, external, 'ExternalIP', v6);
    else settle(d.name, d.source, d.labels, undefined, 'assigned', v6);
    checkHostIpsBelong(d, inputs.evidence, diagnostics);
  }
  for (const name of [...inputs.named].sort()) {
    if (nodes.has(name) || drafts.has(name)) continue;
    const first = firstSeen.get(name);
    settle(name, first?.source ?? DEFAULT_SOURCE, kubeletLabels(name), undefined, 'assigned', []);
  }
  assignFromRange(nodes, unaddressed, inputs.taken, inputs.evidence, diagnostics);
  return nodes;
}

/** The IPv4 hostIP all pods of each node report; disagreement is an error at the odd pod. */
function agreedHostIps(evidence: readonly NodeEvidence[], diagnostics: Diagnostic[]): Map<string, LocatedIp & { readonly podName: string; readonly file: string }> {
  const agreed = new Map<string, LocatedIp & { readonly podName: string; readonly file: string }>();
  for (const e of evidence) {
    const ip = e.hostIps.find((h) => ipFamily(h.ip) === 'IPv4');
    if (ip === undefined) continue;
    const first = agreed.get(e.nodeName);
    if (first === undefined) agreed.set(e.nodeName, { ...ip, podName: e.podName, file: e.file });
    else if (first.ip !== ip.ip) {
      located(diagnostics, e.file, ip.line, ip.path,
        `pod ${e.podName} on node ${e.nodeName} reports host address ${ip.ip}, but pod ${first.podName} on the same node reports ${first.ip} (${where(first.file, first.line)}); all pods of a node must agree`);
    }
  }
  return agreed;
}

/** Every hostIP a pod reports for a node with a Node object must be one of its addresses. */
function checkHostIpsBelong(node: NodeDraft, evidence: readonly NodeEvidence[], diagnostics: Diagnostic[]): void {
  const own = new Set([...node.internalIPs, ...node.externalIPs]);
  if (own.size === 0) return;
  for (const e of evidence) {
    if (e.nodeName !== node.name) continue;
    for (const h of e.hostIps) {
      if (own.has(h.ip)) continue;
      located(diagnostics, e.file, h.line, h.path,
        `pod ${e.podName} reports host address ${h.ip}, which is not an address of node ${node.name} (${[...own].join(', ')} at ${where(node.source.file, node.source.line)})`);
    }
  }
}

function assignFromRange(
  nodes: Map<string, Node>,
  unaddressed: readonly { name: string; source: SourceRef; labels: Labels; v6: readonly string[] }[],
  podIps: ReadonlySet<string>,
  evidence: readonly NodeEvidence[],
  diagnostics: Diagnostic[],
): void {
  if (unaddressed.length === 0) return;
  const used = new Set(podIps);
  for (const n of nodes.values()) for (const ip of n.internalIPs) used.add(ip);
  let cursor = ASSIGNED_FIRST;
  const given: string[] = [];
  const sorted = [...unaddressed].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const n of sorted) {
    while (cursor <= ASSIGNED_LAST && used.has(numberToIpv4(cursor))) cursor++;
    if (cursor > ASSIGNED_LAST) {
      located(diagnostics, n.source.file, n.source.line, '', `no free address left in ${ASSIGNED_NODE_RANGE} for node ${n.name}`);
      continue;
    }
    const ip = numberToIpv4(cursor++);
    used.add(ip);
    given.push(`${n.name} ${ip}`);
    nodes.set(n.name, { name: n.name, internalIPs: [ip, ...n.v6], source: n.source, labels: n.labels, addressOrigin: 'assigned' });
  }
  const names = new Set(unaddressed.map((n) => n.name));
  const first = evidence.find((e) => names.has(e.nodeName))?.source ?? unaddressed[0]!.source;
  const subject = given.length === 1 ? `node ${sorted[0]!.name} has` : `${given.length} nodes have`;
  const their = given.length === 1 ? 'its' : 'their';
  located(diagnostics, first.file, first.line, '',
    `${subject} no IPv4 address in the inputs (no InternalIP or ExternalIP on a Node object, no status.hostIP on ${their} pods); simulated with addresses from ${ASSIGNED_NODE_RANGE}: ${given.join(', ')}`,
    'warning');
}
