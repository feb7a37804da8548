/**
 * NodePort Services: every node address carries the Service's node ports to its backends
 * through the vRouters (ECMP and NAT as for the cluster IP), every ready backend with
 * externalTrafficPolicy Cluster, only the node's own with Local (none: dropped, NoDstRt);
 * other ports of a node address stay the node host's. Node ports missing from the manifests
 * are allocated in 30000-32767, deterministically from the seed; the API server's checks are
 * located errors. `trace --to <nodeIP>:<nodePort>`.
 */
import { describe, expect, it } from 'vitest';
import { loadCluster } from '../../src/model/load.js';
import { cli } from '../support/cli.js';
import { readFileSync } from 'node:fs';

const NP = 'test/fixtures/services/node-port.yaml';
const WORKER1 = '192.168.10.11';
const WORKER2 = '192.168.10.12';

function nodePorts(text: string, seed?: number): Record<string, (number | undefined)[]> {
  const { cluster } = loadCluster([{ file: 'np.yaml', text }], seed === undefined ? {} : { seed });
  return Object.fromEntries((cluster.services ?? []).map((s) => [s.name, s.ports.map((p) => p.nodePort)]));
}

describe('NodePort on the node addresses', () => {
  it('Cluster: any node address reaches the backend, wherever it runs', async () => {
    for (const node of [WORKER1, WORKER2]) {
      const run = await cli('trace', '-f', NP, '--from', 'shop/client', '--to', `${node}:30080`);
      expect(run.code).toBe(0);
      expect(run.out).toContain(`nodePort: shop/web ${node}:30080 (node worker-${node === WORKER1 ? 1 : 2}, externalTrafficPolicy Cluster) -> ECMP over 1 backend (port 80)`);
      expect(run.out).toContain('  member 0: shop/web-a 10.244.1.10:8080: allowed');
      expect(run.out).toContain('exit code 0 (success)');
      expect(run.out).toContain('Hostname = web-a');
    }
  });

  it('Cluster: the backend node NATs the flow as for a cluster IP (flow -l)', async () => {
    const run = await cli('flows', '-f', NP, '-t', `shop/client->${WORKER2}:30080`, '--node', 'worker-1', '--show-evicted');
    expect(run.out).toMatch(/10\.244\.2\.10:\d+ +6 \(5\)\n +192\.168\.10\.12:30080\s*\n\(Gen: 1, K\(nh\):\d+, Action:N\(DPd\)/);
  });

  it('Local: only the node running a backend answers; the other drops the flow', async () => {
    const port = nodePorts(readFileSync(NP, 'utf8'))['web-local']![0]!;
    const there = await cli('trace', '-f', NP, '--from', 'shop/client', '--to', `${WORKER1}:${port}`);
    expect(there.out).toContain(`(node worker-1, externalTrafficPolicy Local) -> ECMP over 1 backend`);
    expect(there.out).toContain('exit code 0 (success)');
    const elsewhere = await cli('trace', '-f', NP, '--from', 'shop/client', '--to', `${WORKER2}:${port}`);
    expect(elsewhere.out).toContain(`nodePort: shop/web-local ${WORKER2}:${port} (node worker-2, externalTrafficPolicy Local): no ready backend on worker-2`);
    expect(elsewhere.out).toContain('D(NoDstRt)');
    expect(elsewhere.out).toContain('exit code 28 (timeout)');
  });

  it('the policy is decided on the backend, for the client', async () => {
    const deny = `${readFileSync(NP, 'utf8')}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-from-nobody, namespace: shop}
spec: {podSelector: {matchLabels: {app: web}}, policyTypes: [Ingress]}
`;
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'vrsim-np-')), 'deny.yaml');
    writeFileSync(file, deny);
    const run = await cli('trace', '-f', file, '--from', 'shop/client', '--to', `${WORKER2}:30080`);
    expect(run.out).toContain('  member 0: shop/web-a 10.244.1.10:8080: denied: egress shop/client: implicit allow-all; ingress shop/web-a: implicit deny-all (isolated by shop/web-from-nobody)');
    expect(run.out).toContain('D(FwPolicy)');
    expect(run.out).toContain('exit code 28 (timeout)');
  });

  it('other ports of a node address are still the node host', async () => {
    const run = await cli('trace', '-f', NP, '--from', 'shop/client', '--to', `${WORKER1}:22`);
    expect(run.out).not.toContain('nodePort:');
    expect(run.out).toContain('exit code 7 (refused)');
  });

  it('--to <ip>:<port> and --port must agree', async () => {
    const run = await cli('trace', '-f', NP, '--from', 'shop/client', '--to', `${WORKER1}:30080`, '--port', '80');
    expect(run.code).toBe(2);
    expect(run.err).toBe(`vrsim: --to ${WORKER1}:30080 says port 30080 but --port says 80: give the port once\n`);
  });
});

describe('node port allocation and checks', () => {
  const text = readFileSync(NP, 'utf8');

  it('keeps a written nodePort and allocates the others in 30000-32767, the same for the same seed', () => {
    const one = nodePorts(text);
    expect(one['web']).toEqual([30080]);
    const local = one['web-local']![0]!;
    expect(local).toBeGreaterThanOrEqual(30000);
    expect(local).toBeLessThanOrEqual(32767);
    expect(nodePorts(text)).toEqual(one);
    const seeds = new Set([1, 2, 3, 4, 5].map((seed) => nodePorts(text, seed)['web-local']![0]));
    expect(seeds.size).toBeGreaterThan(1);
  });

  it('never allocates a port already written by another Service', () => {
    const taken = nodePorts(text)['web-local']![0]!;
    const other = `${text}---
apiVersion: v1
kind: Service
metadata: {name: squatter, namespace: shop}
spec: {type: NodePort, selector: {app: web}, ports: [{port: 81, targetPort: 8080, nodePort: ${taken}}]}
`;
    const ports = nodePorts(other);
    expect(ports['squatter']).toEqual([taken]);
    expect(ports['web-local']![0]).not.toBe(taken);
  });

  it.each([
    ['a nodePort outside the range', 'type: NodePort, ports: [{port: 80, nodePort: 8080}]', 'spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767'],
    ['a nodePort on a ClusterIP Service', 'ports: [{port: 80, nodePort: 30001}]', "spec.ports[0].nodePort: may not be used when type is 'ClusterIP'"],
    ['externalTrafficPolicy on a ClusterIP Service', 'externalTrafficPolicy: Local, ports: [{port: 80}]', "spec.externalTrafficPolicy: may only be set when type is 'NodePort' or 'LoadBalancer'"],
    ['an unknown externalTrafficPolicy', 'type: NodePort, externalTrafficPolicy: local, ports: [{port: 80}]', 'spec.externalTrafficPolicy: Unsupported value: "local": supported values: "Cluster", "Local"'],
  ])('%s is a located error', (_what, spec, message) => {
    const bad = `apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: default}\nspec: {${spec}}\n`;
    expect(() => loadCluster([{ file: 'bad.yaml', text: bad }])).toThrow(`bad.yaml:4: ${message}`);
  });

  it('a nodePort two Services write is a located error', () => {
    const twice = `${text}---
apiVersion: v1
kind: Service
metadata: {name: twin, namespace: shop}
spec: {type: NodePort, selector: {app: web}, ports: [{port: 81, targetPort: 8080, nodePort: 30080}]}
`;
    expect(() => loadCluster([{ file: 'np.yaml', text: twice }])).toThrow(/np\.yaml:\d+: spec\.ports\.nodePort: Invalid value: 30080: provided port is already allocated \(to Service shop\/(web|twin)\)/);
  });
});
