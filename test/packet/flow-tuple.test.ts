import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ipAddr } from '../../src/packet/address.js';
import { decodePacket, encodePacket } from '../../src/packet/codec.js';
import {
  flowDestinationAddress,
  flowDestinationPort,
  flowProto,
  flowSourceAddress,
  flowSourcePort,
} from '../../src/packet/flow-tuple.js';
import type { IpAddr, IpPacket, L4Segment } from '../../src/packet/types.js';
import * as fixtures from '../fixtures/packets/linux-packets.js';
import { fromHex } from './hex.js';

interface Key {
  proto: number;
  src: IpAddr;
  sport: number;
  dst: IpAddr;
  dport: number;
}

function keyOf(p: IpPacket): Key {
  return { proto: flowProto(p), src: flowSourceAddress(p), sport: flowSourcePort(p), dst: flowDestinationAddress(p), dport: flowDestinationPort(p) };
}

/** The agent's reverse key (`setReverseKey`): ICMP keeps its ports, everything else swaps them. */
function reverse(k: Key): Key {
  const icmp = k.src.family === 4 ? k.proto === 1 : k.proto === 58;
  return icmp
    ? { proto: k.proto, src: k.dst, sport: k.sport, dst: k.src, dport: k.dport }
    : { proto: k.proto, src: k.dst, sport: k.dport, dst: k.src, dport: k.sport };
}

function decoded(hex: string): IpPacket {
  const result = decodePacket(fromHex(hex));
  if (result.kind !== 'ok') throw new Error(result.reason);
  return result.packet;
}

const A = ipAddr('10.47.255.233');
const B = ipAddr('10.47.255.232');
const A6 = ipAddr('fd00::10:233');
const B6 = ipAddr('fd00::10:232');
const none = new Uint8Array(0);

describe('flow keys of single packets', () => {
  it.each([
    ['TCP SYN', fixtures.linuxCurlSyn.hex, { proto: 6, src: A, sport: 42282, dst: B, dport: 80 }],
    ['UDP', fixtures.linuxUdpProbe.hex, { proto: 17, src: A, sport: 51515, dst: B, dport: 9999 }],
    ['SCTP', fixtures.linuxSctpInit.hex, { proto: 132, src: A, sport: 36412, dst: B, dport: 38412 }],
    ['ICMP echo request: id as source port, 0 as destination (1.1.1.3:4145 ... 1.1.1.5:0)', fixtures.linuxPingRequest.hex, { proto: 1, src: A, sport: 4145, dst: B, dport: 0 }],
    ['ICMP echo reply: the same ports as the request (id, 0)', fixtures.linuxPingReply.hex, { proto: 1, src: B, sport: 4145, dst: A, dport: 0 }],
    ['ICMPv6 echo request: id, echo-reply type 129', fixtures.linux6PingRequest.hex, { proto: 58, src: A6, sport: 4145, dst: B6, dport: 129 }],
    ['ICMPv6 echo reply: id, 129', fixtures.linux6PingReply.hex, { proto: 58, src: B6, sport: 4145, dst: A6, dport: 129 }],
    ['IPv6 TCP', fixtures.linux6CurlSyn.hex, { proto: 6, src: A6, sport: 42282, dst: B6, dport: 80 }],
    ['ICMP port unreachable: the quoted UDP probe reversed', fixtures.linuxPortUnreachable.hex, { proto: 17, src: B, sport: 9999, dst: A, dport: 51515 }],
    ['ICMPv6 port unreachable: the quoted UDP probe reversed', fixtures.linux6PortUnreachable.hex, { proto: 17, src: B6, sport: 9999, dst: A6, dport: 51515 }],
  ])('%s', (_name, hex, expected) => {
    const key = keyOf(decoded(hex));
    expect(key).toEqual(expected);
    expect(key.src).toBe(expected.src);
    expect(key.dst).toBe(expected.dst);
  });
});

describe('a reply produces exactly the reverse key of its request', () => {
  it.each([
    ['ICMP echo', fixtures.linuxPingRequest.hex, fixtures.linuxPingReply.hex],
    ['ICMPv6 echo', fixtures.linux6PingRequest.hex, fixtures.linux6PingReply.hex],
    ['TCP SYN / SYN-ACK', fixtures.linuxCurlSyn.hex, fixtures.linuxSynAck.hex],
    ['UDP probe / port unreachable', fixtures.linuxUdpProbe.hex, fixtures.linuxPortUnreachable.hex],
    ['UDP6 probe / ICMPv6 port unreachable', fixtures.linux6UdpProbe.hex, fixtures.linux6PortUnreachable.hex],
  ])('%s', (_name, requestHex, replyHex) => {
    expect(keyOf(decoded(replyHex))).toEqual(reverse(keyOf(decoded(requestHex))));
  });

  it('an ICMP error about an echo request is keyed like vRouter: quoted tuple swapped, ports too (0, id)', () => {
    const request = decoded(fixtures.linuxPingRequest.hex);
    const error: IpPacket = { src: B, dst: A, ttl: 64, id: 0, l4: { kind: 'icmp-error', type: 3, code: 3, original: encodePacket(request) } };
    expect(keyOf(error)).toEqual({ proto: 1, src: B, sport: 0, dst: A, dport: 4145 });
    expect(keyOf(error)).not.toEqual(keyOf(decoded(fixtures.linuxPingReply.hex)));
  });

  it('property: for any echo id and addresses, reply key == reverse(request key)', () => {
    const v4 = fc.integer({ min: 0, max: 0xffffffff }).map((w) => ipAddr(`${w >>> 24}.${(w >>> 16) & 255}.${(w >>> 8) & 255}.${w & 255}`));
    fc.assert(
      fc.property(fc.tuple(v4, v4), fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0, max: 0xffff }), ([src, dst], id, seq) => {
        const echo = (type: 'echo-request' | 'echo-reply'): L4Segment => ({ kind: 'icmp', type, id, seq, payload: none });
        const request: IpPacket = { src, dst, ttl: 64, id: 0, l4: echo('echo-request') };
        const reply: IpPacket = { src: dst, dst: src, ttl: 64, id: 0, l4: echo('echo-reply') };
        expect(keyOf(reply)).toEqual(reverse(keyOf(request)));
      }),
    );
  });
});

describe('ICMP errors whose quoted packet cannot be read fall back to proto 1/58 with ports 0/0', () => {
  it.each([
    ['empty quote', 4, none],
    ['quote shorter than IP header + 8', 4, fromHex(fixtures.linuxUdpProbe.hex).subarray(0, 24)],
    ['IPv6 packet quoted in ICMPv4', 4, fromHex(fixtures.linux6UdpProbe.hex)],
    ['IPv4 packet quoted in ICMPv6', 6, fromHex(fixtures.linuxUdpProbe.hex)],
  ] as const)('%s', (_name, family, original) => {
    const [src, dst] = family === 4 ? [B, A] : [B6, A6];
    const p: IpPacket = { src, dst, ttl: 64, id: 0, l4: { kind: 'icmp-error', type: family === 4 ? 3 : 1, code: family === 4 ? 3 : 4, original } };
    expect(keyOf(p)).toEqual({ proto: family === 4 ? 1 : 58, src, sport: 0, dst, dport: 0 });
  });
});
