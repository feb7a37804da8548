/**
 * CronJob (batch/v1): simulated as the pods of ONE run of its Job, named as the cronjob
 * controller names Jobs (`<name>-<scheduled time in unix minutes>`, getJobName in
 * pkg/controller/cronjob/utils.go): the minute of `metadata.creationTimestamp` when written,
 * else 28401120 (2024-01-01T00:00Z). The schedule is not evaluated. A suspended CronJob
 * runs none. Each expansion says so in a warning.
 */
import { readBoolean, readMap, field, missing, type MapView } from '../field-reader.js';
import type { WorkloadDraft, WorkloadModule } from './types.js';
import { JOB_SPEC_FIELDS, jobPods, readJobSpec } from './job.js';
import { deterministicUid } from './names.js';
import { warnUnknownFields } from '../field-reader.js';

/** 2024-01-01T00:00Z in minutes: the run shown when the CronJob has no creationTimestamp. */
export const DEFAULT_RUN_MINUTE = 28401120;

function jobSpecView(spec: MapView): MapView | undefined {
  const jobTemplate = readMap(spec, 'jobTemplate');
  if (jobTemplate === undefined) {
    if (field(spec, 'jobTemplate') === undefined) missing(spec, 'jobTemplate', 'a Job template (jobTemplate.spec.template)');
    return undefined;
  }
  warnUnknownFields(jobTemplate, ['metadata', 'spec']);
  const jobSpec = readMap(jobTemplate, 'spec');
  if (jobSpec === undefined && field(jobTemplate, 'spec') === undefined) missing(jobTemplate, 'spec', 'a Job spec with a pod template');
  if (jobSpec !== undefined) warnUnknownFields(jobSpec, JOB_SPEC_FIELDS);
  return jobSpec;
}

export function cronJobRunName(w: WorkloadDraft): string {
  const minute = w.createdAtMs === undefined ? DEFAULT_RUN_MINUTE : Math.floor(w.createdAtMs / 60000);
  return `${w.name}-${minute}`;
}

export const cronJob: WorkloadModule = {
  kind: 'CronJob',
  apiVersion: 'batch/v1',
  specFields: ['schedule', 'timeZone', 'startingDeadlineSeconds', 'concurrencyPolicy', 'suspend', 'jobTemplate', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit'],
  readSpec(spec) {
    if (field(spec, 'schedule') === undefined) missing(spec, 'schedule', 'a cron schedule such as "*/5 * * * *"');
    const jobSpec = jobSpecView(spec);
    const draft = jobSpec === undefined ? undefined : readJobSpec(jobSpec);
    return draft === undefined ? undefined : { kind: 'CronJob', job: draft, suspended: readBoolean(spec, 'suspend') ?? false };
  },
  templateOf(spec) {
    const jobSpec = readMap(readMap(spec, 'jobTemplate') ?? spec, 'spec');
    return jobSpec === undefined ? undefined : { parent: jobSpec, key: 'template' };
  },
  pods(w, ctx) {
    if (w.spec.kind !== 'CronJob' || w.spec.suspended) return [];
    const jobName = cronJobRunName(w);
    const uid = deterministicUid(ctx.seed, `${w.namespace}/Job/${jobName}`);
    return jobPods(w.spec.job, jobName, uid, w.template.labels, w.namespace, ctx.seed);
  },
  note(w) {
    if (w.spec.kind !== 'CronJob') return undefined;
    if (w.spec.suspended) return `CronJob ${w.namespace}/${w.name} is suspended: no Job runs, no pods`;
    return `CronJob ${w.namespace}/${w.name} is simulated as the pods of one run, Job ${cronJobRunName(w)} (its schedule is not evaluated)`;
  },
};
