/**
 * The pcapng writer against the specification's layout (read back by a minimal reader):
 * block total length at both ends, 32-bit padding of packet data and options, if_tsresol = 9,
 * the 64-bit timestamp split in two halves, epb_flags direction, opt_comment.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { concatBlocks, enhancedPacketBlock, interfaceDescriptionBlock, sectionHeaderBlock } from '../../src/report/pcapng/blocks.js';
import { readPcapng } from '../support/pcapng-reader.js';

const text = (b: Uint8Array): string => new TextDecoder().decode(b);

describe('pcapng blocks', () => {
  it('SHB: byte-order magic, version 1.0, unspecified section length, shb_userappl', () => {
    const shb = sectionHeaderBlock('vrsim');
    const [b] = readPcapng(shb);
    const v = new DataView(b!.body.buffer, b!.body.byteOffset);
    expect(b!.type).toBe(0x0a0d0d0a);
    expect(v.getUint32(0, true)).toBe(0x1a2b3c4d);
    expect([v.getUint16(4, true), v.getUint16(6, true)]).toEqual([1, 0]);
    expect(v.getBigInt64(8, true)).toBe(-1n);
    expect(b!.options.map((o) => [o.code, text(o.value)])).toEqual([[4, 'vrsim']]);
  });

  it('IDB: link type, snap length, if_name, if_description, if_tsresol 9', () => {
    const [b] = readPcapng(interfaceDescriptionBlock({ name: 'cent333/pkt0', description: 'agent', linkType: 1, snapLength: 262144 }));
    const v = new DataView(b!.body.buffer, b!.body.byteOffset);
    expect([b!.type, v.getUint16(0, true), v.getUint32(4, true)]).toEqual([1, 1, 262144]);
    expect(b!.options.map((o) => [o.code, o.code === 9 ? o.value[0] : text(o.value)])).toEqual([[2, 'cent333/pkt0'], [3, 'agent'], [9, 9]]);
  });

  it('EPB: any data length, timestamp and comment round-trip with every length a multiple of 4', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 70 }),
        fc.integer({ min: 0, max: 2 ** 52 }),
        fc.string({ maxLength: 40 }),
        fc.boolean(),
        (data, ns, comment, inbound) => {
          const bytes = enhancedPacketBlock({ interfaceId: 3, timestampNs: ns, data, direction: inbound ? 'inbound' : 'outbound', comment });
          expect(bytes.length % 4).toBe(0);
          const [b] = readPcapng(bytes);
          const v = new DataView(b!.body.buffer, b!.body.byteOffset);
          expect(b!.type).toBe(6);
          expect(v.getUint32(0, true)).toBe(3);
          expect(v.getUint32(4, true) * 2 ** 32 + v.getUint32(8, true)).toBe(ns);
          expect([v.getUint32(12, true), v.getUint32(16, true)]).toEqual([data.length, data.length]);
          expect([...b!.body.subarray(20, 20 + data.length)]).toEqual([...data]);
          const byCode = new Map(b!.options.map((o) => [o.code, o.value]));
          expect(text(byCode.get(1)!)).toBe(comment);
          expect(new DataView(byCode.get(2)!.buffer, byCode.get(2)!.byteOffset).getUint32(0, true)).toBe(inbound ? 1 : 2);
        },
      ),
    );
  });

  it('a file is the blocks one after another', () => {
    const file = concatBlocks([sectionHeaderBlock('x'), interfaceDescriptionBlock({ name: 'a/eth0', linkType: 1, snapLength: 0 })]);
    expect(readPcapng(file).map((b) => b.type)).toEqual([0x0a0d0d0a, 1]);
  });
});
