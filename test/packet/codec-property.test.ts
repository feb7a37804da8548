import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePacket, encodePacket } from '../../src/packet/codec.js';
import { frameLength, ipHeaderLength, ipTotalLength } from '../../src/packet/frame.js';
import { anyPacketArb } from './arbitraries.js';

describe('codec properties over random valid packets', () => {
  it('decode(encode(p)) deep-equals p, with the interned address objects', () => {
    fc.assert(
      fc.property(anyPacketArb, (p) => {
        const result = decodePacket(encodePacket(p));
        if (result.kind !== 'ok') throw new Error(result.reason);
        expect(result.packet).toEqual(p);
        expect(result.packet.src).toBe(p.src);
        expect(result.packet.dst).toBe(p.dst);
      }),
      { numRuns: 500 },
    );
  });

  it('encode(decode(bytes)) equals bytes for every encoded packet', () => {
    fc.assert(
      fc.property(anyPacketArb, (p) => {
        const bytes = encodePacket(p);
        const result = decodePacket(bytes);
        if (result.kind !== 'ok') throw new Error(result.reason);
        expect(encodePacket(result.packet)).toEqual(bytes);
      }),
      { numRuns: 300 },
    );
  });

  it('frameLength(p) === 14 + encodePacket(p).length and ipTotalLength matches, without encoding', () => {
    fc.assert(
      fc.property(anyPacketArb, (p) => {
        const length = encodePacket(p).length;
        expect(frameLength(p)).toBe(14 + length);
        expect(ipTotalLength(p)).toBe(length);
      }),
      { numRuns: 500 },
    );
  });

  it('any single bit flipped in a checksummed L4 message is rejected', () => {
    const checked = anyPacketArb.filter((p) => !(p.l4.kind === 'udp' && p.src.family === 4));
    fc.assert(
      fc.property(checked, fc.nat(), fc.integer({ min: 0, max: 7 }), (p, where, bit) => {
        const bytes = encodePacket(p);
        const start = ipHeaderLength(p.src.family);
        const at = start + (where % (bytes.length - start));
        bytes[at]! ^= 1 << bit;
        expect(decodePacket(bytes).kind).toBe('error');
      }),
      { numRuns: 500 },
    );
  });

  it('any single bit flipped in an IPv4 header is rejected (header checksum)', () => {
    fc.assert(
      fc.property(anyPacketArb.filter((p) => p.src.family === 4), fc.integer({ min: 0, max: 159 }), (p, bitIndex) => {
        const bytes = encodePacket(p);
        bytes[bitIndex >>> 3]! ^= 1 << (bitIndex & 7);
        expect(decodePacket(bytes).kind).toBe('error');
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary bytes (fuzz), and only returns ok for self-consistent packets', () => {
    const lead = fc.constantFrom(0x45, 0x60, 0x46, 0x4f, 0x00);
    fc.assert(
      fc.property(lead, fc.uint8Array({ maxLength: 120 }), (first, rest) => {
        const bytes = Uint8Array.from([first, ...rest]);
        const result = decodePacket(bytes);
        if (result.kind === 'ok') {
          expect(ipTotalLength(result.packet)).toBeLessThanOrEqual(bytes.length);
        } else {
          expect(result.reason.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
