/**
 * The upstream ClusterNetworkPolicy conformance suite's client/server model on the simulated
 * dataplane (kubernetes-sigs/network-policy-api conformance/utils/kubernetes PokeServer): a
 * probe from a client pod to a server's IP really runs through both vRouters — curl for TCP,
 * a UDP request/echo, an SCTP association. An allowed probe must succeed; a denied one must
 * TIME OUT (a refusal would mean the packet got through), as upstream requires.
 *
 * Each phase of a case is the cluster as upstream has it at that point (base manifests plus
 * the policies, after the test's patches), in a fresh simulation.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { loadCluster } from '../../src/model/load.js';
import { ClusterSim } from '../../src/sim/cluster/cluster-sim.js';
import { startWebServer } from '../../src/sim/apps/webserver.js';
import type { ProbeOutcome } from '../../src/sim/cluster/types.js';

export const NS = (house: string): string => `network-policy-conformance-${house}`;
const BASE = readFileSync(join(import.meta.dirname, 'base.yaml'), 'utf8');

/** The host-network ports the experimental node-peer tests serve on (upstream s.HostNetworkPorts). */
export const HOST_PORTS = [34345, 34346, 34347, 34348, 34349, 34350, 34351] as const;

export interface Probe {
  /** Client `house/pod` (e.g. `gryffindor/harry-potter-0`). */
  readonly from: string;
  /** Server `house/pod`, or `node/<name>` for the host-network server. */
  readonly to: string;
  readonly protocol: 'tcp' | 'udp' | 'sctp';
  readonly port: number;
  readonly allowed: boolean;
}

export interface Phase {
  /** What upstream's t.Run says (or the patch it makes first). */
  readonly what: string;
  /** ClusterNetworkPolicy / NetworkPolicy YAML documents at this point. */
  readonly policies: readonly string[];
  readonly probes: readonly Probe[];
}

function ref(text: string): { kind: 'pod'; namespace: string; name: string } | { kind: 'host'; node: string } {
  if (text.startsWith('node/')) return { kind: 'host', node: text.slice(5) };
  const [house, name] = text.split('/') as [string, string];
  return { kind: 'pod', namespace: NS(house), name };
}

/** The host-network server (upstream's centaur-1 in forbidden-forrest): agnhost serving on the host ports. */
function serveHostPorts(sim: ClusterSim, node: string): void {
  const stack = sim.wiring.stackOf({ kind: 'host', node });
  HOST_PORTS.forEach((port, i) => {
    if (i % 3 === 0 || i === 1) startWebServer(stack, { hostname: 'centaur-1', port });
    else if (i % 3 === 2) stack.listenUdp(port, { datagram: (socket, from, fromPort, payload) => socket.send(from, fromPort, payload) });
    else stack.listenSctp(port, { accept: () => ({}) });
  });
}

function poke(sim: ClusterSim, probe: Probe): ProbeOutcome {
  const from = ref(probe.from);
  const to = ref(probe.to);
  switch (probe.protocol) {
    case 'tcp':
      return sim.curl(from, `http://${sim.wiring.addressOf(to).text}:${probe.port}`, { maxTimeSeconds: 2 });
    case 'udp':
      return sim.udp(from, to, probe.port, { timeoutSeconds: 2 });
    case 'sctp':
      return sim.sctp(from, to, probe.port, { timeoutSeconds: 2 });
  }
}

/** Runs every phase; each probe must succeed when allowed and time out when denied. */
export function runPhases(phases: readonly Phase[], extra: readonly string[] = []): void {
  for (const phase of phases) {
    const inputs = [{ file: 'base.yaml', text: BASE }, ...[...extra, ...phase.policies].map((text, i) => ({ file: `policy-${i}.yaml`, text }))];
    const { cluster } = loadCluster(inputs);
    const sim = new ClusterSim(cluster);
    serveHostPorts(sim, 'node-b');
    for (const probe of phase.probes) {
      const outcome = poke(sim, probe);
      const label = `${phase.what}: ${probe.from} -> ${probe.to} ${probe.protocol}/${probe.port}`;
      expect(outcome.outcome, label).toBe(probe.allowed ? 'success' : 'timeout');
    }
  }
}

/** A ClusterNetworkPolicy document. `rules` are YAML list items already indented for spec.ingress/egress. */
export function cnp(name: string, tier: 'Admin' | 'Baseline', priority: number, subject: string, body: string): string {
  return `apiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\nmetadata:\n  name: ${name}\nspec:\n  tier: ${tier}\n  priority: ${priority}\n  subject:\n${subject}\n${body}`;
}

export const subjectNamespace = (house: string): string => `    namespaces:\n      matchLabels:\n        kubernetes.io/metadata.name: ${NS(house)}`;
export const subjectHousePods = (house: string): string =>
  `    pods:\n      namespaceSelector:\n        matchLabels:\n          conformance-house: ${house}\n      podSelector:\n        matchLabels:\n          conformance-house: ${house}`;

/** One rule. `peer` is the peer list's YAML (items at 4 spaces); `protocols` optional YAML items. */
export function rule(name: string, action: 'Accept' | 'Deny' | 'Pass', direction: 'ingress' | 'egress', peer: string, protocols?: string): string {
  const list = direction === 'ingress' ? 'from' : 'to';
  return `  - name: "${name}"\n    action: ${action}\n    ${list}:\n${peer}\n${protocols === undefined ? '' : `    protocols:\n${protocols}\n`}`;
}

export const peerNamespace = (house: string): string => `    - namespaces:\n        matchLabels:\n          kubernetes.io/metadata.name: ${NS(house)}`;
export const peerHousePods = (house: string): string =>
  `    - pods:\n        namespaceSelector:\n          matchLabels:\n            conformance-house: ${house}\n        podSelector:\n          matchLabels:\n            conformance-house: ${house}`;
export const portOf = (protocol: 'tcp' | 'udp' | 'sctp', port: number): string => `    - ${protocol}:\n        destinationPort:\n          number: ${port}`;
export const rangeOf = (protocol: 'tcp' | 'udp' | 'sctp', start: number, end: number): string => `    - ${protocol}:\n        destinationPort:\n          range: {start: ${start}, end: ${end}}`;
export const namedPort = (name: string): string => `    - destinationNamedPort: ${name}`;
