/**
 * `vrsim diff --namespace/--from/--to`: the same filters as reach narrow both sides, so a
 * change can be reviewed for one team's pods; an unknown pod is an error listing candidates.
 */
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

const M = 'scenarios/book-ch8/manifests';
const SIDES = ['--before', `${M}/policy-ns.yaml`, `${M}/policy-pods.yaml`, '--after', `${M}/policy-ns.yaml`, `${M}/policy-pods.yaml`, `${M}/policy1-do.yaml`];

describe('diff filters', () => {
  it('--from narrows the sources on both sides', async () => {
    const run = await cli('diff', ...SIDES, '--hosts', '--from', 'dev/client2-dev');
    expect(run.code).toBe(1);
    expect(run.out.split('\n')[0]).toBe('1 of 6 connections changed: 1 newly blocked, 0 newly allowed');
    expect(run.out).toContain('  dev/client2-dev -> dev/webserver-dev TCP/80\n');
    expect(run.out).not.toContain('node/cent222 ->');
  });

  it('--namespace keeps only that namespace: policy1 changes nothing there', async () => {
    const run = await cli('diff', ...SIDES, '-n', 'qa');
    expect(run.code).toBe(0);
    expect(run.out).toBe('no connection changed (1 compared)\n');
  });

  it('--to narrows the destinations', async () => {
    const run = await cli('diff', ...SIDES, '--to', 'app=webserver-dev', '-o', 'json');
    expect(run.code).toBe(1);
    const diff = JSON.parse(run.out) as { newlyBlocked: { to: string }[] };
    expect(new Set(diff.newlyBlocked.map((e) => e.to))).toEqual(new Set(['dev/webserver-dev']));
  });

  it('an unknown pod is an error with the candidates', async () => {
    const run = await cli('diff', ...SIDES, '--from', 'dev/client3-dev');
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/^vrsim: --from: no pod named dev\/client3-dev/);
  });
});
