/**
 * Memory of a data structure: heap plus array-buffer bytes retained by what `build` returns,
 * measured between forced garbage collections.
 *
 * The collector is `globalThis.gc` when node runs with `--expose-gc`; otherwise it is obtained
 * at run time (`v8.setFlagsFromString('--expose-gc')` then `gc` from a fresh VM context), so
 * the figure is exact under vitest and plain `node` too. Only if both fail is it a rough,
 * GC-timing dependent estimate, and `exact` says so.
 *
 * Guarantees: the built value is kept alive across the second measurement and returned, so
 * the caller can benchmark the very structure it measured.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface Retained<T> {
  readonly value: T;
  readonly bytes: number;
  /** True when measured between forced collections. */
  readonly exact: boolean;
}

type Collector = () => void;

function findCollector(): Collector | undefined {
  const global = (globalThis as { gc?: Collector }).gc;
  if (typeof global === 'function') return global;
  try {
    setFlagsFromString('--expose-gc');
    const fromContext = runInNewContext('gc') as unknown;
    return typeof fromContext === 'function' ? (fromContext as Collector) : undefined;
  } catch {
    return undefined;
  }
}

const collector = findCollector();

function collect(): boolean {
  if (collector === undefined) return false;
  collector();
  collector();
  return true;
}

function usedBytes(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

export function retainedBytes<T>(build: () => T): Retained<T> {
  const exact = collect();
  const before = usedBytes();
  const value = build();
  collect();
  const after = usedBytes();
  return { value, bytes: Math.max(0, after - before), exact };
}

export function hasGc(): boolean {
  return collector !== undefined;
}
