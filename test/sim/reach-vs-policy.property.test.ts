/**
 * Property: every verdict of `reach` (real probes through the simulated vRouters) equals the
 * policy layer's decision (`decide`, and `allowsBetween` behind ClusterFlowPolicy.allows) for
 * random clusters over two nodes, random policies, random ports including the ephemeral
 * range 32768-60999 the probes' own source ports come from, TCP, UDP and SCTP, and random
 * simulation seeds, over IPv4-only, IPv6-only and dual-stack pods: a pair sharing no address
 * family is blocked (nothing can be sent), any other pair is decided on the addresses of the
 * destination's first family the source also has. A cell for a named port the destination
 * does not declare is blocked.
 * Seeded and bounded: about a hundred runs, stopped early on a slow machine.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClusterSim } from '../../src/sim/cluster/cluster-sim.js';
import { DEFAULT_SETTINGS } from '../../src/sim/cluster/types.js';
import { EPHEMERAL_LOW, EPHEMERAL_RANGE } from '../../src/sim/ephemeral-ports.js';
import { reachCaseArb } from './reach-arbitraries.js';
import { expectReachMatchesPolicy, type OracleCounts } from './reach-oracle.js';
import { opened } from '../support/sockets.js';

describe('reach vs the policy decision', () => {
  it('gives the policy verdict for every cell, ephemeral-range ports included', () => {
    const counts: OracleCounts = { cells: 0, allowed: 0, noCommonFamily: 0 };
    fc.assert(
      fc.property(reachCaseArb, ({ cluster, options, seed, aim }) => {
        // A small table for the simulation's own copy: reach runs on a copy sized to its probes anyway.
        const sim = new ClusterSim(cluster, { ...DEFAULT_SETTINGS, seed, flowTable: { entries: 1024 } });
        const ports = [...options.ports];
        if (aim !== undefined) {
          // The reach's fresh copy has the same seed and names, so the same first ephemeral port.
          const pod = cluster.pods[aim.pod % cluster.pods.length]!;
          const first = opened(sim.wiring.stackOf({ kind: 'pod', namespace: pod.namespace, name: pod.name }).openUdp({})).localPort;
          const aimed = EPHEMERAL_LOW + ((first - EPHEMERAL_LOW + aim.offset) % EPHEMERAL_RANGE);
          if (!ports.includes(aimed)) ports.push(aimed);
        }
        expectReachMatchesPolicy(sim, sim.reach({ ...options, ports }), counts);
      }),
      { seed: 20261201, numRuns: 60, interruptAfterTimeLimit: 8_000, markInterruptAsFailure: false },
    );
    const { cells, allowed, noCommonFamily } = counts;
    expect(cells).toBeGreaterThan(1000);
    expect(allowed).toBeGreaterThan(cells * 0.2);
    expect(allowed).toBeLessThan(cells * 0.95);
    expect(noCommonFamily).toBeGreaterThan(20);
  });
});
