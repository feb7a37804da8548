/**
 * The cluster as the dataplane wires it, as inline SVG: one box per node with its name and
 * fabric address (eth0), its vRouter agent (pkt0), its vRouter with vhost0, and the pods on
 * their tap interfaces (vif 0/N, tapeth0-…) with their addresses; below the nodes the IP
 * fabric, with the MPLS-over-UDP tunnels between every pair of vRouters.
 *
 * Guarantees: deterministic (integer coordinates from the topology only, nodes and vifs in
 * the wiring's order); every name and address escaped; endpoints named in `highlight` are
 * drawn marked (the connection a trace follows).
 */
import { attr, text } from './escape.js';
import type { Topology, TopologyNode } from './model.js';

const NODE_W = 340;
const GAP = 70;
const POD_H = 38;
const POD_STEP = 46;
const PODS_TOP = 142;
const MAX_ARCS_NODES = 5;

function clip(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}

function nodeHeight(n: TopologyNode): number {
  const pods = n.vifs.filter((v) => v.kind === 'pod').length;
  return PODS_TOP + Math.max(1, pods) * POD_STEP + 4;
}

export interface TopologyOptions {
  /** Endpoints (`ns/pod`, `node/<name>`) to mark. */
  readonly highlight?: ReadonlySet<string>;
}

export function topologySvg(topology: Topology, options: TopologyOptions = {}): string {
  const highlight = options.highlight ?? new Set<string>();
  const nodes = topology.nodes;
  const boxH = Math.max(...nodes.map(nodeHeight), PODS_TOP + POD_STEP);
  const top = 8;
  const eth0Y = top + boxH;
  const arcs = nodes.length <= MAX_ARCS_NODES;
  const fabricY = eth0Y + (arcs ? 56 + 18 * Math.max(0, nodes.length - 2) + 26 : 34);
  const width = Math.max(1, nodes.length) * (NODE_W + GAP) - GAP + 20;
  const height = fabricY + 34;
  const xOf = (i: number): number => 10 + i * (NODE_W + GAP);
  const out: string[] = [];
  out.push(`<svg class="topo" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="cluster topology">`);
  nodes.forEach((n, i) => out.push(nodeGroup(n, xOf(i), top, boxH, highlight)));
  // The fabric and the tunnels between every pair of vRouters (full mesh, as the agent builds them).
  out.push(`<line class="fabric" x1="10" y1="${fabricY}" x2="${width - 10}" y2="${fabricY}"/>`);
  out.push(`<text class="fabric-label" x="${width - 14}" y="${fabricY + 18}">IP fabric (underlay): MPLS-over-UDP, UDP port 6635</text>`);
  nodes.forEach((n, i) => {
    const cx = xOf(i) + NODE_W / 2;
    out.push(`<line class="eth0" x1="${cx}" y1="${eth0Y}" x2="${cx}" y2="${fabricY}"/><circle class="eth0-dot" cx="${cx}" cy="${eth0Y}" r="4"/>`);
    out.push(`<text class="eth0-label" x="${cx + 8}" y="${eth0Y + 14}">eth0 vif 0/0 ${text(n.fabricIp)}</text>`);
  });
  if (arcs) {
    let k = 0;
    for (let a = 0; a < nodes.length; a++) {
      for (let b = a + 1; b < nodes.length; b++) {
        const x1 = xOf(a) + NODE_W / 2;
        const x2 = xOf(b) + NODE_W / 2;
        const depth = eth0Y + 52 + 18 * k++;
        const na = nodes[a]!;
        const nb = nodes[b]!;
        out.push(
          `<g class="tunnel"><title>${text(`MPLS-over-UDP tunnel ${na.name} (${na.fabricIp}) <-> ${nb.name} (${nb.fabricIp})`)}</title>` +
            `<path d="M${x1},${eth0Y + 4} C${x1},${depth} ${x2},${depth} ${x2},${eth0Y + 4}"/>` +
            `<text x="${Math.round((x1 + x2) / 2)}" y="${Math.round(eth0Y + 4 + 0.75 * (depth - eth0Y - 4)) + 14}">${text(`tunnel ${na.name} ⇔ ${nb.name}`)}</text></g>`,
        );
      }
    }
  }
  out.push('</svg>');
  return out.join('');
}

function nodeGroup(n: TopologyNode, x: number, y: number, h: number, highlight: ReadonlySet<string>): string {
  const out: string[] = [];
  const vhost = n.vifs.find((v) => v.kind === 'vhost');
  const pkt0 = n.vifs.find((v) => v.kind === 'agent');
  const hostMarked = highlight.has(`node/${n.name}`) ? ' marked' : '';
  out.push(`<g class="node" data-node="${attr(n.name)}"><rect class="node-box" x="${x}" y="${y}" width="${NODE_W}" height="${h}" rx="10"/>`);
  out.push(`<text class="node-name" x="${x + 14}" y="${y + 22}">${text(clip(n.name, 26))}</text>`);
  out.push(`<text class="node-ip" x="${x + NODE_W - 12}" y="${y + 22}">fabric ${text(n.fabricIp)}</text>`);
  out.push(`<rect class="agent-box" x="${x + 12}" y="${y + 36}" width="${NODE_W - 24}" height="26" rx="5"/>`);
  out.push(`<text class="box-label" x="${x + 22}" y="${y + 53}">vrouter-agent (policy)${pkt0 === undefined ? '' : ` · pkt0 vif 0/${pkt0.index}`}</text>`);
  out.push(`<line class="pkt0" x1="${x + NODE_W / 2}" y1="${y + 62}" x2="${x + NODE_W / 2}" y2="${y + 74}"/>`);
  out.push(`<rect class="vrouter-box${hostMarked}" x="${x + 12}" y="${y + 74}" width="${NODE_W - 24}" height="46" rx="5"/>`);
  out.push(`<text class="box-title" x="${x + 22}" y="${y + 92}">vRouter · flow table</text>`);
  if (vhost !== undefined) out.push(`<text class="box-label" x="${x + 22}" y="${y + 110}">vhost0 vif 0/${vhost.index} · host ${text(n.fabricIp)}</text>`);
  const pods = n.vifs.filter((v) => v.kind === 'pod');
  const busX = x + 30;
  if (pods.length > 0) out.push(`<line class="bus" x1="${busX}" y1="${y + 120}" x2="${busX}" y2="${y + PODS_TOP + (pods.length - 1) * POD_STEP + POD_H / 2}"/>`);
  if (pods.length === 0) out.push(`<text class="box-label" x="${x + 22}" y="${y + PODS_TOP + 20}">no pods</text>`);
  pods.forEach((v, i) => {
    const py = y + PODS_TOP + i * POD_STEP;
    const marked = highlight.has(v.owner) ? ' marked' : '';
    out.push(`<g class="pod${marked}" data-pod="${attr(v.owner)}"><title>${text(`${v.owner} on ${n.name}: ${v.name} (vif 0/${v.index}) ${v.addresses.join(' ')}`)}</title>`);
    out.push(`<line class="tap" x1="${busX}" y1="${py + POD_H / 2}" x2="${x + 56}" y2="${py + POD_H / 2}"/>`);
    out.push(`<rect class="pod-box" x="${x + 56}" y="${py}" width="${NODE_W - 68}" height="${POD_H}" rx="6"/>`);
    out.push(`<text class="pod-name" x="${x + 66}" y="${py + 16}">${text(clip(v.owner, 34))}</text>`);
    out.push(`<text class="pod-ip" x="${x + 66}" y="${py + 31}">${text(clip(`${v.addresses.join(' ')} · ${v.name} · vif 0/${v.index}`, 44))}</text></g>`);
  });
  out.push('</g>');
  return out.join('');
}
