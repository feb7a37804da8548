/**
 * `vrsim run <scenario> --html FILE` on the chapter 8 lab, read as text: the same bytes on
 * every run, the transcript and exit code unchanged by the flag, the dropped connection of
 * dbserver-dev with its sequence diagram (hold, trap, the agent's denial, D(FwPolicy) drops)
 * and its flow entry marked in cent333's table; bad paths refused before anything runs.
 */
import { describe, expect, it } from 'vitest';
import { cli, htmlOf } from '../../support/html-report.js';

/** The HTML of one step (from its anchor to the next step's). */
function stepHtml(html: string, n: number): string {
  const start = html.indexOf(`id="step-${n}"`);
  const end = html.indexOf(`id="step-${n + 1}"`);
  expect(start).toBeGreaterThan(0);
  return html.slice(start, end < 0 ? undefined : end);
}

let book: Promise<Awaited<ReturnType<typeof htmlOf>>> | undefined;
/** The chapter 8 report, made once for the tests that only read it. */
function bookReport(): ReturnType<typeof htmlOf> {
  book ??= htmlOf('run', 'scenarios/book-ch8.yaml');
  return book;
}

describe('vrsim run --html', () => {
  it('the chapter 8 report: deterministic, and the transcript is the same as without --html', async () => {
    const a = await bookReport();
    const b = await htmlOf('run', 'scenarios/book-ch8.yaml');
    const plain = await cli('run', 'scenarios/book-ch8.yaml');
    expect(a.code).toBe(0);
    expect(a.html).toBe(b.html);
    expect(a.out).toBe(plain.out);
    expect(a.html.startsWith('<!DOCTYPE html>')).toBe(true);
    // Self-contained: no URL to fetch anything from, and a policy that forbids fetching.
    expect(a.html).not.toMatch(/\b(src|href)="(?!#)/);
    expect(a.html).toContain("default-src 'none'");
  });

  it("shows why dbserver-dev's curl times out: the denial, the three drops on cent333 and the D(FwPolicy) entry marked", async () => {
    const { html } = await bookReport();
    const died = html.slice(html.indexOf('id="died"'), html.indexOf('id="topology"'));
    expect(died).toContain('href="#step-51"');
    expect(died).toContain('dev/dbserver-dev (10.47.255.233:');
    expect(died).toContain('3 packets dropped by the vRouter on cent333 (Flow Action Drop D(FwPolicy)');
    expect(died).toContain('denied: egress dev/dbserver-dev: implicit deny-all (isolated by dev/policy2-egress-denyall)');
    const step = stepHtml(html, 51);
    expect(step).toContain('curl: (28) Connection timed out after 5000 milliseconds');
    expect(step).toContain('<li class="ok">expected timeout</li>');
    // The sequence diagram: pod -> vRouter, miss, hold, trap, denial, install, then a red cross per SYN.
    const svg = step.slice(step.indexOf('<svg class="seq"'), step.indexOf('</svg>'));
    for (const label of ['vRouter cent333', 'agent cent333', 'lookup: miss', 'pkt0 trap FLOW_MISS', 'policy: DENY', 'install D(FwPolicy)']) expect(svg).toContain(label);
    expect(svg.match(/class="cross"/g)).toHaveLength(3);
    expect(svg).not.toContain('vRouter cent222');
    // cent333's table after the step: the forward entry marked, with its drop reason and the three SYNs.
    const marked = [...step.matchAll(/<span class="flow marked drop" data-flow="(\d+)"[^>]*>([^<]*)<\/span>/g)];
    expect(marked.map((m) => m[2]!.includes('Action:D(FwPolicy)') && m[2]!.includes('Stats:3/222'))).toContain(true);
  });

  it('a successful cross-node curl: the tunnel both ways, delivery, and the reply on the reverse entry', async () => {
    const { html } = await bookReport();
    const step = stepHtml(html, 2);
    const svg = step.slice(step.indexOf('<svg class="seq"'), step.indexOf('</svg>'));
    expect(svg).toContain('MPLSoUDP label');
    expect(svg).toContain('class="row arrow reply"');
    expect(svg).toMatch(/hit \d+ F/);
    expect(step).not.toContain('class="cross"');
  });

  it('a directory that does not exist: exit 2 and a clear message, nothing run', async () => {
    const r = await cli('run', 'scenarios/book-ch8.yaml', '--html', '/nonexistent-dir/report.html');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--html: cannot write "/nonexistent-dir/report.html": directory "/nonexistent-dir" does not exist');
    expect(r.out).toBe('');
  });
});

describe('vrsim run --html under packet-based enforcement (chapter 3 counterfactual)', () => {
  it('each probe beside the same probe flow-based: the SYN-ACK dropped in this run, the page delivered flow-based', async () => {
    const { code, html } = await htmlOf('run', 'scenarios/book-ch3-packet-based.yaml');
    expect(code).toBe(0);
    const step = stepHtml(html, 5);
    expect(step).toContain('curl: (28) Connection timed out after 5000 milliseconds');
    const [packet, flow] = step.split('<h4>flow-based (the same probe on a fresh copy of the cluster): success</h4>');
    expect(packet).toContain('<h4>packet-based (this run)</h4>');
    expect(packet).toContain('dropped by the vRouter on cent222 (Flow Action Drop D(FwPolicy)');
    expect(flow).toContain('exit code 0 (success)');
    expect(flow?.slice(0, flow.indexOf('Flow tables after'))).not.toContain('class="cross"');
  });
});
