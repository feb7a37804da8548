/**
 * `vrsim diff` as text: a one-line summary, then the newly blocked and the newly allowed
 * connections, each with the decision before and after (which policy and rule).
 */
import type { ReachDiff, ReachDiffEntry } from '../sim/cluster/reach-diff.js';
import { connectionText } from '../sim/cluster/reach-diff.js';

/** `allowed: <why>` / `blocked: <why>` (the reason's own leading verdict word dropped). */
export function sideText(side: { readonly allowed: boolean; readonly reason: string }): string {
  const why = side.reason.replace(/^(allowed|denied): /, '');
  return `${side.allowed ? 'allowed' : 'blocked'}: ${why}`;
}

export function diffSummary(diff: ReachDiff): string {
  const changed = diff.newlyAllowed.length + diff.newlyBlocked.length;
  if (changed === 0) return `no connection changed (${diff.compared} compared)`;
  return `${changed} of ${diff.compared} connections changed: ${diff.newlyBlocked.length} newly blocked, ${diff.newlyAllowed.length} newly allowed`;
}

function entryLines(e: ReachDiffEntry): string[] {
  return [`  ${connectionText(e)}`, `    before: ${sideText(e.before)}`, `    after:  ${sideText(e.after)}`];
}

export function formatDiffText(diff: ReachDiff): string {
  const lines: string[] = [diffSummary(diff)];
  if (diff.newlyBlocked.length > 0) lines.push('', `newly blocked (${diff.newlyBlocked.length}):`, ...diff.newlyBlocked.flatMap(entryLines));
  if (diff.newlyAllowed.length > 0) lines.push('', `newly allowed (${diff.newlyAllowed.length}):`, ...diff.newlyAllowed.flatMap(entryLines));
  if (diff.onlyBefore.length > 0) lines.push('', `attempted before only (${diff.onlyBefore.length}, not compared):`, ...diff.onlyBefore.map((c) => `  ${c}`));
  if (diff.onlyAfter.length > 0) lines.push('', `attempted after only (${diff.onlyAfter.length}, not compared):`, ...diff.onlyAfter.map((c) => `  ${c}`));
  return lines.join('\n') + '\n';
}
