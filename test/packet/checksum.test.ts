import { describe, expect, it } from 'vitest';
import { ipAddr } from '../../src/packet/address.js';
import { finishChecksum, internetChecksum, pseudoHeaderSum, sumBytes } from '../../src/packet/checksum.js';
import { crc32c } from '../../src/packet/crc32c.js';
import { fromHex, referenceChecksum } from './hex.js';

describe('Internet checksum', () => {
  it('RFC 1071 §3 example: 00 01 f2 03 f4 f5 f6 f7 sums to 0xddf2, checksum 0x220d', () => {
    const bytes = fromHex('0001f203f4f5f6f7');
    expect(sumBytes(bytes, 0, bytes.length) % 0xffff).toBe(0xddf2);
    expect(internetChecksum(bytes)).toBe(0x220d);
  });

  it('the published IPv4 header example (checksum field zeroed) gives 0xb861', () => {
    expect(internetChecksum(fromHex('450000730000400040110000c0a80001c0a800c7'))).toBe(0xb861);
    expect(internetChecksum(fromHex('45000073000040004011b861c0a80001c0a800c7'))).toBe(0);
  });

  it.each([[''], ['ff'], ['01'], ['ffff'], ['0102030405'], ['ffffffffffffffffffff01']])(
    'odd and edge lengths agree with the reference: %j',
    (hex) => {
      const bytes = fromHex(hex);
      expect(internetChecksum(bytes)).toBe(referenceChecksum([bytes]));
    },
  );

  it.each([
    ['10.47.255.233', '10.47.255.232', 6, 40, '0a2fffe90a2fffe80006 0028'],
    ['fd00::10:233', 'fd00::10:232', 17, 14, 'fd000000000000000000000000100233 fd000000000000000000000000100232 0000000e 00000011'],
  ])('pseudo-header %s > %s proto %d len %d matches the RFC layout', (src, dst, proto, length, layout) => {
    const expected = referenceChecksum([fromHex(layout)]);
    expect(finishChecksum(pseudoHeaderSum(ipAddr(src), ipAddr(dst), proto, length))).toBe(expected);
  });
});

describe('CRC32c', () => {
  const ascii = (s: string) => new TextEncoder().encode(s);
  it.each([
    ['"123456789"', ascii('123456789'), 0xe3069283],
    ['32 zero bytes (RFC 3720 B.4)', new Uint8Array(32), 0x8a9136aa],
    ['32 bytes of 0xff (RFC 3720 B.4)', new Uint8Array(32).fill(0xff), 0x62a8ab43],
    ['bytes 0..31 (RFC 3720 B.4)', Uint8Array.from({ length: 32 }, (_, i) => i), 0x46dd794e],
    ['bytes 31..0 (RFC 3720 B.4)', Uint8Array.from({ length: 32 }, (_, i) => 31 - i), 0x113fdb5c],
    ['empty input', new Uint8Array(0), 0],
  ])('%s', (_name, bytes, expected) => {
    expect(crc32c(bytes)).toBe(expected);
  });

  it('respects start/end', () => {
    const padded = new Uint8Array([0xaa, ...ascii('123456789'), 0xbb]);
    expect(crc32c(padded, 1, 10)).toBe(0xe3069283);
  });
});
