/**
 * The scenario `vrouter` step: located errors for bad fields, the command and output a user
 * sees, counters and texts judged (a wrong value or name fails with what the tool showed),
 * `dropstats --clear`, and `run -o json` carrying every node's dropstats and the step's data.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { InputError, formatDiagnostic } from '../../src/model/diagnostics.js';
import { defaultViews } from '../../src/scenario/default-views.js';
import { parseScenario } from '../../src/scenario/parse-scenario.js';
import { planScenario } from '../../src/scenario/plan.js';
import { runScenario } from '../../src/scenario/runner.js';
import { FakeSim } from './fake-sim.js';

const MANIFEST = `apiVersion: v1
kind: Namespace
metadata: { name: dev }
---
apiVersion: v1
kind: Pod
metadata: { name: client, namespace: dev, labels: { app: client } }
spec: { nodeName: cent222 }
status: { podIP: 10.47.255.232 }
---
apiVersion: v1
kind: Node
metadata: { name: cent333 }
status: { addresses: [ { type: InternalIP, address: 10.169.25.21 } ] }
`;
const reader = (rel: string) => (rel === 'm.yaml' ? { file: rel, text: MANIFEST } : undefined);

/** A scenario whose line 6 is the step under test. */
function lab(step: string): string {
  return `name: t\nsource: test\nresources: [ { file: m.yaml } ]\nsteps:\n  - note: first\n${step}\n`;
}

function messages(text: string): string[] {
  try {
    planScenario(parseScenario({ file: 'lab.yaml', text }, reader));
  } catch (e) {
    if (e instanceof InputError) return e.diagnostics.map(formatDiagnostic);
    throw e;
  }
  return [];
}

describe('vrouter step: bad fields are located errors', () => {
  it.each([
    ['unknown tool', '  - vrouter: { node: cent222, tool: dropstat }', 'lab.yaml:6: steps[1].vrouter.tool: "dropstat" is not one of dropstats, vif, nh, rt, mpls, flow (did you mean "dropstats"?)'],
    ['missing tool', '  - vrouter: { node: cent222 }', 'lab.yaml:6: steps[1].vrouter.tool: required field is missing; expected dropstats, vif, nh, rt, mpls, flow'],
    ['unknown node', '  - vrouter: { node: cent444, tool: dropstats }', 'lab.yaml:6: steps[1].vrouter.node: node "cent444" does not exist (nodes: cent222, cent333)'],
    ['unknown field', '  - vrouter: { node: cent222, tool: vif, gett: 3 }', 'lab.yaml:6: steps[1].vrouter.gett: unknown field; expected one of node, tool, get, vrf, clear, showEvicted, expect (did you mean "get"?)'],
    ['field of another tool', '  - vrouter: { node: cent222, tool: rt, vrf: 5, showEvicted: true }', 'lab.yaml:6: steps[1].vrouter.showEvicted: rt does not take showEvicted (it takes vrf, get)'],
    ['rt get without a prefix length', '  - vrouter: { node: cent222, tool: rt, vrf: 5, get: 10.47.255.232 }', 'lab.yaml:6: steps[1].vrouter.get: expected <IPv4 address>/<prefix length>, e.g. 10.47.255.232/32 (rt --get needs the length, and vrsim\'s VRFs hold inet4 routes only), got "10.47.255.232"'],
    ['rt without vrf', '  - vrouter: { node: cent222, tool: rt }', 'lab.yaml:6: steps[1].vrouter.vrf: required field is missing; expected the VRF to dump, e.g. 5'],
    ['negative index', '  - vrouter: { node: cent222, tool: vif, get: -1 }', 'lab.yaml:6: steps[1].vrouter.get: -1 is out of range; expected 0..4294967295'],
    ['flow without index', '  - vrouter: { node: cent222, tool: flow }', 'lab.yaml:6: steps[1].vrouter.get: required field is missing; expected the flow index (flow --get)'],
    ['counters on a tool without', '  - vrouter: { node: cent222, tool: nh, expect: { counters: { x: 1 } } }', 'lab.yaml:6: steps[1].vrouter.expect.counters: nh has no counters to check (dropstats and vif with get have); use contains'],
    ['bad counter value', '  - vrouter: { node: cent222, tool: dropstats, expect: { counters: { Flow Action Drop: three } } }', 'lab.yaml:6: steps[1].vrouter.expect.counters.Flow Action Drop: expected a counter value (a non-negative integer), got the string "three"'],
    ['expect on clear', '  - vrouter: { node: cent222, tool: dropstats, clear: true, expect: { contains: x } }', 'lab.yaml:6: steps[1].vrouter.expect: dropstats --clear prints no counters to check; add a dropstats step after it'],
  ])('%s', (_name, step, expected) => {
    expect(messages(lab(step))).toContain(expected);
  });
});

describe('vrouter step: run', () => {
  function run(step: string) {
    const scenario = parseScenario({ file: 'lab.yaml', text: lab(step) }, reader);
    const sims: FakeSim[] = [];
    const report = runScenario(scenario, (c, s) => {
      const sim = new FakeSim(c, s);
      sims.push(sim);
      return sim;
    }, { views: defaultViews });
    return { report, sim: sims[0]! };
  }

  it('shows the command a user types and judges counters and texts', () => {
    const { report } = run('  - vrouter: { node: cent222, tool: dropstats, expect: { counters: { Flow Action Drop: 0, Flow Actoin Drop: 0, Invalid NH: 1 }, contains: ["Flow Action Drop              0", "nope"] } }');
    const step = report.steps[1]!;
    expect(step.commands).toEqual(['[root@cent222 ~]# docker exec -it vrouter_vrouter-agent_1 dropstats']);
    expect(step.output.startsWith('Invalid IF                    0\n')).toBe(true);
    expect(step.expectations.map((e) => [e.description, e.passed, e.actual])).toEqual([
      ['expected Flow Action Drop 0', true, undefined],
      ['expected Flow Actoin Drop 0', false, 'no counter named "Flow Actoin Drop" (did you mean "Flow Action Drop"?)'],
      ['expected Invalid NH 1', false, 'got 0'],
      ['expected the output to contain "Flow Action Drop              0"', true, undefined],
      ['expected the output to contain "nope"', false, 'not in the output'],
    ]);
    expect(report.failed).toBe(3);
  });

  it('dropstats --clear resets the node\'s counters', () => {
    const { report, sim } = run('  - vrouter: { node: cent222, tool: dropstats, clear: true }');
    expect(report.steps[1]!.commands).toEqual(['[root@cent222 ~]# docker exec -it vrouter_vrouter-agent_1 dropstats --clear']);
    expect(report.steps[1]!.output).toBe('\nDropstats counters cleared successfully on all cores ');
    expect(sim.calls).toContain('clearDropStats cent222');
  });

  it('a request the node cannot answer fails the step with the tool\'s message', () => {
    const { report } = run('  - vrouter: { node: cent222, tool: vif, get: 9 }');
    expect(report.steps[1]!.expectations).toEqual([{ description: 'expected the tool to run', passed: false, actual: 'vif --get 9: no interface vif0/9 on cent222 (interfaces: none)', line: 6 }]);
  });
});

describe('vrouter step: rt --get', () => {
  it('runs as the user types it, and names the VRF a node lacks', () => {
    const scenario = parseScenario({ file: 'lab.yaml', text: lab('  - vrouter: { node: cent222, tool: rt, vrf: 5, get: 10.47.255.232/32 }') }, reader);
    const report = runScenario(scenario, (c, s) => new FakeSim(c, s), { views: defaultViews });
    expect(report.steps[1]!.commands).toEqual(['[root@cent222 ~]# docker exec -it vrouter_vrouter-agent_1 rt --get 10.47.255.232/32 --vrf 5']);
    expect(report.steps[1]!.expectations[0]!.actual).toBe('rt --get 10.47.255.232/32 --vrf 5: no VRF 5 on cent222 (VRFs: none)');
  });
});

describe('run -o json', () => {
  it('carries every node\'s dropstats at the end, and the vrouter step\'s data; the book\'s 3 drops on cent333', async () => {
    let out = '';
    const code = await runCli(['run', 'scenarios/book-ch8.yaml', '-o', 'json'], { stdout: (t) => void (out += t), stderr: () => {}, isTty: false, cwd: process.cwd() });
    expect(code).toBe(0);
    const json = JSON.parse(out) as { dropstats: Record<string, Record<string, number>>; steps: { kind: string; data?: { dropstats?: Record<string, number>; vif?: Record<string, unknown>[] } }[] };
    expect(Object.keys(json.dropstats)).toEqual(['cent222', 'cent333']);
    expect(json.dropstats['cent333']!['Flow Action Drop']).toBe(3);
    const steps = json.steps.filter((s) => s.kind === 'vrouter' && s.data !== undefined);
    expect(steps[0]!.data!.dropstats!['Flow Action Drop']).toBe(3);
    expect(steps[1]!.data!.vif![0]).toMatchObject({ vifr_idx: 4, vifr_name: 'tapeth0-000004', vifr_dpackets: 3 });
  });
});
