// Test harness: a seeded EventLoop plus a MemoryNetwork with the book's lab addresses.
import { EventLoop } from '../../src/sim/event-loop.js';
import { MemoryNetwork, type TracedPacket } from '../../src/sim/memory-network.js';
import { ipAddr } from '../../src/packet/address.js';
import { TCP_ACK, TCP_FIN, TCP_PSH, TCP_RST, TCP_SYN, type IpPacket } from '../../src/packet/types.js';

export const CLIENT1 = ipAddr('10.47.255.232');
export const WEBSERVER = ipAddr('10.47.255.234');
export const CLIENT_V6 = ipAddr('fd00::2');
export const SERVER_V6 = ipAddr('fd00::1');

/** One-way latency used by most tests: 250 µs, so a round trip is 0.5 ms. */
export const LATENCY_US = 250;

export function lab(seed = 1, latencyUs = LATENCY_US) {
  const loop = new EventLoop(seed);
  const network = new MemoryNetwork(loop, latencyUs);
  const client = network.addStack('client1-dev', [CLIENT1, CLIENT_V6]);
  const server = network.addStack('webserver-dev', [WEBSERVER, SERVER_V6]);
  return { loop, network, client, server };
}

export function tcpFlagText(flags: number): string {
  const names: [number, string][] = [
    [TCP_SYN, 'SYN'],
    [TCP_FIN, 'FIN'],
    [TCP_RST, 'RST'],
    [TCP_PSH, 'PSH'],
    [TCP_ACK, 'ACK'],
  ];
  return names
    .filter(([bit]) => (flags & bit) !== 0)
    .map(([, name]) => name)
    .join('|');
}

/** `client>server SYN` style lines for the TCP packets in a trace. */
export function tcpLadder(trace: readonly TracedPacket[]): string[] {
  return trace
    .filter((t) => t.packet.l4.kind === 'tcp')
    .map((t) => {
      const tcp = t.packet.l4 as Extract<IpPacket['l4'], { kind: 'tcp' }>;
      const data = tcp.payload.length > 0 ? ` len=${tcp.payload.length}` : '';
      return `${t.from} ${tcpFlagText(tcp.flags)}${data}${t.fate === 'delivered' ? '' : ` (${t.fate})`}`;
    });
}
