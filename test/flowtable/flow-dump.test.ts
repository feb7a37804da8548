import { describe, expect, it } from 'vitest';
import { FlowTable } from '../../src/dataplane/flow-table.js';
import {
  ACTION_DROP, ACTION_FORWARD, ACTION_HOLD, ACTION_NAT, FLAG_ACTIVE, FLAG_DNAT, FLAG_DPAT, FLAG_SNAT,
  actionLetter, dropReasonName, flagsText, tcpFlagsText, FLAG_EVICTED, FLAG_EVICT_CANDIDATE, FLAG_NEW_FLOW, FLAG_MODIFIED, FLAG_DELETE_MARKED,
} from '../../src/dataplane/flow-codes.js';
import { flowKeyText } from '../../src/dataplane/flow-key.js';
import { ipv6Text } from '../../src/dataplane/flow-ip-text.js';
import { formatFlowList, formatFlowRecord } from '../../src/report/flow-dump.js';
import { flowTableJson } from '../../src/report/flow-dump-json.js';
import { collidingKeys, ipv4, ipv6, tcpKey } from '../support/flow-keys.js';

const records = (text: string) => text.split('-'.repeat(83) + '\n')[1]!;

describe('codes and texts', () => {
  it.each([
    [0x00, 'Unknown'], [0x01, 'IntfErr'], [0x11, 'SameFlowRflowKey'], [0x12, 'NoFipPortMap'],
    [0x1b, 'FwPolicy'], [0x1e, 'RevOutFwPolicy'], [0x22, 'RevOutFWAASPolicy'], [0x23, '35'], [200, '200'],
  ])('drop reason %i → %s', (code, name) => expect(dropReasonName(code)).toBe(name));

  it.each([[ACTION_DROP, 'D'], [ACTION_HOLD, 'H'], [ACTION_FORWARD, 'F'], [ACTION_NAT, 'N'], [7, 'U']])('action %i → %s', (a, l) => {
    expect(actionLetter(a)).toBe(l);
  });

  it('prints flag and TCP letters in flow.c order', () => {
    expect(flagsText(FLAG_DELETE_MARKED | FLAG_MODIFIED | FLAG_NEW_FLOW | FLAG_EVICT_CANDIDATE | FLAG_EVICTED | FLAG_ACTIVE)).toBe('EEcNMDm');
    expect(flagsText(FLAG_ACTIVE)).toBe('');
    expect(tcpFlagsText(0xffff)).toBe('SSrEErFFrRCD');
    expect(tcpFlagsText(0x8000 | 0x2 | 0x8)).toBe('SCD');
  });

  it.each([
    ['0:0:0:0:0:0:0:1', '::1'], ['fd00:0:0:0:0:0:0:0', 'fd00::'], ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'], ['0:0:0:0:0:ffff:a2f:ffe8', '::ffff:10.47.255.232'], ['0:0:0:0:0:0:0:0', '::'],
  ])('inet_ntop text of %s is %s', (full, text) => {
    const a = ipv6(full);
    expect(ipv6Text(a.w0, a.w1, a.w2, a.w3)).toBe(text);
  });

  it('formats keys', () => {
    expect(flowKeyText(tcpKey('10.47.255.233', 42282, '10.47.255.232', 80))).toBe('10.47.255.233:42282 > 10.47.255.232:80 proto 6 nh 59');
    expect(flowKeyText(tcpKey('fd00::a', 1, 'fd00:0:0:0:0:0:0:b', 2, 4, 17))).toBe('fd00::a:1 > fd00::b:2 proto 17 nh 4');
  });
});

describe('formatFlowList records', () => {
  it('prints a HOLD entry without reverse, UDP without TCP field, fabric Sinfo', () => {
    const t = new FlowTable({ entries: 1024 });
    const i = t.allocate(tcpKey('10.47.255.230', 53, '10.96.0.10', 53, 12, 17), 0);
    t.setSrcInfoFabric(i, ipv4('10.169.25.20').w0);
    expect(records(formatFlowList(t))).toBe(
      `${String(i).padStart(9)}${' '.repeat(12)}    ${'10.47.255.230:53   '.padEnd(46)}     17 (0)\n` +
      `                         10.96.0.10:53   \n` +
      // 54 + 12 + 9 = 75 printed characters after SPort: the wrap falls before TTL.
      `(Gen: 1, K(nh):12, Action:H, Flags:N, QOS:-1, S(nh):0,  Stats:0/0,  SPort 0,\n TTL 0, Sinfo 10.169.25.20)\n\n`);
  });

  it('prints NAT sub-flags and an unnamed drop code', () => {
    const t = new FlowTable({ entries: 1024 });
    const i = t.allocate(tcpKey('1.1.1.3', 4145, '1.1.1.5', 0, 20, 1), 0);
    t.setAction(i, ACTION_NAT);
    t.setFlags(i, FLAG_ACTIVE | FLAG_SNAT | FLAG_DNAT | FLAG_DPAT);
    expect(formatFlowRecord(t, i)).toContain('Action:N(SDPd), Flags:, QOS:-1');
    t.setAction(i, ACTION_DROP);
    t.setDropReason(i, 0x30);
    expect(formatFlowRecord(t, i)).toContain('Action:D(48), Flags:, QOS:-1');
  });

  it('prints IPv6 records with the 4 extra spaces', () => {
    const t = new FlowTable({ entries: 1024 });
    const i = t.allocate(tcpKey('fd00::5', 40000, 'fd00::6', 80, 9), 0);
    const lines = formatFlowRecord(t, i).split('\n');
    expect(lines[0]).toBe(`${String(i).padStart(9)}${' '.repeat(12)}    ${'fd00::5:40000    '.padEnd(46)}      6 (0)`);
    expect(lines[1]).toBe(`${' '.repeat(25)}fd00::6:80       `);
  });

  it('lists the overflow chain after the bucket last slot and after each chained entry', () => {
    const t = new FlowTable({ entries: 16, overflowEntries: 8 });
    const keys = collidingKeys((k) => t.bucketStart(k), 6);
    const b = t.bucketStart(keys[0]!);
    keys.forEach((k) => t.allocate(k, 0));
    const out = records(formatFlowList(t));
    expect(out).toContain(' Sinfo 0.0.0.0)\n     Oflow entries:\n\t 17 16\n\n');
    expect(out.indexOf(`${String(b + 3).padStart(9)}${' '.repeat(12)}`)).toBeLessThan(out.indexOf('Oflow entries:\n\t 17 16'));
    // 17 is followed by 16 in the chain
    expect(out).toContain('Oflow entries:\n\t 16\n\n');
    // a free last slot still shows its chain, prefixed by its index
    t.release(b + 3);
    expect(records(formatFlowList(t))).toContain(`${String(b + 3).padStart(6)}\n     Oflow entries:\n\t 17 16\n\n`);
  });

  it('hides evicted entries unless showEvicted', () => {
    const t = new FlowTable({ entries: 1024 });
    const i = t.allocate(tcpKey('10.0.0.1', 1, '10.0.0.2', 2), 0);
    t.markEvicted(i);
    expect(records(formatFlowList(t))).toBe('');
    expect(records(formatFlowList(t, { showEvicted: true }))).toContain('Flags:EN,');
  });

  it.each([
    [[{ ip: '10.0.0.2' }], '([10.0.0.2]:*)', ['a', 'b']],
    [[{ ip: '10.0.0.2', port: 80 }], '([10.0.0.2]:80)', ['a', 'b']],
    // flow.c would memcmp a NULL address for the destination side; vrsim treats it as any address.
    [[{ port: 80 }], '([*]:80)', ['a', 'b']],
    [[{ ip: '10.0.0.1' }, { ip: '10.0.0.2', port: 80 }], '([10.0.0.1]:*, [10.0.0.2]:80)', ['a', 'b']],
    [[{ ip: '10.0.0.1', port: 3000 }, { ip: '10.0.0.2', port: 81 }], '([10.0.0.1]:3000, [10.0.0.2]:81)', []],
    [[{ ip: '10.0.0.1', port: 3000 }, { ip: '10.0.0.2' }], '([10.0.0.1]:3000, [10.0.0.2]:*)', ['a', 'b']],
    [[{ ip: '10.0.0.1', port: 3000 }, { ip: '10.0.0.1' }], '([10.0.0.1]:3000, [10.0.0.1]:*)', []],
    [[{ ip: '10.0.0.2', port: 80 }, { ip: '10.0.0.1' }], '([10.0.0.2]:80, [10.0.0.1]:*)', ['a', 'b']],
    [[{ ip: '10.0.0.9' }], '([10.0.0.9]:*)', []],
    [[{ ip: 'fd00::1' }], '([fd00::1]:*)', []],
  ])('--match %j', (match, listing, expected) => {
    const t = new FlowTable({ entries: 1024 });
    const a = t.allocate(tcpKey('10.0.0.1', 3000, '10.0.0.2', 80), 0);
    const b = t.allocate(tcpKey('10.0.0.2', 80, '10.0.0.1', 3000), 0);
    const out = formatFlowList(t, { match });
    expect(out).toContain(`Listing flows matching ${listing}\n\n    Index`);
    const json = flowTableJson(t, { match });
    const byName: Record<string, number> = { a, b };
    expect(json.flows.map((f) => f.index)).toEqual(expected.map((n) => byName[n]!).sort((x, y) => x - y));
    expect(records(out).split('\n\n').filter((s) => s.length > 0)).toHaveLength(expected.length);
  });

  it('rejects bad match terms', () => {
    const t = new FlowTable({ entries: 1024 });
    expect(() => formatFlowList(t, { match: [{ ip: '10.0.0.300' }] })).toThrow(RangeError);
    expect(() => formatFlowList(t, { match: [{ port: 70000 }] })).toThrow(RangeError);
  });
});

describe('flowTableJson', () => {
  it('carries the header counters and the listed entries with dump texts', () => {
    const t = new FlowTable({ entries: 1024, cpus: 2 });
    const i = t.allocate(tcpKey('10.47.255.233', 42282, '10.47.255.232', 80, 59), 77);
    t.setAction(i, ACTION_DROP); t.setDropReason(i, 0x1b); t.setTcpFlags(i, 0x8); t.setSrcInfoVif(i, 8);
    const json = flowTableJson(t);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(json).toMatchObject({ size: t.capacity * 128, entries: t.capacity, created: 1, usedOverflowEntries: 0, matching: null });
    expect(json.flows).toEqual([{
      index: i, reverseIndex: -1, source: { ip: '10.47.255.233', port: 42282 }, destination: { ip: '10.47.255.232', port: 80 },
      family: 4, proto: 6, vrf: 0, action: 'D', dropReason: 'FwPolicy', flags: 'N', tcp: 'S', gen: 1, keyNh: 59, srcNh: 0,
      packets: 0, bytes: 0, udpSrcPort: 0, ttl: 0, sinfo: '8.0.0.0', lastUsedMs: 77,
    }]);
  });
});
