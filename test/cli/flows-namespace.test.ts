/**
 * `vrsim flows --namespace ns`: only the flows whose source or destination is a pod of ns (or
 * one of its Services' cluster IPs), in the text dump and in JSON; an unknown namespace is a
 * located error with a did-you-mean.
 */
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

const BOOK = 'scenarios/book-ch8/manifests';
const TRAFFIC = ['-t', 'dev/client1-dev->dev/webserver-dev:53/UDP', '-t', 'qa/client-qa->jtac/client-jtac:53/UDP'];

describe('flows --namespace', () => {
  it('lists only the flows of pods in the namespace, on every node', async () => {
    const all = await cli('flows', '-f', BOOK, ...TRAFFIC);
    expect(all.out).toContain('10.47.255.232:40768'); // dev/client1-dev
    const jtac = await cli('flows', '-f', BOOK, ...TRAFFIC, '--namespace', 'jtac');
    expect(jtac.code).toBe(0);
    expect(jtac.out).toContain('10.47.255.229:53'); // jtac/client-jtac
    expect(jtac.out).not.toContain('10.47.255.232'); // dev/client1-dev
    expect(jtac.out).not.toContain('10.47.255.234'); // dev/webserver-dev
    const both = await cli('flows', '-f', BOOK, ...TRAFFIC, '-n', 'jtac,dev');
    expect(both.out).toContain('10.47.255.232:40768');
    expect(both.out).toContain('10.47.255.229:53');
  });

  it('filters the JSON dump the same way', async () => {
    const run = await cli('flows', '-f', BOOK, ...TRAFFIC, '-n', 'dev', '-o', 'json');
    const dump = JSON.parse(run.out) as { nodes: Record<string, { flows: { source: string; destination: string }[] }> };
    const flows = Object.values(dump.nodes).flatMap((n) => n.flows);
    expect(flows.length).toBeGreaterThan(0);
    for (const f of flows) expect(JSON.stringify(f)).not.toContain('10.47.255.229');
  });

  it('keeps a Service connection whose client is elsewhere when the Service is in the namespace', async () => {
    const run = await cli('flows', '-f', 'scenarios/services-dns/manifests/cluster.yaml', '-t', 'shop/client->10.96.0.10:53/UDP', '-n', 'kube-system');
    expect(run.code).toBe(0);
    expect(run.out).toContain('10.96.0.10:53'); // the client's forward entry, keyed by the VIP
    const none = await cli('flows', '-f', 'scenarios/services-dns/manifests/cluster.yaml', '-t', 'shop/client->10.96.0.10:53/UDP', '-n', 'default');
    expect(none.out).not.toContain('<=>');
  });

  it('refuses a namespace the cluster does not have', async () => {
    const run = await cli('flows', '-f', BOOK, '-n', 'jtack');
    expect(run.code).toBe(2);
    expect(run.err).toBe('vrsim: --namespace: no namespace "jtack" (did you mean jtac?) (namespaces: jtac, dev, qa)\n');
  });
});

describe('flows says when it dumps mid-teardown', () => {
  it('notes on stderr that closing TCP connections are dumped before their teardown ends', async () => {
    const tcp = await cli('flows', '-f', BOOK, '-t', 'qa/client-qa->jtac/client-jtac:80');
    expect(tcp.out).toMatch(/TCP:SSrEErFr?,/);
    expect(tcp.err).toContain('# dumped as the clients exit: TCP connections still closing show F/Fr without D (trace waits for the teardown and the eviction)\n');
    const udp = await cli('flows', '-f', BOOK, '-t', 'qa/client-qa->jtac/client-jtac:53/UDP');
    expect(udp.err).not.toContain('dumped as the clients exit');
  });
});
