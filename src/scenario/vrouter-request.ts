/**
 * Which vRouter utility to run on a node, and with what: the request shared by the CLI
 * (`vrsim vrouter <node> <tool> ...`) and the scenario `vrouter` step. One variant per tool
 * (`kind`-like `tool` literal); the renderers live in src/report/vrouter/.
 */

export type VrouterToolRequest =
  | { readonly tool: 'dropstats' }
  | { readonly tool: 'vif'; readonly get: number | undefined }
  | { readonly tool: 'nh'; readonly get: number | undefined }
  | { readonly tool: 'rt'; readonly vrf: number; readonly get?: RouteQuery }
  | { readonly tool: 'mpls'; readonly get: number | undefined }
  | { readonly tool: 'flow'; readonly get: number; readonly showEvicted: boolean };

/** `rt --get <address>/<plen>`: an IPv4 address (dotted quad) and a prefix length 0..32. */
export interface RouteQuery {
  readonly address: string;
  readonly plen: number;
}

/** Reads `<a.b.c.d>/<plen>` as rt.c takes it, or returns why it cannot. */
export function parseRouteQuery(text: string): RouteQuery | string {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
  if (m === null) return `expected <IPv4 address>/<prefix length>, e.g. 10.47.255.232/32 (rt --get needs the length, and vrsim's VRFs hold inet4 routes only), got "${text}"`;
  const octets = m.slice(1, 5).map(Number);
  const plen = Number(m[5]);
  if (octets.some((o) => o > 255)) return `"${text}" is not an IPv4 address`;
  if (plen > 32) return `prefix length ${plen} is over 32`;
  return { address: octets.join('.'), plen };
}

export const VROUTER_TOOLS = ['dropstats', 'vif', 'nh', 'rt', 'mpls', 'flow'] as const;
export type VrouterToolName = (typeof VROUTER_TOOLS)[number];

/** The command line a user types for the request (`vif --get 4`, `rt --dump 5`, ...). */
export function vrouterToolCommand(request: VrouterToolRequest): string {
  switch (request.tool) {
    case 'dropstats':
      return 'dropstats';
    case 'vif':
    case 'nh':
      return request.get === undefined ? `${request.tool} --list` : `${request.tool} --get ${request.get}`;
    case 'rt':
      return request.get === undefined ? `rt --dump ${request.vrf}` : `rt --get ${request.get.address}/${request.get.plen} --vrf ${request.vrf}`;
    case 'mpls':
      return request.get === undefined ? 'mpls --dump' : `mpls --get ${request.get}`;
    case 'flow':
      return `flow --get ${request.get}${request.showEvicted ? ' --show-evicted' : ''}`;
  }
}
