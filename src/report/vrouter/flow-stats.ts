/**
 * `flow -s` as tf-vrouter prints it (utils/flow.c `flow_stats`), over virtual time: the
 * utility loops forever, sleeping 500 ms, scanning the table and printing one screen after a
 * screen clear; vrsim takes one sample per 500 ms of virtual time from the start of the run to
 * its end (`FlowStatsSampler`) and prints those screens in order (the clear is a terminal
 * control and is not printed). Per screen, as the source computes it:
 * - Total = ACTIVE entries that are not EVICTED; Active = those whose action is not HOLD;
 *   Fwd/drop/NAT by action; Hold = the table's hold count (`ft_hold_entries`);
 * - `new` = the difference with the previous screen (0 before the first: the counts themselves);
 * - current rates = difference * 1000 / diff_ms (C integer division), 0 on the first screen;
 * - Avg setup rate: a running average over the intervals whose rate exceeded 1000/s,
 *   Avg teardown rate likewise below -1000/s (the source's uint64 arithmetic);
 * - the timestamp line `strftime("%Y-%m-%d %H:%M:%S %z")`, here of virtual time from
 *   1970-01-01 00:00:00 +0000.
 * Guarantees: pure over the samples; byte-identical to the source's format strings.
 */
import { ACTION_DROP, ACTION_FORWARD, ACTION_HOLD, ACTION_NAT, FLAG_ACTIVE, FLAG_EVICTED } from '../../dataplane/flow-codes.js';
import type { FlowTable } from '../../dataplane/flow-table.js';

/** The utility's sleep between screens. */
export const FLOW_STATS_INTERVAL_MS = 500;

export interface FlowStatsSample {
  /** Virtual time of the sample, in milliseconds. */
  readonly timeMs: number;
  readonly total: number;
  readonly active: number;
  readonly hold: number;
  readonly fwd: number;
  readonly drop: number;
  readonly nat: number;
}

/** One scan of the table, as `flow_stats` counts it. */
export function sampleFlowTable(table: FlowTable, holdEntries: number, timeMs: number): FlowStatsSample {
  let total = 0;
  let active = 0;
  let fwd = 0;
  let drop = 0;
  let nat = 0;
  for (let i = 0; i < table.capacity; i++) {
    const f = table.flags(i);
    if ((f & FLAG_ACTIVE) === 0 || (f & FLAG_EVICTED) !== 0) continue;
    total++;
    const action = table.action(i);
    if (action !== ACTION_HOLD) active++;
    if (action === ACTION_DROP) drop++;
    else if (action === ACTION_FORWARD) fwd++;
    else if (action === ACTION_NAT) nat++;
  }
  return { timeMs, total, active, hold: holdEntries, fwd, drop, nat };
}

function pad(n: number, width: number): string {
  return String(n).padStart(width);
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** `%Y-%m-%d %H:%M:%S %z` of virtual milliseconds since the epoch, UTC. */
export function virtualTimestamp(ms: number): string {
  const d = new Date(Math.floor(ms / 1000) * 1000);
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

/** Every screen of `flow -s` for the samples, in order. */
export function renderFlowStats(samples: readonly FlowStatsSample[]): string {
  let out = '';
  let prev: FlowStatsSample = { timeMs: 0, total: 0, active: 0, hold: 0, fwd: 0, drop: 0, nat: 0 };
  let lastTime = samples[0] === undefined ? 0 : samples[0].timeMs - FLOW_STATS_INTERVAL_MS;
  let avgSetup = 0;
  let avgTeardown = 0;
  let setupTime = 0;
  let teardownTime = 0;
  samples.forEach((s, iteration) => {
    const diffMs = Math.max(1, s.timeMs - lastTime);
    let rate = Math.trunc(((s.active - prev.active) * 1000) / diffMs);
    let totalRate = Math.trunc(((s.total - prev.total) * 1000) / diffMs);
    if (iteration === 0) {
      rate = 0;
      totalRate = 0;
    }
    if (rate !== 0 || totalRate !== 0) {
      if (rate < -1000) {
        avgTeardown = avgTeardown * teardownTime - (s.active - prev.active) * 1000;
        teardownTime += diffMs;
        avgTeardown = Math.floor(avgTeardown / teardownTime);
      }
      if (rate > 1000) {
        avgSetup = avgSetup * setupTime + (s.active - prev.active) * 1000;
        setupTime += diffMs;
        avgSetup = Math.floor(avgSetup / setupTime);
      }
    }
    out += `${virtualTimestamp(s.timeMs)}\n`;
    out += 'Flow Statistics\n';
    out += '---------------\n';
    out += `    Total  Entries  --- Total = ${pad(s.total, 7)}, new = ${pad(s.total - prev.total, 7)} \n`;
    out += `    Active Entries  --- Total = ${pad(s.active, 7)}, new = ${pad(s.active - prev.active, 7)} \n`;
    out += `    Hold   Entries  --- Total = ${pad(s.hold, 7)}, new = ${pad(s.hold - prev.hold, 7)} \n`;
    out += `    Fwd flow Entries  - Total = ${pad(s.fwd, 7)}\n`;
    out += `    drop flow Entries - Total = ${pad(s.drop, 7)}\n`;
    out += `    NAT flow Entries  - Total = ${pad(s.nat, 7)}\n\n`;
    out += '    Rate of change of Active Entries\n';
    out += '    --------------------------------\n';
    out += `        current rate      = ${pad(rate, 8)}\n`;
    out += `        Avg setup rate    = ${pad(avgSetup, 8)}\n`;
    out += `        Avg teardown rate = ${pad(avgTeardown, 8)}\n`;
    out += '    Rate of change of Flow Entries\n';
    out += '    ------------------------------\n';
    out += `        current rate      = ${pad(totalRate, 8)}\n`;
    lastTime = s.timeMs;
    prev = s;
  });
  return out;
}
