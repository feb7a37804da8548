import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hashInet4Key, hashInet6Key, jhashBytes } from '../../src/dataplane/jhash.js';
import { FlowKey, flowKeyHash, setReverseKey, copyFlowKey, flowKeysEqual } from '../../src/dataplane/flow-key.js';
import { tcpKey } from '../support/flow-keys.js';

const enc = new TextEncoder();

/** The packed struct vr_inet_flow / vr_inet6_flow bytes on a little-endian host. */
function packedKey(k: FlowKey): Uint8Array {
  const b = new Uint8Array(k.family === 6 ? 44 : 20);
  const v = new DataView(b.buffer);
  v.setUint8(0, k.family === 6 ? 10 : 2);
  v.setUint8(1, k.proto);
  v.setUint16(4, k.sport, false);
  v.setUint16(6, k.dport, false);
  v.setUint32(8, k.nh >>> 0, true);
  const words = k.family === 6 ? [k.s0, k.s1, k.s2, k.s3, k.d0, k.d1, k.d2, k.d3] : [k.s0, k.d0];
  words.forEach((w, i) => v.setUint32(12 + 4 * i, w >>> 0, false));
  return b;
}

describe('vr_hash (lookup3 hashlittle)', () => {
  it.each([
    ['', 0, 0xdeadbeef],
    ['Four score and seven years ago', 0, 0x17770551],
    ['Four score and seven years ago', 1, 0xcd628161],
  ])('Bob Jenkins driver vector %j initval %i', (text, initval, expected) => {
    expect(jhashBytes(enc.encode(text), text.length, initval)).toBe(expected);
  });

  it('the word-wise IPv4 key hash equals the byte hash of the packed 20-byte key', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 65535 }), fc.integer({ min: 0, max: 65535 }),
      fc.integer(), fc.integer(), fc.integer(),
      (proto, sport, dport, nh, s, d) => {
        const k = new FlowKey();
        Object.assign(k, { family: 4, proto, sport, dport, nh, s0: s, d0: d });
        expect(hashInet4Key(proto, sport, dport, nh, s, d)).toBe(jhashBytes(packedKey(k)));
        expect(flowKeyHash(k)).toBe(jhashBytes(packedKey(k)));
      }));
  });

  it('the word-wise IPv6 key hash equals the byte hash of the packed 44-byte key', () => {
    fc.assert(fc.property(fc.array(fc.integer(), { minLength: 8, maxLength: 8 }), fc.integer({ min: 0, max: 65535 }), (w, port) => {
      const k = new FlowKey();
      Object.assign(k, { family: 6, proto: 6, sport: port, dport: 443, nh: 17, s0: w[0], s1: w[1], s2: w[2], s3: w[3], d0: w[4], d1: w[5], d2: w[6], d3: w[7] });
      expect(hashInet6Key(6, port, 443, 17, w[0]!, w[1]!, w[2]!, w[3]!, w[4]!, w[5]!, w[6]!, w[7]!)).toBe(jhashBytes(packedKey(k)));
    }));
  });
});

describe('flow keys', () => {
  it('reverse of reverse (same nh) is the key itself; copy and in-place reverse work', () => {
    const k = tcpKey('fd00::1', 5, 'fd00::2', 6, 7);
    const r = new FlowKey();
    setReverseKey(r, k, 9);
    expect([r.sport, r.dport, r.nh, r.s0, r.d3]).toEqual([6, 5, 9, k.d0, k.s3]);
    const back = new FlowKey();
    setReverseKey(back, r, 7);
    expect(flowKeysEqual(back, k)).toBe(true);
    const c = new FlowKey();
    copyFlowKey(c, r);
    setReverseKey(c, c, 7);
    expect(flowKeysEqual(c, k)).toBe(true);
  });
});
