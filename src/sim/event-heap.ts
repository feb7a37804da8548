/**
 * The event loop's priority queue: a binary min-heap of (time, sequence, slot) triples held
 * in parallel typed arrays, so scheduling allocates no object per event. Guarantees: `pop`
 * returns entries in increasing (time, sequence) order, i.e. by time and, at the same time,
 * in the order they were pushed (sequences are unique and increasing); `retain` removes the
 * entries a predicate rejects and restores the heap order in O(n) (the order of pops is fully
 * determined by the unique keys, so it is unchanged by how the heap is rebuilt).
 */

export class EventHeap {
  private times = new Float64Array(256);
  private sequences = new Float64Array(256);
  private slots = new Int32Array(256);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Time of the earliest entry (only meaningful when not empty). */
  peekTime(): number {
    return this.times[0]!;
  }

  /** Slot of the earliest entry (only meaningful when not empty). */
  peekSlot(): number {
    return this.slots[0]!;
  }

  push(time: number, sequence: number, slot: number): void {
    if (this.count === this.times.length) this.grow();
    const times = this.times;
    const sequences = this.sequences;
    const slots = this.slots;
    let index = this.count++;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      const parentTime = times[parent]!;
      if (parentTime < time || (parentTime === time && sequences[parent]! < sequence)) break;
      times[index] = parentTime;
      sequences[index] = sequences[parent]!;
      slots[index] = slots[parent]!;
      index = parent;
    }
    times[index] = time;
    sequences[index] = sequence;
    slots[index] = slot;
  }

  /** Remove the earliest entry (the heap must not be empty). */
  pop(): void {
    const last = --this.count;
    if (last === 0) return;
    this.siftDown(0, this.times[last]!, this.sequences[last]!, this.slots[last]!, last);
  }

  /** Keep only the entries whose slot satisfies `keep` (called once per entry), then re-heapify. */
  retain(keep: (slot: number) => boolean): void {
    const times = this.times;
    const sequences = this.sequences;
    const slots = this.slots;
    let kept = 0;
    for (let i = 0; i < this.count; i++) {
      if (!keep(slots[i]!)) continue;
      times[kept] = times[i]!;
      sequences[kept] = sequences[i]!;
      slots[kept] = slots[i]!;
      kept++;
    }
    this.count = kept;
    for (let i = (kept >> 1) - 1; i >= 0; i--) this.siftDown(i, times[i]!, sequences[i]!, slots[i]!, kept);
  }

  /** Place (time, sequence, slot) at or below `index` in a heap of `size` entries. */
  private siftDown(index: number, time: number, sequence: number, slot: number, size: number): void {
    const times = this.times;
    const sequences = this.sequences;
    const slots = this.slots;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= size) break;
      let child = left;
      let childTime = times[left]!;
      const right = left + 1;
      if (right < size) {
        const rightTime = times[right]!;
        if (rightTime < childTime || (rightTime === childTime && sequences[right]! < sequences[left]!)) {
          child = right;
          childTime = rightTime;
        }
      }
      if (time < childTime || (time === childTime && sequence < sequences[child]!)) break;
      times[index] = childTime;
      sequences[index] = sequences[child]!;
      slots[index] = slots[child]!;
      index = child;
    }
    times[index] = time;
    sequences[index] = sequence;
    slots[index] = slot;
  }

  private grow(): void {
    const capacity = this.times.length * 2;
    const times = new Float64Array(capacity);
    times.set(this.times);
    const sequences = new Float64Array(capacity);
    sequences.set(this.sequences);
    const slots = new Int32Array(capacity);
    slots.set(this.slots);
    this.times = times;
    this.sequences = sequences;
    this.slots = slots;
  }
}
