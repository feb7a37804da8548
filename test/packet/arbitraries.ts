/** fast-check generators of valid `IpPacket` records (in range, encodable, IPv6 with id 0). */
import fc from 'fast-check';
import { ipAddrFromWords } from '../../src/packet/address.js';
import type { IpAddr, IpFamily, IpPacket, L4Segment, SctpChunk } from '../../src/packet/types.js';

const u8 = fc.integer({ min: 0, max: 0xff });
const u16 = fc.integer({ min: 0, max: 0xffff });
const u32 = fc.integer({ min: 0, max: 0xffffffff });
const payload = (max: number) => fc.uint8Array({ maxLength: max });

export function addrArb(family: IpFamily): fc.Arbitrary<IpAddr> {
  return fc.tuple(u32, u32, u32, u32).map(([w0, w1, w2, w3]) => ipAddrFromWords(family, w0, w1, w2, w3));
}

const tcpArb: fc.Arbitrary<L4Segment> = fc.record({
  kind: fc.constant('tcp' as const),
  srcPort: u16,
  dstPort: u16,
  seq: u32,
  ack: u32,
  flags: fc.integer({ min: 0, max: 0xfff }),
  window: u16,
  options: fc.integer({ min: 0, max: 10 }).chain((words) => fc.uint8Array({ minLength: 4 * words, maxLength: 4 * words })),
  payload: payload(80),
});

const udpArb: fc.Arbitrary<L4Segment> = fc.record({ kind: fc.constant('udp' as const), srcPort: u16, dstPort: u16, payload: payload(80) });

const echoArb: fc.Arbitrary<L4Segment> = fc.record({
  kind: fc.constant('icmp' as const),
  type: fc.constantFrom('echo-request' as const, 'echo-reply' as const),
  id: u16,
  seq: u16,
  payload: payload(80),
});

function icmpErrorArb(family: IpFamily): fc.Arbitrary<L4Segment> {
  return fc.record({
    kind: fc.constant('icmp-error' as const),
    type: family === 4 ? fc.constantFrom(3, 11) : fc.constantFrom(1, 3),
    code: u8,
    original: payload(80),
  });
}

const chunkArb: fc.Arbitrary<SctpChunk> = fc.record({ type: u8, flags: u8, value: payload(40) });

const sctpArb: fc.Arbitrary<L4Segment> = fc.record({
  kind: fc.constant('sctp' as const),
  srcPort: u16,
  dstPort: u16,
  verificationTag: u32,
  chunks: fc.array(chunkArb, { maxLength: 4 }),
});

export function packetArb(family: IpFamily): fc.Arbitrary<IpPacket> {
  return fc.record({
    src: addrArb(family),
    dst: addrArb(family),
    ttl: u8,
    id: family === 4 ? u16 : fc.constant(0),
    l4: fc.oneof(tcpArb, udpArb, echoArb, icmpErrorArb(family), sctpArb),
  });
}

export const anyPacketArb: fc.Arbitrary<IpPacket> = fc.oneof(packetArb(4), packetArb(6));
