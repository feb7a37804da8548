/**
 * Throughput measurement through benchmark.js: `opsPerSecond` runs a function that performs
 * `opsPerCall` operations per call and returns operations per second (benchmark.js' mean hz
 * times `opsPerCall`) with its relative margin of error.
 *
 * Guarantees: synchronous; the measured function is called by reference (no setup/teardown
 * strings, so benchmark.js never decompiles it and closures keep working); a benchmark that
 * throws is reported as an Error, never as a figure.
 */
import Benchmark from 'benchmark';

export interface Timing {
  /** Budget per benchmark in seconds (benchmark.js `maxTime`). */
  readonly maxTime: number;
  readonly minSamples: number;
}

export const FULL_TIMING: Timing = { maxTime: 0.5, minSamples: 5 };
export const QUICK_TIMING: Timing = { maxTime: 0.02, minSamples: 2 };

export interface Throughput {
  readonly opsPerSecond: number;
  /** Relative margin of error of the mean, percent. */
  readonly rme: number;
  readonly samples: number;
}

export function opsPerSecond(name: string, fn: () => void, opsPerCall: number, timing: Timing): Throughput {
  const bench = new Benchmark(name, fn, {
    maxTime: timing.maxTime,
    minSamples: timing.minSamples,
    initCount: 1,
    delay: 0,
    async: false,
  });
  bench.run();
  const error = (bench as unknown as { error?: unknown }).error;
  if (error !== undefined && error !== null) {
    throw error instanceof Error ? error : new Error(`${name}: ${String(error)}`);
  }
  return { opsPerSecond: bench.hz * opsPerCall, rme: bench.stats.rme, samples: bench.stats.sample.length };
}
