/**
 * What listens inside a simulated pod. Every pod runs the book's contrail-webserver image's
 * behaviour on each declared TCP container port (on port 80 when it declares no port at all,
 * as the book's pods do), a UDP echo service on each declared UDP port, and accepts SCTP
 * associations on each declared SCTP port.
 */
import type { Pod } from '../../model/types.js';
import type { HostStack } from '../host-stack.js';
import { startWebServer } from '../apps/webserver.js';

/** Port the book's contrail-webserver listens on when the pod declares none. */
export const DEFAULT_WEB_PORT = 80;

export function startPodServers(pod: Pod, stack: HostStack): void {
  const hostname = pod.name;
  if (pod.ports.length === 0) {
    startWebServer(stack, { hostname, port: DEFAULT_WEB_PORT });
    return;
  }
  const started = new Set<string>();
  for (const port of pod.ports) {
    const key = `${port.protocol}/${port.containerPort}`;
    if (started.has(key)) continue;
    started.add(key);
    switch (port.protocol) {
      case 'TCP':
        startWebServer(stack, { hostname, port: port.containerPort });
        break;
      case 'UDP':
        stack.listenUdp(port.containerPort, {
          datagram: (socket, from, fromPort, payload) => socket.send(from, fromPort, payload),
        });
        break;
      case 'SCTP':
        stack.listenSctp(port.containerPort, { accept: () => ({}) });
        break;
    }
  }
}
