/**
 * The dry run refuses, before anything runs, endpoints that cannot be (issue 9 §2): a source
 * address nobody owns, and `999.1.1.1`, `10.1.1`, `dev:web` as addresses, each with
 * file:line: field: message. A ping of up to the parser's 1000 requests runs to the end
 * instead of crashing on the old 600 s operation limit.
 */
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, isInputError } from '../../src/model/diagnostics.js';
import { parseScenario } from '../../src/scenario/parse-scenario.js';
import { runScenario } from '../../src/scenario/runner.js';
import { defaultViews } from '../../src/scenario/default-views.js';
import { createClusterSim } from '../../src/scenario/sim-factory.js';

const PODS = `apiVersion: v1
kind: Pod
metadata: {name: a, namespace: default, labels: {app: a}}
spec: {nodeName: cent222}
---
apiVersion: v1
kind: Pod
metadata: {name: b, namespace: default, labels: {app: b}}
spec: {nodeName: cent333}
`;

function scenario(step: string) {
  const text = `name: t\nsource: unit test\nresources:\n  - file: pods.yaml\nsteps:\n  - ${step}\n`;
  return parseScenario({ file: 'lab.yaml', text }, (rel) => (rel === 'pods.yaml' ? { file: rel, text: PODS } : undefined));
}

function refusal(step: string): string[] {
  try {
    runScenario(scenario(step), createClusterSim, { views: defaultViews });
  } catch (e) {
    if (isInputError(e)) return e.diagnostics.map(formatDiagnostic);
    throw e;
  }
  throw new Error('expected the scenario to be refused');
}

describe('scenario dry run', () => {
  it.each([
    ['curl: { from: 10.9.9.9, to: default/b }', 'lab.yaml:6: steps[0].curl.from: source address 10.9.9.9 belongs to no pod or node at this step; a source must be ns/pod, node/<name> or the address of one'],
    ['curl: { from: default/a, to: 999.1.1.1 }', 'lab.yaml:6: steps[0].curl.to: "999.1.1.1" is not a valid IP address; expected ns/pod, node/<name> or an IP address'],
    ['ping: { from: default/a, to: 10.1.1 }', 'lab.yaml:6: steps[0].ping.to: "10.1.1" is not a valid IP address; expected ns/pod, node/<name> or an IP address'],
    ["udp: { from: default/a, to: 'dev:web', port: 53 }", 'lab.yaml:6: steps[0].udp.to: "dev:web" is not a valid IP address; expected ns/pod, node/<name> or an IP address'],
  ])('refuses %s', (step, message) => {
    expect(refusal(step)).toEqual([message]);
  });

  it('accepts a source given as a pod\'s address, and an outside destination address', () => {
    const report = runScenario(scenario('curl: { from: 10.47.255.252, to: 8.8.8.8, maxTime: 1, expect: timeout }'), createClusterSim, { views: defaultViews });
    expect(report.failed).toBe(0);
  });

  it('runs a 1000-request ping to the end (1000 s of virtual time)', () => {
    const report = runScenario(scenario('ping: { from: default/a, to: default/b, count: 1000, expect: success }'), createClusterSim, { views: defaultViews });
    expect(report.failed).toBe(0);
    expect(JSON.stringify(report)).toContain('1000 packets transmitted, 1000 received, 0% packet loss, time 999000ms');
  });
});
