/**
 * The near-future part of the event loop's queue: a wheel of WHEEL_SIZE one-microsecond
 * buckets, each a FIFO list of event slots threaded through an Int32Array, with a two-level
 * occupancy bitmap to find the next non-empty bucket. The loop keeps every wheel entry within
 * [now, now + WHEEL_SIZE), so a bucket holds events of one exact time, in the order appended.
 * Guarantees: `append` and `shift` are O(1); `firstFrom` finds the first non-empty bucket at
 * or after a position in O(WHEEL_SIZE / 1024) word reads at worst; nothing is allocated per
 * event.
 */

export const WHEEL_BITS = 15;
/** Buckets (µs of virtual time) the wheel spans: 32.768 ms. */
export const WHEEL_SIZE = 1 << WHEEL_BITS;
export const WHEEL_MASK = WHEEL_SIZE - 1;
const WORDS = WHEEL_SIZE >>> 5;

/** Index of the lowest set bit of a non-zero 32-bit value. */
function lowestBit(x: number): number {
  return 31 - Math.clz32(x & -x);
}

export class TimerWheel {
  private readonly heads = new Int32Array(WHEEL_SIZE).fill(-1);
  private readonly tails = new Int32Array(WHEEL_SIZE);
  /** Bit b of word w: bucket 32w + b is non-empty. */
  private readonly occupied = new Uint32Array(WORDS);
  /** Bit b of summary word s: occupied word 32s + b is non-zero. */
  private readonly summary = new Uint32Array(WORDS >>> 5);
  /** Per slot: the next slot in its bucket, -1 at the tail. */
  private next = new Int32Array(256);
  /** Entries in the wheel. */
  size = 0;

  /** Append `slot` at the tail of `bucket`. */
  append(bucket: number, slot: number): void {
    if (slot >= this.next.length) this.growSlots(slot);
    this.next[slot] = -1;
    const tail = this.heads[bucket] === -1 ? -1 : this.tails[bucket]!;
    if (tail === -1) {
      this.heads[bucket] = slot;
      const word = bucket >>> 5;
      if (this.occupied[word] === 0) this.summary[word >>> 5] |= 1 << (word & 31);
      this.occupied[word] |= 1 << (bucket & 31);
    } else {
      this.next[tail] = slot;
    }
    this.tails[bucket] = slot;
    this.size++;
  }

  /** Remove and return the head slot of a non-empty `bucket`. */
  shift(bucket: number): number {
    const slot = this.heads[bucket]!;
    const following = this.next[slot]!;
    this.heads[bucket] = following;
    if (following === -1) {
      const word = bucket >>> 5;
      const bits = this.occupied[word]! & ~(1 << (bucket & 31));
      this.occupied[word] = bits;
      if (bits === 0) this.summary[word >>> 5] &= ~(1 << (word & 31));
    }
    this.size--;
    return slot;
  }

  /** The first non-empty bucket cyclically at or after `start` (the wheel must not be empty). */
  firstFrom(start: number): number {
    const found = this.firstIn(start);
    return found >= 0 ? found : this.firstIn(0);
  }

  /** The first non-empty bucket in [start, WHEEL_SIZE), or -1. */
  private firstIn(start: number): number {
    let word = start >>> 5;
    const bits = this.occupied[word]! & (-1 << (start & 31));
    if (bits !== 0) return (word << 5) + lowestBit(bits);
    word++;
    if (word === WORDS) return -1;
    // Words after `word - 1`: first through the rest of its summary word, then whole summary words.
    let group = word >>> 5;
    let groupBits = this.summary[group]! & (-1 << (word & 31));
    for (;;) {
      if (groupBits !== 0) {
        const w = (group << 5) + lowestBit(groupBits);
        return (w << 5) + lowestBit(this.occupied[w]!);
      }
      group++;
      if (group === this.summary.length) return -1;
      groupBits = this.summary[group]!;
    }
  }

  private growSlots(slot: number): void {
    let capacity = this.next.length;
    while (capacity <= slot) capacity *= 2;
    const grown = new Int32Array(capacity);
    grown.set(this.next);
    this.next = grown;
  }
}
