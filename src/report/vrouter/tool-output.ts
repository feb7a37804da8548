/**
 * One vRouter utility run against a node, as a pure function of the node's dataplane state:
 * the request (tool and its arguments, already checked), the text in the utility's own layout
 * and the same data as JSON. Shared by `vrsim vrouter` and the scenario `vrouter` step.
 * A request that names something the node does not have (a vif index, a next hop, a VRF, a
 * flow index) is a `refused` result carrying the message; callers turn it into exit 2 or a
 * located scenario error.
 */
import type { DropStats } from '../../dataplane/drop-stats.js';
import type { FlowTable } from '../../dataplane/flow-table.js';
import type { VrouterSnapshot } from '../../dataplane/vrouter-snapshot.js';
import { dropstatsJson, renderDropstats } from './dropstats.js';
import { renderFlowGet } from './flow-get.js';
import { renderMplsDump } from './mpls.js';
import { nhJson, renderNhGet, renderNhList } from './nh.js';
import { renderRtDump, routeJson } from './rt.js';
import { renderVifGet, renderVifList, vifJson } from './vif.js';

export type VrouterToolRequest =
  | { readonly tool: 'dropstats' }
  | { readonly tool: 'vif'; readonly get: number | undefined }
  | { readonly tool: 'nh'; readonly get: number | undefined }
  | { readonly tool: 'rt'; readonly vrf: number }
  | { readonly tool: 'mpls'; readonly get: number | undefined }
  | { readonly tool: 'flow'; readonly get: number; readonly showEvicted: boolean };

export const VROUTER_TOOLS = ['dropstats', 'vif', 'nh', 'rt', 'mpls', 'flow'] as const;
export type VrouterToolName = (typeof VROUTER_TOOLS)[number];

export interface VrouterState {
  readonly snapshot: VrouterSnapshot;
  readonly table: FlowTable;
  readonly drops: DropStats;
}

export type VrouterToolResult =
  | { readonly kind: 'output'; readonly text: string; readonly json: unknown }
  | { readonly kind: 'refused'; readonly message: string };

function refused(message: string): VrouterToolResult {
  return { kind: 'refused', message };
}

function range(indexes: readonly number[]): string {
  return indexes.join(', ');
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
      if (!s.vrfs.includes(request.vrf)) return refused(`rt --dump ${request.vrf}: no VRF ${request.vrf} on ${s.node} (VRFs: ${range(s.vrfs)})`);
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
