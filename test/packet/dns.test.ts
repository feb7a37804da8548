/**
 * The DNS codec: round trips (property), the wire layout of a query as dig would send it,
 * compression pointers followed on decode, and malformed messages refused with a reason.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLASS_IN, TYPE_A, TYPE_AAAA, decodeDns, encodeDns, type DnsMessage } from '../../src/packet/dns.js';

const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/);
const name = fc.array(label, { minLength: 1, maxLength: 5 }).map((l) => l.join('.'));
const message: fc.Arbitrary<DnsMessage> = fc.record({
  id: fc.integer({ min: 0, max: 0xffff }),
  response: fc.boolean(),
  opcode: fc.integer({ min: 0, max: 15 }),
  authoritative: fc.boolean(),
  truncated: fc.boolean(),
  recursionDesired: fc.boolean(),
  recursionAvailable: fc.boolean(),
  rcode: fc.integer({ min: 0, max: 15 }),
  questions: fc.array(fc.record({ name, type: fc.constantFrom(TYPE_A, TYPE_AAAA), klass: fc.constant(CLASS_IN) }), { maxLength: 2 }),
  answers: fc.array(
    fc.record({ name, type: fc.constantFrom(TYPE_A, TYPE_AAAA), klass: fc.constant(CLASS_IN), ttl: fc.integer({ min: 0, max: 2 ** 31 - 1 }), data: fc.uint8Array({ minLength: 4, maxLength: 16 }) }),
    { maxLength: 3 },
  ),
});

describe('DNS messages', () => {
  it('decode(encode(m)) equals m', () => {
    fc.assert(fc.property(message, (m) => {
      const d = decodeDns(encodeDns(m));
      expect(d).toEqual({ kind: 'ok', message: m });
    }));
  });

  it('encodes an A query for web.shop.svc.cluster.local byte for byte', () => {
    const bytes = encodeDns({ id: 0x1234, response: false, opcode: 0, authoritative: false, truncated: false, recursionDesired: true, recursionAvailable: false, rcode: 0, questions: [{ name: 'web.shop', type: TYPE_A, klass: CLASS_IN }], answers: [] });
    expect(Buffer.from(bytes).toString('hex')).toBe('123401000001000000000000' + '03776562' + '0473686f70' + '00' + '0001' + '0001');
  });

  it('follows a compression pointer in an answer name', () => {
    const query = encodeDns({ id: 7, response: true, opcode: 0, authoritative: true, truncated: false, recursionDesired: true, recursionAvailable: true, rcode: 0, questions: [{ name: 'web.shop', type: TYPE_A, klass: CLASS_IN }], answers: [] });
    const withAnswer = new Uint8Array([...query, 0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 5, 0, 4, 10, 96, 0, 20]);
    withAnswer[7] = 1; // ANCOUNT
    const d = decodeDns(withAnswer);
    expect(d.kind === 'ok' && d.message.answers[0]).toEqual({ name: 'web.shop', type: TYPE_A, klass: CLASS_IN, ttl: 5, data: new Uint8Array([10, 96, 0, 20]) });
  });

  it.each([
    ['a truncated header', new Uint8Array([0x12])],
    ['a pointer loop', new Uint8Array([0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xc0, 12, 0, 1, 0, 1])],
    ['a label running past the end', new Uint8Array([0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 9, 97])],
  ])('refuses %s with a reason', (_what, bytes) => {
    const d = decodeDns(bytes);
    expect(d.kind).toBe('error');
    expect(d.kind === 'error' && d.reason).toMatch(/^malformed DNS message: /);
  });
});
