/**
 * Plain-Map variant: `Map<bigint, number>` keyed by the 120-bit packed key
 * (proto 8 | nexthop 16 | ports 32 | source 32 | destination 32 bits). Value = entry index.
 *
 * Guarantees: same semantics as `FlowTable.lookup` for IPv4 keys with nexthop < 65536;
 * builds one BigInt per lookup (a heap object), that is what it measures.
 */
import type { KeyColumns } from './keys.js';

export class BigIntFlowMap {
  private readonly map = new Map<bigint, number>();

  static keyOf(proto: number, nh: number, sport: number, dport: number, s0: number, d0: number): bigint {
    const high = ((proto << 16) | (nh & 0xffff)) >>> 0;
    const ports = ((sport << 16) | dport) >>> 0;
    return (BigInt(high) << 96n) | (BigInt(ports) << 64n) | (BigInt(s0 >>> 0) << 32n) | BigInt(d0 >>> 0);
  }

  insertAll(keys: KeyColumns): void {
    for (let i = 0; i < keys.length; i++) {
      this.map.set(BigIntFlowMap.keyOf(keys.proto[i]!, keys.nh[i]!, keys.sport[i]!, keys.dport[i]!, keys.s0[i]!, keys.d0[i]!), i);
    }
  }

  lookup(proto: number, nh: number, sport: number, dport: number, s0: number, d0: number): number {
    const found = this.map.get(BigIntFlowMap.keyOf(proto, nh, sport, dport, s0, d0));
    return found === undefined ? -1 : found;
  }
}
