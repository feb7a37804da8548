/**
 * UDP, SCTP and ICMP through the real dataplane against policies that name protocols:
 * a rule with ports never matches ICMP, a rule without ports matches every protocol.
 */
import { describe, expect, it } from 'vitest';
import { formatFlowList } from '../../src/report/flow-dump.js';
import { clusterFromYaml, ref, sim, withYaml } from '../support/lab.js';

const LAB = `
apiVersion: v1
kind: Pod
metadata: {name: server, namespace: lab, labels: {app: server}}
spec:
  nodeName: cent222
  containers:
  - name: s
    image: s
    ports: [{containerPort: 80}, {containerPort: 53, protocol: UDP}, {name: assoc, containerPort: 9999, protocol: SCTP}]
status: {podIP: 10.47.255.200}
---
apiVersion: v1
kind: Pod
metadata: {name: client, namespace: lab, labels: {app: client}}
spec: {nodeName: cent333, containers: [{name: c, image: c}]}
status: {podIP: 10.47.255.100}
`;

const SCTP_ONLY = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: sctp-only, namespace: lab}
spec:
  podSelector: {matchLabels: {app: server}}
  ingress:
  - ports: [{protocol: SCTP, port: assoc}]
`;

const ANY_FROM_CLIENT = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: any-from-client, namespace: lab}
spec:
  podSelector: {matchLabels: {app: server}}
  ingress:
  - from: [{podSelector: {matchLabels: {app: client}}}]
`;

describe('protocols through the dataplane', () => {
  const base = clusterFromYaml(LAB);

  it('without policy: SCTP, UDP and ping all get through', () => {
    const s = sim(base);
    expect(s.sctp(ref('lab/client'), ref('lab/server'), 9999, {}).outcome).toBe('success');
    expect(s.udp(ref('lab/client'), ref('lab/server'), 53, {}).outcome).toBe('success');
    expect(s.ping(ref('lab/client'), ref('lab/server'), { count: 2 }).outcome).toBe('success');
  });

  it('a named SCTP port rule admits the association only; UDP and ICMP are denied', () => {
    const s = sim(withYaml(base, SCTP_ONLY));
    expect(s.sctp(ref('lab/client'), ref('lab/server'), 9999, {}).outcome).toBe('success');
    expect(s.udp(ref('lab/client'), ref('lab/server'), 53, {}).outcome).toBe('timeout');
    const ping = s.ping(ref('lab/client'), ref('lab/server'), { count: 2 });
    expect(ping.outcome).toBe('timeout');
    expect(ping.stdout).toContain('2 packets transmitted, 0 received, 100% packet loss');
  });

  it('a rule without ports admits every protocol, ICMP included', () => {
    const s = sim(withYaml(base, ANY_FROM_CLIENT));
    expect(s.ping(ref('lab/client'), ref('lab/server'), { count: 1 }).outcome).toBe('success');
    expect(s.udp(ref('lab/client'), ref('lab/server'), 53, {}).outcome).toBe('success');
    expect(s.ping(ref('node/cent333'), ref('lab/server'), { count: 1 }).outcome).toBe('timeout');
  });

  it('UDP to a closed port comes back as ICMP port unreachable on the reverse flow', () => {
    const s = sim(base);
    expect(s.udp(ref('lab/client'), ref('lab/server'), 5353, {}).outcome).toBe('unreachable');
  });

  it('a ping installs both entries keyed as vRouter keys echoes (id as source port, 0 as destination) and the reply rides the reverse one', () => {
    const s = sim(base);
    expect(s.ping(ref('lab/client'), ref('lab/server'), { count: 3 }).outcome).toBe('success');
    const dump = formatFlowList(s.flowTable('cent222'));
    const keys = [...dump.matchAll(/^ +\d+<=>\d+ +([\d.]+):(\d+) +1 \(\d+\)\n +([\d.]+):(\d+)/gm)]
      .map((m) => ({ src: m[1], sport: Number(m[2]), dst: m[3], dport: Number(m[4]) }));
    expect(keys).toHaveLength(2);
    const id = keys[0]!.sport;
    expect(id).toBeGreaterThan(0);
    expect(keys).toEqual(expect.arrayContaining([
      { src: '10.47.255.100', sport: id, dst: '10.47.255.200', dport: 0 },
      { src: '10.47.255.200', sport: id, dst: '10.47.255.100', dport: 0 },
    ]));
    expect(dump.match(/ Action:F/g)).toHaveLength(2);
    expect(dump).toMatch(/Stats:3\/294/);
  });

  it('SCTP to a closed port is aborted', () => {
    const s = sim(base);
    expect(s.sctp(ref('lab/client'), ref('lab/server'), 7777, {}).outcome).toBe('aborted');
  });
});
