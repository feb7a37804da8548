/**
 * Trace events grouped into connections: the packets of one 5-tuple in both directions (for
 * ICMP echo: the two addresses and the echo id), in event order, with who the endpoints are
 * (from the topology), which flow entries each node used, and what became of the packets —
 * delivered, or dropped where and why. The sequence diagram and the flow-table highlight are
 * drawn from this.
 *
 * Guarantees: every event that names a packet lands in exactly one connection; connections
 * come out in the order of their first event; nothing here depends on anything but the input.
 */
import type { DataplaneEvent } from '../../dataplane/trace-events.js';
import type { Topology } from './model.js';

export interface Endpoint {
  /** `10.47.255.233` (no port). */
  readonly ip: string;
  readonly port?: number;
  /** `dev/dbserver-dev`, `node/cent222`, or the address when no vif owns it. */
  readonly name: string;
  /** The node whose vif owns the address ('' when none does). */
  readonly node: string;
}

export interface ConnectionFate {
  readonly delivered: number;
  /** Drops by node and reason, in order of first drop. */
  readonly drops: readonly { readonly node: string; readonly reason: string; readonly count: number; readonly index: number }[];
  /** The agent's decisions, by node. */
  readonly decisions: readonly { readonly node: string; readonly allowed: boolean; readonly reason: string }[];
}

export interface Connection {
  readonly key: string;
  /** `TCP`, `UDP`, `SCTP`, `ICMP`, `ICMPv6`. */
  readonly protocol: string;
  readonly client: Endpoint;
  readonly server: Endpoint;
  readonly events: readonly DataplaneEvent[];
  /** Flow entries this connection used, per node. */
  readonly entries: ReadonlyMap<string, ReadonlySet<number>>;
  readonly fate: ConnectionFate;
}

interface ParsedPacket {
  readonly src: { ip: string; port?: number };
  readonly dst: { ip: string; port?: number };
  readonly protocol: string;
  readonly icmpId?: string;
}

const PACKET = /^(\S+) > (\S+) (TCP|UDP|SCTP|ICMPv6|ICMP)\b(.*)$/;

function splitEndpoint(text: string, withPort: boolean): { ip: string; port?: number } {
  if (!withPort) return { ip: text };
  const v6 = /^\[(.*)\]:(\d+)$/.exec(text);
  if (v6 !== null) return { ip: v6[1] ?? text, port: Number(v6[2]) };
  const colon = text.lastIndexOf(':');
  return colon < 0 ? { ip: text } : { ip: text.slice(0, colon), port: Number(text.slice(colon + 1)) };
}

/** The endpoints and protocol of a trace event's one-line packet description. */
export function parsePacketText(packet: string): ParsedPacket | undefined {
  const m = PACKET.exec(packet);
  if (m === null) return undefined;
  const protocol = m[3] ?? '';
  const ported = protocol === 'TCP' || protocol === 'UDP' || protocol === 'SCTP';
  const id = /\bid (\d+)/.exec(m[4] ?? '');
  return {
    src: splitEndpoint(m[1] ?? '', ported),
    dst: splitEndpoint(m[2] ?? '', ported),
    protocol,
    ...(id === null ? {} : { icmpId: id[1] }),
  };
}

function endText(e: { ip: string; port?: number }): string {
  return e.port === undefined ? e.ip : `${e.ip}:${e.port}`;
}

function connectionKey(p: ParsedPacket): string {
  const a = endText(p.src);
  const b = endText(p.dst);
  const [lo, hi] = a < b ? [a, b] : [b, a];
  return `${p.protocol.replace('v6', '')} ${lo} ${hi}${p.icmpId === undefined ? '' : ` id ${p.icmpId}`}`;
}

/** Who owns an address: the vif's owner and node, from the topology. */
export function addressOwners(topology: Topology): Map<string, { name: string; node: string }> {
  const owners = new Map<string, { name: string; node: string }>();
  for (const n of topology.nodes) {
    for (const v of n.vifs) {
      if (v.kind !== 'pod' && v.kind !== 'vhost') continue;
      for (const a of v.kind === 'vhost' ? [n.fabricIp] : v.addresses) if (!owners.has(a)) owners.set(a, { name: v.kind === 'vhost' ? `node/${n.name}` : v.owner, node: n.name });
    }
  }
  return owners;
}

interface Building {
  key: string;
  protocol: string;
  client: Endpoint;
  server: Endpoint;
  events: DataplaneEvent[];
}

export function groupConnections(events: readonly DataplaneEvent[], topology: Topology): Connection[] {
  const owners = addressOwners(topology);
  const endpoint = (e: { ip: string; port?: number }): Endpoint => {
    const o = owners.get(e.ip);
    return { ip: e.ip, ...(e.port === undefined ? {} : { port: e.port }), name: o?.name ?? e.ip, node: o?.node ?? '' };
  };
  const byKey = new Map<string, Building>();
  for (const e of events) {
    const p = parsePacketText(e.packet);
    if (p === undefined) continue;
    const key = connectionKey(p);
    let c = byKey.get(key);
    if (c === undefined) {
      // The first packet seen opens the connection: its source is the client.
      c = { key, protocol: p.protocol, client: endpoint(p.src), server: endpoint(p.dst), events: [] };
      byKey.set(key, c);
    }
    c.events.push(e);
  }
  return [...byKey.values()].map((c) => ({ ...c, entries: entriesOf(c.events), fate: fateOf(c.events) }));
}

function entriesOf(events: readonly DataplaneEvent[]): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  const add = (node: string, index: number): void => {
    if (index < 0) return;
    let set = out.get(node);
    if (set === undefined) out.set(node, (set = new Set()));
    set.add(index);
  };
  for (const e of events) {
    switch (e.kind) {
      case 'flow-hit':
      case 'hold':
      case 'trap':
      case 'drop':
        add(e.node, e.index);
        break;
      case 'flow-install':
      case 'flow-update':
      case 'flow-evict':
        add(e.node, e.index);
        add(e.node, e.reverseIndex);
        break;
      default:
        break;
    }
  }
  return out;
}

function fateOf(events: readonly DataplaneEvent[]): ConnectionFate {
  let delivered = 0;
  const drops: { node: string; reason: string; count: number; index: number }[] = [];
  const decisions: { node: string; allowed: boolean; reason: string }[] = [];
  for (const e of events) {
    if (e.kind === 'deliver') delivered++;
    else if (e.kind === 'drop') {
      const found = drops.find((d) => d.node === e.node && d.reason === e.reason);
      if (found === undefined) drops.push({ node: e.node, reason: e.reason, count: 1, index: e.index });
      else found.count++;
    } else if (e.kind === 'agent-decision') decisions.push({ node: e.node, allowed: e.allowed, reason: e.reason });
  }
  return { delivered, drops, decisions };
}

/** One line saying what became of the connection's packets. */
export function fateText(c: Connection): string {
  const parts: string[] = [];
  for (const d of c.fate.drops) parts.push(`${d.count} packet${d.count === 1 ? '' : 's'} dropped by the vRouter on ${d.node} (${d.reason}${d.index >= 0 ? `, flow ${d.index}` : ''})`);
  if (c.fate.delivered > 0 || parts.length === 0) parts.push(`${c.fate.delivered} packet${c.fate.delivered === 1 ? '' : 's'} delivered`);
  return parts.join('; ');
}
