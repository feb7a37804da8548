import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/parse-scenario.js';
import { runScenario } from '../../src/scenario/runner.js';
import { renderJson, renderTranscript } from '../../src/scenario/transcript.js';
import { defaultViews } from '../../src/scenario/default-views.js';
import { makeRunCommand } from '../../src/cli/run.js';
import type { CliIo } from '../../src/cli/io.js';
import { FakeSim } from './fake-sim.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MANIFEST = `apiVersion: v1
kind: Namespace
metadata: { name: dev, labels: { project: dev } }
---
apiVersion: v1
kind: Pod
metadata: { name: client, namespace: dev, labels: { app: client } }
spec: { nodeName: cent222 }
status: { podIP: 10.47.255.232 }
---
apiVersion: v1
kind: Pod
metadata: { name: web, namespace: dev, labels: { app: web } }
spec: { nodeName: cent333 }
status: { podIP: 10.47.255.234 }
`;

const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: deny, namespace: dev }
spec:
  podSelector: {}
  policyTypes: [Ingress]
`;

const LAB = `name: Fake lab
source: unit test
settings: { enforcement: flow }
resources:
  - file: lab-manifests.yaml
steps:
  - note: Before any policy
  - curl: { from: dev/client, to: dev/web, maxTime: 5, expect: success }
  - curl: { from: node/cent222, to: dev/web, expect: success }
  - apply: deny.yaml
  - curl: { from: dev/client, to: dev/web, maxTime: 5, expect: timeout }
  - curl: { from: dev/client, to: dev/web, expect: success }
  - flows:
      node: cent333
      match: 10.47.255.232:40002
      expect:
        - { source: "10.47.255.232:*", destination: "10.47.255.234:80", action: D, dropReason: FwPolicy, tcp: S, packets: 3, bytes: 222 }
        - { source: "10.47.255.234:80", destination: "10.47.255.232:40002", action: D, dropReason: Unknown, tcp: Sr }
  - delete: { kind: NetworkPolicy, namespace: dev, name: deny }
  - label: { pod: dev/web, set: { tier: front } }
  - flows: { node: cent222, expect: none }
`;

const FILES: Record<string, string> = { 'lab-manifests.yaml': MANIFEST, 'deny.yaml': POLICY };
const reader = (rel: string) => (FILES[rel] === undefined ? undefined : { file: rel, text: FILES[rel] });

function run(text = LAB, stopAfterStep?: number) {
  const scenario = parseScenario({ file: 'lab.yaml', text }, reader);
  const sims: FakeSim[] = [];
  const report = runScenario(scenario, (c, s) => {
    const sim = new FakeSim(c, s);
    sims.push(sim);
    return sim;
  }, { views: defaultViews, ...(stopAfterStep === undefined ? {} : { stopAfterStep }) });
  return { report, sim: sims[0] };
}

describe('runScenario with a fake ClusterSim', () => {
  it('prints each step as the command a user types, then the output, then the marks', () => {
    const { report } = run();
    const text = renderTranscript(report, { color: false });
    expect(text).toContain('$ kubectl apply -f lab-manifests.yaml\nnamespace/dev created\npod/client created\npod/web created');
    expect(text).toContain('# Before any policy');
    expect(text).toContain('$ kubectl exec -it client -n dev -- curl http://10.47.255.234 -m 5 | w3m -T text/html | grep -v "^$"\nHello\n');
    expect(text).toContain('[root@cent222 ~]# curl http://10.47.255.234 -m 5 | w3m');
    expect(text).toContain('$ kubectl apply -f deny.yaml\nnetworkpolicy.networking.k8s.io/deny created');
    expect(text).toContain(
      '$ kubectl exec -it client -n dev -- curl http://10.47.255.234 -m 5\ncurl: (28) Connection timed out after 5000 milliseconds\ncommand terminated with exit code 28\n  ✔ expected timeout',
    );
    expect(text).toContain('  ✘ expected success, got timeout (curl: (28) Connection timed out after 5000 milliseconds)');
    expect(text).toContain('[root@cent333 ~]# docker exec -it vrouter_vrouter-agent_1 flow --match 10.47.255.232:40002');
    expect(text).toContain('$ kubectl delete networkpolicy deny -n dev\nnetworkpolicy.networking.k8s.io "deny" deleted');
    expect(text).toContain('$ kubectl label pod web -n dev tier=front --overwrite\npod/web labeled');
    expect(text).not.toContain('\u001b[');
    const lines = text.trimEnd().split('\n');
    expect(lines[lines.length - 1]).toBe(`${report.passed} passed, ${report.failed} failed`);
  });

  it('counts passes and failures, flow expectations included', () => {
    const { report } = run();
    expect(report.failed).toBe(1);
    const flows = report.steps.find((s) => s.kind === 'flows');
    expect(flows?.expectations.map((e) => e.passed)).toEqual([true, true, true]);
    expect(report.passed).toBe(3 + 3 + 1);
  });

  it('a wrong flow expectation fails and says what was there instead', () => {
    const { report } = run(LAB.replace('packets: 3, bytes: 222', 'packets: 4, bytes: 296'));
    const flows = report.steps.find((s) => s.kind === 'flows');
    expect(flows?.expectations[0]?.passed).toBe(false);
    expect(flows?.expectations[0]?.actual).toContain('10.47.255.232:40002 -> 10.47.255.234:80, Action:D(FwPolicy), TCP:S, Stats:3/222');
    expect(flows?.expectations[1]?.passed).toBe(true);
    expect(flows?.expectations[2]?.passed).toBe(false); // the forward record is now unclaimed
  });

  it('pushes each model change to the simulation', () => {
    const { sim } = run();
    expect(sim?.calls).toEqual(['updateCluster', 'updateCluster', 'updateCluster']);
  });

  it('--step N stops after step N and dumps every node flow table', () => {
    const { report } = run(LAB, 5);
    expect(report.steps.length).toBe(5);
    expect(report.stoppedAfterStep).toBe(5);
    expect(report.state?.map((s) => s.node)).toEqual(['cent222', 'cent333']);
    const text = renderTranscript(report, { color: false });
    expect(text).toContain('# stopped after step 5 (--step)');
    expect(text).toContain('[root@cent333 ~]# docker exec -it vrouter_vrouter-agent_1 flow -l');
  });

  it('colours marks only when asked', () => {
    const { report } = run();
    expect(renderTranscript(report, { color: true })).toContain('\u001b[32m✔\u001b[0m');
  });

  it('-o json is the whole report', () => {
    const { report } = run();
    const json = JSON.parse(renderJson(report)) as { passed: number; failed: number; steps: { kind: string; commands: string[] }[] };
    expect(json.failed).toBe(1);
    expect(json.steps.map((s) => s.kind)).toEqual(['note', 'curl', 'curl', 'apply', 'curl', 'curl', 'flows', 'delete', 'label', 'flows']);
  });

  it('background pollers and checks over a window', () => {
    const text = `name: poll
source: test
pause: 0s
resources: [ { file: lab-manifests.yaml } ]
steps:
  - background: { name: c, from: dev/client, to: dev/web, port: 8888, every: 1s }
  - wait: 5s
  - check: { background: c, last: 3s, expect: responses }
  - apply: deny.yaml
  - wait: 5s
  - check: { background: c, last: 3s, expect: no-responses }
  - check: { background: c, last: 3s, expect: responses }
`;
    const { report } = run(text);
    expect(report.steps.filter((s) => s.kind === 'check').map((s) => s.expectations[0]?.passed)).toEqual([true, true, false]);
    const rendered = renderTranscript(report, { color: false });
    expect(rendered).toContain('# background "c": dev/client requests http://10.47.255.234:8888 every 1s, opening a new connection each time');
    expect(rendered).toContain('$ kubectl logs client -n dev --since=3s\n[2.002s] response from http://10.47.255.234:8888');
    expect(rendered).toContain('✘ expected responses in the last 3s, got 3 requests sent, 0 responses in the last 3s');
  });
});

describe('vrsim run (command)', () => {
  function io(): CliIo & { out: string; err: string } {
    const s = { out: '', err: '', isTty: false, cwd: dir } as CliIo & { out: string; err: string };
    s.stdout = (t: string) => void (s.out += t);
    s.stderr = (t: string) => void (s.err += t);
    return s;
  }
  const dir = mkdtempSync(join(tmpdir(), 'vrsim-run-'));
  for (const [name, body] of Object.entries(FILES)) writeFileSync(join(dir, name), body);
  writeFileSync(join(dir, 'lab.yaml'), LAB);
  writeFileSync(join(dir, 'ok.yaml'), LAB.replace('  - curl: { from: dev/client, to: dev/web, expect: success }\n', ''));
  writeFileSync(join(dir, 'bad.yaml'), LAB.replace('expect: timeout', 'expect: tiemout'));
  const command = makeRunCommand((c, s) => new FakeSim(c, s), defaultViews);

  it('exits 1 when an expectation failed, 0 when all passed', async () => {
    const a = io();
    expect(await command.run({ scenario: 'lab.yaml', output: 'text' }, a)).toBe(1);
    expect(a.out).toMatch(/\n7 passed, 1 failed\n$/);
    const b = io();
    expect(await command.run({ scenario: 'ok.yaml', output: 'text' }, b)).toBe(0);
    expect(b.out).toMatch(/\n7 passed, 0 failed\n$/);
  });

  it('exits 2 (bad input) with located diagnostics and no stack trace for a bad scenario', async () => {
    const a = io();
    expect(await command.run({ scenario: 'bad.yaml', output: 'text' }, a)).toBe(2);
    expect(a.out).toBe('');
    expect(a.err).toBe('bad.yaml:11: steps[4].curl.expect: "tiemout" is not one of success, timeout, refused (did you mean "timeout"?)\n');
  });

  it('-o json and --seed', async () => {
    const a = io();
    await command.run({ scenario: 'ok.yaml', output: 'json', seed: 7 }, a);
    const json = JSON.parse(a.out) as { settings: { seed: number }; failed: number };
    expect(json.settings.seed).toBe(7);
    expect(json.failed).toBe(0);
  });
});
