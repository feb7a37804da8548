/**
 * The agent's installed pairs: a set of flow-entry indexes kept in insertion order, as an
 * append-only log of indexes with holes, plus each member's position in the log.
 *
 * It replaced a `Set<number>` (a cache miss in its hash table per setup and per delete, and
 * rehashes as deletes piled up) and then a doubly linked list through typed arrays (an add
 * touched three random lines, a delete five: its own links and both neighbours'). Here an add
 * writes the member's position (one random line) and appends to the log (sequential); a delete
 * reads and clears the position and punches a hole in the log (a line the recent adds or
 * deletes have usually touched). The log is compacted, in order, when holes outnumber
 * members, so its length stays below twice the members plus a constant.
 *
 * Guarantees (as `Set`): iteration visits members in insertion order; adding a member keeps
 * its place; deleting the member being visited during iteration, or members already visited,
 * is safe and the walk continues with the next member; a member added during a walk is
 * visited by it. No compaction runs while a walk is open (the log grows instead).
 */
const HOLE = -1;

export class InstallOrder {
  /** Member indexes in insertion order; HOLE where a member was deleted. */
  private log = new Int32Array(16);
  private length = 0;
  /** Per index: its position in `log` + 1, 0 when not a member. */
  private position = new Int32Array(16);
  private count = 0;
  /** Walks in progress (compaction would move what they stand on). */
  private walks = 0;

  get size(): number {
    return this.count;
  }

  has(index: number): boolean {
    return index < this.position.length && this.position[index] !== 0;
  }

  add(index: number): void {
    if (index >= this.position.length) this.growPositions(index);
    if (this.position[index] !== 0) return;
    if (this.length === this.log.length) this.makeRoom();
    this.log[this.length] = index;
    this.position[index] = ++this.length;
    this.count++;
  }

  /** Remove `index`; false when it was not a member. */
  delete(index: number): boolean {
    if (!this.has(index)) return false;
    this.log[this.position[index]! - 1] = HOLE;
    this.position[index] = 0;
    this.count--;
    if (this.count === 0 && this.walks === 0) this.length = 0;
    return true;
  }

  clear(): void {
    for (let p = 0; p < this.length; p++) {
      const index = this.log[p]!;
      if (index !== HOLE) {
        this.position[index] = 0;
        this.log[p] = HOLE;
      }
    }
    if (this.walks === 0) this.length = 0;
    this.count = 0;
  }

  *[Symbol.iterator](): IterableIterator<number> {
    this.walks++;
    try {
      // `length` is re-read every step: members added during the walk are visited.
      for (let p = 0; p < this.length; p++) {
        const index = this.log[p]!;
        if (index !== HOLE) yield index;
      }
    } finally {
      this.walks--;
    }
  }

  /**
   * `visit` every member in order, as `for...of` does (the same guarantees: deleting members,
   * the visited one included, and adding members during the walk), without a generator's
   * cost per member: the aging scan walks every installed pair once a second.
   */
  forEach(visit: (index: number) => void): void {
    this.walks++;
    try {
      for (let p = 0; p < this.length; p++) {
        const index = this.log[p]!;
        if (index !== HOLE) visit(index);
      }
    } finally {
      this.walks--;
    }
  }

  /** The log is full: squeeze out the holes when they are at least half of it, else double it. */
  private makeRoom(): void {
    if (this.walks === 0 && 2 * this.count <= this.length) {
      let to = 0;
      const log = this.log;
      for (let p = 0; p < this.length; p++) {
        const index = log[p]!;
        if (index === HOLE) continue;
        log[to] = index;
        this.position[index] = ++to;
      }
      this.length = to;
      if (to < log.length) return;
    }
    const grown = new Int32Array(this.log.length * 2);
    grown.set(this.log.subarray(0, this.length));
    this.log = grown;
  }

  private growPositions(index: number): void {
    let length = this.position.length;
    while (length <= index) length *= 2;
    const grown = new Int32Array(length);
    grown.set(this.position);
    this.position = grown;
  }
}
