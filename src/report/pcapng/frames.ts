/**
 * The link-layer bytes a capture shows around the codec's IP packets: Ethernet II headers
 * with deterministic MACs, and the MPLS-over-UDP encapsulation (RFC 7510) vRouter puts on
 * the fabric: outer Ethernet / IPv4 (fabric IPs) / UDP (source port from the flow entry,
 * destination 6635) / one MPLS label stack entry (the remote vif's label, bottom of stack) /
 * the inner IP packet (no inner Ethernet: vRouter's L3 MPLSoUDP carries IP directly).
 *
 * Guarantees: every checksum is right (the outer IPv4 and UDP come from the same codec);
 * the same packet gives the same bytes.
 *
 * MACs: the vRouter side of a tap (and pkt0) is 00:00:5e:00:01:00, the VRRP MAC `vif --list`
 * shows as `HWaddr` on tap and agent vifs (and tf-vrouter's vtest VirtualVif uses); a pod's MAC is 02:00 followed by
 * its IPv4 address (or the last 4 bytes of its IPv6 one), a node's eth0/vhost0 MAC 52:54:00
 * followed by the last 3 bytes of its fabric IP.
 */
import { encodePacket } from '../../packet/codec.js';
import type { IpAddr, IpPacket } from '../../packet/types.js';
import { MPLS_OVER_UDP_PORT } from '../../dataplane/topology.js';

export type Mac = Uint8Array;

export const VROUTER_MAC: Mac = Uint8Array.of(0x00, 0x00, 0x5e, 0x00, 0x01, 0x00);

function lastBytes(a: IpAddr, n: number): number[] {
  const w = a.family === 4 ? a.w0 : a.w3;
  return [(w >>> 24) & 0xff, (w >>> 16) & 0xff, (w >>> 8) & 0xff, w & 0xff].slice(4 - n);
}

export function podMac(address: IpAddr | undefined): Mac {
  return Uint8Array.of(0x02, 0x00, ...(address === undefined ? [0, 0, 0, 0] : lastBytes(address, 4)));
}

export function nodeMac(fabricIp: IpAddr): Mac {
  return Uint8Array.of(0x52, 0x54, 0x00, ...lastBytes(fabricIp, 3));
}

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;

/** `dst | src | ethertype | payload`. */
export function ethernetFrame(dst: Mac, src: Mac, family: 4 | 6, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(14 + payload.length);
  out.set(dst, 0);
  out.set(src, 6);
  const type = family === 4 ? ETHERTYPE_IPV4 : ETHERTYPE_IPV6;
  out[12] = type >>> 8;
  out[13] = type & 0xff;
  out.set(payload, 14);
  return out;
}

/** One MPLS label stack entry: label (20 bits), TC 0, bottom of stack, TTL. */
export function mplsEntry(label: number, ttl: number): Uint8Array {
  const word = ((label & 0xfffff) << 12) | (1 << 8) | (ttl & 0xff);
  return Uint8Array.of((word >>> 24) & 0xff, (word >>> 16) & 0xff, (word >>> 8) & 0xff, word & 0xff);
}

export interface TunnelHeader {
  readonly source: IpAddr;
  readonly destination: IpAddr;
  readonly udpSourcePort: number;
  readonly label: number;
  /** IPv4 identification of the outer header. */
  readonly id: number;
}

/** The outer IPv4/UDP/MPLS packet carrying `inner` (without the outer Ethernet header). */
export function mplsOverUdp(tunnel: TunnelHeader, inner: IpPacket): Uint8Array {
  const innerBytes = encodePacket(inner);
  const payload = new Uint8Array(4 + innerBytes.length);
  payload.set(mplsEntry(tunnel.label, 64), 0);
  payload.set(innerBytes, 4);
  return encodePacket({
    src: tunnel.source,
    dst: tunnel.destination,
    ttl: 64,
    id: tunnel.id & 0xffff,
    l4: { kind: 'udp', srcPort: tunnel.udpSourcePort, dstPort: MPLS_OVER_UDP_PORT, payload },
  });
}
