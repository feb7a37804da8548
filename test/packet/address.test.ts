import { describe, expect, it } from 'vitest';
import { addrFromBytes, addrToBytes, ipAddr, ipAddrFromWords } from '../../src/packet/address.js';

describe('ipAddr', () => {
  it.each([
    ['10.47.255.232', 4, '10.47.255.232', [0x0a2fffe8 | 0, 0, 0, 0]],
    ['255.255.255.255', 4, '255.255.255.255', [-1, 0, 0, 0]],
    ['0.0.0.0', 4, '0.0.0.0', [0, 0, 0, 0]],
    ['FD00:0:0::1', 6, 'fd00::1', [0xfd000000 | 0, 0, 0, 1]],
    ['2001:db8:0:0:1:0:0:1', 6, '2001:db8::1:0:0:1', [0x20010db8, 0, 0x00010000, 1]],
    ['::ffff:10.1.2.3', 6, '::ffff:a01:203', [0, 0, 0xffff, 0x0a010203]],
  ] as const)('%s -> family %d, text %s, words', (text, family, canonical, words) => {
    const a = ipAddr(text);
    expect(a.family).toBe(family);
    expect(a.text).toBe(canonical);
    expect([a.w0, a.w1, a.w2, a.w3]).toEqual(words);
  });

  it('interns: different spellings and sources give the identical object', () => {
    const a = ipAddr('fd00::1');
    expect(ipAddr('fd00:0000:0:0::0001')).toBe(a);
    expect(ipAddrFromWords(6, 0xfd000000, 0, 0, 1)).toBe(a);
    expect(addrFromBytes(addrToBytes(a), 0, 6)).toBe(a);
    const b = ipAddr('10.47.255.233');
    expect(ipAddrFromWords(4, 0x0a2fffe9)).toBe(b);
    expect(addrFromBytes(Uint8Array.of(9, 10, 47, 255, 233), 1, 4)).toBe(b);
    expect(ipAddr('10.47.255.232')).not.toBe(b);
  });

  it('interned objects are frozen', () => {
    expect(Object.isFrozen(ipAddr('1.2.3.4'))).toBe(true);
  });

  it('encodes to network-order bytes', () => {
    expect(Array.from(addrToBytes(ipAddr('10.47.255.232')))).toEqual([10, 47, 255, 232]);
    expect(Array.from(addrToBytes(ipAddr('fd00::1')))).toEqual([0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
  });

  it.each(['', '10.1.1', '10.1.1.256', '010.1.1.1', '0x0a.1.1.1', 'fe80::1%eth0', 'fd00:::1', 'pod-a', ' 10.1.1.1'])(
    'rejects %j with a clear message',
    (text) => {
      expect(() => ipAddr(text)).toThrow(/invalid IP address/);
    },
  );

  it('addrFromBytes refuses to read past the end', () => {
    expect(() => addrFromBytes(new Uint8Array(10), 0, 6)).toThrow(/need 16 bytes/);
  });
});
