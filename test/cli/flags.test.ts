/**
 * Command-line habits: repeated single-valued flags, seeds as settings.seed takes them,
 * strict booleans, errors blamed on the right flag, --step past the end, `vrsim` alone,
 * --version, did-you-mean for flags, unknown endpoints listed, NO_COLOR.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';

const M = 'scenarios/book-ch8/manifests';

async function cli(argv: string[], env: Record<string, string> = {}, isTty = false): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (t) => void (out += t), stderr: (t) => void (err += t), isTty, cwd: process.cwd(), env });
  return { code, out, err };
}

describe('flag errors (exit 2, nothing printed on stdout)', () => {
  it.each([
    [['reach', '-f', M, '--seed', '5', '--seed', '7'], 'vrsim: --seed was given 2 times (5, 7); give it once'],
    [['reach', '-f', M, '-o', 'json', '-o', 'table'], 'vrsim: -o was given 2 times (json, table); it takes one value'],
    [['trace', '-f', M, '--from', 'dev/client1-dev', '--to', 'dev/webserver-dev', '--port', '80', '--port', '81'], 'vrsim: --port was given 2 times (80, 81); it takes one value'],
    [['reach', '-f', M, '--seed', ''], 'vrsim: --seed: expected an integer 0..4294967295 (as settings.seed), got ""'],
    [['reach', '-f', M, '--seed', '4294967296'], 'vrsim: --seed: expected an integer 0..4294967295 (as settings.seed), got "4294967296"'],
    [['run', 'scenarios/blog-calico.yaml', '--seed', '4294967296'], 'vrsim: --seed: expected an integer 0..4294967295 (as settings.seed), got "4294967296"'],
    [['run', 'scenarios/blog-calico.yaml', '--seed', '-1'], 'vrsim: --seed: expected an integer 0..4294967295'],
    [['reach', '-f', M, '--hosts=maybe'], 'vrsim: --hosts: expected true or false, got "maybe" (write --hosts or --no-hosts)'],
    [['flows', '-f', M, '-t', 'dev/client1-dev->dev/webserver-dev:99999'], 'vrsim: --traffic "dev/client1-dev->dev/webserver-dev:99999": expected a port number 1-65535 for TCP, got "99999"'],
    [['run', 'scenarios/blog-calico.yaml', '--step', '999'], 'vrsim: --step 999: the scenario has'],
    [['reach', '-f', M, '--sede', '5'], 'vrsim: Unknown argument: sede (did you mean --sede → --seed?)'],
    [['trace', '-f', M, '--from', 'dev/client1', '--to', 'dev/webserver-dev', '--port', '80'], 'vrsim: --from: no pod named dev/client1 (did you mean dev/client1-dev?) (pods in dev: client1-dev, client2-dev, dbserver-dev, webserver-dev)'],
  ])('%j', async (argv, message) => {
    const r = await cli(argv);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toContain(message);
    expect(r.out).toBe('');
  });

  it('the largest seed is accepted by run and by the simulating commands', async () => {
    expect((await cli(['reach', '-f', M, '--seed', '4294967295', '-o', 'json'])).code).toBe(0);
    expect((await cli(['run', 'scenarios/blog-calico.yaml', '--seed', '4294967295'])).code).toBe(0);
  });
});

describe('vrsim alone, --version', () => {
  it('vrsim alone prints the command list and exits 0 (as kubectl)', async () => {
    const r = await cli([]);
    expect(r.code).toBe(0);
    for (const c of ['run', 'reach', 'trace', 'flows', 'explain', 'contrail']) expect(r.out).toContain(`vrsim ${c}`);
  });
  it('--version prints the package version', async () => {
    const r = await cli(['--version']);
    expect(r.code).toBe(0);
    expect(r.out.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('colour', () => {
  it('NO_COLOR turns colour off on a terminal; --color still turns it on', async () => {
    const esc = '\u001b[';
    expect((await cli(['run', 'scenarios/blog-calico.yaml'], {}, true)).out).toContain(esc);
    expect((await cli(['run', 'scenarios/blog-calico.yaml'], { NO_COLOR: '1' }, true)).out).not.toContain(esc);
    expect((await cli(['run', 'scenarios/blog-calico.yaml', '--color'], { NO_COLOR: '1' }, false)).out).toContain(esc);
  });
});
