/**
 * Counting a reach result for the benchmark: pairs attempted and pairs allowed, read from the
 * verdict matrix when the result has one (as the table view does) so that counting does not
 * build the million cells with their reasons.
 */
import type { ReachResult } from '../../src/sim/cluster/types.js';

/** Pairs and allowed pairs, from the verdict matrix when there is one (as the table view reads them). */
export function countReach(result: ReachResult): { pairs: number; allowed: number } {
  const matrix = result.matrix;
  if (matrix === undefined) return { pairs: result.cells.length, allowed: result.cells.filter((c) => c.allowed).length };
  let allowed = 0;
  const n = result.sources.length;
  const m = result.destinations.length;
  for (let s = 0; s < n; s++) for (let d = 0; d < m; d++) for (let g = 0; g < matrix.groups.length; g++) if (matrix.allowed(s, d, g)) allowed++;
  return { pairs: n * m * matrix.groups.length, allowed };
}

