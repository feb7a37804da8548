/**
 * No spread of an unbounded array into a call (issue 9 §2: `Math.max(...rows)` overflowed the
 * stack for `vrsim contrail` with ~60,000 rules): the contrail box table and ping's rtt summary
 * take inputs far past the engine's argument limit.
 */
import { describe, expect, it } from 'vitest';
import { boxTable } from '../../src/report/contrail-view.js';
import { appendAll } from '../../src/report/append-all.js';
import { rttSummary } from '../../src/sim/apps/ping.js';
import { decisionDetails } from '../../src/policy/decision-text.js';
import { junitXml } from '../../src/report/junit.js';
import { DEFAULT_SETTINGS } from '../../src/sim/cluster/types.js';

describe('large inputs', () => {
  it('boxTable lays out 200,000 rows with the widest cell setting the width', () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => [String(i), i === 123_456 ? 'the-widest-name' : 'n']);
    const lines = boxTable(['Seq', 'Name'], rows);
    expect(lines).toHaveLength(200_000 + 4);
    expect(lines[0]).toBe('+--------+-----------------+');
    expect(lines[3]).toBe('| 0      | n               |');
  });

  it('appendAll appends 500,000 items', () => {
    expect(appendAll(['a'], Array.from({ length: 500_000 }, () => 'x'))).toHaveLength(500_001);
  });

  it('rttSummary over 500,000 samples', () => {
    const rtts = Array.from({ length: 500_000 }, (_, i) => 100 + (i % 7));
    expect(rttSummary(rtts)).toMatch(/^rtt min\/avg\/max\/mdev = 0.100\/0.102\/0.106\//);
  });
});

describe('large inputs through the remaining appends (issue 9 §2: no spread of an unbounded array into a call)', () => {
  it('a decision explained with 200,000 allowing rules', () => {
    const allowedBy = Array.from({ length: 200_000 }, (_, i) => ({ policy: `default/p${i}`, direction: 'ingress' as const, ruleIndex: 0, peerIndex: null, portIndex: null }));
    const endpoint = { kind: 'pod' as const, ip: '10.0.0.1', pod: { namespace: 'default', name: 'a' } };
    const decision = { allowed: true, egress: { kind: 'not-isolated' as const }, ingress: { kind: 'allowed' as const, isolatedBy: ['default/p0'], allowedBy } };
    const lines = decisionDetails(decision as unknown as Parameters<typeof decisionDetails>[0], { src: endpoint, dst: endpoint, protocol: 'TCP', port: 80 } as unknown as Parameters<typeof decisionDetails>[1], { policies: [] });
    expect(lines.length).toBeGreaterThan(200_000);
  });

  it('a JUnit report of one scenario with 200,000 expectations', () => {
    const expectations = Array.from({ length: 200_000 }, (_, i) => ({ description: `e${i}`, passed: true, detail: '' }));
    const report = { file: 'lab.yaml', name: 'big', source: '', description: '', settings: DEFAULT_SETTINGS, setup: [], steps: [{ number: 1, kind: 'check', line: 6, commands: [], output: '', expectations, timeMs: 0 }], passed: 200_000, failed: 0 };
    const xml = junitXml([report as unknown as Parameters<typeof junitXml>[0][0]]);
    expect(xml.split('<testcase ').length - 1).toBe(200_000);
  });
});
