/**
 * The agent's trapped flows waiting for setup, in trap order: per setup the HOLD entry, its
 * generation at the trap, its key hash, and the trapped first packet. A flow's first packet
 * waits here, not in the hold queue (`hold-queue.ts` keeps only the packets after it), so a
 * flow whose only packet is its first never touches that queue.
 *
 * One ring of three int32 words per setup plus an array of first packets beside it, grown by
 * doubling; nothing is allocated per setup once grown to the peak of setups pending.
 *
 * Guarantees: `shift` returns the setups in `push` order; a setup whose first packet was taken
 * (`take`, `dropWhere`) is still shifted in its turn, with no packet; `holding` counts the
 * pending setups that still hold their first packet.
 */
import type { IpPacket } from '../packet/types.js';

const WORDS = 3;

/** One setup taken from the front: valid until the next `shift`. */
export interface PendingSetup {
  index: number;
  gen: number;
  hash: number;
  first: IpPacket | undefined;
}

export class PendingSetups {
  private words = new Int32Array(16 * WORDS);
  private firsts: (IpPacket | undefined)[] = new Array<IpPacket | undefined>(16).fill(undefined);
  private head = 0;
  private count = 0;
  private readonly front: PendingSetup = { index: -1, gen: -1, hash: 0, first: undefined };
  /** Pending setups still holding their first packet: the entries in HOLD. */
  holding = 0;

  get size(): number {
    return this.count;
  }

  push(index: number, gen: number, hash: number, first: IpPacket): void {
    if (this.count === this.firsts.length) this.grow();
    const slot = (this.head + this.count) % this.firsts.length;
    const at = slot * WORDS;
    this.words[at] = index;
    this.words[at + 1] = gen;
    this.words[at + 2] = hash;
    this.firsts[slot] = first;
    this.count++;
    this.holding++;
  }

  /** The oldest setup, removed (precondition: size > 0); its packet leaves the ring with it. */
  shift(): PendingSetup {
    const slot = this.head;
    const at = slot * WORDS;
    this.head = (slot + 1) % this.firsts.length;
    this.count--;
    const f = this.front;
    f.index = this.words[at]!;
    f.gen = this.words[at + 1]!;
    f.hash = this.words[at + 2]! >>> 0;
    f.first = this.firsts[slot];
    if (f.first !== undefined) {
      this.firsts[slot] = undefined;
      this.holding--;
    }
    return f;
  }

  /**
   * Every pending setup still holding its first packet, oldest first: `drop(index, gen)` true
   * takes the packet away (that setup will then find none).
   */
  dropWhere(drop: (index: number, gen: number) => boolean): void {
    const n = this.firsts.length;
    for (let k = 0; k < this.count; k++) {
      const slot = (this.head + k) % n;
      if (this.firsts[slot] === undefined) continue;
      if (drop(this.words[slot * WORDS]!, this.words[slot * WORDS + 1]!)) {
        this.firsts[slot] = undefined;
        this.holding--;
      }
    }
  }

  /** `visit(index, gen)` every pending setup still holding its first packet, oldest first. */
  forEachHolding(visit: (index: number, gen: number) => void): void {
    this.dropWhere((index, gen) => {
      visit(index, gen);
      return false;
    });
  }

  /** Take the first packet of the oldest setup of entry `index` at generation `gen` still holding one. */
  take(index: number, gen: number): IpPacket | undefined {
    const n = this.firsts.length;
    for (let k = 0; k < this.count; k++) {
      const slot = (this.head + k) % n;
      const first = this.firsts[slot];
      if (first === undefined || this.words[slot * WORDS] !== index || this.words[slot * WORDS + 1] !== gen) continue;
      this.firsts[slot] = undefined;
      this.holding--;
      return first;
    }
    return undefined;
  }

  private grow(): void {
    const slots = this.firsts.length;
    const words = new Int32Array(slots * 2 * WORDS);
    const firsts = new Array<IpPacket | undefined>(slots * 2).fill(undefined);
    for (let k = 0; k < this.count; k++) {
      const slot = (this.head + k) % slots;
      words.set(this.words.subarray(slot * WORDS, slot * WORDS + WORDS), k * WORDS);
      firsts[k] = this.firsts[slot];
    }
    this.words = words;
    this.firsts = firsts;
    this.head = 0;
  }
}
