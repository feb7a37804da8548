/**
 * IPv6 end to end: pods with IPv6 addresses talk through the vRouters (v6 flow keys, tunnel,
 * reverse flow), an ipBlock with an IPv6 CIDR and except decides, and the dump uses the
 * IPv6 record layout.
 */
import { describe, expect, it } from 'vitest';
import { formatFlowList } from '../../src/report/flow-dump.js';
import { clusterFromYaml, ref, sim, withYaml } from '../support/lab.js';

const LAB = `
apiVersion: v1
kind: Pod
metadata: {name: server, namespace: v6, labels: {app: server}}
spec: {nodeName: cent222, containers: [{name: web, image: web, ports: [{containerPort: 80}]}]}
status: {podIPs: [{ip: "fd00:10::200"}]}
---
apiVersion: v1
kind: Pod
metadata: {name: client, namespace: v6, labels: {app: client}}
spec: {nodeName: cent333, containers: [{name: c, image: c}]}
status: {podIPs: [{ip: "fd00:10::100"}]}
---
apiVersion: v1
kind: Pod
metadata: {name: other, namespace: v6, labels: {app: other}}
spec: {nodeName: cent333, containers: [{name: c, image: c}]}
status: {podIPs: [{ip: "fd00:20::1"}]}
`;

const V6_BLOCK = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: v6-block, namespace: v6}
spec:
  podSelector: {matchLabels: {app: server}}
  ingress:
  - from: [{ipBlock: {cidr: "fd00::/16", except: ["fd00:20::/32"]}}]
`;

describe('IPv6 through the dataplane', () => {
  it('curl over IPv6 across nodes, and the ipBlock except decides', () => {
    const base = clusterFromYaml(LAB);
    const open = sim(base);
    expect(open.curl(ref('v6/client'), 'http://[fd00:10::200]/', { maxTimeSeconds: 5 }).outcome).toBe('success');
    const s = sim(withYaml(base, V6_BLOCK));
    expect(s.curl(ref('v6/client'), 'http://[fd00:10::200]/', { maxTimeSeconds: 5 }).outcome).toBe('success');
    expect(s.curl(ref('v6/other'), 'http://[fd00:10::200]/', { maxTimeSeconds: 5 }).outcome).toBe('timeout');
    const dump = formatFlowList(s.flowTable('cent333'), { match: [{ ip: 'fd00:20::1' }] });
    expect(dump).toContain('fd00:20::1:');
    expect(dump).toContain('Action:D(FwPolicy)');
    expect(dump).toContain('Stats:3/282'); // three 94-byte IPv6 SYNs (14 + 40 + 40)
  });
});
