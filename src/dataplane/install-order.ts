/**
 * The agent's installed pairs: a set of flow-entry indexes kept in insertion order, as a
 * doubly linked list threaded through typed arrays indexed by the entry.
 *
 * It replaces a `Set<number>`: at 10^5 live pairs every setup + delete of a `Set` paid a
 * cache miss in its hash table and, as deletes pile up, a rehash of the whole table; here
 * add, delete and has touch two or three words by index and never rehash (the arrays grow by
 * doubling to the largest index seen).
 *
 * Guarantees (as `Set`): iteration visits members in insertion order; adding a member keeps
 * its place; deleting the member being visited during iteration, or members already visited,
 * is safe and the walk continues with the next member.
 */
export class InstallOrder {
  private next = new Int32Array(16);
  private prev = new Int32Array(16);
  private member = new Uint8Array(16);
  private head = -1;
  private tail = -1;
  private count = 0;

  get size(): number {
    return this.count;
  }

  has(index: number): boolean {
    return index < this.member.length && this.member[index] === 1;
  }

  add(index: number): void {
    if (index >= this.member.length) this.grow(index);
    if (this.member[index] === 1) return;
    this.member[index] = 1;
    this.prev[index] = this.tail;
    this.next[index] = -1;
    if (this.tail >= 0) this.next[this.tail] = index;
    else this.head = index;
    this.tail = index;
    this.count++;
  }

  /** Remove `index`; false when it was not a member. Its `next` link is kept for a walk standing on it. */
  delete(index: number): boolean {
    if (!this.has(index)) return false;
    this.member[index] = 0;
    const p = this.prev[index]!;
    const n = this.next[index]!;
    if (p >= 0) this.next[p] = n;
    else this.head = n;
    if (n >= 0) this.prev[n] = p;
    else this.tail = p;
    this.count--;
    return true;
  }

  clear(): void {
    for (let i = this.head; i >= 0; i = this.next[i]!) this.member[i] = 0;
    this.head = this.tail = -1;
    this.count = 0;
  }

  *[Symbol.iterator](): IterableIterator<number> {
    let i = this.head;
    while (i >= 0) {
      yield i;
      let n = this.next[i]!;
      // `i` (or a run after it) was deleted meanwhile: their kept links lead on to a member.
      while (n >= 0 && this.member[n] !== 1) n = this.next[n]!;
      i = n;
    }
  }

  private grow(index: number): void {
    let length = this.member.length;
    while (length <= index) length *= 2;
    const next = new Int32Array(length);
    next.set(this.next);
    const prev = new Int32Array(length);
    prev.set(this.prev);
    const member = new Uint8Array(length);
    member.set(this.member);
    this.next = next;
    this.prev = prev;
    this.member = member;
  }
}
