/**
 * A connection's sequence diagram as inline SVG, drawn from the dataplane's real trace
 * events: one lifeline per endpoint (pod or node host), per vRouter and per vRouter agent,
 * one row per event in time order — the packet from the pod into its vif, the flow lookup
 * (hit or miss), the HOLD entry, the trap to the agent over pkt0, the agent's decision, the
 * install of the forward and reverse entries, the MPLS-over-UDP tunnel to the remote vRouter,
 * the delivery to the pod or the drop (a red cross where the packet died), and the reply on
 * the reverse entry. Each row also carries the `vrsim trace` line of its event.
 *
 * Guarantees: deterministic (coordinates are integers computed from the event list only);
 * all names and texts are escaped; request-direction packets are blue, replies green, the
 * agent's control messages dashed amber, drops red.
 */
import type { DataplaneEvent } from '../../dataplane/trace-events.js';
import { traceEventText } from '../trace-text.js';
import type { Connection } from './connections.js';
import { parsePacketText } from './connections.js';
import { attr, text } from './escape.js';
import type { Topology } from './model.js';

const LEFT = 78;
const SPACING = 168;
const HEAD = 46;
const ROW = 22;
const CHAR = 6.6;
const MAX_ROWS = 400;
const MAX_TEXT = 100;
/** Arrow heads per style, in the colours of the page's stylesheet. */
const MARKERS: readonly (readonly [string, string])[] = [['request', '#1d4ed8'], ['reply', '#047857'], ['control', '#b45309']];

interface Lifeline {
  readonly id: string;
  readonly title: string;
  readonly subtitle: string;
  readonly kind: 'endpoint' | 'vrouter' | 'agent' | 'outside';
}

type Row =
  | { readonly kind: 'arrow'; readonly from: string; readonly to: string; readonly label: string; readonly style: 'request' | 'reply' | 'control'; readonly e: DataplaneEvent }
  | { readonly kind: 'note'; readonly at: string; readonly label: string; readonly style: 'info' | 'hold' | 'allow' | 'deny'; readonly e: DataplaneEvent }
  | { readonly kind: 'drop'; readonly at: string; readonly label: string; readonly e: DataplaneEvent };

function ms(us: number): string {
  return `${(us / 1000).toFixed(3)} ms`;
}

/** A time since the connection's first event: ms below a second, s above. */
function since(us: number): string {
  return us < 1_000_000 ? `+${(us / 1000).toFixed(3)} ms` : `+${(us / 1_000_000).toFixed(3)} s`;
}

function clip(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}

/** `[S] len 74`, `UDP len 60`: the part of a packet line after the endpoints. */
function packetShort(packet: string): string {
  const m = /^\S+ > \S+ (.*)$/.exec(packet);
  const rest = m?.[1] ?? packet;
  return rest.replace(/^TCP /, '');
}

export class SequenceBuilder {
  private readonly lifelines: Lifeline[] = [];
  private readonly rows: Row[] = [];
  private readonly nodeByFabric = new Map<string, string>();
  private readonly vifOwner = new Map<string, string>();
  private readonly fabricOf = new Map<string, string>();

  constructor(private readonly connection: Connection, topology: Topology, private readonly idPrefix: string) {
    for (const n of topology.nodes) {
      this.nodeByFabric.set(n.fabricIp, n.name);
      this.fabricOf.set(n.name, n.fabricIp);
      for (const v of n.vifs) this.vifOwner.set(`${n.name}/${v.index}`, v.kind === 'vhost' ? `node/${n.name}` : v.owner || `${n.name}/${v.name}`);
    }
  }

  build(): string {
    const c = this.connection;
    const events = c.events.slice(0, MAX_ROWS);
    this.endpoint(c.client.name);
    for (const e of events) this.addRow(e);
    // The server goes after the vRouters even when no packet reached it.
    this.endpoint(c.server.name);
    return this.svg(c.events.length - events.length);
  }

  private endpoint(name: string): string {
    const id = `ep:${name}`;
    if (!this.lifelines.some((l) => l.id === id)) {
      const ip = name === this.connection.client.name ? this.connection.client.ip : name === this.connection.server.name ? this.connection.server.ip : '';
      this.lifelines.push({ id, title: name, subtitle: name.startsWith('node/') ? `host ${ip}` : ip, kind: 'endpoint' });
    }
    return id;
  }

  private vrouter(node: string): string {
    const id = `vr:${node}`;
    if (!this.lifelines.some((l) => l.id === id)) this.insertBeforeServer({ id, title: `vRouter ${node}`, subtitle: `fabric ${this.fabricOf.get(node) ?? '?'}`, kind: 'vrouter' });
    return id;
  }

  /** A node's agent gets a lifeline, right after its vRouter's, once the vRouter talks to it. */
  private agent(node: string): string {
    const vr = this.vrouter(node);
    const id = `ag:${node}`;
    if (!this.lifelines.some((l) => l.id === id)) {
      const at = this.lifelines.findIndex((l) => l.id === vr);
      this.lifelines.splice(at + 1, 0, { id, title: `agent ${node}`, subtitle: 'vrouter-agent (pkt0)', kind: 'agent' });
    }
    return id;
  }

  /** vRouters and agents keep to the middle: before any endpoint other than the client. */
  private insertBeforeServer(l: Lifeline): void {
    const at = this.lifelines.findIndex((x, i) => i > 0 && (x.kind === 'endpoint' || x.kind === 'outside'));
    if (at < 0) this.lifelines.push(l);
    else this.lifelines.splice(at, 0, l);
  }

  private owner(node: string, vif: number): string {
    return this.endpoint(this.vifOwner.get(`${node}/${vif}`) ?? `${node}/vif ${vif}`);
  }

  private direction(packet: string): 'request' | 'reply' {
    const p = parsePacketText(packet);
    const c = this.connection.client;
    return p !== undefined && p.src.ip === c.ip && (c.port === undefined || p.src.port === c.port) ? 'request' : 'reply';
  }

  private addRow(e: DataplaneEvent): void {
    const vr = this.vrouter(e.node);
    switch (e.kind) {
      case 'vif-rx':
        this.rows.push({ kind: 'arrow', from: this.owner(e.node, e.vif), to: vr, label: packetShort(e.packet), style: this.direction(e.packet), e });
        return;
      case 'fabric-rx':
        this.rows.push({ kind: 'note', at: vr, label: `label ${e.label} → vif ${e.vif}`, style: 'info', e });
        return;
      case 'flow-miss':
        this.rows.push({ kind: 'note', at: vr, label: 'lookup: miss', style: 'hold', e });
        return;
      case 'hold':
        this.rows.push({ kind: 'note', at: vr, label: `H ${e.index} (${e.queued} of 3)`, style: 'hold', e });
        return;
      case 'trap':
        this.rows.push({ kind: 'arrow', from: vr, to: this.agent(e.node), label: `pkt0 trap ${e.reason}`, style: 'control', e });
        return;
      case 'agent-decision':
        this.rows.push({ kind: 'note', at: this.agent(e.node), label: e.allowed ? 'policy: allow' : 'policy: DENY', style: e.allowed ? 'allow' : 'deny', e });
        return;
      case 'flow-install':
        this.rows.push({ kind: 'arrow', from: this.agent(e.node), to: vr, label: `install ${e.forwardAction} ⇔ ${e.reverseAction}`, style: 'control', e });
        return;
      case 'flow-update':
        this.rows.push({ kind: 'arrow', from: this.agent(e.node), to: vr, label: `update ${e.forwardAction} ⇔ ${e.reverseAction}`, style: 'control', e });
        return;
      case 'flow-hit':
        this.rows.push({ kind: 'note', at: vr, label: `hit ${e.index} ${e.action}`, style: e.action.startsWith('D') ? 'deny' : 'info', e });
        return;
      case 'tunnel-tx': {
        const peer = this.nodeByFabric.get(e.outerDestination);
        const to = peer === undefined ? this.outside(e.outerDestination) : this.vrouter(peer);
        this.rows.push({ kind: 'arrow', from: vr, to, label: `MPLSoUDP label ${e.label}`, style: this.direction(e.packet), e });
        return;
      }
      case 'deliver':
        this.rows.push({ kind: 'arrow', from: vr, to: this.owner(e.node, e.vif), label: packetShort(e.packet), style: this.direction(e.packet), e });
        return;
      case 'drop':
        this.rows.push({ kind: 'drop', at: vr, label: `DROP ${e.reason.replace(/^Flow Action Drop /, '')}`, e });
        return;
      case 'route-out':
        this.rows.push({ kind: 'arrow', from: vr, to: this.outside(e.destination), label: `routed out to ${e.destination}`, style: this.direction(e.packet), e });
        return;
      case 'flow-evict':
        this.rows.push({ kind: 'note', at: vr, label: `evict ${e.index} ⇔ ${e.reverseIndex}`, style: 'info', e });
        return;
      case 'no-flow':
        this.rows.push({ kind: 'note', at: vr, label: 'no flow (policy off)', style: 'info', e });
        return;
      default: {
        const unknown: never = e;
        throw new Error(`sequence diagram: unhandled trace event ${JSON.stringify(unknown)}`);
      }
    }
  }

  private outside(ip: string): string {
    const id = 'outside';
    if (!this.lifelines.some((l) => l.id === id)) this.lifelines.push({ id, title: 'outside the cluster', subtitle: ip, kind: 'outside' });
    return id;
  }

  private svg(omitted: number): string {
    const x = new Map(this.lifelines.map((l, i) => [l.id, LEFT + SPACING / 2 + i * SPACING]));
    const textX = LEFT + this.lifelines.length * SPACING + 8;
    const lines = this.rows.map((r) => clip(traceEventText(r.e), MAX_TEXT));
    const textWidth = Math.ceil(Math.max(20, ...lines.map((l) => l.length)) * CHAR);
    const width = textX + textWidth + 10;
    const height = HEAD + (this.rows.length + (omitted > 0 ? 1 : 0)) * ROW + 16;
    const out: string[] = [];
    out.push(`<svg class="seq" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${attr(`sequence diagram ${this.connection.client.name} to ${this.connection.server.name}`)}">`);
    out.push(`<defs>${MARKERS.map(([k, c]) => `<marker id="${this.idPrefix}-${k}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0L10,5L0,10z" fill="${c}"/></marker>`).join('')}</defs>`);
    for (const l of this.lifelines) {
      const cx = x.get(l.id) ?? 0;
      out.push(`<g class="life ${l.kind}"><rect x="${cx - 78}" y="4" width="156" height="34" rx="5"/>`);
      out.push(`<text x="${cx}" y="18" class="lt">${text(clip(l.title, 24))}</text><text x="${cx}" y="31" class="ls">${text(clip(l.subtitle, 26))}</text>`);
      out.push(`<line x1="${cx}" y1="38" x2="${cx}" y2="${height - 6}"/></g>`);
    }
    let lastT = -1;
    const t0 = this.rows[0]?.e.t ?? 0;
    this.rows.forEach((r, i) => {
      const y = HEAD + i * ROW + ROW / 2;
      out.push(`<g class="row ${r.kind} ${r.kind === 'drop' ? 'deny' : r.style}" data-t="${r.e.t}"><title>${text(`at ${ms(r.e.t)} on ${r.e.node}: ${traceEventText(r.e)}`)}</title>`);
      if (r.e.t !== lastT) out.push(`<text x="4" y="${y + 4}" class="time">${text(since(r.e.t - t0))}</text>`);
      lastT = r.e.t;
      out.push(this.rowShape(r, x, y));
      out.push(`<text x="${textX}" y="${y + 4}" class="desc">${text(`${r.e.node}  ${lines[i] ?? ''}`)}</text></g>`);
    });
    if (omitted > 0) out.push(`<text x="4" y="${HEAD + this.rows.length * ROW + 14}" class="desc">${text(`… ${omitted} more events (vrsim trace lists them all)`)}</text>`);
    out.push('</svg>');
    return out.join('');
  }

  private rowShape(r: Row, x: ReadonlyMap<string, number>, y: number): string {
    switch (r.kind) {
      case 'arrow': {
        const x1 = x.get(r.from) ?? 0;
        const x2 = x.get(r.to) ?? 0;
        const dir = x2 >= x1 ? 1 : -1;
        const mid = Math.round((x1 + x2) / 2);
        return (
          `<line x1="${x1 + dir * 3}" y1="${y}" x2="${x2 - dir * 3}" y2="${y}" marker-end="url(#${this.idPrefix}-${r.style})"/>` +
          `<text x="${mid}" y="${y - 4}" class="al">${text(clip(r.label, Math.max(8, Math.floor((Math.abs(x2 - x1) + 60) / 6))))}</text>`
        );
      }
      case 'note': {
        const cx = x.get(r.at) ?? 0;
        return `<rect x="${cx - 72}" y="${y - 8}" width="144" height="16" rx="8"/><text x="${cx}" y="${y + 4}" class="nl">${text(clip(r.label, 23))}</text>`;
      }
      case 'drop': {
        const cx = x.get(r.at) ?? 0;
        return (
          `<path d="M${cx - 7},${y - 7}L${cx + 7},${y + 7}M${cx + 7},${y - 7}L${cx - 7},${y + 7}" class="cross"/>` +
          `<text x="${cx + 12}" y="${y + 4}" class="dl">${text(clip(r.label, 22))}</text>`
        );
      }
    }
  }
}

/** The diagram of one connection. */
export function sequenceSvg(connection: Connection, topology: Topology, idPrefix: string): string {
  return new SequenceBuilder(connection, topology, idPrefix).build();
}
