/**
 * The `flow -l` content as a JSON-serialisable object: the header counters and, for every
 * entry the text dump would list (same `--match` / `--show-evicted` selection), its fields
 * with the same texts the dump prints (action letter, drop reason, flags, TCP bits, Sinfo).
 *
 * Guarantees: only plain strings, numbers, booleans, arrays and nulls; entries ascending by index.
 */

import { ACTION_DROP, actionLetter, dropReasonName, flagsText, tcpFlagsText } from '../dataplane/flow-codes.js';
import { FlowKey, flowKeyDestinationText, flowKeySourceText } from '../dataplane/flow-key.js';
import type { FlowTable } from '../dataplane/flow-table.js';
import { listedFlowIndexes, sinfoText, TTL_NONE, type FlowListOptions } from './flow-dump.js';
import { compileFlowMatch } from './flow-match.js';

export interface FlowEntryJson {
  index: number;
  /** -1 when none. */
  reverseIndex: number;
  source: { ip: string; port: number };
  destination: { ip: string; port: number };
  family: 4 | 6;
  proto: number;
  vrf: number;
  action: string;
  /** Only for drop entries. */
  dropReason: string | null;
  flags: string;
  /** Only for TCP entries. */
  tcp: string | null;
  gen: number;
  keyNh: number;
  srcNh: number;
  packets: number;
  bytes: number;
  udpSrcPort: number;
  ttl: number;
  sinfo: string;
  lastUsedMs: number;
}

export interface FlowTableJson {
  size: number;
  entries: number;
  created: number;
  added: number;
  deleted: number;
  changed: number;
  processed: number;
  usedOverflowEntries: number;
  createdPerCpu: number[];
  /** The `Listing flows matching (...)` line, or null without --match. */
  matching: string | null;
  flows: FlowEntryJson[];
}

export function flowTableJson(table: FlowTable, options: FlowListOptions = {}): FlowTableJson {
  const match = compileFlowMatch(options.match);
  const c = table.counters;
  const key = new FlowKey();
  const flows = listedFlowIndexes(table, options, match).map((i): FlowEntryJson => {
    table.readKey(i, key);
    const action = table.action(i);
    return {
      index: i,
      reverseIndex: table.rflow(i),
      source: { ip: flowKeySourceText(key), port: key.sport },
      destination: { ip: flowKeyDestinationText(key), port: key.dport },
      family: key.family,
      proto: key.proto,
      vrf: table.vrf(i),
      action: actionLetter(action),
      dropReason: action === ACTION_DROP ? dropReasonName(table.dropReason(i)) : null,
      flags: flagsText(table.flags(i)),
      tcp: key.proto === 6 ? tcpFlagsText(table.tcpFlags(i)) : null,
      gen: table.genId(i),
      keyNh: key.nh >>> 0,
      srcNh: table.srcNh(i) >>> 0,
      packets: table.packets(i),
      bytes: table.bytes(i),
      udpSrcPort: table.udpSrcPort(i),
      ttl: TTL_NONE,
      sinfo: sinfoText(table, i),
      lastUsedMs: table.lastUsed(i),
    };
  });
  return {
    size: table.capacity * (options.entrySize ?? 128),
    entries: table.capacity,
    created: c.created,
    added: c.added,
    deleted: c.deleted,
    changed: c.changed,
    processed: c.processed,
    usedOverflowEntries: c.overflowInUse,
    createdPerCpu: [...c.createdPerCpu],
    matching: match ? match.listingLine : null,
    flows,
  };
}
