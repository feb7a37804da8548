/**
 * Reads one scenario step (`- curl: {...}`, `- wait: 10s`, ...) into a typed `Step`.
 *
 * Guarantees: a step is a mapping with exactly one key, the step kind; each kind accepts a
 * fixed set of fields (unknown ones are errors with a suggestion); defaults are applied here
 * (curl -m 5, port 80, ping -c 3); every problem is a located diagnostic, never a throw.
 */
import { isMap, isSeq, isScalar } from 'yaml';
import { asMapView, describeNode, entries, field, lineOfNode, readMap, readStringMap, type MapView, type ReadContext } from '../model/field-reader.js';
import { suggestClosest } from '../model/suggest.js';
import type { CurlExpectation, DeleteTarget, FlowExpectation, FlowMatchTerm, ManifestSource, ManifestText, Step, StepKind } from './types.js';
import {
  checkFields,
  durationValue,
  enumValue,
  fail,
  parseIpPort,
  readBool,
  readDuration,
  readEndpoint,
  readEnum,
  readInt,
  readText,
  required,
  scalarValue,
} from './parse-helpers.js';
import { vrouterStep } from './parse-vrouter-step.js';

export const STEP_KINDS: readonly StepKind[] = ['note', 'apply', 'delete', 'label', 'curl', 'ping', 'udp', 'sctp', 'background', 'stop', 'wait', 'check', 'reach', 'diff', 'flows', 'vrouter'];

export interface StepContext {
  readonly ctx: ReadContext;
  /** Resolves a manifest reference (reports a missing file itself). */
  resolveManifest(source: ManifestSource, path: string): ManifestText | undefined;
}

/** A manifest reference: `file.yaml`, `{ file: ... }` or `{ inline: | ... }`. */
export function manifestSource(ctx: ReadContext, node: unknown, line: number, path: string): ManifestSource | undefined {
  const v = scalarValue(node);
  if (typeof v === 'string') return { kind: 'file', path: v, line };
  const view = isMap(node) ? asMapView(ctx, node, line, path) : undefined;
  if (view === undefined) return fail(ctx, line, path, `expected a file name or a mapping with file or inline, got ${describeNode(node)}`);
  checkFields(view, ['file', 'inline']);
  const file = readText(view, 'file');
  const inlineField = field(view, 'inline');
  if (file !== undefined && inlineField !== undefined) return fail(ctx, line, path, 'give either file or inline, not both');
  if (file !== undefined) return { kind: 'file', path: file, line: field(view, 'file')?.line ?? line };
  if (inlineField !== undefined) {
    const text = readText(view, 'inline');
    if (text === undefined) return undefined;
    const node = inlineField.value;
    const block = isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED');
    const start = lineOfNode(ctx, node, inlineField.line) + (block ? 1 : 0);
    return { kind: 'inline', text, line: start };
  }
  return fail(ctx, line, path, 'expected file or inline');
}

export function parseStep(sc: StepContext, node: unknown, line: number, index: number): Step | undefined {
  const { ctx } = sc;
  const path = `steps[${index}]`;
  const view = asMapView(ctx, node, line, path);
  if (view === undefined) return undefined;
  const fields = entries(view);
  const first = fields[0];
  if (first === undefined || fields.length !== 1) {
    return fail(ctx, line, path, `a step is a mapping with exactly one key, the step kind (one of ${STEP_KINDS.join(', ')})`);
  }
  if (!(STEP_KINDS as readonly string[]).includes(first.key)) {
    const guess = suggestClosest(first.key, STEP_KINDS);
    const hint = guess === undefined ? '' : ` (did you mean "${guess}"?)`;
    return fail(ctx, first.line, path, `unknown step kind "${first.key}"; expected one of ${STEP_KINDS.join(', ')}${hint}`);
  }
  const kind = first.key as StepKind;
  const base = { line: first.line, index };
  const body = first.value;
  const bodyPath = first.path;
  const asBody = (expected: string): MapView | undefined =>
    isMap(body) ? asMapView(ctx, body, first.line, bodyPath) : fail(ctx, first.line, bodyPath, `expected ${expected}, got ${describeNode(body)}`);

  switch (kind) {
    case 'note': {
      const text = scalarValue(body);
      if (typeof text !== 'string') return fail(ctx, first.line, bodyPath, `expected a string, got ${describeNode(body)}`);
      return { ...base, kind, text };
    }
    case 'apply': {
      const source = manifestSource(ctx, body, first.line, bodyPath);
      const manifest = source === undefined ? undefined : sc.resolveManifest(source, bodyPath);
      return manifest === undefined ? undefined : { ...base, kind, manifest };
    }
    case 'delete': {
      const target = deleteTarget(sc, body, first.line, bodyPath);
      return target === undefined ? undefined : { ...base, kind, target };
    }
    case 'label':
      return labelStep(asBody('a mapping with pod or namespace, set and remove'), base);
    case 'curl': {
      const v = asBody('a mapping with from, to or url, maxTime and expect');
      if (v === undefined) return undefined;
      checkFields(v, ['from', 'to', 'port', 'url', 'maxTime', 'expect']);
      const from = readEndpoint(v, 'from', true);
      const to = curlTarget(v);
      const maxTimeMs = readDuration(v, 'maxTime') ?? 5000;
      const expect = curlExpectation(v);
      if (from === undefined || to === undefined || (field(v, 'expect') !== undefined && expect === undefined)) return undefined;
      return { ...base, kind, from, to, maxTimeSeconds: maxTimeMs / 1000, ...(expect === undefined ? {} : { expect }) };
    }
    case 'ping': {
      const v = asBody('a mapping with from, to, count and expect');
      if (v === undefined) return undefined;
      checkFields(v, ['from', 'to', 'count', 'expect']);
      const from = readEndpoint(v, 'from', true);
      const to = readEndpoint(v, 'to', true);
      const count = readInt(v, 'count', 1, 1000) ?? 3;
      const expect = readEnum(v, 'expect', ['success', 'no-reply'] as const);
      if (from === undefined || to === undefined || (field(v, 'expect') !== undefined && expect === undefined)) return undefined;
      return { ...base, kind, from, to, count, ...(expect === undefined ? {} : { expect }) };
    }
    case 'udp':
    case 'sctp': {
      const v = asBody('a mapping with from, to, port, timeout and expect');
      if (v === undefined) return undefined;
      checkFields(v, ['from', 'to', 'port', 'timeout', 'expect']);
      const from = readEndpoint(v, 'from', true);
      const to = readEndpoint(v, 'to', true);
      const portField = required(v, 'port', 'a port number');
      const port = portField === undefined ? undefined : readInt(v, 'port', 1, 65535);
      const timeoutSeconds = (readDuration(v, 'timeout') ?? 2000) / 1000;
      if (kind === 'udp') {
        const expect = readEnum(v, 'expect', ['success', 'timeout', 'unreachable'] as const);
        if (from === undefined || to === undefined || port === undefined || (field(v, 'expect') !== undefined && expect === undefined)) return undefined;
        return { ...base, kind, from, to, port, timeoutSeconds, ...(expect === undefined ? {} : { expect }) };
      }
      const expect = readEnum(v, 'expect', ['success', 'timeout', 'aborted'] as const);
      if (from === undefined || to === undefined || port === undefined || (field(v, 'expect') !== undefined && expect === undefined)) return undefined;
      return { ...base, kind, from, to, port, timeoutSeconds, ...(expect === undefined ? {} : { expect }) };
    }
    case 'background': {
      const v = asBody('a mapping with name, from, to, port, every and keepAlive');
      if (v === undefined) return undefined;
      checkFields(v, ['name', 'from', 'to', 'port', 'every', 'keepAlive']);
      const nameField = required(v, 'name', 'a name for the poller');
      const name = nameField === undefined ? undefined : readText(v, 'name');
      const from = readEndpoint(v, 'from', true);
      const to = readEndpoint(v, 'to', true);
      const port = readInt(v, 'port', 1, 65535) ?? 80;
      const everyMs = readDuration(v, 'every') ?? 1000;
      const keepAlive = readBool(v, 'keepAlive') ?? false;
      if (everyMs <= 0) return fail(ctx, field(v, 'every')?.line ?? first.line, `${bodyPath}.every`, 'expected a positive duration');
      if (name === undefined || from === undefined || to === undefined) return undefined;
      return { ...base, kind, name, from, to, port, everyMs, keepAlive };
    }
    case 'stop': {
      const name = scalarValue(body);
      if (typeof name !== 'string') return fail(ctx, first.line, bodyPath, `expected the name of a background poller, got ${describeNode(body)}`);
      return { ...base, kind, name };
    }
    case 'wait': {
      const ms = durationValue(ctx, body, first.line, bodyPath);
      return ms === undefined ? undefined : { ...base, kind, ms };
    }
    case 'check': {
      const v = asBody('a mapping with background, last and expect');
      if (v === undefined) return undefined;
      checkFields(v, ['background', 'last', 'expect']);
      const bgField = required(v, 'background', 'the name of a background poller');
      const background = bgField === undefined ? undefined : readText(v, 'background');
      const lastMs = readDuration(v, 'last') ?? 5000;
      const expectField = required(v, 'expect', 'responses or no-responses');
      const expect = expectField === undefined ? undefined : readEnum(v, 'expect', ['responses', 'no-responses'] as const);
      if (background === undefined || expect === undefined) return undefined;
      return { ...base, kind, background, lastMs, expect };
    }
    case 'reach':
      return reachStep(asBody('a mapping with ports, protocols, hosts and expect'), base);
    case 'diff':
      return diffStep(sc, asBody('a mapping with apply, ports, protocols, hosts and expect'), base);
    case 'flows':
      return flowsStep(asBody('a mapping with node, match and expect'), base);
    case 'vrouter':
      return vrouterStep(asBody('a mapping with node, tool and expect'), base);
  }
}

function deleteTarget(sc: StepContext, body: unknown, line: number, path: string): DeleteTarget | undefined {
  const { ctx } = sc;
  if (isMap(body) && field(asMapView(ctx, body, line, path) as MapView, 'name') !== undefined) {
    const v = asMapView(ctx, body, line, path) as MapView;
    checkFields(v, ['kind', 'namespace', 'name']);
    const objectKind = readEnum(v, 'kind', ['NetworkPolicy', 'Pod', 'Namespace'] as const) ?? (field(v, 'kind') === undefined ? required(v, 'kind', 'NetworkPolicy, Pod or Namespace') : undefined);
    const name = readText(v, 'name');
    const namespace = readText(v, 'namespace');
    if (typeof objectKind !== 'string' || name === undefined) return undefined;
    if (objectKind !== 'Namespace' && namespace === undefined) return fail(ctx, line, `${path}.namespace`, `required field is missing; expected the namespace of the ${objectKind}`);
    return { kind: 'object', objectKind, name, ...(objectKind === 'Namespace' || namespace === undefined ? {} : { namespace }) };
  }
  const source = manifestSource(ctx, body, line, path);
  const manifest = source === undefined ? undefined : sc.resolveManifest(source, path);
  return manifest === undefined ? undefined : { kind: 'manifest', manifest };
}

function labelStep(v: MapView | undefined, base: { line: number; index: number }): Step | undefined {
  if (v === undefined) return undefined;
  checkFields(v, ['pod', 'namespace', 'set', 'remove']);
  const pod = readEndpoint(v, 'pod', false);
  const namespace = readText(v, 'namespace');
  const set: Record<string, string> = {};
  for (const e of readStringMap(v, 'set') ?? []) set[e.key] = e.value;
  const removeItems = field(v, 'remove');
  const remove: string[] = [];
  if (removeItems !== undefined) {
    if (!isSeq(removeItems.value)) return fail(v.ctx, removeItems.line, removeItems.path, `expected a list of label keys, got ${describeNode(removeItems.value)}`);
    for (const item of removeItems.value.items) {
      const s = scalarValue(item);
      if (typeof s !== 'string') return fail(v.ctx, removeItems.line, removeItems.path, `expected label keys (strings), got ${describeNode(item)}`);
      remove.push(s);
    }
  }
  if ((pod === undefined) === (namespace === undefined)) {
    if (field(v, 'pod') === undefined && field(v, 'namespace') === undefined) return fail(v.ctx, v.line, v.path, 'expected pod: ns/name or namespace: name (one of them)');
    if (pod !== undefined && namespace !== undefined) return fail(v.ctx, v.line, v.path, 'give either pod or namespace, not both');
    return undefined;
  }
  if (pod !== undefined && pod.kind !== 'pod') return fail(v.ctx, field(v, 'pod')?.line ?? v.line, `${v.path}.pod`, 'expected a pod as ns/name');
  if (Object.keys(set).length === 0 && remove.length === 0) return fail(v.ctx, v.line, v.path, 'nothing to do: give set and/or remove');
  const target = pod !== undefined && pod.kind === 'pod' ? { kind: 'pod' as const, namespace: pod.namespace, name: pod.name } : { kind: 'namespace' as const, name: namespace ?? '' };
  return { ...base, kind: 'label', target, set, remove };
}

function curlTarget(v: MapView): Extract<Step, { kind: 'curl' }>['to'] | undefined {
  const url = readText(v, 'url');
  const hasTo = field(v, 'to') !== undefined;
  if (url !== undefined && hasTo) return fail(v.ctx, v.line, v.path, 'give either to or url, not both');
  if (url !== undefined) {
    if (!/^https?:\/\/[^\s/]+(\/\S*)?$/.test(url)) return fail(v.ctx, field(v, 'url')?.line ?? v.line, `${v.path}.url`, `"${url}" is not a URL; expected http://<ip or name>[:port][/path]`);
    return { kind: 'url', url };
  }
  if (!hasTo) return fail(v.ctx, v.line, `${v.path}.to`, 'required field is missing; expected ns/pod, node/<name> or an IP (or give url)');
  const ref = readEndpoint(v, 'to', true);
  const port = readInt(v, 'port', 1, 65535);
  if (ref === undefined) return undefined;
  return { kind: 'endpoint', ref, ...(port === undefined ? {} : { port }) };
}

function curlExpectation(v: MapView): CurlExpectation | undefined {
  const f = field(v, 'expect');
  if (f === undefined) return undefined;
  if (isMap(f.value)) {
    const m = asMapView(v.ctx, f.value, f.line, f.path) as MapView;
    checkFields(m, ['exitCode', 'stdout', 'stderr']);
    const exitCode = readInt(m, 'exitCode', 0, 255);
    const stdout = readText(m, 'stdout');
    const stderr = readText(m, 'stderr');
    return { kind: 'exact', ...(exitCode === undefined ? {} : { exitCode }), ...(stdout === undefined ? {} : { stdout }), ...(stderr === undefined ? {} : { stderr }) };
  }
  const outcome = enumValue(v.ctx, f.value, f.line, f.path, ['success', 'timeout', 'refused'] as const);
  return outcome === undefined ? undefined : { kind: 'outcome', outcome };
}

/** `diff: { apply: <manifest>, ports, protocols, hosts, expect: { newlyBlocked: [...], newlyAllowed: [...] } }`. */
function diffStep(sc: StepContext, v: MapView | undefined, base: { line: number; index: number }): Step | undefined {
  if (v === undefined) return undefined;
  checkFields(v, ['apply', 'ports', 'protocols', 'hosts', 'expect']);
  const applyField = required(v, 'apply', 'the manifest whose change to show ({ file: ... } or { inline: ... })');
  const source = applyField === undefined ? undefined : manifestSource(v.ctx, applyField.value, applyField.line, applyField.path);
  const manifest = source === undefined || applyField === undefined ? undefined : sc.resolveManifest(source, applyField.path);
  const reach = readReachOptions(v);
  let expect: { newlyBlocked: string[]; newlyAllowed: string[] } | undefined;
  const e = readMap(v, 'expect');
  if (e !== undefined) {
    checkFields(e, ['newlyBlocked', 'newlyAllowed']);
    const list = (key: string): string[] => {
      const f = field(e, key);
      if (f === undefined) return [];
      if (!isSeq(f.value)) return fail(e.ctx, f.line, f.path, `expected a list of connections ("ns/pod -> ns/pod TCP/80"), got ${describeNode(f.value)}`) ?? [];
      const out: string[] = [];
      for (const item of f.value.items) {
        const t = scalarValue(item);
        if (typeof t !== 'string' || !/^\S+ -> \S+ (TCP|UDP|SCTP)\/\S+$/.test(t.trim())) {
          fail(e.ctx, f.line, f.path, `expected connections written "ns/pod -> ns/pod TCP/80", got ${describeNode(item)}`);
          continue;
        }
        out.push(t.trim().replace(/\s+/g, ' '));
      }
      return out;
    };
    expect = { newlyBlocked: list('newlyBlocked'), newlyAllowed: list('newlyAllowed') };
  }
  if (manifest === undefined || reach === undefined) return undefined;
  return { ...base, kind: 'diff', manifest, ports: reach.ports, protocols: reach.protocols, hosts: reach.hosts, ...(expect === undefined ? {} : { expect }) };
}

function reachStep(v: MapView | undefined, base: { line: number; index: number }): Step | undefined {
  if (v === undefined) return undefined;
  checkFields(v, ['ports', 'protocols', 'hosts', 'expect']);
  const options = readReachOptions(v);
  const expect = readText(v, 'expect');
  if (options === undefined) return undefined;
  return { ...base, kind: 'reach', ...options, ...(expect === undefined ? {} : { expect }) };
}

/** `ports` (default [80]), `protocols` (default [TCP]) and `hosts` of a reach or diff step. */
function readReachOptions(v: MapView): { ports: (number | string)[]; protocols: ('TCP' | 'UDP' | 'SCTP')[]; hosts: boolean } | undefined {
  const ports: (number | string)[] = [];
  const portsField = field(v, 'ports');
  if (portsField !== undefined) {
    if (!isSeq(portsField.value)) return fail(v.ctx, portsField.line, portsField.path, `expected a list of ports, got ${describeNode(portsField.value)}`);
    for (const item of portsField.value.items) {
      const p = scalarValue(item);
      if ((typeof p === 'number' && Number.isInteger(p) && p >= 1 && p <= 65535) || (typeof p === 'string' && p !== '')) ports.push(p);
      else return fail(v.ctx, portsField.line, portsField.path, `expected port numbers or names, got ${describeNode(item)}`);
    }
  }
  const protocols: ('TCP' | 'UDP' | 'SCTP')[] = [];
  const protoField = field(v, 'protocols');
  if (protoField !== undefined) {
    if (!isSeq(protoField.value)) return fail(v.ctx, protoField.line, protoField.path, `expected a list of protocols, got ${describeNode(protoField.value)}`);
    for (const item of protoField.value.items) {
      const p = enumValue(v.ctx, item, protoField.line, protoField.path, ['TCP', 'UDP', 'SCTP'] as const);
      if (p === undefined) return undefined;
      protocols.push(p);
    }
  }
  const hosts = readBool(v, 'hosts') ?? false;
  return { ports: ports.length > 0 ? ports : [80], protocols: protocols.length > 0 ? protocols : ['TCP'], hosts };
}

const FLOW_FIELDS = ['source', 'destination', 'action', 'dropReason', 'tcp', 'packets', 'bytes'];

function flowsStep(v: MapView | undefined, base: { line: number; index: number }): Step | undefined {
  if (v === undefined) return undefined;
  checkFields(v, ['node', 'match', 'expect']);
  const nodeField = required(v, 'node', 'a node name');
  const node = nodeField === undefined ? undefined : readText(v, 'node');
  const match: FlowMatchTerm[] = [];
  const matchField = field(v, 'match');
  if (matchField !== undefined) {
    const items = isSeq(matchField.value) ? matchField.value.items : [matchField.value];
    if (items.length < 1 || items.length > 2) return fail(v.ctx, matchField.line, matchField.path, 'expected one term (source or destination) or two (source and destination), as flow --match takes');
    for (const item of items) {
      const s = scalarValue(item);
      const term = typeof s === 'string' ? parseIpPort(s) : undefined;
      if (term === undefined) return fail(v.ctx, matchField.line, matchField.path, `expected ip, ip:port or a list of them, got ${describeNode(item)}`);
      match.push(term);
    }
  }
  const expectField = field(v, 'expect');
  let expect: 'none' | FlowExpectation[] | undefined;
  if (expectField !== undefined) {
    if (isSeq(expectField.value)) {
      expect = [];
      for (const [i, item] of expectField.value.items.entries()) {
        const e = flowExpectation(v.ctx, item, lineOfNode(v.ctx, item, expectField.line), `${expectField.path}[${i}]`);
        if (e === undefined) return undefined;
        expect.push(e);
      }
    } else {
      const none = enumValue(v.ctx, expectField.value, expectField.line, expectField.path, ['none'] as const);
      if (none === undefined) return undefined;
      expect = 'none';
    }
  }
  if (node === undefined) return undefined;
  return { ...base, kind: 'flows', node, match, ...(expect === undefined ? {} : { expect }) };
}

function flowExpectation(ctx: ReadContext, node: unknown, line: number, path: string): FlowExpectation | undefined {
  const m = asMapView(ctx, node, line, path);
  if (m === undefined) return undefined;
  checkFields(m, FLOW_FIELDS);
  const endpoint = (key: string): { ip: string; port: number | '*' } | undefined | null => {
    const text = readText(m, key);
    if (text === undefined) return null;
    const t = parseIpPort(text);
    if (t === undefined || t.ip === undefined) return fail(ctx, field(m, key)?.line ?? line, `${path}.${key}`, `"${text}" is not ip:port (port may be *)`);
    return { ip: t.ip, port: t.port ?? '*' };
  };
  const source = endpoint('source');
  const destination = endpoint('destination');
  const action = readEnum(m, 'action', ['F', 'D', 'N', 'H'] as const);
  const dropReason = readText(m, 'dropReason');
  const tcp = readText(m, 'tcp');
  const packets = readInt(m, 'packets', 0);
  const bytes = readInt(m, 'bytes', 0);
  if (source === undefined || destination === undefined) return undefined;
  return {
    line,
    ...(source === null ? {} : { source }),
    ...(destination === null ? {} : { destination }),
    ...(action === undefined ? {} : { action }),
    ...(dropReason === undefined ? {} : { dropReason }),
    ...(tcp === undefined ? {} : { tcp }),
    ...(packets === undefined ? {} : { packets }),
    ...(bytes === undefined ? {} : { bytes }),
  };
}
