/**
 * Pods by lifecycle, as a kubectl dump shows them: finished pods are not endpoints and free
 * their IPs, observed pods without an IP or node are skipped (never given invented ones), and
 * files without `status` keep the lab defaults.
 */
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/model/diagnostics.js';
import { applyManifests } from '../../src/model/apply.js';
import { load } from './helpers.js';

function pod(name: string, status: string, spec = '{nodeName: w1, containers: [{name: c}]}'): string {
  return `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: shop}\nspec: ${spec}\n${status === '' ? '' : `status: ${status}\n`}---\n`;
}
const node = 'apiVersion: v1\nkind: Node\nmetadata: {name: w1}\nstatus: {addresses: [{type: InternalIP, address: 192.168.1.11}]}\n---\n';

describe('pod lifecycle', () => {
  it('finished pods are not endpoints, a running pod may hold the IP a Completed pod had, and ONE warning counts them', () => {
    const text = node +
      pod('job-a', '{phase: Succeeded, podIP: 10.244.1.7}') +
      pod('job-b', '{phase: Failed, podIP: 10.244.1.8}') +
      pod('job-c', '{phase: Succeeded}') +
      pod('web', '{phase: Running, podIP: 10.244.1.7}');
    const { cluster, warnings } = load(text);
    expect(cluster.pods.map((p) => [p.name, p.ips])).toEqual([['web', ['10.244.1.7']]]);
    expect(warnings.map(formatDiagnostic)).toEqual([
      'in.yaml:6: warning: 3 pods have finished (status.phase 2 Succeeded, 1 Failed: shop/job-a, shop/job-b, shop/job-c); finished pods are not endpoints and their IPs may be reused',
    ]);
  });

  it('a Pending pod without an IP, or without a node, is skipped: no invented address on a node the cluster does not have', () => {
    const text = node +
      pod('scheduled', '{phase: Pending, hostIP: 192.168.1.11}') +
      pod('unschedulable', '{phase: Pending, conditions: [{type: PodScheduled, status: "False"}]}', '{containers: [{name: c}]}') +
      pod('init', '{phase: Pending, podIP: 10.244.1.9, hostIP: 192.168.1.11}') +
      pod('web', '{phase: Running, podIP: 10.244.1.10}');
    const { cluster, warnings } = load(text);
    expect(cluster.pods.map((p) => [p.name, p.nodeName, p.ips])).toEqual([
      ['init', 'w1', ['10.244.1.9']],
      ['web', 'w1', ['10.244.1.10']],
    ]);
    expect(cluster.nodes.map((n) => n.name)).toEqual(['w1']);
    expect(warnings.map(formatDiagnostic)).toEqual([
      'in.yaml:6: warning: skipped 2 pods not yet running with an address: shop/scheduled (Pending, no IP), shop/unschedulable (Pending, no node)',
    ]);
  });

  it('a Running hostNetwork pod needs only its node; a pod without status keeps the lab defaults', () => {
    const text = node +
      pod('agent', '{phase: Running, hostIP: 192.168.1.11}', '{nodeName: w1, hostNetwork: true, containers: [{name: c}]}') +
      pod('lab', '', '{containers: [{name: c}]}') +
      pod('lab-status', '{podIP: 10.47.0.9}', '{containers: [{name: c}]}');
    const { cluster, warnings } = load(text);
    expect(cluster.pods.map((p) => [p.name, p.nodeName, p.ips])).toEqual([
      ['agent', 'w1', ['192.168.1.11']],
      ['lab', 'w1', ['10.47.255.252']],
      ['lab-status', 'w1', ['10.47.0.9']],
    ]);
    expect(warnings).toEqual([]);
  });

  it('lists five names, then how many more', () => {
    const text = node + ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((n) => pod(`job-${n}`, '{phase: Succeeded}')).join('');
    expect(load(text).warnings.map(formatDiagnostic)).toEqual([
      'in.yaml:6: warning: 7 pods have finished (status.phase 7 Succeeded: shop/job-a, shop/job-b, shop/job-c, shop/job-d, shop/job-e and 2 more); finished pods are not endpoints and their IPs may be reused',
    ]);
  });

  it('an unknown phase warns and is read as Unknown (the pod stays an endpoint when it has an IP)', () => {
    const { cluster, warnings } = load(node + pod('odd', '{phase: Runing, podIP: 10.244.1.4}'));
    expect(cluster.pods.map((p) => p.name)).toEqual(['odd']);
    expect(warnings.map(formatDiagnostic)).toEqual([
      'in.yaml:10: warning: status.phase: "Runing" is not a pod phase (Pending, Running, Succeeded, Failed, Unknown); read as Unknown',
    ]);
  });

  it('applying a finished pod over a running one removes it from the endpoints (the IP is then free)', () => {
    const base = load(node + pod('job', '{phase: Running, podIP: 10.244.1.7}')).cluster;
    const next = applyManifests(base, [{ file: 'later.yaml', text: pod('job', '{phase: Succeeded, podIP: 10.244.1.7}') + pod('web', '{phase: Running, podIP: 10.244.1.7}') }]);
    expect(next.cluster.pods.map((p) => [p.name, p.ips])).toEqual([['web', ['10.244.1.7']]]);
  });

  it('dual-stack status.podIPs: both addresses, IPv4 first', () => {
    const { cluster } = load(node + pod('ds', '{phase: Running, podIP: "fd00:10::5", podIPs: [{ip: "fd00:10::5"}, {ip: 10.244.1.5}]}'));
    expect(cluster.pods[0]?.ips).toEqual(['10.244.1.5', 'fd00:10::5']);
  });
});
