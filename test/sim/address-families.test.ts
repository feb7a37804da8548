/**
 * Address-family mismatches are results, not crashes (issue 9 §2): an IPv4-only pod next to
 * IPv6-only and dual-stack pods, node hosts with only IPv6 InternalIPs, `trace --to fd00::99`
 * in an IPv4 cluster, and a scenario curl from an IPv4-only pod to an IPv6 pod. What Linux and
 * the tools print: `curl: (7) Failed to connect to fd00::10 port 80: Network is unreachable`,
 * `ping: connect: Network is unreachable` (exit 2), `Ncat: Network is unreachable.`; reach
 * cells blocked with that reason; a dual-stack pod reached over the family the source has.
 */
import { describe, expect, it } from 'vitest';
import { ClusterSim } from '../../src/sim/cluster/cluster-sim.js';
import { parseScenario } from '../../src/scenario/parse-scenario.js';
import { runScenario } from '../../src/scenario/runner.js';
import { renderTranscript } from '../../src/scenario/transcript.js';
import { defaultViews } from '../../src/scenario/default-views.js';
import { createClusterSim } from '../../src/scenario/sim-factory.js';
import { cli } from '../support/cli.js';
import { clusterFromYaml, ref, sim } from '../support/lab.js';
import { node, pod } from '../policy/builders.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PODS = `apiVersion: v1
kind: Namespace
metadata: {name: dev}
---
apiVersion: v1
kind: Pod
metadata: {name: v4, namespace: dev, labels: {app: v4}}
spec: {containers: [{name: c, image: x}]}
---
apiVersion: v1
kind: Pod
metadata: {name: v6, namespace: dev, labels: {app: v6}}
spec: {containers: [{name: c, image: x}]}
status: {podIP: "fd00::10"}
---
apiVersion: v1
kind: Pod
metadata: {name: dual, namespace: dev, labels: {app: dual}}
spec: {containers: [{name: c, image: x}]}
status: {podIPs: [{ip: "10.47.255.100"}, {ip: "fd00::11"}]}
`;

describe('address families in the simulation', () => {
  const cluster = clusterFromYaml(PODS);

  it('reach: pairs without a common family are blocked with the reason, a dual-stack pod is reached over either', () => {
    const result = sim(cluster).reach({ ports: [80], protocols: ['TCP', 'UDP', 'SCTP'], hosts: true });
    const cell = (from: string, to: string) => result.cells.find((c) => c.from === from && c.to === to && c.protocol === 'TCP')!;
    expect(cell('dev/v4', 'dev/v6')).toMatchObject({ allowed: false, reason: 'dev/v4 has no IPv6 address to reach dev/v6 (fd00::10): connect: Network is unreachable' });
    expect(cell('dev/v6', 'dev/v4')).toMatchObject({ allowed: false, reason: expect.stringContaining('dev/v6 has no IPv4 address to reach dev/v4') });
    expect(cell('dev/v6', 'node/cent222')).toMatchObject({ allowed: false, reason: expect.stringContaining('no IPv4 address') });
    expect(cell('dev/v6', 'dev/dual').allowed).toBe(true);
    expect(cell('dev/v4', 'dev/dual').allowed).toBe(true);
    expect(cell('dev/dual', 'dev/v6').allowed).toBe(true);
    expect(cell('dev/dual', 'dev/v4').allowed).toBe(true);
  });

  it('curl, ping, udp and sctp print what Linux tools print for a family the pod has no address of', () => {
    const s = sim(cluster);
    expect(s.curl(ref('dev/v4'), 'http://[fd00::10]/', { maxTimeSeconds: 5 })).toMatchObject({
      outcome: 'unreachable', exitCode: 7, stderr: 'curl: (7) Failed to connect to fd00::10 port 80: Network is unreachable\n', elapsedMs: 0,
    });
    expect(s.ping(ref('dev/v6'), ref('dev/v4'), { count: 3 })).toMatchObject({ outcome: 'unreachable', exitCode: 2, stdout: '', stderr: 'ping: connect: Network is unreachable\n' });
    expect(s.udp(ref('dev/v4'), ref('dev/v6'), 53, {})).toMatchObject({ outcome: 'unreachable', exitCode: 1, stderr: 'Ncat: Network is unreachable.\n' });
    expect(s.sctp(ref('dev/v4'), ref('dev/v6'), 53, {})).toMatchObject({ outcome: 'unreachable', exitCode: 1, stderr: 'Ncat: Network is unreachable.\n' });
    // From an IPv6-only pod a dual-stack pod is pinged on its IPv6 address.
    expect(s.ping(ref('dev/v6'), ref('dev/dual'), { count: 1 }).stdout).toContain('PING fd00::11(fd00::11) 56 data bytes');
  });

  it('node hosts with only IPv6 InternalIPs: IPv4 pods reach each other, hosts are unreachable from them, nothing throws', () => {
    const c = {
      namespaces: cluster.namespaces,
      nodes: [node('w1', 'fd00:1::1'), node('w2', 'fd00:1::2')],
      pods: [pod('dev', 'a', { node: 'w1', ip: '10.0.0.1' }), pod('dev', 'b', { node: 'w2', ip: '10.0.0.2' })],
      policies: [],
    };
    const s = new ClusterSim(c);
    const result = s.reach({ ports: [80], protocols: ['TCP'], hosts: true });
    const verdict = (from: string, to: string) => result.cells.find((x) => x.from === from && x.to === to)!.allowed;
    expect(verdict('dev/a', 'dev/b')).toBe(true);
    expect(verdict('node/w1', 'node/w2')).toBe(true);
    expect(verdict('dev/a', 'node/w2')).toBe(false);
    expect(s.curl(ref('dev/a'), 'http://10.0.0.2/', { maxTimeSeconds: 5 }).exitCode).toBe(0);
  });

  it('udp and sctp honour the timeout they are given (the docs\' 2 s default, not the app\'s 5 s)', () => {
    const s = sim(clusterFromYaml(PODS + `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: dev}
spec: {podSelector: {}, policyTypes: [Ingress]}
`));
    expect(s.udp(ref('dev/v4'), ref('dev/dual'), 53, { timeoutSeconds: 2 })).toMatchObject({ outcome: 'timeout', elapsedMs: 2000 });
    expect(s.sctp(ref('dev/v4'), ref('dev/dual'), 53, { timeoutSeconds: 1.5 })).toMatchObject({ outcome: 'timeout', elapsedMs: 1500 });
  });
});

describe('address families at the command line and in scenarios', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vrsim-families-'));
  writeFileSync(join(dir, 'pods.yaml'), PODS);

  it('trace --to fd00::99 in an IPv4 cluster shows curl\'s "Network is unreachable", exit 0', async () => {
    const run = await cli('trace', '-f', join(dir, 'pods.yaml'), '--from', 'dev/v4', '--to', 'fd00::99', '--port', '80');
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toContain('$ curl http://[fd00::99]:80 -m 5\ncurl: (7) Failed to connect to fd00::99 port 80: Network is unreachable\nexit code 7 (unreachable)');
  });

  it('trace from an IPv6-only pod to a dual-stack pod goes over IPv6', async () => {
    const run = await cli('trace', '-f', join(dir, 'pods.yaml'), '--from', 'dev/v6', '--to', 'dev/dual', '--port', '80');
    expect(run.code).toBe(0);
    expect(run.out).toContain('trace dev/v6 (fd00::10) -> dev/dual (fd00::11) TCP/80');
    expect(run.out).toContain('exit code 0 (success)');
  });

  it('a scenario curl from an IPv4-only pod to an IPv6 pod exits 7 with Network is unreachable', () => {
    const text = `name: families
source: unit test
resources:
  - file: pods.yaml
steps:
  - curl: { from: dev/v4, to: dev/v6, expect: { exitCode: 7, stderr: "curl: (7) Failed to connect to fd00::10 port 80: Network is unreachable" } }
  - curl: { from: dev/v6, to: dev/dual, expect: success }
`;
    const scenario = parseScenario({ file: 'families.yaml', text }, (rel) => (rel === 'pods.yaml' ? { file: rel, text: PODS } : undefined));
    const report = runScenario(scenario, createClusterSim, { views: defaultViews });
    const transcript = renderTranscript(report, { color: false });
    expect(transcript).toContain('$ kubectl exec -it v4 -n dev -- curl http://[fd00::10] -m 5\ncurl: (7) Failed to connect to fd00::10 port 80: Network is unreachable');
    expect(transcript).toContain('curl http://[fd00::11] -m 5');
    expect(report.failed).toBe(0);
  });
});
