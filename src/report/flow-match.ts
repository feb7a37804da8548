/**
 * `flow --match ip[:port][,ip[:port]]` semantics of tf-vrouter utils/flow.c (flow_match_source,
 * flow_match_dest and the selection in flow_dump_table), plus the `Listing flows matching (...)`
 * text. One term: a flow is listed when its source or its destination matches the term; two
 * terms: one must match the source and the other the destination. A term without ip is `[*]`,
 * without port `:*`. Flows of the other address family than the terms are not listed.
 *
 * Guarantees: `compileFlowMatch` validates the terms (throws a RangeError naming the bad
 * term); `flowMatches` never allocates.
 */

import ipaddr from 'ipaddr.js';
import type { FlowKey } from '../dataplane/flow-key.js';
import { ipv4Text, ipv6Text } from '../dataplane/flow-ip-text.js';

export interface FlowMatchTerm {
  ip?: string;
  port?: number;
}

interface CompiledTerm {
  /** Address words (network order), undefined = any. */
  words: readonly [number, number, number, number] | undefined;
  /** -1 = any. */
  port: number;
  text: string;
}

export interface FlowMatch {
  family: 4 | 6;
  terms: readonly CompiledTerm[];
  /** `Listing flows matching ([10.47.255.232]:80)` */
  listingLine: string;
}

function compileTerm(term: FlowMatchTerm): { family: 4 | 6 | undefined; compiled: CompiledTerm } {
  let words: [number, number, number, number] | undefined;
  let family: 4 | 6 | undefined;
  let addressText = '*';
  if (term.ip !== undefined) {
    if (!ipaddr.isValid(term.ip)) throw new RangeError(`--match: '${term.ip}' is not an IP address`);
    const bytes = ipaddr.parse(term.ip).toByteArray();
    const word = (i: number) => ((bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!) | 0;
    if (bytes.length === 4) {
      family = 4;
      words = [word(0), 0, 0, 0];
      addressText = ipv4Text(words[0]);
    } else {
      family = 6;
      words = [word(0), word(4), word(8), word(12)];
      addressText = ipv6Text(...words);
    }
  }
  const port = term.port ?? -1;
  if (term.port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    throw new RangeError(`--match: port ${term.port} is not in 0..65535`);
  }
  const text = `[${addressText}]` + (port >= 0 ? `:${port}` : ':*');
  return { family, compiled: { words, port, text } };
}

/** Compile up to two `--match` terms (the utility accepts two); undefined when there are none. */
export function compileFlowMatch(terms: readonly FlowMatchTerm[] | undefined): FlowMatch | undefined {
  if (!terms || terms.length === 0) return undefined;
  if (terms.length > 2) throw new RangeError(`--match takes at most two ip:port terms, got ${terms.length}`);
  const compiled = terms.map(compileTerm);
  const families = new Set(compiled.map((c) => c.family).filter((f) => f !== undefined));
  if (families.size > 1) throw new RangeError('--match terms must be of the same address family');
  const family = compiled.find((c) => c.family !== undefined)?.family ?? 4;
  const list = compiled.map((c) => c.compiled);
  return { family, terms: list, listingLine: `Listing flows matching (${list.map((t) => t.text).join(', ')})` };
}

function sourceMatches(k: FlowKey, t: CompiledTerm): boolean {
  if (!t.words && t.port < 0) return false;
  if (!t.words || (k.s0 === t.words[0] && k.s1 === t.words[1] && k.s2 === t.words[2] && k.s3 === t.words[3])) {
    return t.port < 0 || k.sport === t.port;
  }
  return false;
}

/** (flow.c passes a NULL address to memcmp here; a missing address is treated as "any".) */
function destinationMatches(k: FlowKey, t: CompiledTerm): boolean {
  if (!t.words && t.port < 0) return false;
  if (!t.words || (k.d0 === t.words[0] && k.d1 === t.words[1] && k.d2 === t.words[2] && k.d3 === t.words[3])) {
    return t.port < 0 || k.dport === t.port;
  }
  return false;
}

/** Whether flow_dump_table lists the flow with this key under `match`. */
export function flowMatches(match: FlowMatch, k: FlowKey): boolean {
  if (k.family !== match.family) return false;
  const t1 = match.terms[0]!;
  const t2 = match.terms[1];
  let s = sourceMatches(k, t1);
  let d = s ? false : destinationMatches(k, t1);
  if (t2) {
    if (s) {
      d = destinationMatches(k, t2);
      if (!d) return false;
    } else if (d) {
      s = sourceMatches(k, t2);
      if (!s) return false;
    } else {
      s = sourceMatches(k, t2);
      if (!s) d = destinationMatches(k, t2);
    }
  }
  if (!s && !d) return false;
  return !t2 || (s && d);
}
