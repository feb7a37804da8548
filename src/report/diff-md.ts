/**
 * `vrsim diff -o md`: the change as Markdown for a pull-request comment: a summary line and
 * one table per group (newly blocked, newly allowed) with the decision before and after.
 * Cell text is escaped (`|` and line breaks) so GitHub renders every row.
 */
import type { ReachDiff, ReachDiffEntry } from '../sim/cluster/reach-diff.js';
import { diffSummary, sideText } from './diff-text.js';
import { appendAll } from './append-all.js';

function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

function table(title: string, entries: readonly ReachDiffEntry[]): string[] {
  if (entries.length === 0) return [];
  return [
    '',
    `### ${title} (${entries.length})`,
    '',
    '| from | to | port | before | after |',
    '|---|---|---|---|---|',
    ...entries.map((e) => `| ${cell(e.from)} | ${cell(e.to)} | ${e.protocol}/${cell(e.portLabel)} | ${cell(sideText(e.before))} | ${cell(sideText(e.after))} |`),
  ];
}

export function formatDiffMarkdown(diff: ReachDiff): string {
  const lines = ['## vrsim diff', '', `**${diffSummary(diff)}**`, ...table('Newly blocked', diff.newlyBlocked), ...table('Newly allowed', diff.newlyAllowed)];
  const only = [...diff.onlyBefore.map((c) => `- before only: ${cell(c)}`), ...diff.onlyAfter.map((c) => `- after only: ${cell(c)}`)];
  if (only.length > 0) appendAll(lines, ['', '### Not compared (attempted on one side only)', '', ...only]);
  return lines.join('\n') + '\n';
}
