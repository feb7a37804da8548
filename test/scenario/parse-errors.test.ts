import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/parse-scenario.js';
import { planScenario } from '../../src/scenario/plan.js';
import { InputError, formatDiagnostic } from '../../src/model/diagnostics.js';

const MANIFEST = `apiVersion: v1
kind: Namespace
metadata: { name: dev }
---
apiVersion: v1
kind: Pod
metadata: { name: client, namespace: dev, labels: { app: client } }
spec: { nodeName: cent222 }
status: { podIP: 10.47.255.232 }
`;

const BAD_POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: p, namespace: dev }
spec:
  podSelector: {}
  policyTypes: [Ingres]
`;

const FILES: Record<string, string> = { 'm.yaml': MANIFEST, 'bad-policy.yaml': BAD_POLICY };
const reader = (rel: string) => (FILES[rel] === undefined ? undefined : { file: rel, text: FILES[rel] });

/** A scenario whose line 6 is the step under test. */
function lab(step: string, settings = ''): string {
  return `name: t\nsource: test\n${settings === '' ? '' : `settings: ${settings}\n`}resources: [ { file: m.yaml } ]\nsteps:\n  - note: first\n${step}\n`;
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

describe('scenario errors name the file, line, field and what was expected', () => {
  const cases: [string, string, string][] = [
    ['unknown step kind', lab('  - curll: { from: dev/client, to: 10.0.0.1 }'), 'lab.yaml:6: steps[1]: unknown step kind "curll"; expected one of note, apply, delete, label, curl, ping, udp, sctp, background, stop, wait, check, reach, diff, flows, vrouter (did you mean "curl"?)'],
    ['unknown expectation', lab('  - curl: { from: dev/client, to: 10.0.0.1, expect: sucess }'), 'lab.yaml:6: steps[1].curl.expect: "sucess" is not one of success, timeout, refused (did you mean "success"?)'],
    ['unknown field', lab('  - curl: { from: dev/client, to: 10.0.0.1, maxtime: 5 }'), 'lab.yaml:6: steps[1].curl.maxtime: unknown field; expected one of from, to, port, url, maxTime, expect (did you mean "maxTime"?)'],
    ['wrong type', lab('  - ping: { from: dev/client, to: 10.0.0.1, count: three }'), 'lab.yaml:6: steps[1].ping.count: expected an integer, got the string "three"'],
    ['bad duration', lab('  - wait: 10 seconds'), 'lab.yaml:6: steps[1].wait: "10 seconds" is not a duration; expected a number with a unit such as 500ms, 5s or 2m'],
    ['unknown setting value', lab('  - wait: 1s', '{ enforcement: stateful }'), 'lab.yaml:3: settings.enforcement: "stateful" is not one of flow, packet, none'],
    ['missing included file', lab('  - apply: policy9.yaml'), 'lab.yaml:6: steps[1].apply: cannot read manifest file "policy9.yaml" (paths are relative to the scenario file)'],
    ['missing pod', lab('  - curl: { from: dev/client2, to: dev/client, expect: success }'), 'lab.yaml:6: steps[1].curl.from: source pod "dev/client2" does not exist at this step (pods: dev/client)'],
    ['missing node', lab('  - flows: { node: cent444, expect: none }'), 'lab.yaml:6: steps[1].flows.node: node "cent444" does not exist (nodes: cent222, cent333)'],
    ['not an endpoint', lab('  - ping: { from: client, to: 10.0.0.1 }'), 'lab.yaml:6: steps[1].ping.from: "client" is not an endpoint; expected ns/pod, node/<name> or an IP address'],
    ['check of an unknown poller', lab('  - check: { background: c1, expect: responses }'), 'lab.yaml:6: steps[1].check.background: no background poller named "c1" is running at this step (start one with a background step)'],
    ['bad manifest passes its own location through', lab('  - apply: bad-policy.yaml'), 'bad-policy.yaml:6: spec.policyTypes[0]: "Ingres" is not a valid policy type: expected Ingress or Egress'],
    ['delete of something absent', lab('  - delete: { kind: NetworkPolicy, namespace: dev, name: policy2 }'), 'lab.yaml:6: steps[1].delete: cannot delete NetworkPolicy dev/policy2: not found'],
    ['two keys in a step', lab('  - wait: 1s\n    note: x'), 'lab.yaml:6: steps[1]: a step is a mapping with exactly one key, the step kind (one of note, apply, delete, label, curl, ping, udp, sctp, background, stop, wait, check, reach, diff, flows, vrouter)'],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    expect(messages(text)).toContain(expected);
  });

  it('a pod deleted by an earlier step is missing for later steps (dry pass on the model)', () => {
    const text = lab('  - delete: { kind: Pod, namespace: dev, name: client }\n  - ping: { from: dev/client, to: 10.0.0.1 }');
    expect(messages(text)).toEqual(['lab.yaml:7: steps[2].ping.from: source pod "dev/client" does not exist at this step (pods: none)']);
  });

  it('collects every problem before throwing', () => {
    const text = lab('  - wait: soon\n  - curl: { from: dev/nobody, to: 10.0.0.1, expect: ok }');
    expect(messages(text)).toHaveLength(2);
  });

  it('required top-level fields', () => {
    expect(messages('steps: []\n')).toEqual([
      'lab.yaml:1: name: required field is missing; expected a title for the scenario',
      'lab.yaml:1: source: required field is missing; expected where the lab comes from (book, blog, course)',
    ]);
  });

  it('inline manifests keep the scenario line numbers', () => {
    const text = `name: t\nsource: test\nresources:\n  - inline: |\n      apiVersion: v1\n      kind: Namespace\n      metadata: { name: Dev }\nsteps: []\n`;
    const m = messages(text);
    expect(m.length).toBe(1);
    expect(m[0]).toMatch(/^lab\.yaml:7: metadata\.name: /);
  });

  it('a valid scenario parses with defaults', () => {
    const s = parseScenario({ file: 'lab.yaml', text: lab('  - curl: { from: dev/client, to: dev/client }', '{ policyChange: keep, seed: 9 }') }, reader);
    expect(s.settings.policyChange).toBe('keep');
    expect(s.settings.seed).toBe(9);
    expect(s.settings.enforcement).toBe('flow');
    const curl = s.steps[1];
    expect(curl?.kind === 'curl' && curl.maxTimeSeconds).toBe(5);
  });

  it('settings.agent.maxFlows sets the per-interface flow limit; a negative one is refused where it is', () => {
    const s = parseScenario({ file: 'lab.yaml', text: lab('  - wait: 1s', '{ agent: { maxFlows: 6 } }') }, reader);
    expect(s.settings.agent.maxFlowsPerInterface).toBe(6);
    expect(messages(lab('  - wait: 1s', '{ agent: { maxFlows: -1 } }'))).toEqual(['lab.yaml:3: settings.agent.maxFlows: -1 is out of range; expected 0..9007199254740991']);
  });
});
