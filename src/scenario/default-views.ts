/**
 * The renderers a real run uses: the report layer's `flow -l` layout and truth tables, and
 * the sim's w3m-like HTML text. Kept apart from the runner so tests can inject their own.
 */
import { formatFlowList } from '../report/flow-dump.js';
import { formatDiffText } from '../report/diff-text.js';
import { formatReachTables } from '../report/reach-table.js';
import { renderHtmlText } from '../sim/apps/webserver.js';
import type { ScenarioViews } from './runner.js';
import { vrouterToolView } from '../report/vrouter/tool-output.js';

export const defaultViews: ScenarioViews = {
  flowDump: (table, match) => formatFlowList(table, match.length === 0 ? {} : { match }),
  htmlText: renderHtmlText,
  reachTable: formatReachTables,
  diffText: formatDiffText,
  vrouterTool: vrouterToolView,
};
