/**
 * The ports a verdict-row test asks about: around every class edge the policies and pods write
 * (each rule's range ends, each named port), plus a few fixed ones; sorted.
 */
import type { CompiledPolicies } from '../../src/policy/compiled.js';

export function probePorts(compiled: CompiledPolicies): number[] {
  const ports = new Set<number>([0, 1, 53, 80, 8080, 65535]);
  for (const rule of [...compiled.ingressRules, ...compiled.egressRules].flat()) {
    for (const p of rule.ports) for (const q of [p.low - 1, p.low, p.low + 1, p.high - 1, p.high, p.high + 1]) ports.add(q);
  }
  for (const triples of compiled.podNamedPorts) for (let i = 2; i < triples.length; i += 3) for (const q of [triples[i]! - 1, triples[i]!, triples[i]! + 1]) ports.add(q);
  return [...ports].filter((p) => p >= 0 && p <= 65535).sort((x, y) => x - y);
}
