/**
 * `reach -o dot`: the connectivity graph for Graphviz, as netpol-analyzer draws it: one node per
 * endpoint (pod, workload when grouped, node host), grouped in a frame per namespace, and one
 * edge per allowed source -> destination pair labelled with the ports it is allowed on
 * (`TCP 80,443; UDP 53`). Blocked and not-served cells draw nothing, nor does an endpoint to
 * itself. An edge needs every group, so the graph is written once the reach is done, one line
 * per node and edge.
 */
import type { ReachView } from '../../sim/cluster/reach-result.js';
import type { ReachWriter, Sink } from './reach-writer.js';

/** A DOT double-quoted string. */
export function dotString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The namespace of an endpoint label (`ns/pod`, `ns/name[Kind]`), or undefined for node hosts and addresses. */
function namespaceOf(label: string): string | undefined {
  if (label.startsWith('node/')) return undefined;
  const slash = label.indexOf('/');
  return slash > 0 ? label.slice(0, slash) : undefined;
}

export class ReachDotWriter implements ReachWriter {
  constructor(private readonly view: ReachView, private readonly sink: Sink) {}

  start(): void {}

  rows(): void {}

  finish(): void {
    const view = this.view;
    const sink = this.sink;
    sink('digraph {\n');
    const labels = [...new Set([...view.sources, ...view.destinations])];
    const byNamespace = new Map<string, string[]>();
    const outside: string[] = [];
    for (const label of labels) {
      const ns = namespaceOf(label);
      if (ns === undefined) outside.push(label);
      else {
        let list = byNamespace.get(ns);
        if (list === undefined) byNamespace.set(ns, (list = []));
        list.push(label);
      }
    }
    for (const [ns, members] of [...byNamespace].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      sink(`\tsubgraph ${dotString(`cluster_${ns}`)} {\n`);
      for (const label of members) sink(`\t\t${dotString(label)} [label=${dotString(label.slice(ns.length + 1))} color="blue" fontcolor="blue"]\n`);
      sink(`\t\tlabel=${dotString(ns)}\n\t}\n`);
    }
    for (const label of outside) sink(`\t${dotString(label)} [label=${dotString(label)} shape=box color="red2" fontcolor="red2"]\n`);
    for (let s = 0; s < view.sources.length; s++) {
      for (let d = 0; d < view.destinations.length; d++) {
        if (view.sources[s] === view.destinations[d]) continue;
        const label = this.edgeLabel(s, d);
        if (label !== '') sink(`\t${dotString(view.sources[s]!)} -> ${dotString(view.destinations[d]!)} [label=${dotString(label)} color="gold2" fontcolor="darkgreen"]\n`);
      }
    }
    sink('}\n');
  }

  /** `TCP 80,443; UDP 53` for the groups allowed from s to d, '' when none. */
  private edgeLabel(s: number, d: number): string {
    const byProtocol = new Map<string, string[]>();
    for (let g = 0; g < this.view.groups.length; g++) {
      if (this.view.state(g, s, d) !== 'allowed') continue;
      const { protocol, portLabel } = this.view.groups[g]!;
      let ports = byProtocol.get(protocol);
      if (ports === undefined) byProtocol.set(protocol, (ports = []));
      if (!ports.includes(portLabel)) ports.push(portLabel);
    }
    return [...byProtocol].map(([protocol, ports]) => `${protocol} ${ports.join(',')}`).join('; ');
  }
}
