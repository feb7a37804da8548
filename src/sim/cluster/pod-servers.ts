/**
 * What listens inside a simulated pod. Every pod runs the book's contrail-webserver image's
 * behaviour on each TCP port it serves (`served-ports.ts`: its declared TCP container ports,
 * or port 80 when it declares no port at all, as the book's pods do), a UDP echo service on
 * each declared UDP port, and accepts SCTP associations on each declared SCTP port. A pod
 * behind the cluster DNS Service (`dns` given) answers DNS on UDP 53 from the cluster's zone.
 */
import type { Pod } from '../../model/types.js';
import type { HostStack } from '../host-stack.js';
import { startWebServer } from '../apps/webserver.js';
import { startDnsServer, type DnsZone } from '../apps/dns-server.js';
import { DNS_PORT } from '../../packet/dns.js';
import { servedPorts } from './served-ports.js';

export { DEFAULT_WEB_PORT } from './served-ports.js';

export function startPodServers(pod: Pod, stack: HostStack, dns?: DnsZone): void {
  const hostname = pod.name;
  if (dns !== undefined) startDnsServer(stack, dns);
  for (const { protocol, port } of servedPorts(pod)) {
    switch (protocol) {
      case 'TCP':
        startWebServer(stack, { hostname, port });
        break;
      case 'UDP':
        if (dns !== undefined && port === DNS_PORT) break;
        stack.listenUdp(port, {
          datagram: (socket, from, fromPort, payload) => socket.send(from, fromPort, payload),
        });
        break;
      case 'SCTP':
        stack.listenSctp(port, { accept: () => ({}) });
        break;
    }
  }
}
