/**
 * The scenario `vrouter` step: run one tf-vrouter utility on a node and check what it shows.
 *
 *   - vrouter: { node: cent333, tool: dropstats, clear: true }        # dropstats --clear
 *   - vrouter:
 *       node: cent333
 *       tool: dropstats                 # dropstats | vif | nh | rt | mpls | flow
 *       expect:
 *         counters: { Flow Action Drop: 3 }   # dropstats names as printed; vif --get: vifr_* fields
 *         contains: "Flow Action Drop              3"   # or a list of texts
 *   - vrouter: { node: cent333, tool: vif, get: 4 }    # vif --get 4 (no get: vif --list)
 *   - vrouter: { node: cent333, tool: rt, vrf: 5 }     # rt --dump 5
 *   - vrouter: { node: cent333, tool: rt, vrf: 5, get: 10.47.255.232/32 }   # rt --get 10.47.255.232/32 --vrf 5
 *
 * Guarantees: every problem is a located diagnostic (unknown field with a suggestion, a field
 * the tool does not take, a missing vrf, a negative index, counters on a tool without any);
 * whether the node exists is checked by the dry pass (plan.ts), whether the index exists on
 * the node when the step runs.
 */
import { field, type MapView } from '../model/field-reader.js';
import { checkFields, fail, readBool, readEnum, readInt, readText, required, scalarValue } from './parse-helpers.js';
import { describeNode, entries, lineOfNode, asMapView } from '../model/field-reader.js';
import { isSeq } from 'yaml';
import type { Step, VrouterStepExpectation } from './types.js';
import { VROUTER_TOOLS, parseRouteQuery, type VrouterToolRequest } from './vrouter-request.js';

/** Which optional fields each tool takes. */
const TOOL_FIELDS: Record<(typeof VROUTER_TOOLS)[number], readonly string[]> = {
  dropstats: ['clear'],
  vif: ['get'],
  nh: ['get'],
  rt: ['vrf', 'get'],
  mpls: ['get'],
  flow: ['get', 'showEvicted'],
};

/** Tools whose output has named counters an expectation can check. */
const COUNTER_TOOLS = ['dropstats', 'vif'] as const;

export function vrouterStep(v: MapView | undefined, base: { line: number; index: number }): Step | undefined {
  if (v === undefined) return undefined;
  checkFields(v, ['node', 'tool', 'get', 'vrf', 'clear', 'showEvicted', 'expect']);
  const node = required(v, 'node', 'a node name') === undefined ? undefined : readText(v, 'node');
  const tool = required(v, 'tool', VROUTER_TOOLS.join(', ')) === undefined ? undefined : readEnum(v, 'tool', VROUTER_TOOLS);
  if (node === undefined || tool === undefined) return undefined;
  for (const name of ['get', 'vrf', 'clear', 'showEvicted']) {
    const f = field(v, name);
    if (f !== undefined && !TOOL_FIELDS[tool].includes(name)) {
      const takes = TOOL_FIELDS[tool].length === 0 ? 'no options' : TOOL_FIELDS[tool].join(', ');
      return fail(v.ctx, f.line, f.path, `${tool} does not take ${name} (it takes ${takes})`);
    }
  }
  // rt's get is an address/length (`rt --get 10.47.255.232/32 --vrf 5`); the other tools' an index.
  const get = tool === 'rt' ? undefined : readInt(v, 'get', 0, 0xffffffff);
  if (tool !== 'rt' && field(v, 'get') !== undefined && get === undefined) return undefined;
  const clear = readBool(v, 'clear') ?? false;
  let request: VrouterToolRequest;
  switch (tool) {
    case 'dropstats':
      request = { tool };
      break;
    case 'vif':
    case 'nh':
    case 'mpls':
      request = { tool, get };
      break;
    case 'rt': {
      if (required(v, 'vrf', 'the VRF to dump, e.g. 5') === undefined) return undefined;
      const vrf = readInt(v, 'vrf', 0, 65535);
      if (vrf === undefined) return undefined;
      const getField = field(v, 'get');
      if (getField === undefined) {
        request = { tool, vrf };
        break;
      }
      const text = readText(v, 'get');
      if (text === undefined) return undefined;
      const query = parseRouteQuery(text);
      if (typeof query === 'string') return fail(v.ctx, getField.line, getField.path, query);
      request = { tool, vrf, get: query };
      break;
    }
    case 'flow':
      if (required(v, 'get', 'the flow index (flow --get)') === undefined || get === undefined) return undefined;
      request = { tool, get, showEvicted: readBool(v, 'showEvicted') ?? false };
      break;
  }
  const expect = vrouterExpectation(v, tool, get, clear);
  if (expect === null) return undefined;
  return { ...base, kind: 'vrouter', node, request, clear, ...(expect === undefined ? {} : { expect }) };
}

/** `expect: { counters: {...}, contains: text | [texts] }`; null = reported error. */
function vrouterExpectation(v: MapView, tool: (typeof VROUTER_TOOLS)[number], get: number | undefined, clear: boolean): VrouterStepExpectation | undefined | null {
  const f = field(v, 'expect');
  if (f === undefined) return undefined;
  if (clear) return fail(v.ctx, f.line, f.path, 'dropstats --clear prints no counters to check; add a dropstats step after it') ?? null;
  const m = asMapView(v.ctx, f.value, f.line, f.path);
  if (m === undefined) return null;
  checkFields(m, ['counters', 'contains']);
  const counters: { name: string; value: number; line: number }[] = [];
  const countersField = field(m, 'counters');
  if (countersField !== undefined) {
    const hasCounters = (COUNTER_TOOLS as readonly string[]).includes(tool) && (tool !== 'vif' || get !== undefined);
    if (!hasCounters) return fail(v.ctx, countersField.line, countersField.path, `${tool}${tool === 'vif' ? ' --list' : ''} has no counters to check (dropstats and vif with get have); use contains`) ?? null;
    const cm = asMapView(v.ctx, countersField.value, countersField.line, countersField.path);
    if (cm === undefined) return null;
    for (const e of entries(cm)) {
      const value = scalarValue(e.value);
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) return fail(v.ctx, e.line, e.path, `expected a counter value (a non-negative integer), got ${describeNode(e.value)}`) ?? null;
      counters.push({ name: e.key, value, line: e.line });
    }
  }
  const contains: string[] = [];
  const containsField = field(m, 'contains');
  if (containsField !== undefined) {
    const items = isSeq(containsField.value) ? containsField.value.items : [containsField.value];
    for (const item of items) {
      const text = scalarValue(item);
      if (typeof text !== 'string' || text === '') return fail(v.ctx, lineOfNode(v.ctx, item, containsField.line), containsField.path, `expected the text the output contains, got ${describeNode(item)}`) ?? null;
      contains.push(text);
    }
  }
  return { counters, contains, line: f.line };
}
