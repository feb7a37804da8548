/**
 * A scenario names the pods of its workload controllers with its own seed (settings.seed, or
 * `--seed` over it), the same names `vrsim reach --seed N -f` gives the same manifests: a step
 * written against those names validates, in the initial resources and in a later apply.
 */
import { describe, expect, it } from 'vitest';
import { loadCluster } from '../../src/model/load.js';
import { parseScenario } from '../../src/scenario/parse-scenario.js';
import { planScenario } from '../../src/scenario/plan.js';

const APP = `apiVersion: v1
kind: Namespace
metadata: { name: shop }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: nginx, ports: [{ containerPort: 80 }] }] }
`;
const JOB = `apiVersion: batch/v1
kind: Job
metadata: { name: report, namespace: shop }
spec:
  template:
    metadata: { labels: { app: report } }
    spec: { restartPolicy: Never, containers: [{ name: r, image: busybox }] }
`;

function podNames(seed: number, ...texts: string[]): string[] {
  return loadCluster(texts.map((text, i) => ({ file: `m${i}.yaml`, text })), { seed }).cluster.pods.map((p) => p.name);
}

function lab(seed: number | undefined, from: string, job: string): string {
  return `name: seeded
source: test
settings: { enforcement: flow${seed === undefined ? '' : `, seed: ${seed}`} }
resources: [ { file: app.yaml } ]
steps:
  - curl: { from: shop/${from}, to: shop/${from}, expect: success }
  - apply: job.yaml
  - curl: { from: shop/${job}, to: shop/${from}, expect: success }
`;
}

const files: Record<string, string> = { 'app.yaml': APP, 'job.yaml': JOB };
const reader = (rel: string) => (files[rel] === undefined ? undefined : { file: rel, text: files[rel]! });

describe('scenario seed', () => {
  const seven = podNames(7, APP, JOB);
  const one = podNames(1, APP, JOB);

  it('differs between seeds, so the test below means something', () => {
    expect(seven.filter((n) => n.startsWith('web-'))).not.toEqual(one.filter((n) => n.startsWith('web-')));
  });

  it('names controller pods with settings.seed', () => {
    const web = seven.find((n) => n.startsWith('web-'))!;
    const job = seven.find((n) => n.startsWith('report-'))!;
    const plan = planScenario(parseScenario({ file: 'lab.yaml', text: lab(7, web, job) }, reader));
    expect(plan.initial.pods.map((p) => p.name)).toEqual(seven.filter((n) => n.startsWith('web-')));
    expect(plan.steps[1]!.cluster?.pods.map((p) => p.name)).toEqual(seven);
  });

  it('names them with --seed when it overrides settings.seed', () => {
    const web = seven.find((n) => n.startsWith('web-'))!;
    const job = seven.find((n) => n.startsWith('report-'))!;
    const plan = planScenario(parseScenario({ file: 'lab.yaml', text: lab(3, web, job) }, reader, { seed: 7 }));
    expect(plan.steps[1]!.cluster?.pods.map((p) => p.name)).toEqual(seven);
  });

  it('keeps seed 1 names without a seed', () => {
    const web = one.find((n) => n.startsWith('web-'))!;
    const job = one.find((n) => n.startsWith('report-'))!;
    const plan = planScenario(parseScenario({ file: 'lab.yaml', text: lab(undefined, web, job) }, reader));
    expect(plan.initial.pods.map((p) => p.name)).toEqual(one.filter((n) => n.startsWith('web-')));
  });
});
