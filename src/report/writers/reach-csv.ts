/**
 * `reach -o csv`, streamed: a header line, then one RFC 4180 line per attempted cell, in the
 * tables' order (group, source, destination): from,to,protocol,port,port_name,verdict,reason.
 */
import type { ReachView } from '../../sim/cluster/reach-result.js';
import type { ReachWriter, Sink } from './reach-writer.js';

/** A CSV field, quoted when it holds a comma, a quote or a line break (quotes doubled). */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export class ReachCsvWriter implements ReachWriter {
  constructor(private readonly view: ReachView, private readonly sink: Sink) {}

  start(): void {
    this.sink('from,to,protocol,port,port_name,verdict,reason\n');
  }

  rows(g: number, from: number, to: number): void {
    const view = this.view;
    for (let s = from; s < to; s++) {
      let chunk = '';
      for (let d = 0; d < view.destinations.length; d++) {
        const state = view.state(g, s, d);
        if (state === 'absent') continue;
        const c = view.cell(g, s, d);
        const name = c.portLabel !== String(c.port) ? c.portLabel : '';
        chunk += [c.from, c.to, c.protocol, String(c.port), name, state, c.reason].map(csvField).join(',') + '\n';
      }
      if (chunk !== '') this.sink(chunk);
    }
  }

  finish(): void {}
}
