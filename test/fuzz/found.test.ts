/**
 * The bugs the fuzzing suite found, one row each, kept out for good (issue 9 §4). Each row is
 * the shrunk counterexample fast-check printed, run through the CLI in-process, with what the
 * CLI must answer now: the exit code and the exact stderr.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, ftruncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from '../support/cli.js';
import { scratchDir } from './fixtures.js';

const PODS = 'scenarios/book-ch3/manifests/pods.yaml';

describe('bugs found by fuzzing', () => {
  it.each([
    // An empty path was read as a file named "": ": cannot read manifest: no such file or directory" (no file named).
    [['diff', '--after', '', '--before', PODS], 2, "vrsim: --after: an empty path names no file; expected a file or directory (- for standard input)\n"],
    [['explain', '-f', ''], 2, "vrsim: --file: an empty path names no file; expected a file or directory (- for standard input)\n"],
  ])('%j', async (argv, code, err) => {
    const run = await cli(...argv);
    expect({ code: run.code, err: run.err }).toEqual({ code, err });
  });

  // The reach oracle found it: diverge explained the Kubernetes side with NetworkPolicy alone
  // (`decide`), so a connection a ClusterNetworkPolicy denies read "kubernetes denied" next to
  // "implicit allow-all", under the cause "first match". The reason is now the tiered one and
  // the cause the untranslated ClusterNetworkPolicy.
  it.each([
    ['dev/db -> staging/client TCP/80', 'ingress staging/client: [Baseline] Deny (cnp/default-deny ingress rule "deny-all")'],
    ['monitoring/prometheus -> staging/client TCP/80', '[Admin] Pass (cnp/pass-monitoring ingress rule "pass-mon") -> [Baseline] Deny (cnp/default-deny ingress rule "deny-all")'],
  ])('diverge with ClusterNetworkPolicies: %s', async (connection, reason) => {
    const run = await cli('diverge', '-f', 'scenarios/cluster-network-policy', '--port', '80', '-o', 'json');
    const report = JSON.parse(run.out) as { groups: { connections: { from: string; to: string; protocol: string; port: number; kubernetes: { allowed: boolean; reason: string }; causes: string[] }[] }[] };
    const found = report.groups.flatMap((g) => g.connections).find((d) => `${d.from} -> ${d.to} ${d.protocol}/${d.port}` === connection);
    expect(found?.kubernetes.allowed).toBe(false);
    expect(found?.kubernetes.reason).toContain(reason);
    expect(found?.causes).toEqual(['cluster-network-policy']);
  });

  // Found while listing the bounds for docs/limits.md: scenario files (and their includes) were
  // read with readFileSync, without the manifest reader's guarantees: `run /dev/zero` read
  // forever, `run <fifo>` hung, a 70 MB file was parsed whole.
  const dir = scratchDir();
  const fifo = join(dir, 'lab.fifo');
  execFileSync('mkfifo', [fifo]);
  const big = join(dir, 'big.yaml');
  const fd = openSync(big, 'w');
  ftruncateSync(fd, 65 * 1024 * 1024);
  closeSync(fd);
  const includesFifo = join(dir, 'lab.yaml');
  writeFileSync(includesFifo, 'name: t\nsource: test\nresources:\n  - file: lab.fifo\nsteps:\n  - wait: 1s\n');
  it.each([
    [['run', '/dev/zero'], 'vrsim: cannot read scenario file "/dev/zero": a character device; vrsim reads regular files\n'],
    [['run', fifo], `vrsim: cannot read scenario file ${JSON.stringify(fifo)}: a named pipe (FIFO); vrsim reads regular files\n`],
    [['run', big], `vrsim: cannot read scenario file ${JSON.stringify(big)}: the file is 68157440 bytes; vrsim reads at most 64 MiB per file\n`],
    [['run', includesFifo], `${includesFifo}:4: resources[0]: cannot read manifest file "lab.fifo" (paths are relative to the scenario file)\n`],
  ])('%j', async (argv, err) => {
    const run = await cli(...argv);
    expect({ code: run.code, err: run.err }).toEqual({ code: 2, err });
  });
});
