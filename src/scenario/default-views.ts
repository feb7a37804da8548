/**
 * The renderers a real run uses: the report layer's truth tables, the sim's w3m-like HTML
 * text, and the flow table dump. Kept apart from the runner so tests can inject their own.
 */
import { formatReachTables } from '../report/reach-table.js';
import { renderHtmlText } from '../sim/apps/webserver.js';
import { describeFlowRecord, matchFlows, readFlowRecords } from './flow-records.js';
import type { ScenarioViews } from './runner.js';

export const defaultViews: ScenarioViews = {
  // TODO(flow-dump): switch to report/flow-dump.ts formatFlowList once it lands.
  flowDump: (table, match) => matchFlows(readFlowRecords(table), match).map(describeFlowRecord).join('\n'),
  htmlText: renderHtmlText,
  reachTable: formatReachTables,
};
