/**
 * Per-vRouter flow drop counters, named and ordered as `dropstats` prints them
 * ("Flow Table Full", "Flow Queue Limit Exceeded", ...).
 */
import { FLOW_DROP_STATS, type DropStat } from './flow-codes.js';

export type DropStats = Record<DropStat, number>;

export function emptyDropStats(): DropStats {
  const stats = {} as DropStats;
  for (const name of FLOW_DROP_STATS) stats[name] = 0;
  return stats;
}

/** `dropstats --clear` (utils/dropstats.c `vr_clear_drop_stats`): every counter back to 0. */
export function clearDropStats(stats: DropStats): void {
  for (const name of FLOW_DROP_STATS) stats[name] = 0;
}
