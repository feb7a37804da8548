/**
 * Reads the selector parts of a ClusterNetworkPolicy (and of the v1alpha1 Admin/Baseline
 * policies, which share them): `subject` and the `from`/`to` peers.
 *
 * Guarantees, as the CRD schema validates (config/crd/*\/policy.networking.k8s.io_clusternetworkpolicies.yaml):
 * - `subject` and every peer set exactly one field (minProperties/maxProperties 1);
 * - `pods` needs `podSelector` (required), `namespaceSelector` defaults to {} (every namespace);
 * - ingress peers are `namespaces` or `pods`; egress peers also `nodes`, `networks` (1-25
 *   CIDRs, `isCIDR`, at most 43 characters) and `domainNames` (1-25, the CRD's pattern);
 * - a peer written only with fields vrsim does not know (an object made against a newer CRD)
 *   becomes an `unknown` peer with a warning: the API says implementations fail closed on it.
 * Unknown fields warn with a "did you mean".
 */
import type { CnpPeer, CnpSubject } from './cluster-network-policy.js';
import type { LabelSelector, SourceRef } from './types.js';
import { childPath, entries, field, missing, readMap, readStringList, report, warnUnknownFields, type MapView } from './field-reader.js';
import { parseCidr } from './ip-text.js';
import { readSelector } from './read-selector.js';

const SELECT_ALL: LabelSelector = { matchLabels: {}, matchExpressions: [] };
const SUBJECT_FIELDS = ['namespaces', 'pods'] as const;
const INGRESS_PEER_FIELDS = ['namespaces', 'pods'] as const;
const EGRESS_PEER_FIELDS = ['namespaces', 'pods', 'nodes', 'networks', 'domainNames'] as const;
const LIST_LIMIT = 25;
const CIDR_MAX_LENGTH = 43;
/** The CRD's DomainName pattern (apis/v1alpha2/clusternetworkpolicy_types.go, type DomainName). */
const DOMAIN_NAME = /^(\*\.)?([a-zA-Z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\.)+[a-zA-Z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\.?$/;

/** The fields of `view` that are written with a non-null value, among `known`. */
function writtenAmong(view: MapView, known: readonly string[]): string[] {
  return known.filter((k) => field(view, k) !== undefined);
}

function exactlyOneProblem(written: readonly string[], known: readonly string[]): string | undefined {
  const list = known.length === 2 ? `${known[0]} or ${known[1]}` : `${known.slice(0, -1).join(', ')} or ${known[known.length - 1]}`;
  if (written.length === 0) return `exactly one of ${list} must be set, found none`;
  if (written.length > 1) return `exactly one of ${list} must be set, found ${written.join(' and ')}`;
  return undefined;
}

/** `pods: {namespaceSelector, podSelector}`. */
function readNamespacedPod(parent: MapView, key: string): { namespaceSelector: LabelSelector; podSelector: LabelSelector } | undefined {
  const view = readMap(parent, key);
  if (view === undefined) return undefined;
  warnUnknownFields(view, ['namespaceSelector', 'podSelector']);
  const podSelector = readSelector(view, 'podSelector');
  if (field(view, 'podSelector') === undefined) missing(view, 'podSelector', 'a label selector ({} selects every pod of the selected namespaces)');
  const namespaceSelector = field(view, 'namespaceSelector') === undefined ? SELECT_ALL : readSelector(view, 'namespaceSelector');
  if (podSelector === undefined || namespaceSelector === undefined) return undefined;
  return { namespaceSelector, podSelector };
}

/** `spec.subject`; undefined after reporting. */
export function readSubject(spec: MapView): CnpSubject | undefined {
  const view = readMap(spec, 'subject');
  if (view === undefined) {
    if (field(spec, 'subject') === undefined) missing(spec, 'subject', 'namespaces or pods (the pods this policy applies to)');
    return undefined;
  }
  warnUnknownFields(view, SUBJECT_FIELDS);
  const written = writtenAmong(view, SUBJECT_FIELDS);
  const problem = exactlyOneProblem(written, SUBJECT_FIELDS);
  if (problem !== undefined) {
    report(view.ctx, 'error', view.line, view.path, problem);
    return undefined;
  }
  if (written[0] === 'namespaces') {
    const namespaceSelector = readSelector(view, 'namespaces');
    return namespaceSelector === undefined ? undefined : { kind: 'namespaces', namespaceSelector };
  }
  const pods = readNamespacedPod(view, 'pods');
  return pods === undefined ? undefined : { kind: 'pods', ...pods };
}

export type PeerDirection = 'ingress' | 'egress';

/** One peer of `from` (ingress) or `to` (egress); undefined after reporting an error. */
export function readCnpPeer(peer: MapView, direction: PeerDirection): CnpPeer | undefined {
  const source: SourceRef = { file: peer.ctx.file, line: peer.line };
  const known: readonly string[] = direction === 'ingress' ? INGRESS_PEER_FIELDS : EGRESS_PEER_FIELDS;
  const egressOnly = EGRESS_PEER_FIELDS.filter((k) => !known.includes(k) && field(peer, k) !== undefined);
  for (const k of egressOnly) {
    report(peer.ctx, 'error', field(peer, k)?.line ?? peer.line, childPath(peer.path, k), `${k} peers are only allowed in egress rules (ingress peers are namespaces or pods)`);
  }
  if (egressOnly.length > 0) return undefined;
  warnUnknownFields(peer, known);
  const written = writtenAmong(peer, known);
  if (written.length === 0) {
    const others = entries(peer).map((e) => e.key);
    if (others.length > 0) {
      report(peer.ctx, 'warning', peer.line, peer.path,
        `peer sets none of ${known.join(', ')} (only ${others.join(', ')}): as the API requires, it fails closed — an Accept rule with it matches nothing, a Deny or Pass rule with it denies everything`);
      return { kind: 'unknown', fields: others, source };
    }
  }
  const problem = exactlyOneProblem(written, known);
  if (problem !== undefined) {
    report(peer.ctx, 'error', peer.line, peer.path, problem);
    return undefined;
  }
  switch (written[0]) {
    case 'namespaces': {
      const namespaceSelector = readSelector(peer, 'namespaces');
      return namespaceSelector === undefined ? undefined : { kind: 'namespaces', namespaceSelector, source };
    }
    case 'pods': {
      const pods = readNamespacedPod(peer, 'pods');
      return pods === undefined ? undefined : { kind: 'pods', ...pods, source };
    }
    case 'nodes': {
      const nodeSelector = readSelector(peer, 'nodes');
      return nodeSelector === undefined ? undefined : { kind: 'nodes', nodeSelector, source };
    }
    case 'networks': {
      const cidrs = readBoundedStrings(peer, 'networks', (text) => {
        if (text.length > CIDR_MAX_LENGTH) return `"${text}" is longer than ${CIDR_MAX_LENGTH} characters`;
        return parseCidr(text) === undefined ? `"${text}" is not a valid CIDR (Invalid CIDR format provided)` : undefined;
      });
      return cidrs === undefined ? undefined : { kind: 'networks', cidrs, source };
    }
    default: {
      const domainNames = readBoundedStrings(peer, 'domainNames', (text) =>
        DOMAIN_NAME.test(text) ? undefined : `"${text}" is not a valid domain name: expected e.g. kubernetes.io or *.kubernetes.io ('*' only as a whole first label)`);
      return domainNames === undefined ? undefined : { kind: 'domainNames', domainNames, source };
    }
  }
}

/** A `listType=set` string list of 1-25 valid, distinct items. */
function readBoundedStrings(peer: MapView, key: string, check: (text: string) => string | undefined): string[] | undefined {
  const items = readStringList(peer, key);
  if (items === undefined) return undefined;
  const path = childPath(peer.path, key);
  const line = field(peer, key)?.line ?? peer.line;
  let valid = true;
  if (items.length === 0) {
    report(peer.ctx, 'error', line, path, 'expected at least 1 item');
    valid = false;
  }
  if (items.length > LIST_LIMIT) {
    report(peer.ctx, 'error', line, path, `${items.length} items: at most ${LIST_LIMIT} are allowed`);
    valid = false;
  }
  const seen = new Set<string>();
  for (const item of items) {
    const problem = check(item.value) ?? (seen.has(item.value) ? `duplicate value "${item.value}" (the list is a set)` : undefined);
    seen.add(item.value);
    if (problem !== undefined) {
      report(peer.ctx, 'error', item.line, item.path, problem);
      valid = false;
    }
  }
  return valid ? items.map((i) => i.value) : undefined;
}
