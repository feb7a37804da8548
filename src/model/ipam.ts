/**
 * Pod IP allocation as Contrail's default IPAM does it: pod subnet 10.32.0.0/12, addresses
 * handed out from the top downward. The subnet's default gateway (last - 1 = 10.47.255.254)
 * and its service (DNS) address (last - 2 = 10.47.255.253) are reserved, so the first pod gets
 * 10.47.255.252 (tf-controller `vnc_addr_mgmt.py`, `Subnet.__init__`: `gw_ip =
 * IPAddress(network.last - 1)`, `service_node_address = IPAddress(network.last - 2)` when
 * `addr_from_start` is false, both excluded from allocation).
 *
 * Guarantees: deterministic — the allocator always returns the highest free address not in
 * `taken` (it never reuses an address held by an existing pod or node); the network,
 * broadcast, gateway and DNS addresses are never returned; exhaustion returns undefined.
 */
import { ipv4ToNumber, numberToIpv4 } from './ip-text.js';

export const POD_SUBNET = '10.32.0.0/12';
/** The subnet's default gateway (network.last - 1), reserved by the IPAM. */
export const POD_GATEWAY = '10.47.255.254';
/** The subnet's service address (DNS, network.last - 2), reserved by the IPAM. */
export const POD_DNS_SERVER = '10.47.255.253';
const FIRST_ADDRESS = ipv4ToNumber('10.47.255.252');
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
