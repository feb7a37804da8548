/**
 * The arguments of `vrsim vrouter <node> <tool> ...` as each tf-vrouter utility takes them:
 * `vif --list | --get N`, `nh --list | --get N`, `rt --dump <vrf> | --get <a.b.c.d/plen> --vrf <vrf>`, `mpls --dump | --get L`,
 * `flow --get <index> [--show-evicted]`, `dropstats`. A missing or contradictory option, or
 * a value that is not a non-negative integer, is a UserError (exit 2) naming the tool and
 * what it takes.
 */
import { VROUTER_TOOLS, type VrouterToolRequest } from '../report/vrouter/tool-output.js';
import { parseRouteQuery } from '../scenario/vrouter-request.js';
import { UserError } from './io.js';

export interface VrouterToolArgs {
  readonly list?: boolean;
  readonly get?: string;
  readonly dump?: string;
  readonly vrf?: string;
  readonly stats?: boolean;
  readonly showEvicted?: boolean;
}

const USAGE: Record<(typeof VROUTER_TOOLS)[number], string> = {
  dropstats: 'dropstats',
  vif: 'vif --list | vif --get <vif index>',
  nh: 'nh --list | nh --get <next hop id>',
  rt: 'rt --dump <vrf> | rt --get <address>/<plen> --vrf <vrf>',
  mpls: 'mpls --dump | mpls --get <label>',
  flow: 'flow --get <flow index> [--show-evicted] | flow -s',
};

function number(tool: string, flag: string, value: string): number {
  if (!/^\d{1,10}$/.test(value)) throw new UserError(`vrouter ${tool} ${flag}: expected a non-negative integer, got "${value}" (usage: ${USAGE[tool as keyof typeof USAGE]})`, 2);
  return Number(value);
}

/** `flow -s` runs over the whole simulation, so it is not a request on a node's state. */
export type VrouterCliRequest = VrouterToolRequest | { readonly tool: 'flow-stats' };

export function vrouterToolRequest(tool: string, a: VrouterToolArgs): VrouterCliRequest {
  if (!(VROUTER_TOOLS as readonly string[]).includes(tool)) {
    throw new UserError(`vrouter: unknown tool "${tool}" (tools: ${VROUTER_TOOLS.join(', ')}; the flow table is \`vrsim flows\`)`, 2);
  }
  const t = tool as (typeof VROUTER_TOOLS)[number];
  const fail = (why: string): never => {
    throw new UserError(`vrouter ${t}: ${why} (usage: ${USAGE[t]})`, 2);
  };
  const given = [a.list ? '--list' : '', a.get !== undefined ? '--get' : '', a.dump !== undefined ? '--dump' : '', a.stats ? '-s' : ''].filter((x) => x !== '');
  if (a.vrf !== undefined && (t !== 'rt' || a.get === undefined)) fail(t === 'rt' ? '--vrf goes with --get (rt --dump takes the VRF itself)' : `--vrf is not an option of ${t}`);
  const allow = (...flags: string[]): void => {
    const extra = given.filter((g) => !flags.includes(g));
    if (extra.length > 0) fail(`${extra.join(', ')} is not an option of ${t}`);
    if (given.length > 1) fail(`give one of ${flags.join(', ')}`);
  };
  switch (t) {
    case 'dropstats':
      allow();
      return { tool: 'dropstats' };
    case 'vif':
    case 'nh':
      allow('--list', '--get');
      if (given.length === 0) fail('give --list or --get');
      return { tool: t, get: a.get === undefined ? undefined : number(t, '--get', a.get) };
    case 'rt':
      allow('--dump', '--get');
      if (a.get !== undefined) {
        if (a.vrf === undefined || a.vrf === '') fail('--get needs --vrf <vrf>');
        const query = parseRouteQuery(a.get);
        if (typeof query === 'string') fail(`--get: ${query}`);
        return { tool: 'rt', vrf: number(t, '--vrf', a.vrf!), get: query as Exclude<typeof query, string> };
      }
      if (a.dump === undefined || a.dump === '') fail('--dump needs a VRF number');
      return { tool: 'rt', vrf: number(t, '--dump', a.dump!) };
    case 'mpls':
      allow('--dump', '--get');
      if (given.length === 0) fail('give --dump or --get');
      if (a.dump !== undefined && a.dump !== '') fail('--dump takes no value');
      return { tool: 'mpls', get: a.get === undefined ? undefined : number(t, '--get', a.get) };
    case 'flow':
      allow('--get', '-s');
      if (a.stats) return { tool: 'flow-stats' };
      if (a.get === undefined) fail('give --get <flow index> (the table itself is `vrsim flows`)');
      return { tool: 'flow', get: number(t, '--get', a.get!), showEvicted: a.showEvicted ?? false };
  }
}
