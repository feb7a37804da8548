/**
 * `vrsim vrouter <node> flow -s`: the screens of utils/flow.c `flow_stats`, one per 500 ms of
 * virtual time over the run (golden), with counts that are the table's (the last screen's
 * totals are the entries `flows` lists) and the source's rate arithmetic (0 on the first
 * screen, entries per second between screens).
 */
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { renderFlowStats } from '../../src/report/vrouter/flow-stats.js';
import { expectGolden } from '../support/golden.js';

const M = 'scenarios/book-ch8/manifests';
const DENYALL = `${M}/variants/policy2-egress-denyall.yaml`;

function screens(text: string): string[] {
  return text.split(/(?=^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+0000$)/m);
}

describe('flow -s over virtual time', () => {
  it('the denied curl on cent333: one screen per 500 ms, ending with the two D entries (golden)', async () => {
    const r = await cli('vrouter', 'cent333', 'flow', '-s', '-f', M, '-f', DENYALL, '-t', 'dev/dbserver-dev->dev/client1-dev:80');
    expect(r.code).toBe(0);
    expectGolden('cli-vrouter-flow-s-book-cent333.txt', r.out);
    const all = screens(r.out);
    // curl -m 5: the run lasts 5 s of virtual time, 0 ms .. 5000 ms.
    expect(all.length).toBe(11);
    expect(all[0]!.startsWith('1970-01-01 00:00:00 +0000\nFlow Statistics\n---------------\n')).toBe(true);
    expect(all[0]).toContain('        current rate      =        0\n');
    const last = all[all.length - 1]!;
    expect(last).toContain('    Total  Entries  --- Total =       2, new =       0 \n');
    expect(last).toContain('    drop flow Entries - Total =       2\n');
    const flows = await cli('flows', '-f', M, '-f', DENYALL, '-t', 'dev/dbserver-dev->dev/client1-dev:80', '--node', 'cent333');
    expect(flows.out.match(/^\s+\d+<=>\d+/gm)).toHaveLength(2);
  });

  it('rates are entries per second between screens; setup averages count intervals above 1000/s', () => {
    const zero = { hold: 0, fwd: 0, drop: 0, nat: 0 };
    const text = renderFlowStats([
      { timeMs: 0, total: 0, active: 0, ...zero },
      { timeMs: 500, total: 1000, active: 1000, ...zero, fwd: 1000 },
      { timeMs: 1000, total: 1000, active: 1000, ...zero, fwd: 1000 },
      { timeMs: 1500, total: 0, active: 0, ...zero },
    ]);
    const s = screens(text);
    expect(s[1]).toContain('    Active Entries  --- Total =    1000, new =    1000 \n');
    expect(s[1]).toContain('        current rate      =     2000\n        Avg setup rate    =     2000\n        Avg teardown rate =        0\n');
    expect(s[2]).toContain('        current rate      =        0\n        Avg setup rate    =     2000\n');
    expect(s[3]).toContain('        current rate      =    -2000\n        Avg setup rate    =     2000\n        Avg teardown rate =     2000\n');
    expect(s[3]).toContain('    Rate of change of Flow Entries\n    ------------------------------\n        current rate      =    -2000\n');
  });
});
