/**
 * `reach -o json`, streamed: `{"results": [...]}` with one object per attempted cell on its own
 * line, written as each row becomes final, so a reach of millions of cells never exists as one
 * string. Each object: from, to, port (0 for a name the destination does not declare), portName
 * (when asked by name), protocol, verdict (`allowed`, `blocked`, `not-served`), allowed (the
 * probe was answered), served, reason; a Service column's cell (`reach --services`) also has
 * service (`ns/name`), reachable (`all`, `some`, `none` of its backends) and backends (pod,
 * address, target port, verdict, reason each). Cells are in the tables' order: group, source, destination.
 */
import type { ReachView } from '../../sim/cluster/reach-result.js';
import type { ReachCell } from '../../sim/cluster/types.js';
import type { ServiceReachCell } from '../../sim/cluster/service-reach-result.js';
import type { ReachWriter, Sink } from './reach-writer.js';

export function cellJson(cell: ReachCell, verdict: string): string {
  const service = cell as Partial<ServiceReachCell>;
  return JSON.stringify({
    from: cell.from,
    to: cell.to,
    ...(service.service === undefined ? {} : { service: service.service }),
    port: cell.port,
    ...(cell.portLabel !== String(cell.port) ? { portName: cell.portLabel } : {}),
    protocol: cell.protocol,
    verdict,
    allowed: cell.allowed,
    served: cell.served ?? true,
    reason: cell.reason,
    ...(service.backends === undefined ? {} : { reachable: service.reachable, backends: service.backends }),
  });
}

export class ReachJsonWriter implements ReachWriter {
  private written = 0;

  constructor(private readonly view: ReachView, private readonly sink: Sink) {}

  start(): void {
    this.sink('{\n  "results": [');
  }

  rows(g: number, from: number, to: number): void {
    const view = this.view;
    for (let s = from; s < to; s++) {
      let chunk = '';
      for (let d = 0; d < view.destinations.length; d++) {
        const state = view.state(g, s, d);
        if (state === 'absent') continue;
        chunk += `${this.written++ === 0 ? '' : ','}\n    ${cellJson(view.cell(g, s, d), state)}`;
      }
      if (chunk !== '') this.sink(chunk);
    }
  }

  finish(): void {
    this.sink(this.written === 0 ? ']\n}\n' : '\n  ]\n}\n');
  }
}
