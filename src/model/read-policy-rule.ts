/**
 * Reads one NetworkPolicy ingress/egress rule: its peers (`from`/`to`) and `ports`.
 *
 * Guarantees, as the API server validates: a peer names exactly one of ipBlock or
 * pod/namespace selectors; CIDRs are valid and every `except` lies strictly inside its
 * `cidr`; ports are 1-65535 or IANA names; `endPort` needs a numeric `port` and is not below
 * it; protocols are TCP, UDP or SCTP (default TCP). Unknown fields are warnings.
 */
import type { PolicyPeer, PolicyPort, PolicyRule } from './types.js';
import { childPath, field, missing, readIntOrString, readInteger, readMap, readMapList, readString, readStringList, report, warnUnknownFields, type MapView } from './field-reader.js';
import { checkPortName, checkPortNumber } from './k8s-names.js';
import { cidrStrictlyInside, parseCidr } from './ip-text.js';
import { readSelector } from './read-selector.js';
import { readProtocol } from './read-pod.js';

export type RuleDirection = 'ingress' | 'egress';

export function readPolicyRule(rule: MapView, direction: RuleDirection): PolicyRule {
  const peersKey = direction === 'ingress' ? 'from' : 'to';
  warnUnknownFields(rule, [peersKey, 'ports']);
  const peers: PolicyPeer[] = [];
  for (const { item } of readMapList(rule, peersKey) ?? []) {
    const peer = readPeer(item);
    if (peer !== undefined) peers.push(peer);
  }
  const ports: PolicyPort[] = [];
  for (const { item } of readMapList(rule, 'ports') ?? []) {
    const port = readPolicyPort(item);
    if (port !== undefined) ports.push(port);
  }
  return { peers, ports, source: { file: rule.ctx.file, line: rule.line } };
}

function readPeer(peer: MapView): PolicyPeer | undefined {
  warnUnknownFields(peer, ['podSelector', 'namespaceSelector', 'ipBlock']);
  const source = { file: peer.ctx.file, line: peer.line };
  const hasIpBlock = field(peer, 'ipBlock') !== undefined;
  const hasSelector = field(peer, 'podSelector') !== undefined || field(peer, 'namespaceSelector') !== undefined;
  if (hasIpBlock && hasSelector) {
    report(peer.ctx, 'error', peer.line, peer.path, 'a peer may name either ipBlock or podSelector/namespaceSelector, not both (write them as two list entries)');
    return undefined;
  }
  if (!hasIpBlock && !hasSelector) {
    report(peer.ctx, 'error', peer.line, peer.path, 'empty peer: expected podSelector, namespaceSelector or ipBlock');
    return undefined;
  }
  if (hasIpBlock) {
    const block = readMap(peer, 'ipBlock');
    return block === undefined ? undefined : readIpBlock(block, source);
  }
  const podSelector = readSelector(peer, 'podSelector');
  const namespaceSelector = readSelector(peer, 'namespaceSelector');
  return {
    kind: 'pods',
    ...(podSelector === undefined ? {} : { podSelector }),
    ...(namespaceSelector === undefined ? {} : { namespaceSelector }),
    source,
  };
}

function readIpBlock(block: MapView, source: PolicyPeer['source']): PolicyPeer | undefined {
  warnUnknownFields(block, ['cidr', 'except']);
  const cidrText = readString(block, 'cidr');
  const cidrField = field(block, 'cidr');
  if (cidrField === undefined) missing(block, 'cidr', 'a CIDR such as 10.0.0.0/24');
  const cidr = cidrText === undefined ? undefined : parseCidr(cidrText);
  if (cidrText !== undefined && cidr === undefined) {
    report(block.ctx, 'error', cidrField?.line ?? block.line, childPath(block.path, 'cidr'), `"${cidrText}" is not a valid CIDR`);
  }
  const except: string[] = [];
  let valid = cidr !== undefined;
  for (const e of readStringList(block, 'except') ?? []) {
    const parsed = parseCidr(e.value);
    if (parsed === undefined) {
      report(block.ctx, 'error', e.line, e.path, `"${e.value}" is not a valid CIDR`);
      valid = false;
    } else if (cidr !== undefined && !cidrStrictlyInside(parsed, cidr)) {
      report(block.ctx, 'error', e.line, e.path, `"${e.value}" must be strictly inside cidr "${cidrText ?? ''}"`);
      valid = false;
    } else {
      except.push(e.value);
    }
  }
  if (!valid || cidrText === undefined) return undefined;
  return { kind: 'ipBlock', cidr: cidrText, except, source };
}

function readPolicyPort(view: MapView): PolicyPort | undefined {
  warnUnknownFields(view, ['protocol', 'port', 'endPort']);
  const protocol = readProtocol(view, 'protocol');
  const port = readIntOrString(view, 'port');
  const endPort = readInteger(view, 'endPort');
  const endPortLine = field(view, 'endPort')?.line ?? view.line;
  const endPortPath = childPath(view.path, 'endPort');
  let valid = protocol !== undefined;
  if (port !== undefined) {
    const problem = typeof port.value === 'number' ? checkPortNumber(port.value) : checkPortName(port.value);
    if (problem !== undefined) {
      report(view.ctx, 'error', port.line, port.path, problem);
      valid = false;
    }
  } else if (field(view, 'port') !== undefined) {
    valid = false;
  }
  if (endPort !== undefined) {
    const rangeProblem = checkPortNumber(endPort);
    if (rangeProblem !== undefined) {
      report(view.ctx, 'error', endPortLine, endPortPath, rangeProblem);
      valid = false;
    } else if (port === undefined) {
      report(view.ctx, 'error', endPortLine, endPortPath, 'endPort requires a numeric port');
      valid = false;
    } else if (typeof port.value === 'string') {
      report(view.ctx, 'error', endPortLine, endPortPath, `endPort cannot be used with the named port "${port.value}"`);
      valid = false;
    } else if (endPort < port.value) {
      report(view.ctx, 'error', endPortLine, endPortPath, `endPort ${endPort} is below port ${port.value}: expected a value >= port`);
      valid = false;
    }
  } else if (field(view, 'endPort') !== undefined) {
    valid = false;
  }
  if (!valid || protocol === undefined) return undefined;
  return {
    protocol,
    ...(port === undefined ? {} : { port: port.value }),
    ...(endPort === undefined ? {} : { endPort }),
    source: { file: view.ctx.file, line: view.line },
  };
}
