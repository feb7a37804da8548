/**
 * A minimal DNS message codec (RFC 1035): header, questions and A/AAAA (and other, kept as raw
 * bytes) resource records — what a stub resolver and a cluster DNS server exchange over UDP.
 *
 * Guarantees: `decodeDns` never throws (malformed input gives an error value naming the
 * problem), follows compression pointers (refusing loops and forward jumps past the message),
 * and lower-cases nothing (DNS names compare case-insensitively; callers normalise);
 * `encodeDns` writes names uncompressed, so decode(encode(m)) equals m.
 */

export const DNS_PORT = 53;
export const TYPE_A = 1;
export const TYPE_AAAA = 28;
export const CLASS_IN = 1;

export const RCODE_NOERROR = 0;
export const RCODE_SERVFAIL = 2;
export const RCODE_NXDOMAIN = 3;
export const RCODE_REFUSED = 5;

export interface DnsQuestion {
  readonly name: string;
  readonly type: number;
  readonly klass: number;
}

export interface DnsRecord {
  readonly name: string;
  readonly type: number;
  readonly klass: number;
  readonly ttl: number;
  /** A: 4 bytes, AAAA: 16 bytes, other types as received. */
  readonly data: Uint8Array;
}

export interface DnsMessage {
  readonly id: number;
  /** QR: a response. */
  readonly response: boolean;
  readonly opcode: number;
  readonly authoritative: boolean;
  readonly truncated: boolean;
  readonly recursionDesired: boolean;
  readonly recursionAvailable: boolean;
  readonly rcode: number;
  readonly questions: readonly DnsQuestion[];
  readonly answers: readonly DnsRecord[];
}

export type DnsDecode = { readonly kind: 'ok'; readonly message: DnsMessage } | { readonly kind: 'error'; readonly reason: string };

function nameBytes(name: string): number[] {
  const out: number[] = [];
  const trimmed = name.endsWith('.') ? name.slice(0, -1) : name;
  if (trimmed !== '') {
    for (const label of trimmed.split('.')) {
      if (label.length === 0 || label.length > 63) throw new Error(`invalid DNS name "${name}": empty or longer than 63 characters label`);
      out.push(label.length);
      for (let i = 0; i < label.length; i++) out.push(label.charCodeAt(i) & 0x7f);
    }
  }
  out.push(0);
  if (out.length > 255) throw new Error(`invalid DNS name "${name}": longer than 255 bytes`);
  return out;
}

/** Encodes a message; throws only on a name that cannot be encoded (a caller bug). */
export function encodeDns(m: DnsMessage): Uint8Array {
  const out: number[] = [];
  const u16 = (v: number): void => {
    out.push((v >>> 8) & 0xff, v & 0xff);
  };
  u16(m.id);
  u16((m.response ? 0x8000 : 0) | ((m.opcode & 0xf) << 11) | (m.authoritative ? 0x400 : 0) | (m.truncated ? 0x200 : 0) |
    (m.recursionDesired ? 0x100 : 0) | (m.recursionAvailable ? 0x80 : 0) | (m.rcode & 0xf));
  u16(m.questions.length);
  u16(m.answers.length);
  u16(0);
  u16(0);
  for (const q of m.questions) {
    out.push(...nameBytes(q.name));
    u16(q.type);
    u16(q.klass);
  }
  for (const r of m.answers) {
    out.push(...nameBytes(r.name));
    u16(r.type);
    u16(r.klass);
    u16((r.ttl >>> 16) & 0xffff);
    u16(r.ttl & 0xffff);
    u16(r.data.length);
    for (const b of r.data) out.push(b);
  }
  return Uint8Array.from(out);
}

class Reader {
  pos = 0;
  constructor(readonly bytes: Uint8Array) {}
  u16(): number {
    if (this.pos + 2 > this.bytes.length) throw new RangeError('message ends inside a field');
    const v = (this.bytes[this.pos]! << 8) | this.bytes[this.pos + 1]!;
    this.pos += 2;
    return v;
  }
  name(): string {
    const labels: string[] = [];
    let pos = this.pos;
    let jumped = false;
    let jumps = 0;
    for (;;) {
      if (pos >= this.bytes.length) throw new RangeError('message ends inside a name');
      const len = this.bytes[pos]!;
      if ((len & 0xc0) === 0xc0) {
        if (pos + 1 >= this.bytes.length) throw new RangeError('message ends inside a compression pointer');
        const target = ((len & 0x3f) << 8) | this.bytes[pos + 1]!;
        if (!jumped) this.pos = pos + 2;
        jumped = true;
        if (++jumps > 32 || target >= this.bytes.length) throw new RangeError('bad compression pointer');
        pos = target;
        continue;
      }
      if ((len & 0xc0) !== 0) throw new RangeError(`bad label length byte 0x${len.toString(16)}`);
      if (len === 0) {
        if (!jumped) this.pos = pos + 1;
        return labels.join('.');
      }
      if (pos + 1 + len > this.bytes.length) throw new RangeError('message ends inside a label');
      labels.push(String.fromCharCode(...this.bytes.subarray(pos + 1, pos + 1 + len)));
      pos += 1 + len;
    }
  }
}

export function decodeDns(bytes: Uint8Array): DnsDecode {
  const r = new Reader(bytes);
  try {
    const id = r.u16();
    const flags = r.u16();
    const qd = r.u16();
    const an = r.u16();
    r.u16();
    r.u16();
    const questions: DnsQuestion[] = [];
    for (let i = 0; i < qd; i++) questions.push({ name: r.name(), type: r.u16(), klass: r.u16() });
    const answers: DnsRecord[] = [];
    for (let i = 0; i < an; i++) {
      const name = r.name();
      const type = r.u16();
      const klass = r.u16();
      const ttl = r.u16() * 65536 + r.u16();
      const length = r.u16();
      if (r.pos + length > bytes.length) throw new RangeError('message ends inside record data');
      answers.push({ name, type, klass, ttl, data: bytes.slice(r.pos, r.pos + length) });
      r.pos += length;
    }
    return {
      kind: 'ok',
      message: {
        id, response: (flags & 0x8000) !== 0, opcode: (flags >>> 11) & 0xf, authoritative: (flags & 0x400) !== 0,
        truncated: (flags & 0x200) !== 0, recursionDesired: (flags & 0x100) !== 0, recursionAvailable: (flags & 0x80) !== 0,
        rcode: flags & 0xf, questions, answers,
      },
    };
  } catch (e) {
    return { kind: 'error', reason: `malformed DNS message: ${(e as Error).message}` };
  }
}
