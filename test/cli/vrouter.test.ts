/**
 * `vrsim vrouter <node> <tool>`: dropstats in utils/vr_util.c's layout (golden, and each line
 * checked against the source's format: name padded to 30 columns, then the value), the drop
 * counters that tie the book's `Stats:3/222` to three dropped packets, `flow -s` with `--get` and unknown nodes
 * refused plainly, and the agent-introspect-like record of `flows -o json`.
 */
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { expectGolden } from '../support/golden.js';

const M = 'scenarios/book-ch8/manifests';
const DENYALL = `${M}/variants/policy2-egress-denyall.yaml`;
const BOOK_FLOW = 'dev/dbserver-dev->dev/client1-dev:80';

describe('vrsim vrouter <node> dropstats', () => {
  it('prints the book-lab drops in the real layout (golden)', async () => {
    const r = await cli('vrouter', 'cent333', 'dropstats', '-f', M, '-f', DENYALL, '-t', BOOK_FLOW);
    expect(r.code).toBe(0);
    expectGolden('cli-vrouter-dropstats-book-cent333.txt', r.out);
    // The three SYNs of Stats:3/222 are dropped by the D(FwPolicy) entry: "Flow Action Drop".
    expect(r.out).toContain('\nFlow Action Drop              3\n');
    expect(r.out.split('\n').every((l) => l === '' || (l.length > 30 && /^\S.{29}\d/.test(l)))).toBe(true);
    expect(r.out.endsWith('Fragment Queueing Failures    0\n\n')).toBe(true);
  });

  it('counts nothing on the node the denied flow never reaches', async () => {
    const r = await cli('vrouter', 'cent222', 'dropstats', '-f', M, '-f', DENYALL, '-t', BOOK_FLOW, '-o', 'json');
    expect((JSON.parse(r.out) as { dropstats: Record<string, number> }).dropstats['Flow Action Drop']).toBe(0);
  });

  it('rejects unknown nodes and flow -s mixed with --get', async () => {
    const both = await cli('vrouter', 'cent333', 'flow', '-s', '--get', '1', '-f', M);
    expect(both.code).toBe(2);
    expect(both.err).toBe('vrsim: vrouter flow: give one of --get, -s (usage: flow --get <flow index> [--show-evicted] | flow -s)\n');
    const node = await cli('vrouter', 'cent999', 'dropstats', '-f', M);
    expect(node.code).toBe(2);
    expect(node.err).toContain('no node named "cent999" (nodes: cent222, cent333)');
  });
});

describe('flows -o json: the agent-introspect-like record', () => {
  it('names the deciding firewall rule and the agent drop reason under contrail', async () => {
    const r = await cli('flows', '-f', M, '-f', DENYALL, '-t', BOOK_FLOW, '--node', 'cent333', '--semantics', 'contrail', '-o', 'json');
    type Entry = { action: string; dropReason: string | null; agent: { fw_policy_match: string | null; drop_reason: string | null; reflexive: boolean } };
    const flows = (JSON.parse(r.out) as { nodes: Record<string, { flows: Entry[] }> }).nodes['cent333']!.flows;
    const forward = flows.find((f) => f.dropReason === 'FwPolicy')!;
    expect(forward.agent).toMatchObject({ fw_policy_match: 'k8s-denyall:dev-egress-policy2-egress-denyall-default-deny-all', drop_reason: 'Flow drop Firewall Policy', reflexive: false });
    const reverse = flows.find((f) => f.dropReason === 'Unknown')!;
    expect(reverse.agent).toMatchObject({ fw_policy_match: forward.agent.fw_policy_match, drop_reason: 'UNKNOWN', reflexive: true });
  });

  it('has no firewall match under the kubernetes semantics', async () => {
    const r = await cli('flows', '-f', M, '-f', DENYALL, '-t', BOOK_FLOW, '--node', 'cent333', '-o', 'json');
    const flows = (JSON.parse(r.out) as { nodes: Record<string, { flows: { agent: { fw_policy_match: string | null; drop_reason: string | null } }[] }> }).nodes['cent333']!.flows;
    expect(flows.map((f) => f.agent.fw_policy_match)).toEqual([null, null]);
    expect(flows.map((f) => f.agent.drop_reason).sort()).toEqual(['Flow drop Firewall Policy', 'UNKNOWN']);
  });
});
