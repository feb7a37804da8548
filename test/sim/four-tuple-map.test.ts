import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ipAddr } from '../../src/packet/address.js';
import { FourTupleMap } from '../../src/sim/four-tuple-map.js';

const ADDRESSES = ['10.0.0.1', '10.0.0.2', '10.47.255.250', 'fd00::1', 'fd00::2', '::ffff:10.0.0.1'].map(ipAddr);

describe('FourTupleMap', () => {
  it('behaves like a Map keyed by the 4-tuple under any mix of set, get and deleteIf (property)', () => {
    const op = fc.record({
      kind: fc.constantFrom('set', 'delete', 'delete-other', 'get'),
      local: fc.integer({ min: 0, max: ADDRESSES.length - 1 }),
      remote: fc.integer({ min: 0, max: ADDRESSES.length - 1 }),
      localPort: fc.oneof(fc.integer({ min: 0, max: 65535 }), fc.integer({ min: 32768, max: 32800 })),
      remotePort: fc.constantFrom(0, 80, 443, 65535),
      value: fc.integer({ min: 1, max: 5 }),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const map = new FourTupleMap<string>();
        const reference = new Map<string, string>();
        for (const o of ops) {
          const local = ADDRESSES[o.local]!;
          const remote = ADDRESSES[o.remote]!;
          const key = `${local.text}|${o.localPort}|${remote.text}|${o.remotePort}`;
          const value = `v${o.value}`;
          if (o.kind === 'set') {
            map.set(local, o.localPort, remote, o.remotePort, value);
            reference.set(key, value);
          } else if (o.kind === 'delete' || o.kind === 'delete-other') {
            const target = o.kind === 'delete' ? reference.get(key) ?? value : 'other';
            map.deleteIf(local, o.localPort, remote, o.remotePort, target);
            if (reference.get(key) === target) reference.delete(key);
          }
          expect(map.get(local, o.localPort, remote, o.remotePort)).toBe(reference.get(key));
          expect(map.has(local, o.localPort, remote, o.remotePort)).toBe(reference.has(key));
          expect(map.size).toBe(reference.size);
        }
        for (const [key, value] of reference) {
          const [l, lp, r, rp] = key.split('|');
          expect(map.get(ipAddr(l!), Number(lp), ipAddr(r!), Number(rp))).toBe(value);
        }
      }),
    );
  });

  it('keeps every entry findable through growth and deletions in the middle of probe runs', () => {
    const map = new FourTupleMap<number>();
    const local = ADDRESSES[0]!;
    const remote = ADDRESSES[1]!;
    for (let port = 0; port < 5000; port++) map.set(local, 32768 + port, remote, 80, port);
    for (let port = 0; port < 5000; port += 3) map.deleteIf(local, 32768 + port, remote, 80, port);
    for (let port = 0; port < 5000; port++) {
      expect(map.get(local, 32768 + port, remote, 80)).toBe(port % 3 === 0 ? undefined : port);
    }
  });
});
