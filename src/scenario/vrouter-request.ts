/**
 * Which vRouter utility to run on a node, and with what: the request shared by the CLI
 * (`vrsim vrouter <node> <tool> ...`) and the scenario `vrouter` step. One variant per tool
 * (`kind`-like `tool` literal); the renderers live in src/report/vrouter/.
 */

export type VrouterToolRequest =
  | { readonly tool: 'dropstats' }
  | { readonly tool: 'vif'; readonly get: number | undefined }
  | { readonly tool: 'nh'; readonly get: number | undefined }
  | { readonly tool: 'rt'; readonly vrf: number }
  | { readonly tool: 'mpls'; readonly get: number | undefined }
  | { readonly tool: 'flow'; readonly get: number; readonly showEvicted: boolean };

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
      return `rt --dump ${request.vrf}`;
    case 'mpls':
      return request.get === undefined ? 'mpls --dump' : `mpls --get ${request.get}`;
    case 'flow':
      return `flow --get ${request.get}${request.showEvicted ? ' --show-evicted' : ''}`;
  }
}
