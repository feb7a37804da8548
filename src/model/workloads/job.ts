/**
 * Job (batch/v1): with the API's defaults (SetDefaults_Job in kubernetes
 * pkg/apis/batch/v1/defaults.go: completions and parallelism 1 when both are unset,
 * parallelism 1 when unset), a Job runs min(parallelism, completions) pods at once
 * (parallelism for a work queue without completions), none when suspended or finished
 * (a `Complete` or `Failed` condition). Pods are named `<job>-<5 chars>`
 * (`<job>-<index>-<5 chars>` in Indexed mode) and carry the labels the API server's
 * generateSelector adds: `job-name`, `batch.kubernetes.io/job-name`, `controller-uid`,
 * `batch.kubernetes.io/controller-uid` (the Job's uid, or a deterministic one), plus
 * `batch.kubernetes.io/job-completion-index` for Indexed Jobs.
 */
import type { Labels } from '../types.js';
import { childPath, field, readBoolean, readMap, readMapList, readString, report, type MapView } from '../field-reader.js';
import type { GeneratedPod, JobSpecDraft, WorkloadModule } from './types.js';
import { readCount, generatedNames, withLabels } from './spec-fields.js';
import { deterministicUid } from './names.js';

export const JOB_SPEC_FIELDS = ['parallelism', 'completions', 'activeDeadlineSeconds', 'podFailurePolicy', 'successPolicy', 'backoffLimit',
  'backoffLimitPerIndex', 'maxFailedIndexes', 'selector', 'manualSelector', 'template', 'ttlSecondsAfterFinished', 'completionMode',
  'suspend', 'podReplacementPolicy', 'managedBy'];

/** Reads the parts of a JobSpec that decide its pods (also a CronJob's `jobTemplate.spec`). */
export function readJobSpec(spec: MapView): JobSpecDraft | undefined {
  const hasCompletions = field(spec, 'completions') !== undefined;
  const hasParallelism = field(spec, 'parallelism') !== undefined;
  const completions = hasCompletions ? readCount(spec, 'completions', 1) : hasParallelism ? undefined : 1;
  const parallelism = readCount(spec, 'parallelism', 1);
  const mode = readString(spec, 'completionMode');
  if (mode !== undefined && mode !== 'NonIndexed' && mode !== 'Indexed') {
    report(spec.ctx, 'error', field(spec, 'completionMode')?.line ?? spec.line, childPath(spec.path, 'completionMode'), `Unsupported value: "${mode}": supported values: "NonIndexed", "Indexed"`);
    return undefined;
  }
  if (mode === 'Indexed' && !hasCompletions) {
    report(spec.ctx, 'error', spec.line, childPath(spec.path, 'completions'), 'Required value: when completionMode is Indexed');
    return undefined;
  }
  if (parallelism === undefined || (hasCompletions && completions === undefined)) return undefined;
  return {
    parallelism,
    ...(completions === undefined ? {} : { completions }),
    indexed: mode === 'Indexed',
    suspended: readBoolean(spec, 'suspend') ?? false,
    manualSelector: readBoolean(spec, 'manualSelector') ?? false,
  };
}

/** True when `status.conditions` holds Complete or Failed with status "True". */
function isFinished(object: MapView): boolean {
  const status = readMap(object, 'status');
  if (status === undefined) return false;
  return (readMapList(status, 'conditions') ?? []).some(({ item }) => {
    const type = readString(item, 'type');
    return (type === 'Complete' || type === 'Failed') && readString(item, 'status') === 'True';
  });
}

/** The labels and pods of one Job run named `jobName`. */
export function jobPods(job: JobSpecDraft, jobName: string, uid: string, template: Labels, namespace: string, seed: number): GeneratedPod[] {
  if (job.suspended) return [];
  const count = job.completions === undefined ? job.parallelism : Math.min(job.parallelism, job.completions);
  const labels = withLabels(template, {
    'job-name': jobName,
    'batch.kubernetes.io/job-name': jobName,
    'controller-uid': uid,
    'batch.kubernetes.io/controller-uid': uid,
  });
  if (!job.indexed) return generatedNames(seed, namespace, `${jobName}-`, count).map((name) => ({ name, labels }));
  const out: GeneratedPod[] = [];
  for (let index = 0; index < count; index++) {
    const [name] = generatedNames(seed, namespace, `${jobName}-${index}-`, 1);
    out.push({ name: name!, labels: withLabels(labels, { 'batch.kubernetes.io/job-completion-index': String(index) }) });
  }
  return out;
}

export const job: WorkloadModule = {
  kind: 'Job',
  apiVersion: 'batch/v1',
  specFields: JOB_SPEC_FIELDS,
  readSpec(spec, object) {
    const draft = readJobSpec(spec);
    return draft === undefined ? undefined : { kind: 'Job', job: draft, finished: isFinished(object) };
  },
  templateOf: (spec) => ({ parent: spec, key: 'template' }),
  pods(w, ctx) {
    if (w.spec.kind !== 'Job' || w.spec.finished) return [];
    const uid = w.uid ?? deterministicUid(ctx.seed, `${w.namespace}/Job/${w.name}`);
    return jobPods(w.spec.job, w.name, uid, w.template.labels, w.namespace, ctx.seed);
  },
};
