/**
 * The flow table's overflow entries (vr_htable's overflow table): per bucket a chain of
 * overflow entries, newest first, and one LIFO free list of unused overflow entries, all in
 * Int32Arrays. Entry numbers are flow-table indexes (`mainEntries + o`).
 *
 * Guarantees: the free list starts in ascending order (the first allocation takes
 * `mainEntries`); `take` links an entry at the head of its bucket's chain; `give` unlinks it
 * from anywhere in its chain (the rest stays linked) and pushes it on the free list. Never
 * allocates except `chain` (an array for dumps).
 */

export class OverflowChains {
  readonly mainEntries: number;
  readonly overflowEntries: number;
  /** Per bucket (`bucket >> 2`): first overflow entry of its chain, -1 when none. */
  readonly chainHead: Int32Array;
  /** Per overflow entry: next entry of its chain or of the free list, -1 at the end. */
  readonly next: Int32Array;
  freeHead: number;

  constructor(mainEntries: number, overflowEntries: number) {
    this.mainEntries = mainEntries;
    this.overflowEntries = overflowEntries;
    this.chainHead = new Int32Array(mainEntries / 4).fill(-1);
    this.next = new Int32Array(overflowEntries);
    for (let o = 0; o < overflowEntries; o++) this.next[o] = o + 1 < overflowEntries ? mainEntries + o + 1 : -1;
    this.freeHead = overflowEntries > 0 ? mainEntries : -1;
  }

  /** Take `index` (the free-list head, or anywhere in the free list when `isFreeHead` is false) into `bucket`'s chain. */
  take(index: number, bucket: number, isFreeHead = true): void {
    const o = index - this.mainEntries;
    if (isFreeHead) this.freeHead = this.next[o]!;
    else this.unlinkFromFreeList(index);
    this.next[o] = this.chainHead[bucket >> 2]!;
    this.chainHead[bucket >> 2] = index;
  }

  private unlinkFromFreeList(index: number): void {
    const main = this.mainEntries;
    if (this.freeHead === index) {
      this.freeHead = this.next[index - main]!;
      return;
    }
    for (let o = this.freeHead; o >= 0; o = this.next[o - main]!) {
      if (this.next[o - main] === index) {
        this.next[o - main] = this.next[index - main]!;
        return;
      }
    }
  }

  /** Unlink `index` from `bucket`'s chain and return it to the free list; true when the chain is now empty. */
  give(index: number, bucket: number): boolean {
    const main = this.mainEntries;
    const headSlot = bucket >> 2;
    if (this.chainHead[headSlot] === index) {
      this.chainHead[headSlot] = this.next[index - main]!;
    } else {
      for (let o = this.chainHead[headSlot]!; o >= 0; o = this.next[o - main]!) {
        if (this.next[o - main] === index) {
          this.next[o - main] = this.next[index - main]!;
          break;
        }
      }
    }
    this.next[index - main] = this.freeHead;
    this.freeHead = index;
    return this.chainHead[headSlot] === -1;
  }

  /** The chain of `bucket`, in chain order. */
  chain(bucket: number): number[] {
    const out: number[] = [];
    for (let o = this.chainHead[bucket >> 2]!; o >= 0; o = this.next[o - this.mainEntries]!) out.push(o);
    return out;
  }
}
