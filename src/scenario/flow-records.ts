/**
 * Flow entries as a scenario sees them: the entries `flow -l` / `flow --match` lists (the
 * report layer's selection, so expectations judge exactly what the dump shows), read into
 * plain records and compared with a `flows:` step's expectations.
 *
 * Guarantees: records come out in table index order (the order `flow -l` prints); matching
 * of expected records is one-to-one and order-free; nothing here mutates the table.
 */
import type { FlowTable } from '../dataplane/flow-table.js';
import { FlowKey, flowKeyDestinationText, flowKeySourceText } from '../dataplane/flow-key.js';
import { actionLetter, dropReasonName, tcpFlagsText } from '../dataplane/flow-codes.js';
import { listedFlowIndexes } from '../report/flow-dump.js';
import type { FlowExpectation, FlowMatchTerm } from './types.js';

export interface FlowRecord {
  readonly index: number;
  readonly reverseIndex: number;
  readonly source: { readonly ip: string; readonly port: number };
  readonly destination: { readonly ip: string; readonly port: number };
  readonly protocol: number;
  /** `F`, `D`, `H`, `N` or `U`. */
  readonly action: string;
  /** The drop reason name (`FwPolicy`, `Unknown`) for `D` flows, '' otherwise. */
  readonly dropReason: string;
  /** TCP state letters as `flow -l` prints them (`S`, `Sr`, `SSrEEr`), '' for non-TCP. */
  readonly tcp: string;
  readonly packets: number;
  readonly bytes: number;
}

/** The records `flow -l` / `flow --match` lists (the report layer decides which: same rules as the dump). */
export function readFlowRecords(table: FlowTable, match: readonly FlowMatchTerm[] = []): FlowRecord[] {
  const key = new FlowKey();
  const out: FlowRecord[] = [];
  for (const index of listedFlowIndexes(table, match.length === 0 ? {} : { match })) {
    table.readKey(index, key);
    const action = actionLetter(table.action(index) ?? 0);
    out.push({
      index,
      reverseIndex: table.rflow(index) ?? -1,
      source: { ip: flowKeySourceText(key), port: key.sport },
      destination: { ip: flowKeyDestinationText(key), port: key.dport },
      protocol: key.proto,
      action,
      dropReason: action === 'D' ? dropReasonName(table.dropReason(index) ?? 0) : '',
      tcp: key.proto === 6 ? tcpFlagsText(table.tcpFlags(index) ?? 0) : '',
      packets: table.packets(index) ?? 0,
      bytes: table.bytes(index) ?? 0,
    });
  }
  return out;
}

function endText(e: { ip: string; port: number | '*' }): string {
  return `${e.ip}:${e.port}`;
}

/** One line describing an expected record, as the transcript marks it. */
export function describeFlowExpectation(e: FlowExpectation): string {
  const parts: string[] = [];
  if (e.source !== undefined || e.destination !== undefined) {
    parts.push(`${e.source === undefined ? '*' : endText(e.source)} -> ${e.destination === undefined ? '*' : endText(e.destination)}`);
  }
  if (e.action !== undefined) parts.push(`Action:${e.action}${e.dropReason === undefined ? '' : `(${e.dropReason})`}`);
  else if (e.dropReason !== undefined) parts.push(`drop reason ${e.dropReason}`);
  if (e.tcp !== undefined) parts.push(`TCP:${e.tcp}`);
  if (e.packets !== undefined || e.bytes !== undefined) parts.push(`Stats:${e.packets ?? '*'}/${e.bytes ?? '*'}`);
  return parts.join(', ');
}

export function describeFlowRecord(r: FlowRecord): string {
  const action = r.action === 'D' ? `D(${r.dropReason})` : r.action;
  const tcp = r.protocol === 6 ? `, TCP:${r.tcp}` : '';
  return `${r.source.ip}:${r.source.port} -> ${r.destination.ip}:${r.destination.port}, Action:${action}${tcp}, Stats:${r.packets}/${r.bytes}`;
}

function endMatches(expected: { ip: string; port: number | '*' } | undefined, actual: { ip: string; port: number }): boolean {
  return expected === undefined || (expected.ip === actual.ip && (expected.port === '*' || expected.port === actual.port));
}

export function recordMatches(e: FlowExpectation, r: FlowRecord): boolean {
  return (
    endMatches(e.source, r.source) &&
    endMatches(e.destination, r.destination) &&
    (e.action === undefined || e.action === r.action) &&
    (e.dropReason === undefined || e.dropReason === r.dropReason) &&
    (e.tcp === undefined || e.tcp === r.tcp) &&
    (e.packets === undefined || e.packets === r.packets) &&
    (e.bytes === undefined || e.bytes === r.bytes)
  );
}

export interface FlowCheck {
  readonly expectation: FlowExpectation;
  readonly matched?: FlowRecord;
  /** For a miss: the listed record that came closest (same source and destination), if any. */
  readonly closest?: FlowRecord;
}

/**
 * Pairs each expected record with a distinct listed record. Returns the per-expectation
 * results and the listed records no expectation claimed.
 */
export function checkFlows(expected: readonly FlowExpectation[], listed: readonly FlowRecord[]): { checks: FlowCheck[]; unclaimed: FlowRecord[] } {
  const free = [...listed];
  const checks: FlowCheck[] = expected.map((e) => {
    const i = free.findIndex((r) => recordMatches(e, r));
    if (i >= 0) {
      const [matched] = free.splice(i, 1);
      return { expectation: e, ...(matched === undefined ? {} : { matched }) };
    }
    const closest = free.find((r) => endMatches(e.source, r.source) && endMatches(e.destination, r.destination));
    return { expectation: e, ...(closest === undefined ? {} : { closest }) };
  });
  return { checks, unclaimed: free };
}
