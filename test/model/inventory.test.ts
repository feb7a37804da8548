/**
 * The cluster index: lookups by name and IP, canonical IPv6, and which endpoint an address is.
 */
import { describe, expect, it } from 'vitest';
import { indexCluster } from '../../src/model/inventory.js';
import { load } from './helpers.js';

const text = [
  'apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: dev}\nspec: {nodeName: cent333}\nstatus:\n  podIPs: [{ip: 10.47.255.234}, {ip: "fd00::1:0:0:4"}]\n',
  'apiVersion: v1\nkind: Pod\nmetadata: {name: agent, namespace: kube-system}\nspec: {nodeName: cent222, hostNetwork: true}\n',
].join('---\n');

describe('indexCluster', () => {
  const index = indexCluster(load(text).cluster);

  it.each([
    ['10.47.255.234', 'pod', 'dev/web'],
    ['FD00:0:0:0:1::4', 'pod', 'dev/web'],
    ['10.169.25.21', 'host', 'cent333'],
    ['10.169.25.20', 'host', 'cent222'],
    ['8.8.8.8', 'external', ''],
    ['2001:db8::1', 'external', ''],
  ])('%s is a %s endpoint %s', (ip, kind, who) => {
    const endpoint = index.endpointForIp(ip);
    expect(endpoint.kind).toBe(kind);
    if (endpoint.kind === 'pod') expect(`${endpoint.pod.namespace}/${endpoint.pod.name}`).toBe(who);
    if (endpoint.kind === 'host') expect(endpoint.node.name).toBe(who);
  });

  it('returns canonical addresses in endpoints', () => {
    expect(index.endpointForIp('FD00:0:0:0:1::4').ip).toBe('fd00::1:0:0:4');
  });

  it('never resolves a hostNetwork pod address to the pod', () => {
    expect(index.podByName('kube-system', 'agent')?.ips).toEqual(['10.169.25.20']);
    expect(index.podByIp('10.169.25.20')).toBeUndefined();
    expect(index.nodeByIp('10.169.25.20')?.name).toBe('cent222');
  });

  it('finds pods, nodes and namespaces by name', () => {
    expect(index.podByName('dev', 'web')?.ips).toEqual(['10.47.255.234', 'fd00::1:0:0:4']);
    expect(index.podByName('qa', 'web')).toBeUndefined();
    expect(index.nodeByName('cent333')?.internalIPs).toEqual(['10.169.25.21']);
    expect(index.namespace('kube-system')?.labels).toEqual({ 'kubernetes.io/metadata.name': 'kube-system' });
    expect(index.podsOnNode('cent333').map((p) => p.name)).toEqual(['web']);
  });

  it('rejects text that is not an address', () => {
    expect(() => index.endpointForIp('10.1')).toThrow('not an IP address: "10.1"');
  });
});
