/**
 * The scenario `diff` step: applies its manifest, compares a reach before and after, and
 * checks the newly blocked / newly allowed lists exactly; located errors for a bad step.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/model/diagnostics.js';
import { parseScenario } from '../../src/scenario/parse-scenario.js';
import { runScenario } from '../../src/scenario/runner.js';
import { defaultViews } from '../../src/scenario/default-views.js';
import { createClusterSim } from '../../src/scenario/sim-factory.js';
import { readFileSync } from 'node:fs';

const read = (rel: string): { file: string; text: string } | undefined => ({ file: rel, text: readFileSync(`scenarios/${rel}`, 'utf8') });

function scenario(expect: string, settings = 'enforcement: flow'): string {
  return `name: t
source: test
settings: { ${settings} }
resources:
  - file: blog-calico/manifests.yaml
steps:
  - diff:
      apply: blog-calico/allow-ns-3.yaml
${expect}
  - curl: { from: ns-1/pod1, to: ns-2/pod2, expect: timeout }
`;
}

function run(text: string) {
  return runScenario(parseScenario({ file: 't.yaml', text }, read), createClusterSim, { views: defaultViews });
}

describe('scenario diff step', () => {
  it('passes when the lists match, and the change stays applied for the next steps', () => {
    const r = run(scenario('      expect: { newlyBlocked: ["ns-1/pod1 -> ns-2/pod2 TCP/80"], newlyAllowed: [] }'));
    expect(r.failed).toBe(0);
    expect(r.passed).toBe(3);
    expect(r.steps[0]!.output).toContain('1 of 9 connections changed: 1 newly blocked, 0 newly allowed');
  });

  it('fails naming what is missing and what is extra', () => {
    const r = run(scenario('      expect: { newlyBlocked: ["ns-3/pod3 -> ns-2/pod2 TCP/80"] }'));
    const [blocked, allowed] = r.steps[0]!.expectations;
    expect(blocked!.passed).toBe(false);
    expect(blocked!.actual).toBe('got 1 newly blocked; not newly blocked: ns-3/pod3 -> ns-2/pod2 TCP/80; also newly blocked: ns-1/pod1 -> ns-2/pod2 TCP/80');
    expect(allowed!.passed).toBe(true);
  });

  it('without enforcement nothing changes', () => {
    const r = run(scenario('      expect: { newlyBlocked: [], newlyAllowed: [] }', 'enforcement: none').replace('expect: timeout', 'expect: success'));
    expect(r.failed).toBe(0);
    expect(r.steps[0]!.output).toContain('no connection changed (9 compared)');
  });

  it.each([
    ['      expect: { newlyBlocked: ["pod1 to pod2"] }', 't.yaml:9: steps[0].diff.expect.newlyBlocked: expected connections written "ns/pod -> ns/pod TCP/80", got the string "pod1 to pod2"'],
    ['      expect: { blocked: [] }', 't.yaml:9: steps[0].diff.expect.blocked: unknown field; expected one of newlyBlocked, newlyAllowed'],
  ])('bad step %s is a located error', (expectText, message) => {
    try {
      run(scenario(expectText));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      const text = (e as InputError).diagnostics.map((d) => `${d.file}:${d.line}: ${d.path}: ${d.message}`).join('\n');
      expect(text).toContain(message);
    }
  });

  it('apply is required', () => {
    expect(() => run(scenario('').replace('      apply: blog-calico/allow-ns-3.yaml\n', '      ports: [80]\n'))).toThrow(InputError);
  });
});
