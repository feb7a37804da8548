/**
 * The per-entry fields of the flow table (vr_flow_entry minus its key) as interleaved records:
 * one Int32Array, RECORD_WORDS words (40 bytes) per entry, so that setting up, hitting or
 * dumping an entry touches one or two cache lines instead of one line per field.
 *
 * Layout (word: contents):
 *   0: action (bits 0-7) | drop reason (8-15) | generation id (16-23) | source-info kind (24-27)
 *      | owner tag (28-31)
 *   1: entry flags (bits 0-15) | TCP state bits (16-31)
 *   2: reverse entry index + 1 (0: none)    3: RPF nexthop `S(nh)`
 *   4: VRF (bits 0-15) | tunnel UDP source port (16-31)
 *   5: packets (uint32)   6: bytes (uint32)   7: source info (vif or outer IPv4 word; read as
 *      -1 while the source-info kind is NONE)
 *   8: last used, ms of virtual time (uint32)   9: fe_tcp_seq
 *
 * `fe_ecmp_nh_index` (the ECMP member a flow to a Service address takes, `E:` in `flow -l`) is
 * kept beside the records, one byte per entry allocated on the first ECMP flow, so tables that
 * never carry a Service pay nothing for it.
 *
 * Guarantees: every accessor reads or writes only its own bits (setters mask to the field's
 * width: 8 bits for action/drop reason/generation, 4 for source-info kind and owner tag, 16
 * for flags, TCP bits, VRF and UDP port, 32 otherwise); a reset record has owner tag 0;
 * counters wrap at 2^32 as vRouter's 32-bit counters do; nothing here allocates after construction, and construction writes nothing (a never-used
 * entry is all zero bytes, so a large table's untouched pages stay unmapped).
 */

export const RECORD_WORDS = 10;

const W_STATE = 0;
const W_FLAGS = 1;
const W_RFLOW = 2;
const W_SRC_NH = 3;
const W_VRF_PORT = 4;
const W_PACKETS = 5;
const W_BYTES = 6;
const W_SRC_INFO = 7;
const W_LAST_USED = 8;
const W_TCP_SEQ = 9;

/** Field values of a freshly allocated entry, before its first packet. */
export interface InitialRecord {
  readonly action: number;
  readonly flags: number;
  readonly sourceInfoKind: number;
  readonly lastUsed: number;
}

export class FlowEntryRecords {
  readonly capacity: number;
  /** RECORD_WORDS words per entry; read through the accessors. */
  protected readonly rec: Int32Array;
  /** ECMP member index + 1 per entry (0 = none); undefined until the first ECMP flow. */
  private ecmp: Uint8Array | undefined;
  /** fe_tcp_ack per entry (the last ACK number seen); undefined until the first TCP ACK. */
  private tcpAcks: Int32Array | undefined;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.rec = new Int32Array(capacity * RECORD_WORDS);
  }

  /** Reset entry `index` for a new flow: bump its generation, zero everything else but `init`. */
  protected resetRecord(index: number, init: InitialRecord): void {
    const rec = this.rec;
    const w = index * RECORD_WORDS;
    const gen = (((rec[w + W_STATE]! >>> 16) & 0xff) + 1) & 0xff;
    rec[w + W_STATE] = (init.action & 0xff) | (gen << 16) | ((init.sourceInfoKind & 0xf) << 24);
    rec[w + W_FLAGS] = init.flags & 0xffff;
    rec[w + W_RFLOW] = 0;
    rec[w + W_SRC_NH] = 0;
    rec[w + W_VRF_PORT] = 0;
    rec[w + W_PACKETS] = 0;
    rec[w + W_BYTES] = 0;
    rec[w + W_SRC_INFO] = 0;
    rec[w + W_LAST_USED] = init.lastUsed | 0;
    rec[w + W_TCP_SEQ] = 0;
    if (this.ecmp !== undefined) this.ecmp[index] = 0;
    if (this.tcpAcks !== undefined) this.tcpAcks[index] = 0;
  }

  /**
   * The agent programs an entry in whole-word writes (words 0-4), the same bits as
   * `setActionAndReason` + `setRflow` + `setFlags((flags & ~clearFlags) | setFlags)` +
   * `setSrcNh` + `setVrf` + `setUdpSrcPort`; generation, source-info kind, owner tag and TCP
   * bits are kept.
   */
  program(index: number, action: number, reason: number, reverse: number, clearFlags: number, setFlags: number, srcNh: number, vrf: number, udpPort: number): void {
    const rec = this.rec;
    const w = index * RECORD_WORDS;
    rec[w + W_STATE] = (rec[w + W_STATE]! & ~0xffff) | (action & 0xff) | ((reason & 0xff) << 8);
    rec[w + W_FLAGS] = (rec[w + W_FLAGS]! & ~(clearFlags & 0xffff)) | (setFlags & 0xffff);
    rec[w + W_RFLOW] = reverse < 0 ? 0 : (reverse + 1) | 0;
    rec[w + W_SRC_NH] = srcNh | 0;
    rec[w + W_VRF_PORT] = (vrf & 0xffff) | ((udpPort & 0xffff) << 16);
  }

  /** fe_ecmp_nh_index: the ECMP member the flow was given, -1 when none (not printed). */
  ecmpIndex(index: number): number {
    const e = this.ecmp;
    return e === undefined ? -1 : e[index]! - 1;
  }

  /** `member` 0-254, or -1 for none. */
  setEcmpIndex(index: number, member: number): void {
    if (this.ecmp === undefined) {
      if (member < 0) return;
      this.ecmp = new Uint8Array(this.capacity);
    }
    this.ecmp[index] = member < 0 ? 0 : Math.min(member, 254) + 1;
  }

  action(index: number): number {
    return this.rec[index * RECORD_WORDS + W_STATE]! & 0xff;
  }

  setAction(index: number, action: number): void {
    const w = index * RECORD_WORDS + W_STATE;
    this.rec[w] = (this.rec[w]! & ~0xff) | (action & 0xff);
  }

  dropReason(index: number): number {
    return (this.rec[index * RECORD_WORDS + W_STATE]! >>> 8) & 0xff;
  }

  setDropReason(index: number, reason: number): void {
    const w = index * RECORD_WORDS + W_STATE;
    this.rec[w] = (this.rec[w]! & ~0xff00) | ((reason & 0xff) << 8);
  }

  /** Set action and drop reason together (the agent programs both at once). */
  setActionAndReason(index: number, action: number, reason: number): void {
    const w = index * RECORD_WORDS + W_STATE;
    this.rec[w] = (this.rec[w]! & ~0xffff) | (action & 0xff) | ((reason & 0xff) << 8);
  }

  /** fe_gen_id: incremented each time the slot is (re)allocated, wraps at 256. */
  genId(index: number): number {
    return (this.rec[index * RECORD_WORDS + W_STATE]! >>> 16) & 0xff;
  }

  /** SRC_INFO_NONE, SRC_INFO_VIF or SRC_INFO_FABRIC: which kind `srcInfo` holds. */
  srcInfoKind(index: number): number {
    return (this.rec[index * RECORD_WORDS + W_STATE]! >>> 24) & 0xf;
  }

  /**
   * 4 bits for the table's owner (the agent marks forward and reverse entries with it), kept
   * in the record so that reading it costs no extra cache line; 0 after allocation.
   */
  ownerTag(index: number): number {
    return this.rec[index * RECORD_WORDS + W_STATE]! >>> 28;
  }

  setOwnerTag(index: number, tag: number): void {
    const w = index * RECORD_WORDS + W_STATE;
    this.rec[w] = (this.rec[w]! & 0x0fffffff) | ((tag & 0xf) << 28);
  }

  /** Fabric: outer source IPv4 word; local: ingress vif index; -1: no packet seen. */
  srcInfo(index: number): number {
    const w = index * RECORD_WORDS;
    return (this.rec[w + W_STATE]! & 0x0f000000) === 0 ? -1 : this.rec[w + W_SRC_INFO]!;
  }

  protected setSrcInfoOf(index: number, kind: number, value: number): void {
    const w = index * RECORD_WORDS;
    this.rec[w + W_STATE] = (this.rec[w + W_STATE]! & ~0x0f000000) | ((kind & 0xf) << 24);
    this.rec[w + W_SRC_INFO] = value | 0;
  }

  flags(index: number): number {
    return this.rec[index * RECORD_WORDS + W_FLAGS]! & 0xffff;
  }

  setFlags(index: number, flags: number): void {
    const w = index * RECORD_WORDS + W_FLAGS;
    this.rec[w] = (this.rec[w]! & ~0xffff) | (flags & 0xffff);
  }

  /** TCPF_* state bits maintained by the TCP digest. */
  tcpFlags(index: number): number {
    return this.rec[index * RECORD_WORDS + W_FLAGS]! >>> 16;
  }

  setTcpFlags(index: number, bits: number): void {
    const w = index * RECORD_WORDS + W_FLAGS;
    this.rec[w] = (this.rec[w]! & 0xffff) | ((bits & 0xffff) << 16);
  }

  /** Reverse entry index, -1 when none. */
  rflow(index: number): number {
    return this.rec[index * RECORD_WORDS + W_RFLOW]! - 1;
  }

  /** `reverse` >= 0, or -1 for none. */
  setRflow(index: number, reverse: number): void {
    this.rec[index * RECORD_WORDS + W_RFLOW] = reverse < 0 ? 0 : (reverse + 1) | 0;
  }

  /** RPF nexthop (`S(nh)`). */
  srcNh(index: number): number {
    return this.rec[index * RECORD_WORDS + W_SRC_NH]!;
  }

  setSrcNh(index: number, nh: number): void {
    this.rec[index * RECORD_WORDS + W_SRC_NH] = nh | 0;
  }

  vrf(index: number): number {
    return this.rec[index * RECORD_WORDS + W_VRF_PORT]! & 0xffff;
  }

  setVrf(index: number, vrf: number): void {
    const w = index * RECORD_WORDS + W_VRF_PORT;
    this.rec[w] = (this.rec[w]! & ~0xffff) | (vrf & 0xffff);
  }

  /** UDP source port of the MPLSoUDP tunnel header (from the flow hash). */
  udpSrcPort(index: number): number {
    return this.rec[index * RECORD_WORDS + W_VRF_PORT]! >>> 16;
  }

  setUdpSrcPort(index: number, port: number): void {
    const w = index * RECORD_WORDS + W_VRF_PORT;
    this.rec[w] = (this.rec[w]! & 0xffff) | ((port & 0xffff) << 16);
  }

  packets(index: number): number {
    return this.rec[index * RECORD_WORDS + W_PACKETS]! >>> 0;
  }

  bytes(index: number): number {
    return this.rec[index * RECORD_WORDS + W_BYTES]! >>> 0;
  }

  /** Set both counters (tests and dump fixtures; packets use `countPacket`). */
  setCounters(index: number, packets: number, bytes: number): void {
    const w = index * RECORD_WORDS;
    this.rec[w + W_PACKETS] = packets | 0;
    this.rec[w + W_BYTES] = bytes | 0;
  }

  /** One more packet of `frameBytes` bytes at `nowMs`: packets, bytes and last-used time. */
  countPacket(index: number, frameBytes: number, nowMs: number): void {
    const rec = this.rec;
    const w = index * RECORD_WORDS;
    rec[w + W_PACKETS] = (rec[w + W_PACKETS]! + 1) | 0;
    rec[w + W_BYTES] = (rec[w + W_BYTES]! + frameBytes) | 0;
    rec[w + W_LAST_USED] = nowMs | 0;
  }

  /** Virtual time of the last packet, ms. */
  lastUsed(index: number): number {
    return this.rec[index * RECORD_WORDS + W_LAST_USED]! >>> 0;
  }

  setLastUsed(index: number, nowMs: number): void {
    this.rec[index * RECORD_WORDS + W_LAST_USED] = nowMs | 0;
  }

  /** fe_tcp_seq: the SYN's sequence, then the FIN's sequence + payload length. */
  tcpSeq(index: number): number {
    return this.rec[index * RECORD_WORDS + W_TCP_SEQ]!;
  }

  setTcpSeq(index: number, seq: number): void {
    this.rec[index * RECORD_WORDS + W_TCP_SEQ] = seq | 0;
  }

  /** fe_tcp_ack: the acknowledgement number of the last segment with ACK (0 before any). */
  tcpAck(index: number): number {
    return this.tcpAcks === undefined ? 0 : this.tcpAcks[index]!;
  }

  setTcpAck(index: number, ack: number): void {
    if (this.tcpAcks === undefined) this.tcpAcks = new Int32Array(this.capacity);
    this.tcpAcks[index] = ack | 0;
  }

  /** Write every page of the records (zeros: no entry changes), so they are resident. */
  protected prefaultRecords(): void {
    this.rec.fill(0);
  }

  /** Load (and return) the first word of a record: a cache warm-up, no effect on the entry. */
  protected touchRecord(index: number): number {
    return this.rec[index * RECORD_WORDS]!;
  }

  /** A word from each cache line the records of the bucket at `bucket` span (4 records of 40 bytes: 160 bytes, 3 or 4 lines). */
  protected touchBucketRecords(bucket: number): number {
    const rec = this.rec;
    const at = bucket * RECORD_WORDS;
    return rec[at]! ^ rec[at + 16]! ^ rec[at + 32]! ^ rec[at + 4 * RECORD_WORDS - 1]!;
  }

  /** Bytes of the record array per entry. */
  protected recordBytes(): number {
    return this.rec.byteLength;
  }
}
