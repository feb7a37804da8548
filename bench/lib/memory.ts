/**
 * Memory of a data structure: heap plus array-buffer bytes retained by what `build` returns,
 * measured with forced garbage collections before and after (`--expose-gc`; without it the
 * figure is a rough, GC-timing dependent estimate and `exact` is false).
 *
 * Guarantees: the built value is kept alive across the second measurement and returned, so
 * the caller can benchmark the very structure it measured.
 */

export interface Retained<T> {
  readonly value: T;
  readonly bytes: number;
  /** True when measured between forced collections. */
  readonly exact: boolean;
}

function collect(): boolean {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) return false;
  gc();
  gc();
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
  return typeof (globalThis as { gc?: () => void }).gc === 'function';
}
