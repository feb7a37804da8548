/**
 * `vrsim reach --html` and `vrsim trace --html`: the heat map has one cell per pair with the
 * policy's explanation (and with `--enforcement flow,packet` both maps and the cells that
 * differ with the reason); the trace report marks the two endpoints in the topology, draws
 * the dropped SYNs and marks the D(FwPolicy) entry; stdout is the same as without --html.
 */
import { describe, expect, it } from 'vitest';
import { checkHeatMapSize } from '../../../src/cli/reach-compare.js';
import { cli, htmlOf } from '../../support/html-report.js';

const M = 'scenarios/book-ch8/manifests';
const DENY = ['-f', `${M}/policy-ns.yaml`, '-f', `${M}/policy-pods.yaml`, '-f', `${M}/variants/policy2-egress-denyall.yaml`];

function cellTitle(html: string, from: string, to: string): string {
  const m = new RegExp(`title="(${from.replace('/', '\\/')} → ${to.replace('/', '\\/')}[^"]*)"`).exec(html);
  return m?.[1] ?? '';
}

describe('reach --html', () => {
  it('the chapter 8 policies: a 6 x 6 heat map, each cell with its verdict and reason; stdout unchanged', async () => {
    const r = await htmlOf('reach', '-f', M);
    const plain = await cli('reach', '-f', M);
    expect(r.code).toBe(0);
    expect(r.out).toBe(plain.out);
    expect(r.html.match(/<td class="cell /g)).toHaveLength(36);
    expect(cellTitle(r.html, 'dev/webserver-dev', 'dev/client1-dev')).toContain('TCP/80: blocked — denied: egress dev/webserver-dev: implicit deny-all (isolated by dev/policy1)');
    expect(r.html).toMatch(/<td class="cell deny" tabindex="0" data-explain="dev\/client2-dev → dev\/dbserver-dev/);
    expect(r.html).not.toContain('flow and packet differ');
  });

  it('--enforcement flow,packet on chapter 3: both maps, the differing cells outlined and explained', async () => {
    const r = await htmlOf('reach', '-f', 'scenarios/book-ch3/manifests', '--enforcement', 'flow,packet');
    expect(r.code).toBe(0);
    expect(r.html).toContain('<figcaption>flow-based</figcaption>');
    expect(r.html).toContain('<figcaption>packet-based</figcaption>');
    // Each differing pair is outlined in both maps.
    expect(r.html.match(/ differs"/g)).toHaveLength(8);
    expect(r.html).toContain('<b>4 cells differ</b>');
    expect(r.html).toContain("<b>qa/client1-qa -&gt; dev/pod-a TCP/80</b>: the request is allowed, but the server&#39;s SYN-ACK (dev/pod-a -&gt; qa/client1-qa) is checked as a new connection and dropped");
  });

  it('a heat map too large to read is refused before probing, with what to do', () => {
    expect(() => checkHeatMapSize(201, 200)).toThrow('--html: a heat map of 201 x 200 endpoints is too large to read (at most 40000 pairs); narrow it with --namespace, --from or --to');
    expect(() => checkHeatMapSize(200, 200)).not.toThrow();
  });
});

describe('trace --html', () => {
  it("dbserver-dev's denied curl: endpoints marked, three drops drawn, the D(FwPolicy) entry marked; stdout unchanged", async () => {
    const args = ['trace', ...DENY, '--from', 'dev/dbserver-dev', '--to', 'dev/client1-dev', '--port', '80'];
    const r = await htmlOf(...args);
    const plain = await cli(...args);
    expect(r.code).toBe(0);
    expect(r.out).toBe(plain.out);
    expect(r.html).toContain('<title>trace dev/dbserver-dev (10.47.255.233) -&gt; dev/client1-dev (10.47.255.232) TCP/80</title>');
    expect([...r.html.matchAll(/<g class="pod marked" data-pod="([^"]+)"/g)].map((m) => m[1])).toEqual(['dev/client1-dev', 'dev/dbserver-dev']);
    expect(r.html).toContain('<span class="pill bad">denied</span>');
    expect(r.html.match(/class="cross"/g)).toHaveLength(3);
    expect(r.html).toMatch(/<span class="flow marked drop" data-flow="\d+"[^>]*>[^<]*Action:D\(FwPolicy\)[^<]*Stats:3\/222/);
  });
});
