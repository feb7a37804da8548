/**
 * The HTML report of a scenario that deletes a pod and adds another: the topology card shows
 * the cluster as the run began and links the steps that changed it; each such step shows
 * what it removed or added and the topology after it; packets of a step are named with the
 * pods as they were then, so a connection to a pod deleted later is still named by its pod.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { htmlOf } from '../../support/html-report.js';
import { namingTopology, topologyChanges } from '../../../src/report/html/topology-changes.js';
import type { Topology } from '../../../src/report/html/model.js';

function stepHtml(html: string, n: number): string {
  const start = html.indexOf(`id="step-${n}"`);
  const end = html.indexOf(`id="step-${n + 1}"`);
  return html.slice(start, end < 0 ? undefined : end);
}

function scenario(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vrsim-topology-'));
  const m = `${process.cwd()}/scenarios/book-ch8/manifests`;
  writeFileSync(join(dir, 'newcomer.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: { name: newcomer, namespace: dev, labels: { app: newcomer } }\nspec: { nodeName: cent333, containers: [ { name: c, image: nginx, ports: [ { containerPort: 80 } ] } ] }\n');
  const file = join(dir, 'come-and-go.yaml');
  writeFileSync(file, [
    'name: pods come and go',
    'source: test',
    'settings: { enforcement: flow, seed: 1 }',
    'resources:',
    `  - file: ${m}/policy-ns.yaml`,
    `  - file: ${m}/policy-pods.yaml`,
    'steps:',
    '  - curl: { from: dev/client1-dev, to: dev/webserver-dev, maxTime: 5, expect: success }',
    '  - delete: { kind: Pod, namespace: dev, name: webserver-dev }',
    '  - apply: newcomer.yaml',
    '  - curl: { from: dev/client1-dev, to: dev/newcomer, maxTime: 5, expect: success }',
  ].join('\n') + '\n');
  return file;
}

describe('the report of a run that adds and deletes pods', () => {
  it('shows the topology as the run began, each change at its step, and names packets as they were', async () => {
    const { code, html } = await htmlOf('run', scenario());
    expect(code).toBe(0);
    const card = html.slice(html.indexOf('id="topology"'), html.indexOf('id="steps"'));
    expect(card).toContain('as the run began. Steps that add or delete pods show the topology after them: <a href="#step-2">step 2</a>, <a href="#step-3">step 3</a>.');
    // The first topology still has webserver-dev and not the newcomer.
    expect(card).toContain('webserver-dev');
    expect(card).not.toContain('newcomer');
    const deleted = stepHtml(html, 2);
    expect(deleted).toContain('<summary>Topology after step 2: 1 pod removed</summary>');
    expect(deleted).toContain('<ul class="changes"><li>removed dev/webserver-dev (10.47.255.234) on cent333, vif 0/5</li></ul>');
    const added = stepHtml(html, 3);
    expect(added).toContain('<summary>Topology after step 3: 1 added</summary>');
    expect(added).toMatch(/<li>added dev\/newcomer \(10\.47\.255\.\d+\) on cent333, vif 0\/5<\/li>/);
    // Step 1's curl went to a pod the run later deleted: still named by its pod, not by its address.
    const first = stepHtml(html, 1);
    expect(first).toContain('→ dev/webserver-dev (10.47.255.234) TCP/80');
    expect(first).not.toContain('Topology after step');
    expect(stepHtml(html, 4)).toContain('→ dev/newcomer (');
  });
});

describe('topologyChanges and namingTopology', () => {
  const vif = (index: number, owner: string, address: string) => ({ index, kind: 'pod' as const, name: `tap${index}`, owner, addresses: [address] });
  const node = (name: string, ...vifs: ReturnType<typeof vif>[]) => ({ name, fabricIp: '10.0.0.1', vifs });
  it.each<[string, Topology, Topology, string[]]>([
    ['nothing changed', { nodes: [node('a', vif(3, 'ns/x', '10.1.1.1'))] }, { nodes: [node('a', vif(3, 'ns/x', '10.1.1.1'))] }, []],
    ['a pod deleted', { nodes: [node('a', vif(3, 'ns/x', '10.1.1.1'))] }, { nodes: [node('a')] }, ['- ns/x (10.1.1.1) on a, vif 0/3']],
    ['a pod re-created with a new address', { nodes: [node('a', vif(3, 'ns/x', '10.1.1.1'))] }, { nodes: [node('a', vif(3, 'ns/x', '10.1.1.2'))] }, ['- ns/x (10.1.1.1) on a, vif 0/3', '+ ns/x (10.1.1.2) on a, vif 0/3']],
    ['a pod moved to another node', { nodes: [node('a', vif(3, 'ns/x', '10.1.1.1')), node('b')] }, { nodes: [node('a'), node('b', vif(3, 'ns/x', '10.1.1.1'))] }, ['- ns/x (10.1.1.1) on a, vif 0/3', '+ ns/x (10.1.1.1) on b, vif 0/3']],
  ])('%s', (_what, before, after, changes) => {
    expect(topologyChanges(before, after)).toEqual(changes);
    // The naming topology knows every pod of either side, the newer first.
    const owners = namingTopology(before, after).nodes.flatMap((n) => n.vifs.map((v) => `${v.owner}@${v.addresses[0]}`));
    for (const t of [after, before]) for (const n of t.nodes) for (const v of n.vifs) expect(owners).toContain(`${v.owner}@${v.addresses[0]}`);
  });
});
