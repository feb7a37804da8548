/**
 * The NetworkPolicy decision between two pods as data (issue 13 section 2): verdict rows, one
 * bit per peer pod, per (pod, direction, port class), built lazily from the compiled rules
 * and then read with one bit test per isolated side.
 *
 * - A port class is a range of ports of one protocol (TCP, UDP, SCTP) in which no answer can
 *   change: its edges are every rule's `low` and `high + 1` and every pod's named-port number
 *   and number + 1, so a named port is a class of its own and a class's first port stands
 *   for all of it.
 * - The egress row of pod s for class c has bit d set when one of s's egress rules matches
 *   peer d on that class: the rule's `peerPods`, the pods whose (only) address is in one of
 *   its ipBlocks, or every pod for a rule without peers; a named port keeps only the peers
 *   that have that name at that number. The ingress row of pod d has bit s set likewise (a
 *   named port there is d's own, so the rule matches all of its peers or none).
 * - `allowsPods` is then `allowsBetween` (evaluate.ts): a pod reaches itself; an isolated
 *   source needs its egress bit, an isolated destination its ingress bit.
 *
 * What it does not answer (undefined, the caller asks `allowsBetween`): hosts and external
 * addresses, ICMP and other protocols, and pods with more than one address (an ipBlock then
 * depends on which address the connection uses).
 *
 * Guarantees: the same verdict as `allowsBetween` for every pair it answers (property test:
 * test/policy/verdict-rows.property.test.ts); rows are a cache only, so which rows exist never
 * changes an answer; at most `maxRowBytes` of rows are kept (past it they are all dropped and
 * rebuilt on demand). The cluster simulation compiles anew on every change; built with the
 * `previous` rows, the new rows start with every row the change did not touch
 * (verdict-row-carry.ts: same rules for that pod and side, same pods; a new port class takes
 * the row of the old class of its first port).
 */
import { hasBit, newBitset, orInto, setBit, type Bitset } from './bitset.js';
import { PROTOCOL_SCTP, PROTOCOL_TCP, PROTOCOL_UDP, type CompiledPolicies, type CompiledRule } from './compiled.js';
import { ipBlockContains } from './evaluate.js';
import { parseIpWords, type IpWords } from './ip-prefix.js';
import { sameRowUniverse, unchangedSides } from './verdict-row-carry.js';

const PROTOCOLS = [PROTOCOL_TCP, PROTOCOL_UDP, PROTOCOL_SCTP] as const;
const EGRESS = 0;
const INGRESS = 1;
/** Default bound of the rows kept: 64 MiB. */
const DEFAULT_MAX_ROW_BYTES = 64 * 1024 * 1024;

function protocolSlot(protocol: number): number {
  return protocol === PROTOCOL_TCP ? 0 : protocol === PROTOCOL_UDP ? 1 : protocol === PROTOCOL_SCTP ? 2 : -1;
}

export class VerdictRows {
  private readonly compiled: CompiledPolicies;
  private readonly words: number;
  /** Per protocol slot: sorted class edges (the first is 0), and the first class id of the slot. */
  private readonly edges: Int32Array[] = [];
  private readonly firstClass: number[] = [];
  /** Per protocol slot: the class of every port 0-65535 as its index into `edges` (one load instead of a binary search). */
  private readonly classIndexByPort: Uint16Array[] = [];
  private readonly classCount: number;
  /** Per pod: its address when it has exactly one, else null (never answered by rows). */
  private readonly soleIp: (IpWords | null)[];
  /** Per (pod, direction): the rows by class, allocated on first use. */
  private rows: (Bitset | undefined)[][] = [];
  private rowBytes = 0;
  private readonly maxRowBytes: number;
  /** Pods matched by each rule's ipBlocks, and pods having a named port at a number. */
  private readonly blockPods = new Map<CompiledRule, Bitset>();
  private readonly namedPods = new Map<string, Bitset>();
  /** All pods (a rule without peers, a side that is not isolated). */
  private readonly allPods: Bitset;

  /** Rows taken over from `previous` at construction (0 without one). */
  readonly carriedRows: number = 0;

  constructor(compiled: CompiledPolicies, options: { readonly maxRowBytes?: number; readonly previous?: VerdictRows } = {}) {
    this.compiled = compiled;
    this.maxRowBytes = options.maxRowBytes ?? DEFAULT_MAX_ROW_BYTES;
    const n = compiled.podCount;
    this.words = (n + 31) >>> 5;
    this.allPods = newBitset(n);
    for (let p = 0; p < n; p++) setBit(this.allPods, p);
    this.soleIp = compiled.cluster.pods.map((pod) => (pod.ips.length === 1 ? parseIpWords(pod.ips[0]!) : null));
    const edgeSets = PROTOCOLS.map(() => new Set<number>([0]));
    const rules = [...compiled.ingressRules, ...compiled.egressRules].flat();
    for (const rule of new Set(rules)) {
      for (const port of rule.ports) {
        const slot = protocolSlot(port.protocol);
        if (slot < 0 || port.namedPortId >= 0) continue;
        edgeSets[slot]!.add(port.low).add(port.high + 1);
      }
    }
    for (const triples of compiled.podNamedPorts) {
      for (let i = 0; i < triples.length; i += 3) {
        const slot = protocolSlot(triples[i + 1]!);
        if (slot >= 0) edgeSets[slot]!.add(triples[i + 2]!).add(triples[i + 2]! + 1);
      }
    }
    let classes = 0;
    for (const set of edgeSets) {
      const sorted = Int32Array.from([...set].filter((e) => e <= 65535).sort((a, b) => a - b));
      this.edges.push(sorted);
      this.firstClass.push(classes);
      // Edges are distinct ports 0..65535 starting at 0, so an index fits 16 bits.
      const byPort = new Uint16Array(65536);
      for (let k = 0; k < sorted.length; k++) byPort.fill(k, sorted[k]!, k + 1 < sorted.length ? sorted[k + 1]! : 65536);
      this.classIndexByPort.push(byPort);
      classes += sorted.length;
    }
    this.classCount = classes;
    if (options.previous !== undefined) this.carriedRows = this.carryOver(options.previous);
  }

  /** Take over `previous`'s rows that this compile would build alike; how many rows (bitsets) were taken. */
  private carryOver(previous: VerdictRows): number {
    if (!sameRowUniverse(previous.compiled, this.compiled)) return 0;
    const oldClass = this.oldClassOfFirstPort(previous);
    const same = unchangedSides(previous.compiled, this.compiled);
    let carried = 0;
    for (let key = 0; key < same.length; key++) {
      const before = previous.rows[key];
      if (before === undefined || same[key] === 0) continue;
      let byClass: (Bitset | undefined)[] | undefined;
      let bytes = 0;
      for (let c = 0; c < this.classCount; c++) {
        const row = before[oldClass[c]!];
        if (row === undefined) continue;
        // A row shared by several new classes (an old class split by a new edge) counts once per class.
        byClass ??= new Array<Bitset | undefined>(this.classCount);
        byClass[c] = row;
        bytes += row.byteLength;
        carried++;
      }
      if (byClass === undefined) continue;
      if (this.rowBytes + bytes > this.maxRowBytes) break;
      this.rows[key] = byClass;
      this.rowBytes += bytes;
    }
    return carried;
  }

  /**
   * For each of this compile's port classes, the class of `previous` holding its first port.
   * Exact for a row whose pod's rules did not change: the row can only change value at that
   * pod's own rule edges and at the pods' named-port edges, which are edges of both compiles
   * (same rules, same pods), so it is constant over the old class and the new one alike.
   */
  private oldClassOfFirstPort(previous: VerdictRows): Int32Array {
    const out = new Int32Array(this.classCount);
    for (let slot = 0; slot < this.edges.length; slot++) {
      const edges = this.edges[slot]!;
      const oldByPort = previous.classIndexByPort[slot]!;
      for (let k = 0; k < edges.length; k++) out[this.firstClass[slot]! + k] = previous.firstClass[slot]! + oldByPort[edges[k]!]!;
    }
    return out;
  }

  /** Bytes of the rows built so far. */
  get bytes(): number {
    return this.rowBytes;
  }

  /**
   * The verdict between two pods (indexes of the compiled policies), or undefined when the
   * rows cannot say (see the module comment): then ask `allowsBetween`.
   */
  allowsPods(srcPod: number, dstPod: number, protocol: number, dstPort: number): boolean | undefined {
    if (srcPod < 0 || dstPod < 0) return undefined;
    if (srcPod === dstPod) return true;
    if (this.soleIp[srcPod] === null || this.soleIp[dstPod] === null) return undefined;
    const cls = this.classOf(protocol, dstPort);
    if (cls < 0) return undefined;
    const compiled = this.compiled;
    if (compiled.egressIsolated[srcPod] === 1 && !hasBit(this.row(srcPod, EGRESS, cls, protocol), dstPod)) return false;
    if (compiled.ingressIsolated[dstPod] === 1 && !hasBit(this.row(dstPod, INGRESS, cls, protocol), srcPod)) return false;
    return true;
  }

  /** The class of a port: the last edge at or below it, numbered across protocols; -1 for others. */
  private classOf(protocol: number, port: number): number {
    const slot = protocolSlot(protocol);
    if (slot < 0 || port < 0 || port > 65535) return -1;
    return this.firstClass[slot]! + this.classIndexByPort[slot]![port]!;
  }

  private row(pod: number, direction: number, cls: number, protocol: number): Bitset {
    const key = pod * 2 + direction;
    let byClass = this.rows[key];
    if (byClass === undefined) {
      byClass = new Array<Bitset | undefined>(this.classCount);
      this.rows[key] = byClass;
    }
    let row = byClass[cls];
    if (row === undefined) {
      // The class's first port stands for the whole class.
      const slot = protocolSlot(protocol);
      const first = this.edges[slot]![cls - this.firstClass[slot]!]!;
      row = this.build(pod, direction, protocol, first);
      if (this.rowBytes + row.byteLength > this.maxRowBytes) {
        this.rows = [];
        this.rowBytes = 0;
        byClass = new Array<Bitset | undefined>(this.classCount);
        this.rows[key] = byClass;
      }
      byClass[cls] = row;
      this.rowBytes += row.byteLength;
    }
    return row;
  }

  private build(pod: number, direction: number, protocol: number, port: number): Bitset {
    const compiled = this.compiled;
    const rules = direction === EGRESS ? compiled.egressRules[pod]! : compiled.ingressRules[pod]!;
    const row = newBitset(compiled.podCount);
    const scratch = newBitset(compiled.podCount);
    for (const rule of rules) {
      // Which peers the rule's ports admit on this class: all, none, or (egress, named port) those having it.
      let portPeers: Bitset | null = rule.anyPort ? this.allPods : null;
      for (let i = 0; portPeers !== this.allPods && i < rule.ports.length; i++) {
        const p = rule.ports[i]!;
        if (p.protocol !== protocol) continue;
        if (p.namedPortId < 0) {
          if (port >= p.low && port <= p.high) portPeers = this.allPods;
          continue;
        }
        // A named port is the destination's: the peer for egress, the row's own pod for ingress.
        const having = this.podsWithNamedPort(p.namedPortId, protocol, port);
        if (direction === INGRESS) {
          if (hasBit(having, pod)) portPeers = this.allPods;
        } else if (portPeers === null) {
          portPeers = having;
        } else {
          const union = newBitset(compiled.podCount);
          orInto(union, portPeers);
          orInto(union, having);
          portPeers = union;
        }
      }
      if (portPeers === null) continue;
      if (rule.anyPeer) {
        orInto(row, portPeers);
        continue;
      }
      scratch.set(rule.peerPods);
      if (rule.ipBlocks.length > 0) orInto(scratch, this.podsInBlocks(rule));
      for (let w = 0; w < this.words; w++) row[w] = (row[w]! | (scratch[w]! & portPeers[w]!)) >>> 0;
    }
    return row;
  }

  private podsInBlocks(rule: CompiledRule): Bitset {
    let pods = this.blockPods.get(rule);
    if (pods === undefined) {
      pods = newBitset(this.compiled.podCount);
      this.soleIp.forEach((ip, p) => {
        if (ip === null) return;
        if (rule.ipBlocks.some((b) => ipBlockContains(b, ip))) setBit(pods!, p);
      });
      this.blockPods.set(rule, pods);
    }
    return pods;
  }

  private podsWithNamedPort(namedPortId: number, protocol: number, port: number): Bitset {
    const key = `${namedPortId}/${protocol}/${port}`;
    let pods = this.namedPods.get(key);
    if (pods === undefined) {
      pods = newBitset(this.compiled.podCount);
      this.compiled.podNamedPorts.forEach((triples, p) => {
        for (let i = 0; i < triples.length; i += 3) {
          if (triples[i] === namedPortId && triples[i + 1] === protocol && triples[i + 2] === port) setBit(pods!, p);
        }
      });
      this.namedPods.set(key, pods);
    }
    return pods;
  }
}
