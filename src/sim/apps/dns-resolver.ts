/**
 * The stub resolver of glibc as `getaddrinfo(AF_UNSPEC)` drives it (curl's resolver), with the
 * resolv.conf the kubelet writes into a pod: `nameserver <cluster DNS ClusterIP>`,
 * `search <ns>.svc.cluster.local svc.cluster.local cluster.local`, `options ndots:5`.
 *
 * Behaviour (glibc resolv/res_query.c `__res_context_search`, res_send.c `send_dg`; defaults
 * RES_TIMEOUT 5 s, RES_DFLRETRY 2 attempts):
 * - a name with fewer dots than ndots is tried with each search suffix first, then as written;
 *   one with at least ndots dots (or a trailing dot: only as written) is tried as written first;
 * - each try sends the A and the AAAA query together from one socket and waits up to 5 s for
 *   both answers, and re-sends what is unanswered once (2 attempts), so a dropped query costs
 *   10 s;
 * - NXDOMAIN or an empty answer moves on to the next candidate; a timeout stops the search
 *   (TRY_AGAIN: "anything else implies that we're done"), as does running out of candidates.
 * Guarantees: `done` is called exactly once, asynchronously; the first A address wins (IPv4
 * first, as getaddrinfo sorts for an IPv4 client); no callback after `cancel()`.
 */
import { isSocketError } from '../socket-error.js';
import type { HostStack } from '../host-stack.js';
import type { IpAddr } from '../../packet/types.js';
import { ipAddrFromWords } from '../../packet/address.js';
import { CLASS_IN, DNS_PORT, RCODE_NOERROR, TYPE_A, TYPE_AAAA, decodeDns, encodeDns, type DnsMessage } from '../../packet/dns.js';

export interface ResolvConf {
  readonly nameserver: IpAddr;
  readonly search: readonly string[];
  readonly ndots: number;
  /** Seconds per try (glibc RES_TIMEOUT 5). */
  readonly timeoutSeconds: number;
  /** Tries per candidate name (glibc RES_DFLRETRY 2). */
  readonly attempts: number;
}

export type ResolveResult =
  | { readonly kind: 'ok'; readonly address: IpAddr; readonly name: string }
  /** Every candidate answered NXDOMAIN or no address: EAI_NONAME. */
  | { readonly kind: 'not-found' }
  /** The name server did not answer: EAI_AGAIN. */
  | { readonly kind: 'timeout' };

export interface Resolution {
  cancel(): void;
}

/** The candidate names in the order glibc tries them. */
export function candidateNames(name: string, conf: Pick<ResolvConf, 'search' | 'ndots'>): string[] {
  if (name.endsWith('.')) return [name.slice(0, -1)];
  const dots = name.split('.').length - 1;
  const searched = conf.search.map((s) => `${name}.${s}`);
  return dots >= conf.ndots ? [name, ...searched] : [...searched, name];
}

export function startResolve(stack: HostStack, conf: ResolvConf, name: string, done: (r: ResolveResult) => void): Resolution {
  const loop = stack.loop;
  const candidates = candidateNames(name, conf);
  let finished = false;
  let timer: number | undefined;
  let nextId = stack.random.nextInt(0x10000);
  let answers: { a?: DnsMessage; aaaa?: DnsMessage } = {};
  let ids = { a: 0, aaaa: 0 };
  let current = 0;
  let attempt = 0;
  const opened = stack.openUdp({
    datagram: (_s, from, fromPort, payload) => {
      if (from !== conf.nameserver || fromPort !== DNS_PORT) return;
      const decoded = decodeDns(payload);
      if (decoded.kind !== 'ok' || !decoded.message.response) return;
      const m = decoded.message;
      if (m.id === ids.a && answers.a === undefined) answers.a = m;
      else if (m.id === ids.aaaa && answers.aaaa === undefined) answers.aaaa = m;
      else return;
      if (answers.a !== undefined && answers.aaaa !== undefined) settle();
    },
  });
  if (isSocketError(opened)) {
    // No socket (no address of the name server's family, no free port): glibc's res_send fails
    // and getaddrinfo reports a temporary failure, as when the name server never answers.
    loop.after(0, () => done({ kind: 'timeout' }));
    return { cancel: () => undefined };
  }
  const socket = opened;
  const finish = (r: ResolveResult): void => {
    if (finished) return;
    finished = true;
    if (timer !== undefined) loop.cancel(timer);
    socket.close();
    loop.after(0, () => done(r));
  };
  const query = (id: number, type: number): Uint8Array =>
    encodeDns({
      id, response: false, opcode: 0, authoritative: false, truncated: false, recursionDesired: true, recursionAvailable: false,
      rcode: 0, questions: [{ name: candidates[current]!, type, klass: CLASS_IN }], answers: [],
    });
  const send = (): void => {
    if (answers.a === undefined) socket.send(conf.nameserver, DNS_PORT, query(ids.a, TYPE_A));
    if (answers.aaaa === undefined) socket.send(conf.nameserver, DNS_PORT, query(ids.aaaa, TYPE_AAAA));
    timer = loop.after(conf.timeoutSeconds * 1_000_000, () => {
      timer = undefined;
      attempt++;
      if (attempt >= conf.attempts) finish({ kind: 'timeout' });
      else send();
    });
  };
  const tryCandidate = (): void => {
    if (current >= candidates.length) {
      finish({ kind: 'not-found' });
      return;
    }
    answers = {};
    attempt = 0;
    ids = { a: nextId & 0xffff, aaaa: (nextId + 1) & 0xffff };
    nextId += 2;
    send();
  };
  const settle = (): void => {
    if (timer !== undefined) loop.cancel(timer);
    timer = undefined;
    const a = answers.a!;
    const record = a.rcode === RCODE_NOERROR ? a.answers.find((r) => r.type === TYPE_A && r.data.length === 4) : undefined;
    if (record !== undefined) {
      const d = record.data;
      finish({ kind: 'ok', address: ipAddrFromWords(4, ((d[0]! << 24) | (d[1]! << 16) | (d[2]! << 8) | d[3]!) | 0), name: candidates[current]! });
      return;
    }
    current++;
    tryCandidate();
  };
  tryCandidate();
  return {
    cancel: () => {
      if (finished) return;
      finished = true;
      if (timer !== undefined) loop.cancel(timer);
      socket.close();
    },
  };
}
