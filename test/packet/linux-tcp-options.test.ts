import { describe, expect, it } from 'vitest';
import { linuxSynAckOptions, linuxSynOptions, linuxTimestampOptions } from '../../src/packet/linux-tcp-options.js';
import { toHex } from './hex.js';

describe('Linux TCP option blocks', () => {
  it.each([
    ['SYN defaults', linuxSynOptions({ tsval: 0x0a1b2c3d }), '020405b4' + '0402' + '080a' + '0a1b2c3d' + '00000000' + '01' + '030307'],
    ['SYN, MSS 1410 and wscale 9 (overlay MTU)', linuxSynOptions({ tsval: 1, mss: 1410, windowScale: 9 }), '02040582040208 0a0000000100000000 01030309'.replace(/ /g, '')],
    ['SYN-ACK echoes the SYN timestamp', linuxSynAckOptions({ tsval: 0x55667788, tsecr: 0x0a1b2c3d }), '020405b40402080a556677880a1b2c3d01030307'],
    ['later segments: NOP NOP timestamps', linuxTimestampOptions(0xfffffffe, 7), '0101080afffffffe00000007'],
  ])('%s', (_name, bytes, expected) => {
    expect(toHex(bytes)).toBe(expected);
  });

  it('sizes are the ones Linux uses: 20 on handshake segments, 12 afterwards', () => {
    expect(linuxSynOptions({ tsval: 0 }).length).toBe(20);
    expect(linuxSynAckOptions({ tsval: 0, tsecr: 0 }).length).toBe(20);
    expect(linuxTimestampOptions(0, 0).length).toBe(12);
  });

  it('is deterministic and returns fresh arrays', () => {
    const first = linuxSynOptions({ tsval: 42 });
    const second = linuxSynOptions({ tsval: 42 });
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
  });
});
