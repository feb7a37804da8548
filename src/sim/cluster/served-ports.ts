/**
 * What a simulated pod serves, as one list: each declared container port with its protocol
 * (duplicates once), or the book's contrail-webserver on TCP/80 when the pod declares none.
 * `pod-servers.ts` starts exactly these listeners, and `reach` probes exactly these ports when
 * no `--port` is given; a node host (and so a hostNetwork pod) serves nothing.
 */
import type { L4Protocol, Pod } from '../../model/types.js';

/** Port the book's contrail-webserver listens on when the pod declares none. */
export const DEFAULT_WEB_PORT = 80;

export interface ServedPort {
  readonly protocol: L4Protocol;
  readonly port: number;
}

export function servedPorts(pod: Pod): ServedPort[] {
  if (pod.hostNetwork) return [];
  if (pod.ports.length === 0) return [{ protocol: 'TCP', port: DEFAULT_WEB_PORT }];
  const seen = new Set<string>();
  const out: ServedPort[] = [];
  for (const p of pod.ports) {
    const key = `${p.protocol}/${p.containerPort}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ protocol: p.protocol, port: p.containerPort });
  }
  return out;
}
