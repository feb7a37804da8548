import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FlowTable } from '../../src/dataplane/flow-table.js';
import { ACTION_DROP, ACTION_FORWARD, DROP_FW_POLICY, DROP_UNKNOWN, FLAG_ACTIVE, FLAG_RFLOW_VALID } from '../../src/dataplane/flow-codes.js';
import { setReverseKey, FlowKey } from '../../src/dataplane/flow-key.js';
import { inheritReverseTcpState, tcpDigest } from '../../src/dataplane/tcp-digest.js';
import { TCP_SYN } from '../../src/packet/types.js';
import { formatFlowList, formatFlowRecord } from '../../src/report/flow-dump.js';
import { tcpKey } from '../support/flow-keys.js';

const golden = (name: string) => readFileSync(new URL(`../golden/${name}`, import.meta.url), 'utf8');

/** The book's chapter 8 dump on cent333 (reference §1.3), as the book prints it (trailing blanks trimmed). */
const BOOK_RECORDS = `Listing flows matching ([10.47.255.232]:80)

    Index                Source:Port/Destination:Port                      Proto(V)
-----------------------------------------------------------------------------------
   158672<=>495824       10.47.255.232:80                                    6 (5)
                         10.47.255.233:42282
(Gen: 1, K(nh):59, Action:D(Unknown), Flags:, TCP:Sr, QOS:-1, S(nh):63,
 Stats:0/0,  SPort 54194, TTL 0, Sinfo 0.0.0.0)

   495824<=>158672       10.47.255.233:42282                                 6 (5)
                         10.47.255.232:80
(Gen: 1, K(nh):59, Action:D(FwPolicy), Flags:, TCP:S, QOS:-1, S(nh):59,
 Stats:3/222,  SPort 52162, TTL 0, Sinfo 8.0.0.0)
`;

/** dbserver-dev (10.47.255.233, vif 8) curls client1-dev:80 after policy2-egress-denyall. */
function bookCent333(): FlowTable {
  const t = new FlowTable();
  const fwdKey = tcpKey('10.47.255.233', 42282, '10.47.255.232', 80, 59);
  const revKey = new FlowKey();
  setReverseKey(revKey, fwdKey, 59);
  // First SYN: miss, HOLD entry, trapped; the digest sees no reverse yet.
  const fwd = t.allocateAt(495824, fwdKey, 1000);
  t.setVrf(fwd, 5);
  t.setSrcInfoVif(fwd, 8);
  tcpDigest(t, fwd, TCP_SYN, 0x1000, 0, 0);
  // The agent installs the reverse and programs both: drop, FwPolicy on the forward flow.
  const rev = t.allocateAt(158672, revKey, 1001);
  t.setVrf(rev, 5);
  t.linkReverse(fwd, rev);
  inheritReverseTcpState(t, rev);
  t.setAction(fwd, ACTION_DROP); t.setDropReason(fwd, DROP_FW_POLICY); t.setSrcNh(fwd, 59); t.setUdpSrcPort(fwd, 52162);
  t.setAction(rev, ACTION_DROP); t.setDropReason(rev, DROP_UNKNOWN); t.setSrcNh(rev, 63); t.setUdpSrcPort(rev, 54194);
  t.setFlags(fwd, FLAG_ACTIVE | FLAG_RFLOW_VALID);
  t.setFlags(rev, FLAG_ACTIVE | FLAG_RFLOW_VALID);
  // Three 74-byte SYNs (the first and two retransmits), counted before the drop action.
  t.setCounters(fwd, 3, 222);
  for (let n = 0; n < 2; n++) tcpDigest(t, fwd, TCP_SYN, 0x1000, 0, 0);
  // The node's counters at the time of the book's dump.
  Object.assign(t.counters, { created: 33, added: 33, deleted: 30, changed: 54, processed: 33, createdPerCpu: [7, 9, 11, 6] });
  return t;
}

describe('flow --match on the book cent333 pair', () => {
  it('matches the golden file byte for byte', () => {
    expect(formatFlowList(bookCent333(), { match: [{ ip: '10.47.255.232', port: 80 }] })).toBe(golden('flow-book-cent333.txt'));
  });

  it('is the book dump once trailing blanks are trimmed as the book prints them', () => {
    const out = formatFlowList(bookCent333(), { match: [{ ip: '10.47.255.232', port: 80 }] });
    const trimmed = out.replace(/ +$/gm, '');
    expect(trimmed.startsWith('Flow table(size 80609280, entries 629760)\n\nEntries: Created 33 Added 33 Deleted 30 Changed 54Processed 33 Used Overflow entries 0\n(Created Flows/CPU: 7 9 11 6)(oflows 0)\n')).toBe(true);
    expect(trimmed.endsWith(`${BOOK_RECORDS}\n`)).toBe(true);
  });

  it('on the other node (cent222) lists no flow for 10.47.255.233', () => {
    const out = formatFlowList(new FlowTable(), { match: [{ ip: '10.47.255.233' }] });
    expect(out.endsWith('Listing flows matching ([10.47.255.233]:*)\n\n    Index                Source:Port/Destination:Port                      Proto(V)\n' + '-'.repeat(83) + '\n')).toBe(true);
  });

  it('uses the 256-byte entry size of current tf-vrouter when asked', () => {
    expect(formatFlowList(new FlowTable(), { entrySize: 256 }).split('\n')[0]).toBe('Flow table(size 161218560, entries 629760)');
  });
});

describe('the book chapter 5 established flow', () => {
  it('wraps before SPort when Stats pushes the line past 70 characters', () => {
    const t = new FlowTable();
    const i = t.allocateAt(40100, tcpKey('10.47.255.237', 42332, '10.101.102.27', 9999, 59), 0);
    const r = t.allocateAt(340544, tcpKey('10.101.102.27', 9999, '10.47.255.237', 42332, 59), 0);
    t.linkReverse(i, r);
    t.setVrf(i, 3); t.setAction(i, ACTION_FORWARD); t.setFlags(i, FLAG_ACTIVE); t.setSrcNh(i, 59);
    t.setTcpFlags(i, 0x8 | 0x10 | 0x20 | 0x40);
    t.setCounters(i, 7878, 520046); t.setUdpSrcPort(i, 65053); t.setSrcInfoVif(i, 6);
    expect(formatFlowRecord(t, i)).toBe(
      '    40100<=>340544       10.47.255.237:42332                                 6 (3)\n' +
      '                         10.101.102.27:9999 \n' +
      '(Gen: 1, K(nh):59, Action:F, Flags:, TCP:SSrEEr, QOS:-1, S(nh):59,  Stats:7878/520046, \n' +
      ' SPort 65053, TTL 0, Sinfo 6.0.0.0)');
  });
});
