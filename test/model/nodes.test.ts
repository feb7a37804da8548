/**
 * Nodes as real dumps present them: named by pods without a Node object, with only an
 * ExternalIP, a Hostname or IPv6 InternalIPs, next to pods pinned to the book's nodes. Each
 * gets a fabric address from a documented source, and the whole cluster runs in the simulator.
 */
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/model/diagnostics.js';
import { ClusterSim } from '../../src/sim/cluster/cluster-sim.js';
import { errorLines, load } from './helpers.js';

function pod(name: string, node: string | undefined, status = '', extra = ''): string {
  const spec = node === undefined ? '{containers: [{name: c}]}' : `{nodeName: ${node}, containers: [{name: c}]${extra}}`;
  return `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, labels: {app: ${name}}}\nspec: ${spec}\n${status === '' ? '' : `status: ${status}\n`}---\n`;
}

function node(name: string, addresses: string): string {
  return `apiVersion: v1\nkind: Node\nmetadata: {name: ${name}}\nstatus: {addresses: [${addresses}]}\n---\n`;
}

const running = (podIP: string, hostIP?: string): string => `{phase: Running, podIP: ${podIP}${hostIP === undefined ? '' : `, hostIP: ${hostIP}`}}`;

describe('node addresses', () => {
  it.each([
    {
      what: 'a node without a Node object takes its pods\' status.hostIP',
      text: pod('a', 'worker-1', running('10.244.1.5', '192.168.1.11')) + pod('b', 'worker-1', running('10.244.1.6', '192.168.1.11')),
      nodes: [['worker-1', ['192.168.1.11'], 'hostIP']],
    },
    {
      what: 'a Node with only an ExternalIP and a Hostname uses the ExternalIP (kubelet\'s order)',
      text: node('edge', '{type: Hostname, address: edge}, {type: ExternalIP, address: 203.0.113.7}') + pod('a', 'edge'),
      nodes: [['edge', ['203.0.113.7'], 'ExternalIP']],
    },
    {
      what: 'InternalIP wins over ExternalIP whatever the order',
      text: node('n1', '{type: ExternalIP, address: 203.0.113.7}, {type: InternalIP, address: 10.0.0.7}') + pod('a', 'n1'),
      nodes: [['n1', ['10.0.0.7'], 'InternalIP']],
    },
    {
      what: 'a Node with only a Hostname takes the hostIP of its pods',
      text: node('n1', '{type: Hostname, address: n1}') + pod('a', 'n1', running('10.244.0.9', '10.0.0.31')),
      nodes: [['n1', ['10.0.0.31'], 'hostIP']],
    },
    {
      what: 'a node without a Node object takes the IPv4 of its pods\' dual-stack status.hostIPs, IPv6 listed first',
      text: pod('a', 'w1', '{phase: Running, podIPs: [{ip: "fd00:10::9"}, {ip: 10.244.0.9}], hostIPs: [{ip: "fd00::11"}, {ip: 10.0.0.41}]}'),
      nodes: [['w1', ['10.0.0.41'], 'hostIP']],
    },
    {
      what: 'a Node object next to pods pinned to the book\'s node: the book node gets its book address, cent333 is not invented',
      text: node('worker-1', '{type: InternalIP, address: 192.168.1.11}') + pod('a', 'cent222') + pod('b', 'worker-1'),
      nodes: [['cent222', ['10.169.25.20'], 'book'], ['worker-1', ['192.168.1.11'], 'InternalIP']],
    },
    {
      what: 'pods naming only the book\'s nodes and no Node object: both book nodes exist (the labs)',
      text: pod('a', 'cent222') + pod('b', undefined),
      nodes: [['cent222', ['10.169.25.20'], 'book'], ['cent333', ['10.169.25.21'], 'book']],
    },
    {
      what: 'a hostNetwork pod\'s own IP is its node\'s address',
      text: pod('agent', 'w1', '{phase: Running, podIP: 10.0.0.51}', ', hostNetwork: true'),
      nodes: [['w1', ['10.0.0.51'], 'hostIP']],
    },
  ])('$what', ({ text, nodes }) => {
    const { cluster, warnings } = load(text);
    expect(cluster.nodes.map((n) => [n.name, n.internalIPs, n.addressOrigin])).toEqual(nodes);
    expect(warnings.map(formatDiagnostic)).toEqual([]);
  });

  it('nodes nothing gives an address get deterministic ones from 198.18.0.0/15, in name order, with ONE warning', () => {
    const text = pod('a', 'worker-3') + pod('b', 'worker-1') + pod('c', 'worker-2', running('10.244.2.2', '192.168.1.12')) +
      node('bare', '{type: Hostname, address: bare}') + node('v6', '{type: InternalIP, address: "fd00::11"}') + pod('d', 'v6', '{phase: Running, podIPs: [{ip: "fd00:10::9"}], hostIP: "fd00::11"}');
    const { cluster, warnings } = load(text);
    expect(cluster.nodes.map((n) => [n.name, n.internalIPs, n.addressOrigin])).toEqual([
      ['bare', ['198.18.0.1'], 'assigned'],
      ['v6', ['198.18.0.2', 'fd00::11'], 'assigned'],
      ['worker-1', ['198.18.0.3'], 'assigned'],
      ['worker-2', ['192.168.1.12'], 'hostIP'],
      ['worker-3', ['198.18.0.4'], 'assigned'],
    ]);
    expect(warnings.map(formatDiagnostic)).toEqual([
      'in.yaml:1: warning: 4 nodes have no IPv4 address in the inputs (no InternalIP or ExternalIP on a Node object, no status.hostIP on their pods); simulated with addresses from 198.18.0.0/15: bare 198.18.0.1, v6 198.18.0.2, worker-1 198.18.0.3, worker-3 198.18.0.4',
    ]);
  });

  it('an assigned address skips addresses pods already hold', () => {
    const { cluster } = load(pod('a', 'w1', '{podIP: 198.18.0.1}'));
    expect(cluster.nodes[0]?.internalIPs).toEqual(['198.18.0.2']);
  });

  it.each([
    {
      what: 'pods of one node disagreeing on its hostIP',
      text: pod('a', 'worker-1', running('10.244.1.5', '192.168.1.11')) + pod('b', 'worker-1', running('10.244.1.6', '192.168.1.99')),
      expected: ['in.yaml:11: status.hostIP: pod default/b on node worker-1 reports host address 192.168.1.99, but pod default/a on the same node reports 192.168.1.11 (in.yaml:5); all pods of a node must agree'],
    },
    {
      what: 'a hostIP that is not an address of the Node object',
      text: node('n1', '{type: InternalIP, address: 10.0.0.7}') + pod('a', 'n1', running('10.244.0.9', '10.0.0.8')),
      expected: ['in.yaml:10: status.hostIP: pod default/a reports host address 10.0.0.8, which is not an address of node n1 (10.0.0.7 at in.yaml:1)'],
    },
    {
      what: 'two nodes whose pods report the same host address',
      text: pod('a', 'n1', running('10.244.0.9', '10.0.0.8')) + pod('b', 'n2', running('10.244.0.10', '10.0.0.8')),
      expected: ['in.yaml:7: status.hostIP: 10.0.0.8, the host address of node n2, is already the address of node n1 (in.yaml:1)'],
    },
    {
      what: 'a hostIP that is not an address',
      text: pod('a', 'n1', running('10.244.0.9', '10.0.0.300')),
      expected: ['in.yaml:5: status.hostIP: "10.0.0.300" is not a valid IP address'],
    },
    {
      what: 'hostIP differing from hostIPs[0]',
      text: pod('a', 'n1', '{phase: Running, podIP: 10.244.0.9, hostIP: 10.0.0.1, hostIPs: [{ip: 10.0.0.2}]}'),
      expected: ['in.yaml:5: status.hostIP: "10.0.0.1" must equal status.hostIPs[0].ip ("10.0.0.2")'],
    },
  ])('refuses $what, located', ({ text, expected }) => {
    expect(errorLines(text)).toEqual(expected);
  });

  it('every such cluster runs: reach, a trace across nodes and a ping to a host end without an internal error', async () => {
    const text = node('worker-1', '{type: Hostname, address: worker-1}') + node('v6', '{type: InternalIP, address: "fd00::11"}') +
      pod('a', 'worker-1') + pod('b', 'worker-2', running('10.244.2.2', '192.168.1.12')) + pod('c', 'v6') + pod('d', 'cent222');
    const { cluster } = load(text);
    const sim = new ClusterSim(cluster);
    const reach = sim.reach({ hosts: true, ports: [80], protocols: ['TCP'] });
    expect(reach.sources).toHaveLength(4 + 4);
    expect(reach.cells.filter((c) => c.from.startsWith('default/') && c.to.startsWith('default/')).every((c) => c.allowed)).toBe(true);
    const c = cluster.pods.find((p) => p.name === 'c')!;
    const curl = sim.curl({ kind: 'pod', namespace: 'default', name: 'a' }, `http://${c.ips[0]}`, {});
    expect(curl.exitCode).toBe(0);
    const ping = sim.ping({ kind: 'pod', namespace: 'default', name: 'd' }, { kind: 'host', node: 'worker-1' }, { count: 1 });
    expect(ping.exitCode).toBe(0);
  });
});
