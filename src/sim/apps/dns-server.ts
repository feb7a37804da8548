/**
 * A cluster DNS server (what CoreDNS's `kubernetes` plugin answers) on UDP port 53 of a pod:
 * each query is answered from a zone lookup given by the cluster simulation, so the answers
 * follow the inventory as it changes.
 *
 * Guarantees: one response per well-formed query, with the query's id, question and RD bit,
 * RA set; A/AAAA records with TTL 5 (CoreDNS's default `ttl`); NXDOMAIN for unknown names;
 * NOERROR without answers for a known name without address of the asked family; a datagram
 * that is not a standard query (vrsim's UDP probes) is echoed like on any other pod port.
 */
import type { HostStack } from '../host-stack.js';
import type { IpAddr } from '../../packet/types.js';
import { addrToBytes } from '../../packet/address.js';
import { CLASS_IN, DNS_PORT, RCODE_NOERROR, RCODE_NXDOMAIN, TYPE_A, TYPE_AAAA, decodeDns, encodeDns, type DnsRecord } from '../../packet/dns.js';

export const CLUSTER_DNS_TTL = 5;

/** The zone: addresses of a name, or undefined when the name does not exist (NXDOMAIN). */
export type DnsZone = (name: string) => readonly IpAddr[] | undefined;

export function startDnsServer(stack: HostStack, zone: DnsZone): void {
  stack.listenUdp(DNS_PORT, {
    datagram: (socket, from, fromPort, payload) => {
      const decoded = decodeDns(payload);
      if (decoded.kind !== 'ok' || decoded.message.response || decoded.message.opcode !== 0) {
        // Not a DNS query (vrsim's UDP reachability probes): echoed, as every pod's UDP port
        // answers them, so that a probe measures the path and the policy, not the parser.
        socket.send(from, fromPort, payload);
        return;
      }
      const q = decoded.message.questions[0];
      if (q === undefined) return;
      const addresses = zone(q.name.toLowerCase());
      const family = q.type === TYPE_A ? 4 : q.type === TYPE_AAAA ? 6 : 0;
      const answers: DnsRecord[] = (addresses ?? [])
        .filter((a) => a.family === family && q.klass === CLASS_IN)
        .map((a) => ({ name: q.name, type: q.type, klass: CLASS_IN, ttl: CLUSTER_DNS_TTL, data: addrToBytes(a) }));
      const response = encodeDns({
        id: decoded.message.id, response: true, opcode: 0, authoritative: true, truncated: false,
        recursionDesired: decoded.message.recursionDesired, recursionAvailable: true,
        rcode: addresses === undefined ? RCODE_NXDOMAIN : RCODE_NOERROR, questions: [q], answers,
      });
      socket.send(from, fromPort, response);
    },
  });
}
