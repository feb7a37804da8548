/**
 * One vRouter utility run against a node, as a pure function of the node's dataplane state:
 * the request (tool and its arguments, already checked), the text in the utility's own layout
 * and the same data as JSON. Shared by `vrsim vrouter` and the scenario `vrouter` step.
 * A request that names something the node does not have (a vif index, a next hop, a VRF, a
 * flow index) is a `refused` result carrying the message; callers turn it into exit 2 or a
 * located scenario error.
 */
import type { VrouterState } from '../../dataplane/vrouter-snapshot.js';
import type { VrouterToolRequest } from '../../scenario/vrouter-request.js';
import type { VrouterToolView } from '../../scenario/vrouter-expectations.js';
import { dropstatsJson, renderDropstats } from './dropstats.js';
import { renderFlowGet } from './flow-get.js';
import { renderMplsDump } from './mpls.js';
import { nhJson, renderNhGet, renderNhList } from './nh.js';
import { renderRtDump, renderRtGet, routeGet, routeJson } from './rt.js';
import { renderVifGet, renderVifList, vifJson } from './vif.js';

export { VROUTER_TOOLS, type VrouterToolName, type VrouterToolRequest } from '../../scenario/vrouter-request.js';

export type VrouterToolResult =
  | { readonly kind: 'output'; readonly text: string; readonly json: unknown }
  | { readonly kind: 'refused'; readonly message: string };

function refused(message: string): VrouterToolResult {
  return { kind: 'refused', message };
}

function range(indexes: readonly number[]): string {
  return indexes.length === 0 ? 'none' : indexes.join(', ');
}

export function runVrouterTool(request: VrouterToolRequest, state: VrouterState): VrouterToolResult {
  const s = state.snapshot;
  switch (request.tool) {
    case 'dropstats':
      return { kind: 'output', text: renderDropstats(state.drops), json: { dropstats: dropstatsJson(state.drops) } };
    case 'vif': {
      if (request.get === undefined) return { kind: 'output', text: renderVifList(s.vifs), json: { vif: s.vifs.map(vifJson) } };
      const vif = s.vifs.find((v) => v.index === request.get);
      if (vif === undefined) return refused(`vif --get ${request.get}: no interface vif0/${request.get} on ${s.node} (interfaces: ${range(s.vifs.map((v) => v.index))})`);
      return { kind: 'output', text: renderVifGet(vif), json: { vif: [vifJson(vif)] } };
    }
    case 'nh': {
      if (request.get === undefined) return { kind: 'output', text: renderNhList(s.nexthops), json: { nh: s.nexthops.map(nhJson) } };
      const nh = s.nexthops.find((n) => n.id === request.get);
      if (nh === undefined) return refused(`nh --get ${request.get}: no next hop ${request.get} on ${s.node} (next hops: ${range(s.nexthops.map((n) => n.id))})`);
      const byId = (id: number) => s.nexthops.find((n) => n.id === id);
      return { kind: 'output', text: renderNhGet(nh, byId), json: { nh: [nh, ...nh.members.map((m) => byId(m.nh)).filter((n) => n !== undefined)].map(nhJson) } };
    }
    case 'rt': {
      const command = request.get === undefined ? `rt --dump ${request.vrf}` : `rt --get ${request.get.address}/${request.get.plen} --vrf ${request.vrf}`;
      if (!s.vrfs.includes(request.vrf)) return refused(`${command}: no VRF ${request.vrf} on ${s.node} (VRFs: ${range(s.vrfs)})`);
      if (request.get !== undefined) {
        const { address, plen } = request.get;
        return { kind: 'output', text: renderRtGet(request.vrf, s.routes, address, plen), json: { vrf: request.vrf, match: `${address}/${plen}`, routes: [routeJson(routeGet(request.vrf, s.routes, address, plen))] } };
      }
      return { kind: 'output', text: renderRtDump(request.vrf, s.routes), json: { vrf: request.vrf, routes: s.routes.filter((r) => r.vrf === request.vrf).map(routeJson) } };
    }
    case 'mpls': {
      const labels = request.get === undefined ? s.mpls : s.mpls.filter((m) => m.label === request.get);
      if (request.get !== undefined && labels.length === 0) return refused(`mpls --get ${request.get}: no label ${request.get} on ${s.node} (labels: ${range(s.mpls.map((m) => m.label))})`);
      return { kind: 'output', text: renderMplsDump(labels), json: { mpls: labels.map((m) => ({ mr_label: m.label, mr_nhid: m.nhId })) } };
    }
    case 'flow': {
      const r = renderFlowGet(state.table, request.get, s, state.drops, request.showEvicted);
      if (r.kind === 'refused') return refused(`flow --get ${request.get}: ${r.message} (on ${s.node})`);
      return { kind: 'output', text: r.text, json: { flow: { index: request.get, text: r.text } } };
    }
  }
}

/** The scenario's view of a run: the text, and the named counters an expectation can check (dropstats' printed names; a single vif's vifr_* numbers). */
export function vrouterToolView(request: VrouterToolRequest, state: VrouterState): VrouterToolView {
  const r = runVrouterTool(request, state);
  if (r.kind === 'refused') return r;
  let counters: Record<string, number> = {};
  if (request.tool === 'dropstats') counters = dropstatsJson(state.drops);
  if (request.tool === 'vif' && request.get !== undefined) {
    const vif = (r.json as { vif: Record<string, unknown>[] }).vif[0] ?? {};
    counters = Object.fromEntries(Object.entries(vif).filter((e): e is [string, number] => typeof e[1] === 'number'));
  }
  return { kind: 'output', text: r.text, counters, json: r.json };
}
