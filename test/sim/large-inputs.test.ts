/**
 * No spread of an unbounded array into a call (issue 9 §2: `Math.max(...rows)` overflowed the
 * stack for `vrsim contrail` with ~60,000 rules): the contrail box table and ping's rtt summary
 * take inputs far past the engine's argument limit.
 */
import { describe, expect, it } from 'vitest';
import { boxTable } from '../../src/report/contrail-view.js';
import { appendAll } from '../../src/report/append-all.js';
import { rttSummary } from '../../src/sim/apps/ping.js';

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
