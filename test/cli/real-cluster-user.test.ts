/**
 * The first paragraph, tried as a new user would on the realistic dump: a workload
 * named like a pod gets the workload's name suggested, and a Service address with its port
 * (`--to 10.96.0.10:53`, the DNS Service) is traced to its backends, allowed.
 */
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

const DUMP = 'test/fixtures/real-cluster/cluster.yaml';

describe('the real-cluster dump as a new user tries it', () => {
  it('trace --from <ns>/<deployment> suggests the workload form', async () => {
    const run = await cli('trace', '-f', DUMP, '--from', 'shop/frontend', '--to', 'shop/debug-shell', '--port', '80');
    expect(run.code).toBe(2);
    expect(run.err).toContain('vrsim: --from: no pod named shop/frontend (did you mean the workload shop/frontend[Deployment]?) (pods in shop: ');
  });

  it('a trace to the DNS Service address and port reaches CoreDNS, not "outside"', async () => {
    const run = await cli('trace', '-f', DUMP, '--from', 'shop/debug-shell', '--to', '10.96.0.10:53', '--protocol', 'UDP');
    expect(run.code).toBe(0);
    expect(run.out).toContain('service: kube-system/kube-dns 10.96.0.10:53 -> ECMP over 2 backends');
    expect(run.out).not.toContain('not a pod');
  });
});
