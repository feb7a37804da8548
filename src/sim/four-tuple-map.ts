/**
 * Connections of a host stack keyed by their 4-tuple (local address, local port, remote
 * address, remote port), without a string or a Map entry per connection: an open-addressing
 * hash table (linear probing, backward-shift deletion, load ≤ 1/2) over a packed-ports
 * Int32Array, with the interned address objects compared by identity. Guarantees: exact-key
 * semantics (two tuples are the same key iff their addresses are the same interned objects and
 * their ports are equal); no iteration, so placement never shows in any output.
 */
import type { IpAddr } from '../packet/types.js';

const INITIAL_CAPACITY = 8;

function hashTuple(local: IpAddr, ports: number, remote: IpAddr): number {
  let h = Math.imul(ports ^ 0x2545f491, 0x9e3779b1);
  h = Math.imul(h ^ remote.w0, 0x85ebca6b);
  h ^= h >>> 15;
  if (remote.family === 6) h = Math.imul(h ^ remote.w1 ^ Math.imul(remote.w2, 0x27d4eb2f) ^ Math.imul(remote.w3, 0x165667b1), 0x85ebca6b);
  h = Math.imul(h ^ local.w0 ^ local.w3, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

export class FourTupleMap<T> {
  private mask = INITIAL_CAPACITY - 1;
  private count = 0;
  /** Per slot: localPort × 2^16 + remotePort, as int32. */
  private ports = new Int32Array(INITIAL_CAPACITY);
  private locals: Array<IpAddr | undefined> = new Array<IpAddr | undefined>(INITIAL_CAPACITY).fill(undefined);
  private remotes: Array<IpAddr | undefined> = new Array<IpAddr | undefined>(INITIAL_CAPACITY).fill(undefined);
  /** undefined = empty slot. */
  private values: Array<T | undefined> = new Array<T | undefined>(INITIAL_CAPACITY).fill(undefined);

  /** Entries stored. */
  get size(): number {
    return this.count;
  }

  private find(local: IpAddr, ports: number, remote: IpAddr): number {
    if (this.count === 0) return -1;
    const mask = this.mask;
    let i = hashTuple(local, ports, remote) & mask;
    for (;;) {
      if (this.values[i] === undefined) return -1;
      if (this.ports[i] === ports && this.remotes[i] === remote && this.locals[i] === local) return i;
      i = (i + 1) & mask;
    }
  }

  get(local: IpAddr, localPort: number, remote: IpAddr, remotePort: number): T | undefined {
    const i = this.find(local, (localPort << 16) | remotePort, remote);
    return i < 0 ? undefined : this.values[i];
  }

  has(local: IpAddr, localPort: number, remote: IpAddr, remotePort: number): boolean {
    return this.find(local, (localPort << 16) | remotePort, remote) >= 0;
  }

  set(local: IpAddr, localPort: number, remote: IpAddr, remotePort: number, value: T): void {
    if (value === undefined) throw new Error('invariant: FourTupleMap cannot store undefined');
    if (2 * (this.count + 1) > this.mask + 1) this.grow();
    const ports = (localPort << 16) | remotePort;
    const mask = this.mask;
    // One probe run: replace a matching entry, or fill the first empty slot (load ≤ 1/2: one exists).
    let i = hashTuple(local, ports, remote) & mask;
    while (this.values[i] !== undefined) {
      if (this.ports[i] === ports && this.remotes[i] === remote && this.locals[i] === local) {
        this.values[i] = value;
        return;
      }
      i = (i + 1) & mask;
    }
    this.ports[i] = ports;
    this.locals[i] = local;
    this.remotes[i] = remote;
    this.values[i] = value;
    this.count++;
  }

  /** Remove the entry only if it still holds `value` (a newer connection may have taken the tuple). */
  deleteIf(local: IpAddr, localPort: number, remote: IpAddr, remotePort: number, value: T): void {
    const i = this.find(local, (localPort << 16) | remotePort, remote);
    if (i < 0 || this.values[i] !== value) return;
    this.removeAt(i);
  }

  private insert(local: IpAddr, ports: number, remote: IpAddr, value: T): void {
    const mask = this.mask;
    let i = hashTuple(local, ports, remote) & mask;
    while (this.values[i] !== undefined) i = (i + 1) & mask;
    this.ports[i] = ports;
    this.locals[i] = local;
    this.remotes[i] = remote;
    this.values[i] = value;
    this.count++;
  }

  /** Backward-shift deletion: later entries of the probe run move into the hole. */
  private removeAt(hole: number): void {
    const mask = this.mask;
    let i = hole;
    for (;;) {
      i = (i + 1) & mask;
      const value = this.values[i];
      if (value === undefined) break;
      const home = hashTuple(this.locals[i]!, this.ports[i]!, this.remotes[i]!) & mask;
      // Move the entry at i into the hole unless its home lies cyclically in (hole, i].
      if (hole <= i ? home > hole && home <= i : home > hole || home <= i) continue;
      this.ports[hole] = this.ports[i]!;
      this.locals[hole] = this.locals[i];
      this.remotes[hole] = this.remotes[i];
      this.values[hole] = value;
      hole = i;
    }
    this.values[hole] = undefined;
    this.locals[hole] = undefined;
    this.remotes[hole] = undefined;
    this.count--;
  }

  private grow(): void {
    const oldPorts = this.ports;
    const oldLocals = this.locals;
    const oldRemotes = this.remotes;
    const oldValues = this.values;
    const capacity = (this.mask + 1) * 2;
    this.mask = capacity - 1;
    this.ports = new Int32Array(capacity);
    this.locals = new Array<IpAddr | undefined>(capacity).fill(undefined);
    this.remotes = new Array<IpAddr | undefined>(capacity).fill(undefined);
    this.values = new Array<T | undefined>(capacity).fill(undefined);
    this.count = 0;
    for (let i = 0; i < oldValues.length; i++) {
      const value = oldValues[i];
      if (value !== undefined) this.insert(oldLocals[i]!, oldPorts[i]!, oldRemotes[i]!, value);
    }
  }
}
