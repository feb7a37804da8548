/**
 * `vrsim diff -o json`: `{ compared, changed, newlyBlocked: [...], newlyAllowed: [...],
 * onlyBefore, onlyAfter }`, each entry `{ from, to, protocol, port, portLabel, before: {
 * allowed, reason }, after: { allowed, reason } }`.
 */
import type { ReachDiff } from '../sim/cluster/reach-diff.js';

export function formatDiffJson(diff: ReachDiff): string {
  const changed = diff.newlyAllowed.length + diff.newlyBlocked.length;
  const entries = (list: ReachDiff['newlyAllowed']) =>
    list.map((e) => ({ from: e.from, to: e.to, protocol: e.protocol, port: e.port, portLabel: e.portLabel, before: e.before, after: e.after }));
  return (
    JSON.stringify(
      { compared: diff.compared, changed, newlyBlocked: entries(diff.newlyBlocked), newlyAllowed: entries(diff.newlyAllowed), onlyBefore: diff.onlyBefore, onlyAfter: diff.onlyAfter },
      null,
      2,
    ) + '\n'
  );
}
