/**
 * `vrsim trace --to svc/<ns>/<name>` (or a ClusterIP): the Service's ECMP members with the
 * policy verdict on each backend and target port, the NAT on the backend's node, and a
 * located, helpful error for a Service that does not exist.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (t) => void (out += t), stderr: (t) => void (err += t), isTty: false, cwd: process.cwd() });
  return { code, out, err };
}

const F = ['-f', 'scenarios/services-dns/manifests/cluster.yaml', '--from', 'shop/client', '--port', '80'];

describe('trace to a Service', () => {
  it('svc/shop/web lists the members and the backend node NATs the flow', async () => {
    const r = await cli(['trace', ...F, '--to', 'svc/shop/web']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('trace shop/client (10.47.255.230) -> svc/shop/web (10.96.0.20) TCP/80');
    expect(r.out).toContain('service: shop/web 10.96.0.20:80 -> ECMP over 2 backends; the agent decides on the backend it picks');
    expect(r.out).toContain('  member 1: shop/web-7f9c8d6b5-p8m3z 10.47.255.239:8080: allowed');
    expect(r.out).toContain('cent333  agent installs 216268 N <=> 377032 N; held packets released');
    expect(r.out).toMatch(/exit code 0 \(success\)/);
  });

  it('the ClusterIP given as an address is recognised as the Service', async () => {
    const r = await cli(['trace', ...F, '--to', '10.96.0.20']);
    expect(r.out).toContain('service: shop/web 10.96.0.20:80 -> ECMP over 2 backends');
  });

  it('an unknown Service is an error with a suggestion', async () => {
    const r = await cli(['trace', ...F, '--to', 'svc/shop/wbe']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('vrsim: --to: no Service shop/wbe (did you mean svc/shop/web?); Services: svc/kube-system/kube-dns, svc/shop/web\n');
  });
});
