/**
 * Baseline flow table: a `Map<string, number>` keyed by a string built from the 5-tuple and
 * key nexthop for every packet, the way a first implementation would do it (and the test
 * oracle does). Value = entry index.
 *
 * Guarantees: same semantics as `FlowTable.lookup` for IPv4 keys (index or -1); allocates a
 * string per lookup by design, that is what it measures.
 */
import type { KeyColumns } from './keys.js';

export class NaiveStringFlowMap {
  private readonly map = new Map<string, number>();

  static keyOf(proto: number, nh: number, sport: number, dport: number, s0: number, d0: number): string {
    return `${proto}|${nh}|${sport}|${dport}|${s0}|${d0}`;
  }

  insertAll(keys: KeyColumns): void {
    for (let i = 0; i < keys.length; i++) {
      this.map.set(NaiveStringFlowMap.keyOf(keys.proto[i]!, keys.nh[i]!, keys.sport[i]!, keys.dport[i]!, keys.s0[i]!, keys.d0[i]!), i);
    }
  }

  lookup(proto: number, nh: number, sport: number, dport: number, s0: number, d0: number): number {
    const found = this.map.get(NaiveStringFlowMap.keyOf(proto, nh, sport, dport, s0, d0));
    return found === undefined ? -1 : found;
  }
}
