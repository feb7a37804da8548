/**
 * `ClusterSim.reach` on a generated cluster: the compact verdict matrix and the lazily built
 * cells agree (tables, counts, reasons), every verdict matches the compiled policy in flow
 * mode, the reach's flow tables are sized to the probes in flight, and a packet lost to a full
 * table is an error rather than a "blocked" cell.
 */
import { describe, expect, it } from 'vitest';
import { generateCluster } from '../../bench/gen/cluster-gen.js';
import { formatReachTables } from '../../src/report/reach-table.js';
import { ClusterSim } from '../../src/sim/cluster/cluster-sim.js';
import { reachInFlight, reachSettings, runReach } from '../../src/sim/cluster/reach.js';
import { DEFAULT_SETTINGS } from '../../src/sim/cluster/types.js';
import { ClusterWiring } from '../../src/sim/cluster/wiring.js';

const PROTO = { TCP: 6, UDP: 17, SCTP: 132 } as const;

describe('reach', () => {
  const cluster = generateCluster({ pods: 40, policies: 6, podsPerNode: 15 });

  it('gives the same tables from the matrix as from the cells, and verdicts that match the policy', () => {
    const sim = new ClusterSim(cluster);
    const result = sim.reach({ ports: [80, 'http'], protocols: ['TCP', 'UDP'], hosts: false });
    expect(result.matrix).toBeDefined();
    const fromCells = formatReachTables({ sources: result.sources, destinations: result.destinations, cells: result.cells });
    expect(formatReachTables(result)).toBe(fromCells);
    expect(result.cells).toHaveLength(40 * 40 * 4);
    const policy = sim.wiring.policy;
    for (const cell of result.cells) {
      expect(cell.reason.length).toBeGreaterThan(0);
      if (cell.port === 0) continue;
      const src = sim.wiring.addressOf({ kind: 'pod', namespace: cell.from.split('/')[0]!, name: cell.from.split('/')[1]! });
      const dst = sim.wiring.addressOf({ kind: 'pod', namespace: cell.to.split('/')[0]!, name: cell.to.split('/')[1]! });
      expect(cell.allowed).toBe(policy.allows(src, dst, PROTO[cell.protocol], cell.port));
      expect(cell.reason.startsWith(cell.allowed ? 'allowed: ' : 'denied: ')).toBe(true);
    }
    expect(result.cells.some((c) => c.allowed)).toBe(true);
    expect(result.cells.some((c) => !c.allowed)).toBe(true);
  });

  it('sizes flow tables to the probes in flight and caps them by hold limit and setup rate', () => {
    expect(reachInFlight(DEFAULT_SETTINGS)).toBe(512);
    expect(reachSettings(DEFAULT_SETTINGS).flowTable.entries).toBe(4096);
    const slow = { ...DEFAULT_SETTINGS, agent: { ...DEFAULT_SETTINGS.agent, setupRatePerSecond: 100, holdLimit: 8192 } };
    expect(reachInFlight(slow)).toBe(62);
    const tight = { ...DEFAULT_SETTINGS, agent: { ...DEFAULT_SETTINGS.agent, holdLimit: 10 } };
    expect(reachInFlight(tight)).toBe(10);
    expect(reachSettings(tight).flowTable.entries).toBe(64);
  });

  it('fails loudly when a full flow table drops a probe', () => {
    const wiring = new ClusterWiring(cluster, { ...DEFAULT_SETTINGS, flowTable: { entries: 4, overflowEntries: 0 } });
    expect(() => runReach(wiring, { ports: [80], protocols: ['TCP'], hosts: false })).toThrow(/full flow table/);
  });
});
