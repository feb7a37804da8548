/**
 * The bugs the fuzzing suite found, one row each, kept out for good (issue 9 §4). Each row is
 * the shrunk counterexample fast-check printed, run through the CLI in-process, with what the
 * CLI must answer now: the exit code and the exact stderr.
 */
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

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
});
