/**
 * Scenario files are read as manifests are (issue 9 §3): YAML 1.1 scalars as kubectl reads
 * them, so `hosts: yes` is the boolean it is in a manifest (it was refused as the string
 * "yes" while `hostNetwork: yes` was accepted), and the nesting bound applies before the YAML
 * is composed (a 5000-deep step read "malformed YAML: Maximum call stack size exceeded").
 */
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, isInputError } from '../../src/model/diagnostics.js';
import { parseScenario } from '../../src/scenario/parse-scenario.js';
import type { Step } from '../../src/scenario/types.js';

const PODS = 'apiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: default}\nspec: {nodeName: cent222}\n';

function parse(step: string): Step[] | string[] {
  const text = `name: t\nsource: unit test\nresources:\n  - file: pods.yaml\nsteps:\n  - ${step}\n`;
  try {
    return [...parseScenario({ file: 'lab.yaml', text }, (rel) => (rel === 'pods.yaml' ? { file: rel, text: PODS } : undefined)).steps];
  } catch (e) {
    if (isInputError(e)) return e.diagnostics.map(formatDiagnostic);
    throw e;
  }
}

describe('scenario YAML is read as manifests are', () => {
  it.each([
    ['reach: { hosts: yes }', true],
    ['reach: { hosts: on }', true],
    ['reach: { hosts: Y }', true],
    ['reach: { hosts: no }', false],
    ['reach: { hosts: off }', false],
    ['reach: { hosts: true }', true],
  ])('%s: hosts is %s (YAML 1.1 booleans, as kubectl)', (step, hosts) => {
    const steps = parse(step);
    expect(steps).toHaveLength(1);
    expect((steps[0] as Extract<Step, { kind: 'reach' }>).hosts).toBe(hosts);
  });

  it.each([
    ['background: { name: p, from: default/a, to: 10.0.0.1, keepAlive: yes }', (s: Step) => (s as Extract<Step, { kind: 'background' }>).keepAlive, true],
    // 010 is octal in YAML 1.1 (go-yaml v2): port 8.
    ['udp: { from: default/a, to: 10.0.0.1, port: 010 }', (s: Step) => (s as Extract<Step, { kind: 'udp' }>).port, 8],
  ] as const)('%s', (step, read, value) => {
    const steps = parse(step) as Step[];
    expect(read(steps[0]!)).toBe(value);
  });

  it.each([
    // Unquoted, `yes` is a boolean in a note as in a label value: quote it to mean the word.
    ['note: yes', 'note: yes', 'lab.yaml:6: steps[0].note: expected a string, got the boolean true'],
    ['5000 nested lists', `note: ${'['.repeat(5000)}${']'.repeat(5000)}`, 'lab.yaml:6: nesting deeper than 100 levels; vrsim reads at most 100 (no Kubernetes object needs more)'],
    ['101 nested maps', `note: ${'{a: '.repeat(101)}x${'}'.repeat(101)}`, 'lab.yaml:6: nesting deeper than 100 levels; vrsim reads at most 100 (no Kubernetes object needs more)'],
  ])('refuses %s', (_label, step, message) => {
    expect(parse(step)).toEqual([message]);
  });
});
