/**
 * Which verdict rows survive a cluster change (issue 13 section 2: rows "invalidated exactly
 * on the policy, label and pod changes that touch them"). A row of (pod p, direction, port
 * class) is a pure function of p's compiled rules for that direction (their ports, peer pods,
 * ipBlocks), of every pod's sole address and named ports (ipBlocks and named ports pick peers
 * by them) and of the pod count (the row's width) (verdict-rows.ts, `build`); it changes value
 * only at that pod's rule edges and the named-port edges, which every compile of the same rules
 * and pods has, so other policies' edges moving only renumber the classes (verdict-rows.ts maps
 * them). When all of these are the same under the new compiled policies, the old row is the row
 * the new ones would build, so it is carried over instead of being built again.
 *
 * - `sameRowUniverse`: the same pod count, and every pod index with the same sole address (or
 *   none) and the same named ports. A pod added or removed, re-addressed or renumbered (pods
 *   keep their indexes only while the pod list keeps its order) changes the universe: no row is
 *   carried. A label change keeps it (labels act through the rules' peer pods).
 * - `unchangedSides`: per (pod, direction), whether its rules are the same, compared by
 *   content (ports, peers as bits, ipBlocks), not by object: a recompiled policy is new objects.
 *
 * Guarantees: conservative only where the content compare is (equal content always carries;
 * nothing with different content is ever carried), so a carried row is exactly the row the new
 * policies give (property test: test/policy/verdict-row-carry.property.test.ts).
 */
import type { CompiledPolicies, CompiledRule } from './compiled.js';

/** True when rows built under `before` are indexed and read alike under `after` (the class numbering is mapped by the caller). */
export function sameRowUniverse(before: CompiledPolicies, after: CompiledPolicies): boolean {
  if (before.podCount !== after.podCount) return false;
  const a = before.cluster.pods;
  const b = after.cluster.pods;
  for (let p = 0; p < before.podCount; p++) {
    const x = a[p]!;
    const y = b[p]!;
    const soleX = x.ips.length === 1 ? x.ips[0] : undefined;
    const soleY = y.ips.length === 1 ? y.ips[0] : undefined;
    if (soleX !== soleY) return false;
    if (!sameElements(before.podNamedPorts[p]!, after.podNamedPorts[p]!)) return false;
  }
  return sameNamedPortIds(before, after);
}

/**
 * `out[p * 2 + direction]` (direction 0 egress, 1 ingress, as verdict-rows.ts keys its rows) is
 * 1 when pod p's rules of that direction have the same content under both (precondition:
 * `sameRowUniverse`).
 */
export function unchangedSides(before: CompiledPolicies, after: CompiledPolicies): Uint8Array {
  const ids = new Map<string, number>();
  const memo = new Map<CompiledRule, number>();
  const idOf = (rule: CompiledRule): number => {
    let id = memo.get(rule);
    if (id === undefined) {
      const text = ruleContent(rule);
      id = ids.get(text);
      if (id === undefined) ids.set(text, (id = ids.size));
      memo.set(rule, id);
    }
    return id;
  };
  // Equal content text means equal peer hashes: the peer bits are then compared exactly, once per pair of rules.
  const verified = new Map<CompiledRule, CompiledRule>();
  const sameRule = (x: CompiledRule, y: CompiledRule): boolean => {
    if (x === y || verified.get(x) === y) return true;
    if (idOf(x) !== idOf(y) || (!x.anyPeer && !sameElements(x.peerPods, y.peerPods))) return false;
    verified.set(x, y);
    return true;
  };
  const sameRules = (x: readonly CompiledRule[], y: readonly CompiledRule[]): boolean =>
    x.length === y.length && x.every((rule, i) => sameRule(rule, y[i]!));
  const out = new Uint8Array(after.podCount * 2);
  for (let p = 0; p < after.podCount; p++) {
    if (sameRules(before.egressRules[p]!, after.egressRules[p]!)) out[p * 2] = 1;
    if (sameRules(before.ingressRules[p]!, after.ingressRules[p]!)) out[p * 2 + 1] = 1;
  }
  return out;
}

/**
 * Everything of a rule a row reads, as text (the rule's name and position are not read), with
 * its peer pods as a hash of their bits (compared exactly by the caller when the texts match).
 */
function ruleContent(rule: CompiledRule): string {
  const ports = rule.anyPort ? '*' : rule.ports.map((p) => `${p.protocol}:${p.low}-${p.high}:${p.namedPortId}`).join(',');
  const peers = rule.anyPeer ? '*' : `${wordsHash(rule.peerPods)}|${JSON.stringify(rule.ipBlocks)}`;
  return `${ports};${peers}`;
}

/** Two FNV-1a-style 32-bit hashes of the words, as text. */
function wordsHash(words: Uint32Array): string {
  let h = 0x811c9dc5;
  let g = 0x01000193;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    h = Math.imul(h ^ w, 0x01000193);
    g = Math.imul(g ^ (w >>> 16) ^ (w << 16), 0x85ebca6b) ^ i;
  }
  return `${words.length}:${(h >>> 0).toString(36)}:${(g >>> 0).toString(36)}`;
}

/** Element-wise equality of two typed arrays (peer bits, named-port triples). */
function sameElements(x: ArrayLike<number>, y: ArrayLike<number>): boolean {
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/** Named port ids mean the same names (a rule's namedPortId and a pod's are compared as numbers). */
function sameNamedPortIds(before: CompiledPolicies, after: CompiledPolicies): boolean {
  for (const [name, id] of after.namedPortIds) {
    const was = before.namedPortIds.get(name);
    if (was !== undefined && was !== id) return false;
  }
  for (const [name, id] of before.namedPortIds) {
    const now = after.namedPortIds.get(name);
    if (now !== undefined && now !== id) return false;
  }
  return true;
}
