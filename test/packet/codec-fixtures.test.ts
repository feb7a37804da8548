import { describe, expect, it } from 'vitest';
import { ipAddr } from '../../src/packet/address.js';
import { decodePacket, encodePacket } from '../../src/packet/codec.js';
import { frameLength, ipTotalLength } from '../../src/packet/frame.js';
import { linuxSynOptions, linuxTimestampOptions } from '../../src/packet/linux-tcp-options.js';
import { TCP_ACK, TCP_PSH, TCP_SYN, type IpPacket } from '../../src/packet/types.js';
import * as fixtures from '../fixtures/packets/linux-packets.js';
import { fromHex, referenceChecksum, toHex } from './hex.js';

const CLIENT = ipAddr('10.47.255.233');
const SERVER = ipAddr('10.47.255.232');
const CLIENT6 = ipAddr('fd00::10:233');
const SERVER6 = ipAddr('fd00::10:232');
const PING_DATA = fromHex('a1b2c3d400000000' + Array.from({ length: 40 }, (_, i) => (0x10 + i).toString(16)).join(''));
const HTTP_GET = new TextEncoder().encode('GET / HTTP/1.1\r\nHost: 10.47.255.232\r\nUser-Agent: curl/7.29.0\r\nAccept: */*\r\n\r\n');

function decodeOk(hex: string): IpPacket {
  const result = decodePacket(fromHex(hex));
  if (result.kind !== 'ok') throw new Error(`expected ok, got: ${result.reason}`);
  return result.packet;
}

/** Records a Linux host would send; each must decode from, and encode to, the fixture bytes. */
const expectedRecords: ReadonlyArray<[string, fixtures.PacketFixture, IpPacket]> = [
  ['IPv4 TCP SYN (curl)', fixtures.linuxCurlSyn, {
    src: CLIENT, dst: SERVER, ttl: 64, id: 0x3e5d,
    l4: { kind: 'tcp', srcPort: 42282, dstPort: 80, seq: 0x9a3b1c2d, ack: 0, flags: TCP_SYN, window: 64240,
      options: linuxSynOptions({ tsval: 0x0a1b2c3d }), payload: new Uint8Array(0) },
  }],
  ['IPv4 TCP PSH|ACK with HTTP GET', fixtures.linuxHttpGet, {
    src: CLIENT, dst: SERVER, ttl: 64, id: 0x3e5e,
    l4: { kind: 'tcp', srcPort: 42282, dstPort: 80, seq: 0x9a3b1c2e, ack: 0x11223345, flags: TCP_PSH | TCP_ACK, window: 502,
      options: linuxTimestampOptions(0x0a1b2c41, 0x55667788), payload: HTTP_GET },
  }],
  ['IPv4 UDP', fixtures.linuxUdpProbe, {
    src: CLIENT, dst: SERVER, ttl: 64, id: 0x51a2,
    l4: { kind: 'udp', srcPort: 51515, dstPort: 9999, payload: new TextEncoder().encode('hello\n') },
  }],
  ['IPv4 ICMP echo request', fixtures.linuxPingRequest, {
    src: CLIENT, dst: SERVER, ttl: 64, id: 0x7c01, l4: { kind: 'icmp', type: 'echo-request', id: 4145, seq: 1, payload: PING_DATA },
  }],
  ['IPv4 ICMP echo reply', fixtures.linuxPingReply, {
    src: SERVER, dst: CLIENT, ttl: 64, id: 0x1f00, l4: { kind: 'icmp', type: 'echo-reply', id: 4145, seq: 1, payload: PING_DATA },
  }],
  ['IPv4 ICMP port unreachable', fixtures.linuxPortUnreachable, {
    src: SERVER, dst: CLIENT, ttl: 64, id: 0x2a2a,
    l4: { kind: 'icmp-error', type: 3, code: 3, original: fromHex(fixtures.linuxUdpProbe.hex) },
  }],
  ['IPv4 SCTP INIT + unknown chunk with padding', fixtures.linuxSctpInit, {
    src: CLIENT, dst: SERVER, ttl: 64, id: 0x0101,
    l4: { kind: 'sctp', srcPort: 36412, dstPort: 38412, verificationTag: 0, chunks: [
      { type: 1, flags: 0, value: fromHex('1a2b3c4d0001a000000affff0badcafe') },
      { type: 0xc0, flags: 0, value: fromHex('010203') },
    ] },
  }],
  ['IPv6 TCP SYN', fixtures.linux6CurlSyn, {
    src: CLIENT6, dst: SERVER6, ttl: 64, id: 0,
    l4: { kind: 'tcp', srcPort: 42282, dstPort: 80, seq: 0x01020304, ack: 0, flags: TCP_SYN, window: 64800,
      options: linuxSynOptions({ tsval: 0x0a1b2c3d }), payload: new Uint8Array(0) },
  }],
  ['IPv6 UDP', fixtures.linux6UdpProbe, {
    src: CLIENT6, dst: SERVER6, ttl: 64, id: 0,
    l4: { kind: 'udp', srcPort: 51515, dstPort: 9999, payload: new TextEncoder().encode('hello\n') },
  }],
  ['ICMPv6 echo request', fixtures.linux6PingRequest, {
    src: CLIENT6, dst: SERVER6, ttl: 64, id: 0, l4: { kind: 'icmp', type: 'echo-request', id: 4145, seq: 1, payload: PING_DATA },
  }],
  ['ICMPv6 echo reply', fixtures.linux6PingReply, {
    src: SERVER6, dst: CLIENT6, ttl: 64, id: 0, l4: { kind: 'icmp', type: 'echo-reply', id: 4145, seq: 1, payload: PING_DATA },
  }],
  ['ICMPv6 port unreachable', fixtures.linux6PortUnreachable, {
    src: SERVER6, dst: CLIENT6, ttl: 64, id: 0,
    l4: { kind: 'icmp-error', type: 1, code: 4, original: fromHex(fixtures.linux6UdpProbe.hex) },
  }],
];

describe('codec against independently generated Linux packets', () => {
  it('covers every fixture except the SYN-ACK (checked separately)', () => {
    expect(expectedRecords.length).toBe(Object.keys(fixtures.allFixtures).length - 1);
  });

  it.each(expectedRecords)('%s: decodes to the expected record', (_name, fixture, record) => {
    expect(decodeOk(fixture.hex)).toEqual(record);
  });

  it.each(expectedRecords)('%s: encodes to the exact fixture bytes', (_name, fixture, record) => {
    expect(toHex(encodePacket(record))).toBe(fixture.hex);
  });

  it.each(Object.entries(fixtures.allFixtures))('%s: encode(decode(bytes)) equals bytes, lengths agree', (_name, fixture) => {
    const packet = decodeOk(fixture.hex);
    expect(toHex(encodePacket(packet))).toBe(fixture.hex);
    expect(ipTotalLength(packet)).toBe(fixture.hex.length / 2);
    expect(frameLength(packet)).toBe(14 + fixture.hex.length / 2);
  });

  it('decoded addresses are the interned objects', () => {
    const packet = decodeOk(fixtures.linuxCurlSyn.hex);
    expect(packet.src).toBe(CLIENT);
    expect(packet.dst).toBe(SERVER);
  });

  it("the book's SYN is a 74-byte frame, so three retransmits make Stats:3/222", () => {
    const syn = decodeOk(fixtures.linuxCurlSyn.hex);
    expect(frameLength(syn)).toBe(74);
    expect(3 * frameLength(syn)).toBe(222);
  });

  it('sets DF like Linux: on TCP/UDP/SCTP/echo requests, not on kernel echo replies and ICMP errors', () => {
    const df = (hex: string) => (fromHex(hex)[6]! & 0x40) !== 0;
    for (const [, fixture, record] of expectedRecords.filter(([, , r]) => r.src.family === 4)) {
      const bytes = encodePacket(record);
      expect((bytes[6]! & 0x40) !== 0).toBe(df(fixture.hex));
    }
    expect(df(fixtures.linuxCurlSyn.hex)).toBe(true);
    expect(df(fixtures.linuxPingReply.hex)).toBe(false);
  });

  it('the fixtures themselves verify with the test-side reference checksum (IPv4 header, TCP with pseudo-header)', () => {
    const bytes = fromHex(fixtures.linuxCurlSyn.hex);
    expect(referenceChecksum([bytes.subarray(0, 20)])).toBe(0);
    const pseudo = fromHex('0a2fffe9 0a2fffe8 0006 0028');
    expect(referenceChecksum([pseudo, bytes.subarray(20)])).toBe(0);
  });
});

describe('published packet: Scapy SCTP regression vector', () => {
  // IP()/SCTP()/SCTPChunkInit(params=[SCTPChunkParamIPv4Addr()]) from Scapy's test/scapy/layers/sctp.uts,
  // checksum bytes 40 2c 0b 5f on the wire.
  const scapyHex = '4500003c000100004084' + '7c3b' + '7f0000017f000001' + '0000000000000000402c0b5f' +
    '0100001c' + '00000000000000000000000000000000' + '000500087f000001';

  it('decodes with a valid CRC32c (so the little-endian storage order is right)', () => {
    const packet = decodeOk(scapyHex);
    expect(packet.l4).toEqual({
      kind: 'sctp', srcPort: 0, dstPort: 0, verificationTag: 0,
      chunks: [{ type: 1, flags: 0, value: fromHex('00000000000000000000000000000000000500087f000001') }],
    });
  });

  it('re-encodes the same SCTP bytes (the IP header differs only by Linux DF)', () => {
    const encoded = encodePacket(decodeOk(scapyHex));
    expect(toHex(encoded.subarray(20))).toBe(scapyHex.slice(40));
    expect(encoded[6]).toBe(0x40);
  });
});
