/**
 * Pod IP allocation as Contrail's default IPAM does it: pod subnet 10.32.0.0/12, addresses
 * handed out from the top (10.47.255.254) downward.
 *
 * Guarantees: deterministic — the allocator always returns the highest free address not in
 * `taken` (it never reuses an address held by an existing pod or node); the network and
 * broadcast addresses are never returned; exhaustion returns undefined.
 */
import { ipv4ToNumber, numberToIpv4 } from './ip-text.js';

export const POD_SUBNET = '10.32.0.0/12';
const FIRST_ADDRESS = ipv4ToNumber('10.47.255.254');
const LAST_ADDRESS = ipv4ToNumber('10.32.0.1');

export interface PodIpAllocator {
  /** Next free address downward, marked taken; undefined when the subnet is full. */
  next(): string | undefined;
}

export function podIpAllocator(taken: ReadonlySet<string>): PodIpAllocator {
  const used = new Set(taken);
  let cursor = FIRST_ADDRESS;
  return {
    next(): string | undefined {
      while (cursor >= LAST_ADDRESS) {
        const candidate = numberToIpv4(cursor);
        cursor--;
        if (!used.has(candidate)) {
          used.add(candidate);
          return candidate;
        }
      }
      return undefined;
    },
  };
}
