import { describe, expect, it } from 'vitest';
import { ipAddr } from '../../src/packet/address.js';
import { decodePacket, encodePacket } from '../../src/packet/codec.js';
import { internetChecksum } from '../../src/packet/checksum.js';
import { sctpChecksum } from '../../src/packet/sctp.js';
import * as fixtures from '../fixtures/packets/linux-packets.js';
import { fromHex } from './hex.js';

function reason(bytes: Uint8Array): string {
  const result = decodePacket(bytes);
  if (result.kind !== 'error') throw new Error('expected a decode error, got a packet');
  return result.reason;
}

function mutate(hex: string, change: (b: Uint8Array) => void): Uint8Array {
  const bytes = fromHex(hex);
  change(bytes);
  return bytes;
}

/** Rewrites the IPv4 header checksum after a header edit, so only the intended error remains. */
function fixIpv4HeaderChecksum(b: Uint8Array): void {
  b[10] = 0;
  b[11] = 0;
  const c = internetChecksum(b, 0, (b[0]! & 0x0f) * 4);
  b[10] = c >>> 8;
  b[11] = c & 0xff;
}

/** Rewrites the SCTP CRC32c (little-endian) of an IPv4 packet after a chunk edit. */
function fixSctpChecksum(b: Uint8Array): void {
  const crc = sctpChecksum(b, 20, b.length);
  for (let i = 0; i < 4; i++) b[28 + i] = (crc >>> (8 * i)) & 0xff;
}

describe('checksum corruption is detected in every layer', () => {
  it.each([
    ['IPv4 header', fixtures.linuxCurlSyn.hex, 10, /IPv4 header checksum mismatch/],
    ['TCP', fixtures.linuxCurlSyn.hex, 20 + 16, /TCP checksum mismatch/],
    ['TCP payload byte', fixtures.linuxHttpGet.hex, 60, /TCP checksum mismatch/],
    ['UDP', fixtures.linuxUdpProbe.hex, 20 + 6, /UDP checksum mismatch/],
    ['ICMP', fixtures.linuxPingRequest.hex, 20 + 2, /ICMP checksum mismatch/],
    ['ICMP error quoted bytes', fixtures.linuxPortUnreachable.hex, 40, /ICMP checksum mismatch/],
    ['SCTP CRC32c', fixtures.linuxSctpInit.hex, 20 + 8, /SCTP CRC32c checksum mismatch/],
    ['SCTP chunk byte', fixtures.linuxSctpInit.hex, 20 + 17, /SCTP CRC32c checksum mismatch/],
    ['IPv6 TCP', fixtures.linux6CurlSyn.hex, 40 + 16, /TCP checksum mismatch/],
    ['IPv6 UDP', fixtures.linux6UdpProbe.hex, 40 + 7, /UDP checksum mismatch/],
    ['ICMPv6', fixtures.linux6PingRequest.hex, 40 + 3, /ICMPv6 checksum mismatch/],
    ['IPv6 source address (pseudo-header)', fixtures.linux6PingReply.hex, 8 + 15, /ICMPv6 checksum mismatch/],
  ])('%s', (_layer, hex, offset, expected) => {
    expect(reason(mutate(hex, (b) => (b[offset]! ^= 0x01)))).toMatch(expected);
  });

  it('an IPv4 address change is caught by the TCP pseudo-header even with a fixed IP checksum', () => {
    const bytes = mutate(fixtures.linuxCurlSyn.hex, (b) => {
      b[15] = 234;
      fixIpv4HeaderChecksum(b);
    });
    expect(reason(bytes)).toMatch(/TCP checksum mismatch/);
  });

  it('UDP over IPv4 with checksum 0 is accepted unchecked; over IPv6 it is refused', () => {
    const v4 = mutate(fixtures.linuxUdpProbe.hex, (b) => {
      b[26] = 0;
      b[27] = 0;
    });
    expect(decodePacket(v4).kind).toBe('ok');
    const v6 = mutate(fixtures.linux6UdpProbe.hex, (b) => {
      b[46] = 0;
      b[47] = 0;
    });
    expect(reason(v6)).toMatch(/UDP checksum 0 is not allowed over IPv6/);
  });
});

describe('truncation is detected', () => {
  const cases = Object.entries(fixtures.allFixtures).flatMap(([name, fixture]) => {
    const full = fromHex(fixture.hex);
    return [1, 7, 20, 39, full.length - 1]
      .filter((n) => n < full.length)
      .map((n) => [`${name} cut to ${n} bytes`, full.subarray(0, n)] as const);
  });

  it.each(cases)('%s', (_name, bytes) => {
    expect(reason(bytes)).toMatch(/truncated/);
  });

  it('an empty buffer', () => {
    expect(reason(new Uint8Array(0))).toBe('truncated packet: 0 bytes');
  });

  it('trailing link-layer padding beyond the IP length is ignored', () => {
    const padded = new Uint8Array([...fromHex(fixtures.linuxPingReply.hex), 0, 0, 0, 0, 0, 0]);
    const result = decodePacket(padded);
    expect(result.kind).toBe('ok');
  });
});

describe('malformed or unsupported packets get a clear reason', () => {
  it.each([
    ['bad version', mutate(fixtures.linuxCurlSyn.hex, (b) => (b[0] = 0x55)), /bad IP version 5/],
    ['IHL below 5', mutate(fixtures.linuxCurlSyn.hex, (b) => { b[0] = 0x44; fixIpv4HeaderChecksum(b); }), /bad IPv4 header length 16/],
    ['total length below header', mutate(fixtures.linuxCurlSyn.hex, (b) => { b[2] = 0; b[3] = 10; fixIpv4HeaderChecksum(b); }), /bad IPv4 total length 10/],
    ['fragment (MF)', mutate(fixtures.linuxCurlSyn.hex, (b) => { b[6] = 0x20; fixIpv4HeaderChecksum(b); }), /fragmented IPv4 packets are not supported/],
    ['fragment (offset)', mutate(fixtures.linuxCurlSyn.hex, (b) => { b[7] = 0x10; fixIpv4HeaderChecksum(b); }), /fragmented IPv4 packets are not supported/],
    ['unknown IPv4 protocol (GRE)', mutate(fixtures.linuxCurlSyn.hex, (b) => { b[9] = 47; fixIpv4HeaderChecksum(b); }), /unsupported IPv4 protocol 47/],
    ['ICMPv6 inside IPv4', mutate(fixtures.linuxPingRequest.hex, (b) => { b[9] = 58; fixIpv4HeaderChecksum(b); }), /ICMPv6\) inside IPv4/],
    ['IPv6 extension header', mutate(fixtures.linux6CurlSyn.hex, (b) => (b[6] = 0)), /extension headers are not supported/],
    ['TCP data offset below 5', mutate(fixtures.linuxCurlSyn.hex, (b) => (b[32] = 0x40)), /bad TCP data offset/],
    ['TCP data offset beyond segment', mutate(fixtures.linuxCurlSyn.hex, (b) => (b[32] = 0xf0)), /truncated TCP header: data offset says 60/],
    ['UDP length mismatch', mutate(fixtures.linuxUdpProbe.hex, (b) => (b[25] = 10)), /UDP length field 10 does not match the IP payload length 14/],
    ['UDP length below header', mutate(fixtures.linuxUdpProbe.hex, (b) => (b[25] = 4)), /bad UDP length field 4/],
    ['SCTP chunk length below 4', mutate(fixtures.linuxSctpInit.hex, (b) => { b[35] = 2; fixSctpChecksum(b); }), /bad SCTP chunk length 2/],
    ['SCTP chunk running past the end', mutate(fixtures.linuxSctpInit.hex, (b) => { b[35] = 40; fixSctpChecksum(b); }), /truncated SCTP chunk at byte 12: needs 40 bytes/],
  ])('%s', (_name, bytes, expected) => {
    expect(reason(bytes)).toMatch(expected);
  });

  it.each([
    [4, 5, 'ICMP type 5'],
    [4, 13, 'ICMP type 13'],
    [6, 2, 'ICMPv6 type 2'],
    [6, 135, 'ICMPv6 type 135'],
  ] as const)('unsupported ICMP type: IPv%d type %d', (family, type, label) => {
    const src = family === 4 ? ipAddr('10.0.0.1') : ipAddr('fd00::1');
    const dst = family === 4 ? ipAddr('10.0.0.2') : ipAddr('fd00::2');
    // Encode a supported error, then rewrite its type and fix the checksum by re-encoding the difference.
    const base = encodePacket({ src, dst, ttl: 64, id: 0, l4: { kind: 'icmp-error', type: family === 4 ? 3 : 1, code: 0, original: new Uint8Array(8) } });
    const at = family === 4 ? 20 : 40;
    const oldType = base[at]!;
    base[at] = type;
    // One's-complement incremental update (RFC 1624): HC' = ~(~HC + ~m + m').
    const hc = (base[at + 2]! << 8) | base[at + 3]!;
    let sum = (~hc & 0xffff) + (~(oldType << 8) & 0xffff) + (type << 8);
    while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
    const updated = ~sum & 0xffff;
    base[at + 2] = updated >>> 8;
    base[at + 3] = updated & 0xff;
    expect(reason(base)).toBe(`unsupported ${label} (code 0)`);
  });
});

describe('encoder refuses records no wire packet can represent', () => {
  const v4 = ipAddr('10.0.0.1');
  const v6 = ipAddr('fd00::1');
  const empty = new Uint8Array(0);
  it.each([
    ['mixed families', { src: v4, dst: v6, ttl: 64, id: 0, l4: { kind: 'udp', srcPort: 1, dstPort: 2, payload: empty } }, /address families differ/],
    ['TCP options not a multiple of 4', { src: v4, dst: v4, ttl: 64, id: 0, l4: { kind: 'tcp', srcPort: 1, dstPort: 2, seq: 0, ack: 0, flags: 2, window: 0, options: new Uint8Array(3), payload: empty } }, /multiple of 4/],
    ['TCP options over 40 bytes', { src: v4, dst: v4, ttl: 64, id: 0, l4: { kind: 'tcp', srcPort: 1, dstPort: 2, seq: 0, ack: 0, flags: 2, window: 0, options: new Uint8Array(44), payload: empty } }, /at most 40/],
    ['ICMPv4 error with an ICMPv6 type', { src: v4, dst: v4, ttl: 64, id: 0, l4: { kind: 'icmp-error', type: 1, code: 4, original: empty } }, /unsupported ICMPv4 error type 1/],
    ['oversize IPv4 packet', { src: v4, dst: v4, ttl: 64, id: 0, l4: { kind: 'icmp', type: 'echo-request', id: 1, seq: 1, payload: new Uint8Array(65530) } }, /exceeds the 16-bit total length/],
  ] as const)('%s', (_name, record, expected) => {
    expect(() => encodePacket(record)).toThrow(expected);
  });
});
