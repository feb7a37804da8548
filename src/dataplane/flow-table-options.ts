/**
 * Sizes, options and counters of the flow table (`flow-table.ts`), kept apart so the table
 * module holds only the data structure.
 *
 * Guarantees: `defaultOverflowEntries` is vRouter's default overflow sizing,
 * `((entries / 5) + 1023) & ~1023`.
 */

export interface FlowTableOptions {
  /** Main (bucketed) entries, a positive multiple of 4; default 524288 (VR_DEF_FLOW_ENTRIES). */
  entries?: number;
  /** Overflow entries; default `((entries / 5) + 1023) & ~1023` (105472 for the default). */
  overflowEntries?: number;
  /** CPUs with their own `Created Flows/CPU` counter; default 4. */
  cpus?: number;
  /**
   * Write every page of the table at construction, as a vRouter whose flow memory is reserved
   * (hugepages, /dev/flow) at start. Default false: untouched pages stay unmapped, which keeps
   * a simulated cluster of many 512K-entry tables small; benchmarks set it so the first flows
   * do not pay the operating system's first-touch page faults inside the timed loop.
   */
  prefault?: boolean;
}

export interface FlowTableCounters {
  created: number;
  added: number;
  deleted: number;
  changed: number;
  processed: number;
  createdPerCpu: number[];
  overflowInUse: number;
  /** Entries evicted by `markEvicted` (not part of `flow -l`'s header). */
  evicted: number;
  /** Entries ever initialised, by the datapath or the agent (live = allocated - deleted - evicted). */
  allocated: number;
}

export const DEFAULT_FLOW_ENTRIES = 512 * 1024;
export const ENTRIES_PER_BUCKET = 4;
/** Keys per internal round of `lookupBatch` (hash all, touch their buckets, then compare). */
export const LOOKUP_BATCH = 16;

export function defaultOverflowEntries(entries: number): number {
  return (Math.floor(entries / 5) + 1023) & ~1023;
}
