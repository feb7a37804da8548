/**
 * Reads the ingress/egress rules of a ClusterNetworkPolicy (v1alpha2) and of the deprecated
 * v1alpha1 AdminNetworkPolicy / BaselineAdminNetworkPolicy, into `CnpRule`s.
 *
 * Guarantees, as the CRDs validate:
 * - `action` is one of the flavour's actions (v1alpha2: Accept, Deny, Pass; ANP: Allow, Deny,
 *   Pass; BANP: Allow, Deny), `Allow` read as `Accept`; `name` is at most 100 characters;
 * - `from`/`to` is required with 1..limit peers (25 in v1alpha2);
 * - v1alpha2 `protocols`: 1-25 entries, each exactly one of tcp/udp/sctp/destinationNamedPort;
 *   tcp/udp/sctp need `destinationPort`, exactly one of `number` (1-65535) or
 *   `range` {start, end} with start < end ("Start port must be less than End port");
 * - v1alpha1 `ports`: each exactly one of portNumber {protocol, port}, namedPort or
 *   portRange {protocol, start, end};
 * - the egress CEL rule: a rule with a networks/nodes/domainNames peer cannot use a named port.
 * Unknown fields warn with a suggestion; nothing invalid is returned.
 */
import type { CnpAction, CnpPeer, CnpPort, CnpRule } from './cluster-network-policy.js';
import type { L4Protocol } from './types.js';
import { childPath, field, missing, readInteger, readMap, readMapList, readString, report, warnUnknownFields, type MapView } from './field-reader.js';
import { checkPortName } from './k8s-names.js';
import { readProtocol } from './read-pod.js';
import { readCnpPeer, type PeerDirection } from './read-cluster-network-policy-peers.js';

export interface RuleFlavour {
  /** Actions as written, and what each means. */
  readonly actions: Readonly<Record<string, CnpAction>>;
  readonly portsKey: 'protocols' | 'ports';
  /** Most peers per rule. */
  readonly peerLimit: number;
}

export const V1ALPHA2_RULES: RuleFlavour = { actions: { Accept: 'Accept', Deny: 'Deny', Pass: 'Pass' }, portsKey: 'protocols', peerLimit: 25 };
export const ANP_RULES: RuleFlavour = { actions: { Allow: 'Accept', Deny: 'Deny', Pass: 'Pass' }, portsKey: 'ports', peerLimit: 100 };
export const BANP_RULES: RuleFlavour = { actions: { Allow: 'Accept', Deny: 'Deny' }, portsKey: 'ports', peerLimit: 100 };

const NAME_MAX = 100;
const PORTS_LIMIT = 25;

/** Reads `spec.ingress` or `spec.egress` (at most `ruleLimit` rules). */
export function readCnpRules(spec: MapView, direction: PeerDirection, flavour: RuleFlavour, ruleLimit: number): CnpRule[] {
  const items = readMapList(spec, direction) ?? [];
  if (items.length > ruleLimit) {
    report(spec.ctx, 'error', field(spec, direction)?.line ?? spec.line, childPath(spec.path, direction), `${items.length} rules: at most ${ruleLimit} are allowed`);
  }
  const rules: CnpRule[] = [];
  for (const { item } of items) {
    const rule = readCnpRule(item, direction, flavour);
    if (rule !== undefined) rules.push(rule);
  }
  return rules;
}

function readCnpRule(rule: MapView, direction: PeerDirection, flavour: RuleFlavour): CnpRule | undefined {
  const peersKey = direction === 'ingress' ? 'from' : 'to';
  warnUnknownFields(rule, ['name', 'action', peersKey, flavour.portsKey]);
  let valid = true;
  const name = readString(rule, 'name') ?? '';
  if (name.length > NAME_MAX) {
    report(rule.ctx, 'error', field(rule, 'name')?.line ?? rule.line, childPath(rule.path, 'name'), `${name.length} characters: at most ${NAME_MAX} are allowed`);
    valid = false;
  }
  const actionText = readString(rule, 'action');
  const written = Object.keys(flavour.actions);
  const action = actionText === undefined ? undefined : flavour.actions[actionText];
  if (field(rule, 'action') === undefined) missing(rule, 'action', `one of ${written.join(', ')}`);
  else if (actionText !== undefined && action === undefined) {
    report(rule.ctx, 'error', field(rule, 'action')?.line ?? rule.line, childPath(rule.path, 'action'), `"${actionText}" is not a valid action: expected one of ${written.join(', ')}`);
  }
  const peerItems = readMapList(rule, peersKey);
  const peers: CnpPeer[] = [];
  if (peerItems === undefined) {
    if (field(rule, peersKey) === undefined) missing(rule, peersKey, `a list of 1 to ${flavour.peerLimit} peers`);
    valid = false;
  } else if (peerItems.length === 0 || peerItems.length > flavour.peerLimit) {
    const what = peerItems.length === 0 ? 'expected at least 1 peer' : `${peerItems.length} peers: at most ${flavour.peerLimit} are allowed`;
    report(rule.ctx, 'error', field(rule, peersKey)?.line ?? rule.line, childPath(rule.path, peersKey), what);
    valid = false;
  }
  for (const { item } of peerItems ?? []) {
    const peer = readCnpPeer(item, direction);
    if (peer === undefined) valid = false;
    else peers.push(peer);
  }
  const ports = readRulePorts(rule, flavour);
  if (ports === undefined) valid = false;
  if (direction === 'egress' && ports !== undefined && ports.some((p) => p.kind === 'named') && peers.some((p) => p.kind === 'networks' || p.kind === 'nodes' || p.kind === 'domainNames')) {
    report(rule.ctx, 'error', rule.line, rule.path, 'networks/nodes/domainNames peer cannot be set with namedPorts since there are no namedPorts for networks/nodes/domainNames');
    valid = false;
  }
  if (!valid || action === undefined || ports === undefined) return undefined;
  return { name, action, peers, ports, source: { file: rule.ctx.file, line: rule.line } };
}

function readRulePorts(rule: MapView, flavour: RuleFlavour): CnpPort[] | undefined {
  const key = flavour.portsKey;
  const items = readMapList(rule, key);
  if (items === undefined) return field(rule, key) === undefined ? [] : undefined;
  let valid = true;
  if (items.length === 0 || items.length > PORTS_LIMIT) {
    const what = items.length === 0 ? 'expected at least 1 entry (leave the field out to match every protocol and port)' : `${items.length} entries: at most ${PORTS_LIMIT} are allowed`;
    report(rule.ctx, 'error', field(rule, key)?.line ?? rule.line, childPath(rule.path, key), what);
    valid = false;
  }
  const ports: CnpPort[] = [];
  for (const { item } of items) {
    const port = key === 'protocols' ? readProtocolEntry(item) : readV1alpha1Port(item);
    if (port === undefined) valid = false;
    else ports.push(port);
  }
  return valid ? ports : undefined;
}

function exactlyOne(view: MapView, keys: readonly string[]): string | undefined {
  warnUnknownFields(view, keys);
  const written = keys.filter((k) => field(view, k) !== undefined);
  if (written.length === 1) return written[0];
  const list = `${keys.slice(0, -1).join(', ')} or ${keys[keys.length - 1]}`;
  report(view.ctx, 'error', view.line, view.path, `exactly one of ${list} must be set, found ${written.length === 0 ? 'none' : written.join(' and ')}`);
  return undefined;
}

function readNamedPort(view: MapView, key: string): CnpPort | undefined {
  const name = readString(view, key);
  if (name === undefined) return undefined;
  const problem = checkPortName(name);
  if (problem !== undefined) {
    report(view.ctx, 'error', field(view, key)?.line ?? view.line, childPath(view.path, key), problem);
    return undefined;
  }
  return { kind: 'named', name, source: { file: view.ctx.file, line: view.line } };
}

/** v1alpha2: `{tcp|udp|sctp: {destinationPort: {number | range}}}` or `{destinationNamedPort}`. */
function readProtocolEntry(view: MapView): CnpPort | undefined {
  const which = exactlyOne(view, ['tcp', 'udp', 'sctp', 'destinationNamedPort']);
  if (which === undefined) return undefined;
  if (which === 'destinationNamedPort') return readNamedPort(view, which);
  const protocol: L4Protocol = which === 'tcp' ? 'TCP' : which === 'udp' ? 'UDP' : 'SCTP';
  const proto = readMap(view, which);
  if (proto === undefined) return undefined;
  warnUnknownFields(proto, ['destinationPort']);
  const destination = readMap(proto, 'destinationPort');
  if (destination === undefined) {
    if (field(proto, 'destinationPort') === undefined) missing(proto, 'destinationPort', 'number or range (to match every port, leave the protocols entry out)');
    return undefined;
  }
  const shape = exactlyOne(destination, ['number', 'range']);
  if (shape === undefined) return undefined;
  const source = { file: view.ctx.file, line: view.line };
  if (shape === 'number') {
    const port = readPortNumber(destination, 'number');
    return port === undefined ? undefined : { kind: 'port', protocol, low: port, high: port, source };
  }
  const range = readMap(destination, 'range');
  return range === undefined ? undefined : readRange(range, protocol, source);
}

/** v1alpha1: `{portNumber: {protocol, port}}`, `{namedPort}` or `{portRange: {protocol, start, end}}`. */
function readV1alpha1Port(view: MapView): CnpPort | undefined {
  const which = exactlyOne(view, ['portNumber', 'namedPort', 'portRange']);
  if (which === undefined) return undefined;
  if (which === 'namedPort') return readNamedPort(view, which);
  const inner = readMap(view, which);
  if (inner === undefined) return undefined;
  const source = { file: view.ctx.file, line: view.line };
  if (which === 'portNumber') {
    warnUnknownFields(inner, ['protocol', 'port']);
    const protocol = readProtocol(inner, 'protocol');
    const port = readPortNumber(inner, 'port');
    return protocol === undefined || port === undefined ? undefined : { kind: 'port', protocol, low: port, high: port, source };
  }
  warnUnknownFields(inner, ['protocol', 'start', 'end']);
  const protocol = readProtocol(inner, 'protocol');
  const range = readRange(inner, protocol ?? 'TCP', source, true);
  return protocol === undefined ? undefined : range;
}

function readPortNumber(view: MapView, key: string): number | undefined {
  const value = readInteger(view, key);
  if (value === undefined) {
    if (field(view, key) === undefined) missing(view, key, 'a port number 1-65535');
    return undefined;
  }
  if (value < 1 || value > 65535) {
    report(view.ctx, 'error', field(view, key)?.line ?? view.line, childPath(view.path, key), `${value} is not a valid port number: expected 1-65535`);
    return undefined;
  }
  return value;
}

function readRange(range: MapView, protocol: L4Protocol, source: CnpPort['source'], unknownChecked = false): CnpPort | undefined {
  if (!unknownChecked) warnUnknownFields(range, ['start', 'end']);
  const start = readPortNumber(range, 'start');
  const end = readPortNumber(range, 'end');
  if (start === undefined || end === undefined) return undefined;
  if (start >= end) {
    report(range.ctx, 'error', range.line, range.path, `Start port must be less than End port (start ${start}, end ${end})`);
    return undefined;
  }
  return { kind: 'port', protocol, low: start, high: end, source };
}
