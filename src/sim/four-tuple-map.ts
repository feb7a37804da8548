/**
 * Connections of a host stack keyed by their 4-tuple (local address, local port, remote
 * address, remote port) without building a string per packet: interned remote addresses key
 * the outer Map, and the local address's ordinal and both ports pack into one exact number
 * (ordinal × 2^32 + local port × 2^16 + remote port, below 2^53).
 */
import type { IpAddr } from '../packet/types.js';

export class FourTupleMap<T> {
  private readonly byRemote = new Map<IpAddr, Map<number, T>>();
  private readonly localOrdinals = new Map<IpAddr, number>();

  private inner(local: IpAddr, localPort: number, remotePort: number): number {
    let ordinal = this.localOrdinals.get(local);
    if (ordinal === undefined) {
      ordinal = this.localOrdinals.size;
      this.localOrdinals.set(local, ordinal);
    }
    return ordinal * 0x1_0000_0000 + localPort * 0x1_0000 + remotePort;
  }

  get(local: IpAddr, localPort: number, remote: IpAddr, remotePort: number): T | undefined {
    return this.byRemote.get(remote)?.get(this.inner(local, localPort, remotePort));
  }

  has(local: IpAddr, localPort: number, remote: IpAddr, remotePort: number): boolean {
    return this.get(local, localPort, remote, remotePort) !== undefined;
  }

  set(local: IpAddr, localPort: number, remote: IpAddr, remotePort: number, value: T): void {
    let ports = this.byRemote.get(remote);
    if (ports === undefined) {
      ports = new Map();
      this.byRemote.set(remote, ports);
    }
    ports.set(this.inner(local, localPort, remotePort), value);
  }

  /** Remove the entry only if it still holds `value` (a newer connection may have taken the tuple). */
  deleteIf(local: IpAddr, localPort: number, remote: IpAddr, remotePort: number, value: T): void {
    const ports = this.byRemote.get(remote);
    if (ports === undefined) return;
    const key = this.inner(local, localPort, remotePort);
    if (ports.get(key) !== value) return;
    ports.delete(key);
    if (ports.size === 0) this.byRemote.delete(remote);
  }
}
