/**
 * `vrsim diff`: what a policy change does, by real attempts on both clusters — golden text for
 * the book's policy1, JSON and Markdown carrying the same entries, exit codes for CI gates
 * (0 nothing changed, 1 changed, 2 bad input), and verdicts that come from the dataplane
 * (packet-based enforcement changes what a change does).
 */
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { expectGolden } from '../support/golden.js';

const M = 'scenarios/book-ch8/manifests';
const BASE = [`${M}/policy-ns.yaml`, `${M}/policy-pods.yaml`];

interface DiffJson {
  compared: number;
  changed: number;
  newlyBlocked: { from: string; to: string; protocol: string; port: number; before: { allowed: boolean; reason: string }; after: { allowed: boolean; reason: string } }[];
  newlyAllowed: DiffJson['newlyBlocked'];
}

describe('vrsim diff', () => {
  it('policy1 on the book lab: 8 connections newly blocked, each with the rule before and after (golden), exit 1', async () => {
    const r = await cli('diff', '--before', ...BASE, '--after', ...BASE, `${M}/policy1-do.yaml`, '--hosts');
    expect(r.code).toBe(1);
    expect(r.err).toBe('');
    expectGolden('cli-diff-book-policy1.txt', r.out);
  });

  it('-o json and -o md list the same connections as the text', async () => {
    const args = ['diff', '--before', ...BASE, `${M}/policy1-do.yaml`, '--after', ...BASE, `${M}/policy1-do.yaml`, `${M}/variants/policy2-egress-denyall.yaml`];
    const json = JSON.parse((await cli(...args, '-o', 'json')).out) as DiffJson;
    expect(json.changed).toBe(json.newlyBlocked.length + json.newlyAllowed.length);
    expect(json.newlyAllowed).toEqual([]);
    const db = json.newlyBlocked.find((e) => e.from === 'dev/dbserver-dev' && e.to === 'dev/client1-dev')!;
    expect(db.before.allowed).toBe(true);
    expect(db.after.allowed).toBe(false);
    expect(db.after.reason).toContain('dev/policy2-egress-denyall');
    // Only dbserver-dev's connections change: its egress is denied, its ingress only from webserver-dev.
    expect(json.newlyBlocked.every((e) => e.from === 'dev/dbserver-dev' || e.to === 'dev/dbserver-dev')).toBe(true);
    expect(json.newlyBlocked.filter((e) => e.from === 'dev/dbserver-dev')).toHaveLength(4);
    expect(json.newlyBlocked.some((e) => e.from === 'dev/webserver-dev')).toBe(false);
    const md = (await cli(...args, '-o', 'md')).out;
    expect(md).toMatch(/^## vrsim diff\n/);
    const rows = md.split('\n').filter((l) => l.startsWith('| dev/') || l.startsWith('| qa/') || l.startsWith('| jtac/'));
    expect(rows).toHaveLength(json.newlyBlocked.length);
    for (const e of json.newlyBlocked) expect(md).toContain(`| ${e.from} | ${e.to} | ${e.protocol}/${e.port} |`);
    const text = (await cli(...args)).out;
    for (const e of json.newlyBlocked) expect(text).toContain(`  ${e.from} -> ${e.to} ${e.protocol}/${e.port}\n`);
  });

  it('no change: exit 0 and says so', async () => {
    const r = await cli('diff', '--before', M, '--after', M, '--port', '80');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^no connection changed \(\d+ compared\)\n$/);
  });

  it('the verdicts come from the simulated dataplane: under packet enforcement policy1 also cuts the replies', async () => {
    const flow = JSON.parse((await cli('diff', '--before', ...BASE, '--after', ...BASE, `${M}/policy1-do.yaml`, '-o', 'json')).out) as DiffJson;
    const packet = JSON.parse((await cli('diff', '--before', ...BASE, '--after', ...BASE, `${M}/policy1-do.yaml`, '-o', 'json', '--enforcement', 'packet')).out) as DiffJson;
    const key = (e: DiffJson['newlyBlocked'][number]): string => `${e.from}->${e.to}`;
    // client1-dev may reach webserver-dev (ingress rule), but webserver-dev's egress allows only
    // dbserver-dev: a stateless filter drops the SYN-ACK back to client1-dev.
    expect(flow.newlyBlocked.map(key)).not.toContain('dev/client1-dev->dev/webserver-dev');
    const cut = packet.newlyBlocked.find((e) => key(e) === 'dev/client1-dev->dev/webserver-dev')!;
    expect(cut.after.reason).toMatch(/^packet-based: the request is allowed but the reply is checked as a new connection/);
  });

  it('bad input exits 2 (1 means "changed")', async () => {
    const missing = await cli('diff', '--before', M, '--after', 'no/such/dir');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('no/such/dir');
    const bad = await cli('diff', '--before', M, '--after', 'test/fixtures/cli/bad-cidr.yaml');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/bad-cidr\.yaml:\d+: /);
    const flag = await cli('diff', '--before', M, '--after', M, '--port', '99999');
    expect(flag.code).toBe(2);
    expect(flag.err).toBe('vrsim: --port: 99999 is outside 1-65535\n');
  });
});
