/**
 * A reach probe waits as long as the settings make an answer take: with a slow agent (each
 * flow setup 2 s, two per probe) an allowed pair is still allowed, not "blocked" by a deadline
 * shorter than the way there and back.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/sim/cluster/types.js';
import { probeTimeoutUs } from '../../src/sim/cluster/reach.js';
import { clusterFromYaml, sim } from '../support/lab.js';

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

describe('reach probe deadline', () => {
  it('covers two slow flow setups: a 2 s agent still gives the policy verdicts', () => {
    const slow = { agent: { ...DEFAULT_SETTINGS.agent, latencyUs: 2_000_000 } };
    expect(probeTimeoutUs({ ...DEFAULT_SETTINGS, ...slow })).toBeGreaterThan(8_000_000);
    const result = sim(clusterFromYaml(PODS), slow).reach({ ports: [80], protocols: ['TCP', 'UDP', 'SCTP'], hosts: false });
    expect(result.cells.filter((c) => !c.allowed).map((c) => `${c.from}->${c.to} ${c.protocol}`)).toEqual([]);
  });

  it('stays 2.5 s with the default settings', () => {
    expect(probeTimeoutUs(DEFAULT_SETTINGS)).toBe(2_500_000);
  });
});
