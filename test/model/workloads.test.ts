/**
 * Workload controllers expand into the pods their controllers would create (counts with the
 * API's defaults, names and labels shaped like the controllers'), are validated as the API
 * server validates them, and a dump holding both a controller and its pods creates nothing twice.
 */
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/model/diagnostics.js';
import { applyManifests, deleteObjects } from '../../src/model/apply.js';
import { loadCluster } from '../../src/model/load.js';
import { RAND_ALPHABET } from '../../src/model/workloads/names.js';
import { groupByWorkload, workloadLabel, workloadOf } from '../../src/model/workloads/workload-ref.js';
import type { Cluster } from '../../src/model/types.js';
import { errorLines, load } from './helpers.js';

const suffix = `[${RAND_ALPHABET}]{5}`;
const hashChars = '[bcdf456789]';

function template(labels: string, extra = ''): string {
  return `  template:\n    metadata: {labels: ${labels}}\n    spec:\n${extra}      containers: [{name: c, image: i, ports: [{containerPort: 8080, name: http}]}]\n`;
}
const deploy = (name: string, replicas: string, labels = '{app: web}', ns = 'shop'): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}, namespace: ${ns}}\nspec:\n${replicas}  selector: {matchLabels: ${labels}}\n${template(labels)}`;
const names = (cluster: Cluster): string[] => cluster.pods.map((p) => p.name);

describe('workload controllers expand into pods', () => {
  it('a Deployment runs spec.replicas pods named <name>-<pod-template-hash>-<5 chars>, with the hash label, deterministic from the seed', () => {
    const text = deploy('web', '  replicas: 3\n');
    const a = load(text).cluster;
    expect(a.pods).toHaveLength(3);
    const hash = a.pods[0]!.labels['pod-template-hash']!;
    expect(hash).toMatch(new RegExp(`^${hashChars}{1,10}$`));
    for (const pod of a.pods) {
      expect(pod.name).toMatch(new RegExp(`^web-${hash}-${suffix}$`));
      expect(pod.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
      expect(pod.ports).toEqual([{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
      expect(pod.workload).toEqual({ kind: 'Deployment', namespace: 'shop', name: 'web' });
      expect(pod.generated).toBe(true);
    }
    expect(names(load(text).cluster)).toEqual(names(a));
    const other = loadCluster([{ file: 'in.yaml', text }], { seed: 7 }).cluster;
    expect(names(other)).not.toEqual(names(a));
    expect(other.pods[0]!.labels['pod-template-hash']).toBe(hash);
    expect(a.workloads).toEqual([expect.objectContaining({ kind: 'Deployment', name: 'web', desiredPods: 3, pods: 'expanded' })]);
  });

  it.each([
    { what: 'Deployment without replicas: 1 (SetDefaults_Deployment)', text: deploy('web', ''), count: 1 },
    { what: 'Deployment with replicas 0', text: deploy('web', '  replicas: 0\n'), count: 0 },
    {
      what: 'ReplicaSet without replicas: 1',
      text: `apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: rs}\nspec:\n  selector: {matchLabels: {app: a}}\n${template('{app: a}')}`,
      count: 1,
    },
    {
      what: 'Job without completions and parallelism: 1 (SetDefaults_Job)',
      text: `apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n${template('{app: j}', '      restartPolicy: Never\n')}`,
      count: 1,
    },
    {
      what: 'Job with parallelism 3 and completions 2: 2 at once',
      text: `apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  parallelism: 3\n  completions: 2\n${template('{app: j}', '      restartPolicy: Never\n')}`,
      count: 2,
    },
    {
      what: 'work-queue Job with parallelism 4 and no completions: 4',
      text: `apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  parallelism: 4\n${template('{app: j}', '      restartPolicy: OnFailure\n')}`,
      count: 4,
    },
    {
      what: 'suspended Job: none',
      text: `apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  suspend: true\n${template('{app: j}', '      restartPolicy: Never\n')}`,
      count: 0,
    },
    {
      what: 'finished Job (Complete condition): none',
      text: `apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n${template('{app: j}', '      restartPolicy: Never\n')}status:\n  conditions: [{type: Complete, status: "True"}]\n`,
      count: 0,
    },
    {
      what: 'ReplicationController with replicas 2 and no selector (defaults to the template labels)',
      text: `apiVersion: v1\nkind: ReplicationController\nmetadata: {name: rc}\nspec:\n  replicas: 2\n${template('{app: rc}')}`,
      count: 2,
    },
  ])('$what', ({ text, count }) => {
    expect(load(text).cluster.pods).toHaveLength(count);
  });

  it('a StatefulSet names its pods <name>-<ordinal> from spec.ordinals.start, with the StatefulSet labels', () => {
    const text = `apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  replicas: 2\n  ordinals: {start: 3}\n  serviceName: db\n  selector: {matchLabels: {app: db}}\n${template('{app: db}')}`;
    const pods = load(text).cluster.pods;
    expect(pods.map((p) => p.name)).toEqual(['db-3', 'db-4']);
    expect(pods[0]!.labels).toEqual({
      app: 'db',
      'apps.kubernetes.io/pod-index': '3',
      'controller-revision-hash': expect.stringMatching(new RegExp(`^db-${hashChars}+$`)),
      'statefulset.kubernetes.io/pod-name': 'db-3',
    });
  });

  it('a DaemonSet runs one pod per node whose labels match its nodeSelector', () => {
    const node = (name: string, labels: string): string => `apiVersion: v1\nkind: Node\nmetadata: {name: ${name}, labels: ${labels}}\nstatus: {addresses: [{type: InternalIP, address: 10.0.0.${name.length}${name.at(-1)}}]}\n---\n`;
    const text = node('w1', '{disk: ssd}') + node('w2', '{disk: hdd}') + node('w3', '{disk: ssd}') +
      `apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: cache, generation: 4}\nspec:\n  selector: {matchLabels: {app: cache}}\n${template('{app: cache}', '      nodeSelector: {disk: ssd}\n      hostNetwork: true\n')}`;
    const { cluster } = load(text);
    expect(cluster.pods.map((p) => [p.nodeName, p.ips, p.hostNetwork])).toEqual(expect.arrayContaining([
      ['w1', ['10.0.0.21'], true],
      ['w3', ['10.0.0.23'], true],
    ]));
    expect(cluster.pods).toHaveLength(2);
    expect(cluster.pods[0]!.name).toMatch(new RegExp(`^cache-${suffix}$`));
    expect(cluster.pods[0]!.labels['pod-template-generation']).toBe('4');
    expect(cluster.pods[0]!.labels['controller-revision-hash']).toMatch(new RegExp(`^${hashChars}+$`));
  });

  it('a DaemonSet on nodes without Node objects uses the kubelet labels (kubernetes.io/os: linux)', () => {
    const text = `apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: ds}\nspec:\n  selector: {matchLabels: {app: ds}}\n${template('{app: ds}', '      nodeSelector: {kubernetes.io/os: linux}\n')}`;
    expect(load(text).cluster.pods.map((p) => p.nodeName)).toEqual(expect.arrayContaining(['cent222', 'cent333']));
  });

  it('Job pods carry the generated selector labels; Indexed Jobs name and label each index', () => {
    const text = `apiVersion: batch/v1\nkind: Job\nmetadata: {name: j, uid: 1b2c}\nspec:\n  completions: 2\n  parallelism: 2\n  completionMode: Indexed\n${template('{app: j}', '      restartPolicy: Never\n')}`;
    const pods = load(text).cluster.pods;
    expect(pods.map((p) => p.name).sort()).toEqual([expect.stringMatching(new RegExp(`^j-0-${suffix}$`)), expect.stringMatching(new RegExp(`^j-1-${suffix}$`))]);
    expect(pods.find((p) => p.name.startsWith('j-0'))!.labels).toEqual({
      app: 'j',
      'batch.kubernetes.io/controller-uid': '1b2c',
      'batch.kubernetes.io/job-completion-index': '0',
      'batch.kubernetes.io/job-name': 'j',
      'controller-uid': '1b2c',
      'job-name': 'j',
    });
  });

  it('a CronJob runs the pods of one Job named after its creation minute, and says so', () => {
    const text = [
      'apiVersion: batch/v1', 'kind: CronJob', 'metadata: {name: rep, creationTimestamp: "2024-05-01T10:00:30Z"}', 'spec:',
      '  schedule: "*/5 * * * *"', '  jobTemplate:', '    spec:', '      template:', '        metadata: {labels: {app: rep}}', '        spec:',
      '          restartPolicy: OnFailure', '          containers: [{name: c, image: i}]', '',
    ].join('\n');
    const { cluster, warnings } = load(text);
    expect(cluster.pods.map((p) => [p.labels['job-name'], p.workload])).toEqual([['rep-28575960', { kind: 'CronJob', namespace: 'default', name: 'rep' }]]);
    expect(warnings.map(formatDiagnostic)).toEqual(['in.yaml:1: warning: CronJob default/rep is simulated as the pods of one run, Job rep-28575960 (its schedule is not evaluated)']);
  });

  it('a template nodeSelector no node matches: pods not created, one warning', () => {
    const text = deploy('web', '  replicas: 2\n').replace('    spec:\n', '    spec:\n      nodeSelector: {gpu: "true"}\n');
    const { cluster, warnings } = load(text);
    expect(cluster.pods).toEqual([]);
    expect(warnings.map(formatDiagnostic)[0]).toMatch(/^in\.yaml:7: warning: 2 pods not created: no node matches the template's nodeSelector \(shop\/web-/);
  });
});

describe('controller objects are validated as the API server does', () => {
  it.each([
    {
      what: 'a selector that does not select the template labels',
      text: deploy('web', '', '{app: web}').replace('metadata: {labels: {app: web}}', 'metadata: {labels: {app: wbe}}'),
      expected: ['in.yaml:7: spec.template.metadata.labels: `selector` does not match template `labels`'],
    },
    {
      what: 'an apps/v1 kind without a selector',
      text: `apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: s}\nspec:\n${template('{app: s}')}`,
      expected: ['in.yaml:4: spec.selector: required field is missing; expected a label selector matching spec.template.metadata.labels'],
    },
    {
      what: 'an empty selector',
      text: deploy('web', '', '{}'),
      expected: ['in.yaml:5: spec.selector: empty selector is invalid for deployment'],
    },
    {
      what: 'negative replicas',
      text: deploy('web', '  replicas: -1\n'),
      expected: ['in.yaml:5: spec.replicas: must be greater than or equal to 0, got -1'],
    },
    {
      what: 'a Job whose pods would restart Always (the default)',
      text: `apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n${template('{app: j}')}`,
      expected: ['in.yaml:5: spec.template.spec.restartPolicy: Required value: a Job\'s pods need restartPolicy "OnFailure", "Never" (the default "Always" is not allowed)'],
    },
    {
      what: 'a Deployment whose pods restart Never',
      text: deploy('web', '').replace('    spec:\n', '    spec:\n      restartPolicy: Never\n'),
      expected: ['in.yaml:9: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'],
    },
    {
      what: 'a Deployment of a removed API version',
      text: deploy('web', '').replace('apps/v1', 'extensions/v1beta1'),
      expected: ['in.yaml:1: apiVersion: "extensions/v1beta1" is not served for kind Deployment: expected "apps/v1"'],
    },
    {
      what: 'a template without containers',
      text: `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  selector: {matchLabels: {app: d}}\n  template:\n    metadata: {labels: {app: d}}\n    spec: {hostNetwork: false}\n`,
      expected: ['in.yaml:8: spec.template.spec.containers: required field is missing; expected at least one container'],
    },
  ])('refuses $what', ({ text, expected }) => {
    expect(errorLines(text)).toEqual(expected);
  });

  it('warns about unknown spec fields with a suggestion', () => {
    const text = deploy('web', '  replicsa: 2\n');
    expect(load(text).warnings.map(formatDiagnostic)).toEqual(['in.yaml:5: warning: unknown field "spec.replicsa" (did you mean "spec.replicas"?)']);
  });
});

describe('a dump with controllers and their pods', () => {
  const rsName = 'web-5d8f6b9c47';
  const rs = `apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: ${rsName}\n  namespace: shop\n  ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, uid: d1, controller: true}]\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: web, pod-template-hash: 5d8f6b9c47}}\n${template('{app: web, pod-template-hash: 5d8f6b9c47}')}`;
  const pod = (name: string, ip: string, owner = `{apiVersion: apps/v1, kind: ReplicaSet, name: ${rsName}, uid: r1, controller: true}`): string =>
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: shop\n  labels: {app: web, pod-template-hash: 5d8f6b9c47}\n  ownerReferences: [${owner}]\nspec: {nodeName: w1, containers: [{name: c}]}\nstatus: {phase: Running, podIP: ${ip}, hostIP: 10.0.0.1}\n`;

  it('uses the pods and creates nothing twice (Pod -> ReplicaSet -> Deployment)', () => {
    const text = [deploy('web', '  replicas: 2\n', '{app: web}'), rs, pod(`${rsName}-abcde`, '10.244.0.5'), pod(`${rsName}-fghij`, '10.244.0.6')].join('---\n');
    const { cluster } = load(text);
    expect(names(cluster)).toEqual([`${rsName}-abcde`, `${rsName}-fghij`]);
    expect(cluster.pods.map((p) => workloadLabel(workloadOf(p)))).toEqual(['shop/web[Deployment]', 'shop/web[Deployment]']);
    expect(cluster.workloads?.map((w) => [w.kind, w.pods, w.workload.kind])).toEqual([['Deployment', 'observed', 'Deployment'], ['ReplicaSet', 'observed', 'Deployment']]);
  });

  it('a Deployment and its ReplicaSet without pods: the ReplicaSet expands (its hash), once', () => {
    const { cluster } = load([deploy('web', '  replicas: 2\n'), rs].join('---\n'));
    expect(cluster.pods.map((p) => p.name)).toEqual([expect.stringMatching(new RegExp(`^${rsName}-${suffix}$`)), expect.stringMatching(new RegExp(`^${rsName}-${suffix}$`))]);
    expect(cluster.pods.every((p) => p.workload?.kind === 'Deployment' && p.workload.name === 'web')).toBe(true);
  });

  it('a pod owned by a ReplicaSet that is not in the dump belongs to the Deployment its pod-template-hash names', () => {
    expect(load(pod(`${rsName}-abcde`, '10.244.0.5')).cluster.pods.map((p) => workloadLabel(workloadOf(p)))).toEqual(['shop/web[Deployment]']);
  });

  it('a Job whose pods have all Completed creates none', () => {
    const job = `apiVersion: batch/v1\nkind: Job\nmetadata: {name: mig, namespace: shop}\nspec:\n${template('{app: mig}', '      restartPolicy: Never\n')}`;
    const done = pod('mig-x7k2p', '10.244.0.9', '{apiVersion: batch/v1, kind: Job, name: mig, uid: j1, controller: true}').replace('phase: Running', 'phase: Succeeded');
    const { cluster } = load([job, done].join('---\n'));
    expect(cluster.pods).toEqual([]);
    expect(cluster.workloads?.map((w) => w.pods)).toEqual(['observed']);
  });

  it('groups pods by workload, bare pods as [Pod]', () => {
    const bare = 'apiVersion: v1\nkind: Pod\nmetadata: {name: debug, namespace: shop}\n';
    const groups = groupByWorkload(load([deploy('web', '  replicas: 2\n'), bare].join('---\n')).cluster.pods);
    expect(groups.map((g) => [g.label, g.pods.length])).toEqual([['shop/debug[Pod]', 1], ['shop/web[Deployment]', 2]]);
  });
});

describe('applying and deleting controllers', () => {
  it('re-applying a Deployment replaces the pods created for it; deleting it deletes them', () => {
    const base = load(deploy('web', '  replicas: 3\n')).cluster;
    const scaled = applyManifests(base, [{ file: 'scale.yaml', text: deploy('web', '  replicas: 1\n') }]).cluster;
    expect(scaled.pods).toHaveLength(1);
    expect(scaled.pods[0]!.name).toBe(base.pods.map((p) => p.name).find((n) => n === scaled.pods[0]!.name));
    const gone = deleteObjects(scaled, [{ kind: 'Deployment', namespace: 'shop', name: 'web' }]);
    expect(gone.pods).toEqual([]);
    expect(gone.workloads).toEqual([]);
  });
});
