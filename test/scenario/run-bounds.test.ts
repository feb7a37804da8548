/**
 * The bounds of a run (issue 9 §3, src/sim/limits.ts): a duration is a whole number of
 * milliseconds up to 24 h, exactly as written (`wait: 100000000000000000000s` used to be
 * accepted and the clock lost precision); waits and pauses past 24 h of virtual time, or more
 * poller requests than a run may simulate events, are refused by the dry run; a run that
 * passes a bound while running stops with a located error naming the step, prints no
 * transcript, and exits 2; a long run is announced before it starts.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { formatDiagnostic, isInputError } from '../../src/model/diagnostics.js';
import type { Diagnostic } from '../../src/model/types.js';
import { parseScenario } from '../../src/scenario/parse-scenario.js';
import { runScenario } from '../../src/scenario/runner.js';
import { planScenario } from '../../src/scenario/plan.js';
import { defaultViews } from '../../src/scenario/default-views.js';
import { createClusterSim } from '../../src/scenario/sim-factory.js';
import { ClusterSim } from '../../src/sim/cluster/cluster-sim.js';
import { SimulationLimitError } from '../../src/sim/limit-error.js';
import { EventLoop } from '../../src/sim/event-loop.js';
import { readDurationMs } from '../../src/scenario/duration.js';
import { cli } from '../support/cli.js';

const PODS = `apiVersion: v1
kind: Pod
metadata: {name: a, namespace: default, labels: {app: a}}
spec: {nodeName: cent222, containers: [{name: web, ports: [{containerPort: 80}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: b, namespace: default, labels: {app: b}}
spec: {nodeName: cent333, containers: [{name: web, ports: [{containerPort: 80}]}]}
`;

/** A scenario whose steps start at line 6. */
function text(steps: readonly string[]): string {
  return `name: t\nsource: unit test\nresources:\n  - file: pods.yaml\nsteps:\n${steps.map((s) => `  - ${s}\n`).join('')}`;
}

function scenario(steps: readonly string[]) {
  return parseScenario({ file: 'lab.yaml', text: text(steps) }, (rel) => (rel === 'pods.yaml' ? { file: rel, text: PODS } : undefined));
}

function refusal(steps: readonly string[]): string[] {
  try {
    runScenario(scenario(steps), createClusterSim, { views: defaultViews });
  } catch (e) {
    if (isInputError(e)) return e.diagnostics.map(formatDiagnostic);
    throw e;
  }
  throw new Error('expected the scenario to be refused');
}

const POLLER = 'background: { name: p, from: default/a, to: default/b, every: 1ms }';

describe('durations', () => {
  it.each([
    ['wait: 100000000000000000000s', 'lab.yaml:6: steps[0].wait: "100000000000000000000s" is longer than a run may simulate; expected a duration up to 1440m (24 hours of virtual time, docs/limits.md)'],
    ['wait: 1e30', 'lab.yaml:6: steps[0].wait: the number 1e+30 is longer than a run may simulate; expected a duration up to 1440m (24 hours of virtual time, docs/limits.md)'],
    ['wait: 1441m', 'lab.yaml:6: steps[0].wait: "1441m" is longer than a run may simulate; expected a duration up to 1440m (24 hours of virtual time, docs/limits.md)'],
    ['wait: 1.5ms', 'lab.yaml:6: steps[0].wait: "1.5ms" is not a whole number of milliseconds (the scenario clock\'s unit); expected e.g. 1ms, 1500ms or 1.5s'],
    ['wait: 0.0001s', 'lab.yaml:6: steps[0].wait: "0.0001s" is not a whole number of milliseconds (the scenario clock\'s unit); expected e.g. 1ms, 1500ms or 1.5s'],
    ['wait: 0.0000001', 'lab.yaml:6: steps[0].wait: the number 1e-7 is not a whole number of milliseconds (the scenario clock\'s unit); expected e.g. 1ms, 1500ms or 1.5s'],
    // More digits than a double holds: read exactly, it is not a whole number of milliseconds.
    ['wait: 1.00000000000000000001s', 'lab.yaml:6: steps[0].wait: "1.00000000000000000001s" is not a whole number of milliseconds (the scenario clock\'s unit); expected e.g. 1ms, 1500ms or 1.5s'],
    ['background: { name: p, from: default/a, to: default/b, every: 0.5ms }', 'lab.yaml:6: steps[0].background.every: "0.5ms" is not a whole number of milliseconds (the scenario clock\'s unit); expected e.g. 1ms, 1500ms or 1.5s'],
    ['curl: { from: default/a, to: default/b, maxTime: 9999999999999999999999s }', 'lab.yaml:6: steps[0].curl.maxTime: "9999999999999999999999s" is longer than a run may simulate; expected a duration up to 1440m (24 hours of virtual time, docs/limits.md)'],
  ])('refuses %s', (step, message) => {
    expect(refusal([step])).toEqual([message]);
  });

  it.each([
    ['1.5s', 1500],
    ['1.500s', 1500],
    ['0.25m', 15_000],
    [0.25, 250],
    [1.005, 1005],
    ['1440m', 86_400_000],
    [86_400, 86_400_000],
  ] as const)('reads %s exactly as %d ms', (value, ms) => {
    expect(readDurationMs(value)).toEqual({ kind: 'ok', ms });
  });
});

describe('the dry run refuses a scenario certain to pass a bound', () => {
  it.each([
    [['wait: 1440m', 'wait: 1s'], ['lab.yaml:7: steps[1].wait: the waits and pauses reach 86401s of virtual time by the end of this step, past the 1440m (24 hours) one run may simulate (docs/limits.md)']],
    // The 1 s pause after each reach counts too: the 61st crosses 24 h.
    [['wait: 1439m', ...Array.from({ length: 61 }, () => 'reach: {}')], ['lab.yaml:67: steps[61].reach: the waits and pauses reach 86401s of virtual time by the end of this step, past the 1440m (24 hours) one run may simulate (docs/limits.md)']],
    [
      [POLLER, 'wait: 200m'],
      ['lab.yaml:7: steps[1].wait: the background pollers send 12,001,001 requests by the end of this step, each at least one event, past the 5,000,000 events one run may simulate (docs/limits.md); poll less often (every:), wait less, or stop pollers sooner'],
    ],
  ])('%j', (steps, messages) => {
    expect(refusal(steps)).toEqual(messages);
  });

  it('counts a stopped poller only until its stop', () => {
    // Started at 0, then the step's 1 s pause and 80 m: 4,801,001 requests; the 1000 m after the stop cost nothing.
    expect(planScenario(scenario([POLLER, 'wait: 80m', 'stop: p', 'wait: 1000m'])).runWarnings.map((w) => w.message)).toEqual([
      'a long run: 1 background poller sends about 4,801,001 requests over 64802s of virtual time, about 139,229,029 simulated events; it will likely stop at the bound of 5,000,000 events per run (docs/limits.md)',
    ]);
    expect(refusal([POLLER, 'wait: 100m', 'stop: p', 'wait: 1000m'])[0]).toMatch(/^lab\.yaml:7: steps\[1\]\.wait: the background pollers send 6,001,001 requests/);
  });
});

describe('a run that passes a bound while running', () => {
  it('stops at the event bound with the step that ran into it (the loop bounded low to keep the test short)', () => {
    const small = (cluster: Parameters<typeof createClusterSim>[0], settings: Parameters<typeof createClusterSim>[1]) => {
      const sim = new ClusterSim(cluster, settings);
      sim.wiring.loop.setLimits({ maxEvents: 2000, maxTimeUs: 86_400_000_000 });
      return sim;
    };
    let caught: unknown;
    try {
      runScenario(scenario(['note: start', 'background: { name: p, from: default/a, to: default/b, every: 100ms }', 'wait: 60s']), small, { views: defaultViews });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(SimulationLimitError);
    expect((caught as Error).message).toMatch(/^lab\.yaml:8: steps\[2\]\.wait: the simulation reached 2,000 events, the most one run may simulate \(docs\/limits\.md\), at \d+(\.\d+)? s of virtual time; poll less often/);
  });

  it('the event loop refuses the event past its bounds and runs everything before them', () => {
    const loop = new EventLoop(1);
    loop.setLimits({ maxEvents: 3, maxTimeUs: 1_000_000 });
    const ran: number[] = [];
    for (let i = 1; i <= 5; i++) loop.at(i, () => ran.push(i));
    expect(() => loop.run(10)).toThrow(SimulationLimitError);
    expect(ran).toEqual([1, 2, 3]);
    const timed = new EventLoop(1);
    timed.setLimits({ maxEvents: 100, maxTimeUs: 1_000_000 });
    timed.at(999_999, () => ran.push(0));
    timed.at(1_000_001, () => ran.push(-1));
    expect(() => timed.run(2_000_000)).toThrow(/would pass 1 s of virtual time \(to 1\.000001 s\)/);
    expect(ran).toEqual([1, 2, 3, 0]);
    expect(() => new EventLoop(1).run(10 ** 18)).not.toThrow();
  });

  it('vrsim run: a curl that would run past 24 h of virtual time is a located error, exit 2, nothing on stdout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrsim-bounds-'));
    writeFileSync(join(dir, 'pods.yaml'), PODS);
    writeFileSync(join(dir, 'lab.yaml'), text(['wait: 1438m', 'curl: { from: default/a, to: 8.8.8.8, maxTime: 600s }']));
    const run = await cli('run', resolve(dir, 'lab.yaml'));
    expect(run.code).toBe(2);
    expect(run.out).toBe('');
    expect(run.err).toBe(`${resolve(dir, 'lab.yaml')}:7: steps[1].curl: the simulation would pass 86400 s of virtual time (to 86400.001 s), the longest one run may simulate (docs/limits.md); wait less\n`);
  });
});

describe('a long run is announced before it starts', () => {
  it('warns, located at the first poller, before the simulation is created', () => {
    const events: string[] = [];
    const warn = (w: Diagnostic): void => void events.push(formatDiagnostic(w));
    const created = (): never => {
      events.push('sim created');
      // Stop right away: the test is about the order, not the long run.
      throw new Error('stop here');
    };
    expect(() => runScenario(scenario(['note: start', 'background: { name: p, from: default/a, to: default/b, every: 10ms }', 'wait: 10m']), created, { views: defaultViews, warn })).toThrow('stop here');
    expect(events).toEqual([
      'lab.yaml:7: warning: steps[1].background: a long run: 1 background poller sends about 60,101 requests over 601s of virtual time, about 1,742,929 simulated events (the bound is 5,000,000 per run, docs/limits.md)',
      'sim created',
    ]);
  });

  it('says when the run will likely stop at the event bound', () => {
    const seen: string[] = [];
    expect(() =>
      runScenario(scenario([POLLER, 'wait: 60m']), () => { throw new Error('stop here'); }, { views: defaultViews, warn: (w) => void seen.push(w.message) }),
    ).toThrow('stop here');
    expect(seen).toEqual(['a long run: 1 background poller sends about 3,601,001 requests over 3601s of virtual time, about 104,429,029 simulated events; it will likely stop at the bound of 5,000,000 events per run (docs/limits.md)']);
  });

  it('says nothing for the shipped scenarios', () => {
    const seen: string[] = [];
    expect(() => runScenario(scenario(['note: start', 'background: { name: p, from: default/a, to: default/b, every: 1s }', 'wait: 10s']), () => { throw new Error('stop here'); }, { views: defaultViews, warn: (w) => void seen.push(w.message) })).toThrow('stop here');
    expect(seen).toEqual([]);
  });
});
