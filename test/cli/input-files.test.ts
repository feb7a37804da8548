/**
 * How the CLI reads its input files, in-process through `runCli`: `-f -` from the injected
 * standard input, the same file given twice loaded once, non-regular files refused, and
 * warnings printed next to the errors of the same load.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';

const M = 'scenarios/book-ch8/manifests';

async function cli(argv: string[], stdin?: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    isTty: false,
    cwd: process.cwd(),
    ...(stdin === undefined ? {} : { readStdin: () => stdin }),
  });
  return { code, out, err };
}

describe('-f inputs', () => {
  it('-f - reads standard input (errors name <stdin>)', async () => {
    const ok = await cli(['reach', '-f', '-', '-o', 'json'], 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out).results).toHaveLength(1);
    const bad = await cli(['explain', '-f', '-'], 'apiVersion: v1\nkind: Pod\nmetadata: {name: A}\n');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^<stdin>:3: metadata\.name: "A" is not a valid DNS-1123 subdomain/);
  });

  it('the same file twice, or a file and its directory, loads once (no "defined twice: here and at <same place>")', async () => {
    const once = await cli(['explain', '-f', M]);
    for (const argv of [['explain', '-f', M, '-f', M], ['explain', '-f', `${M}/policy1-do.yaml`, '-f', M]]) {
      const r = await cli(argv);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.out).toBe(once.out);
    }
  });

  it('/dev/zero is refused at once', async () => {
    const r = await cli(['explain', '-f', '/dev/zero']);
    expect(r).toMatchObject({ code: 1, out: '' });
    expect(r.err).toBe('/dev/zero: cannot read manifest: a character device; vrsim reads manifests from regular files (use -f - for standard input)\n');
  });

  it('/proc/self/environ does not echo the environment', async () => {
    const r = await cli(['explain', '-f', '/proc/self/environ']);
    expect(r.code).toBe(1);
    expect(r.err).toBe('/proc/self/environ:1: not a text file: it holds NUL bytes (expected YAML or JSON manifests)\n');
  });
});

describe('warnings are printed with the errors of the same load', () => {
  it('metdata: gets its did-you-mean next to the missing-metadata error', async () => {
    const r = await cli(['explain', '-f', '-'], 'apiVersion: v1\nkind: Pod\nmetdata: {name: a}\n');
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n')).toEqual([
      '<stdin>:1: metadata: required field is missing; expected a mapping with at least metadata.name',
      '<stdin>:3: warning: unknown field "metdata" (did you mean "metadata"?)',
    ]);
  });

  it('a peer with only namespaceSelectr: says so', async () => {
    const text = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector: {}\n  ingress:\n  - from:\n    - namespaceSelectr: {}\n';
    const r = await cli(['explain', '-f', '-'], text);
    expect(r.code).toBe(1);
    expect(r.err).toContain('<stdin>:8: warning: unknown field "spec.ingress[0].from[0].namespaceSelectr" (did you mean "spec.ingress[0].from[0].namespaceSelector"?)');
    expect(r.err).toContain('<stdin>:8: spec.ingress[0].from[0]: empty peer');
  });
});
